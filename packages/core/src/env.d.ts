// Set by the build (rollup.config.mjs; vitest.config.ts for the tests): true in the drop-in's files (samtykke.js and
// its chunks), false in the npm packages. Code for one of them alone goes behind it, and the minifier drops the other.
declare const __DROPIN__: boolean
