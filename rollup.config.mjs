// One build for the workspace: the npm packages (minified ESM + types), the drop-in script (IIFE),
// and the bundles the size budgets measure.
import typescript from '@rollup/plugin-typescript'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { dts } from 'rollup-plugin-dts'

const minify = (module, { mangle = {}, compress } = {}) =>
  terser({
    ecma: 2020,
    module,
    mangle,
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true, ...compress },
    format: { comments: /allFunctionsCalledOnLoad/ },
  })

/**
 * The UI chunk holds its own copy of Preact, which nothing outside it can reach: Preact's internal properties (`__k`,
 * `__e`, …, already shortened by Preact's own build) can go down to one letter. Only those names: `__html` and
 * `__proto__` are not Preact's to rename. Object methods need no `function` (nothing here calls them with `new`).
 */
const closedPreact = { mangle: { properties: { regex: /^(__[a-zA-Z]?|_sb)$/ } }, compress: { unsafe_methods: true } }

// V8's explicit compile hint (Chromium 136+; other engines ignore it): every function in the drop-in runs at start-up,
// so compiling them eagerly, off the main thread, beats compiling each lazily on first call (bench/startup.mjs).
const compileHint = '//# allFunctionsCalledOnLoad'

// nanostores keeps a dev-only helper behind process.env.NODE_ENV, which browsers don't have.
const production = replace({
  preventAssignment: true,
  values: { 'process.env.NODE_ENV': JSON.stringify('production') },
})

// Which build a module is in (packages/core/src/env.d.ts): the drop-in's files, or the npm packages.
const build = (dropin) => replace({ preventAssignment: true, values: { __DROPIN__: String(dropin) } })

const external = (deps) => (id) => deps.some((d) => id === d || id.startsWith(d + '/'))

const pkg = (name, deps, banner) => [
  {
    input: `packages/${name}/src/index.ts`,
    external: external(deps),
    output: { dir: `packages/${name}/dist`, format: 'es', entryFileNames: 'index.js', banner },
    plugins: [
      build(false),
      // Absolute: relative paths here are read from the tsconfig's folder, and the file filter follows rootDir.
      typescript({
        tsconfig: `packages/${name}/tsconfig.json`,
        compilerOptions: {
          declaration: false,
          outDir: resolve(`packages/${name}/dist`),
          rootDir: resolve(`packages/${name}/src`),
        },
      }),
      // A directive in the banner is one terser does not know: `directives: false` keeps it.
      minify(true, banner && { compress: { directives: false } }),
    ],
  },
  // One index.d.ts per package: no internal imports for Node's ESM resolution to trip on.
  {
    input: `packages/${name}/src/index.ts`,
    external: external(deps),
    output: { file: `packages/${name}/dist/index.d.ts`, format: 'es' },
    plugins: [dts({ tsconfig: `packages/${name}/tsconfig.json` })],
  },
]

/** Every language samtykke speaks (packages/core/src/config/lang.ts): one UI chunk and one floating button each. */
const LANGS = JSON.parse(
  /LANGS = (\[[^\]]*\])/.exec(readFileSync('packages/core/src/config/lang.ts', 'utf8'))[1].replace(/'/g, '"'),
)

/**
 * The chunks of one language (the UI, the floating button): the text tables module holds that language's table and
 * button name only, and the language is a constant there. The drop-in fetches the chunks of the visitor's language
 * (config.lang, resolved by the core); for a language the site adds through `texts`, the `own` chunks: English under
 * the site's texts, so that English visitors do not download what only those need.
 */
const TABLES = resolve('packages/ui/src/i18n/tables.ts')
const oneLanguage = (lang) => ({
  name: 'one-language',
  async resolveId(id, from) {
    if (!id.endsWith('/tables')) return null
    return (await this.resolve(id, from, { skipSelf: true }))?.id == TABLES ? '\0tables' : null
  },
  load: (id) => {
    if (id != '\0tables') return null
    const file = (name) => JSON.stringify(resolve(`packages/ui/src/i18n/${name}.ts`))
    return lang == 'own'
      ? `import { settings } from ${file('en')}; import { added } from ${file('added')}\n` +
          `export const ONLY = undefined; export const tableOf = added; export const settingsOf = () => settings`
      : `import { ${lang}, settings } from ${file(lang)}\n` +
          `export const ONLY = '${lang}'; export const tableOf = () => ${lang}; export const settingsOf = () => settings`
  },
})

/**
 * In the drop-in's bundles, the UI's one runtime import from `@samtykke/core` (its types aside), the language rule,
 * comes from the core's source module: the package's index would also bring the tracker list, built at import.
 */
const coreSource = {
  name: 'core-source',
  resolveId: (id) => (id == '@samtykke/core' ? resolve('packages/core/src/config/lang.ts') : null),
}

const ERRORS = resolve('packages/core/src/errors.ts')
const MESSAGES = resolve('packages/samtykke/src/messages.ts')
/**
 * The drop-in prints the same messages as the packages, but fetches their text only when it has one to print:
 * every message builder of core/src/errors.ts becomes a placeholder from samtykke/src/messages.ts, and
 * samtykke-messages.js carries the text.
 */
const lazyMessages = () => ({
  name: 'lazy-messages',
  async resolveId(id, from) {
    if (!id.endsWith('/errors') || !from || from == MESSAGES || from.endsWith('/messages-text.ts')) return null
    return (await this.resolve(id, from, { skipSelf: true }))?.id == ERRORS ? '\0messages' : null
  },
  load(id) {
    if (id != '\0messages') return null
    const names = [...readFileSync(ERRORS, 'utf8').matchAll(/^export const (\w+) = /gm)].map((m) => m[1])
    const kept = ['PREFIX', 'warn', 'error', 'uiFailed']
    return (
      `import { placeholder } from ${JSON.stringify(MESSAGES)}\nexport { ${kept} } from ${JSON.stringify(MESSAGES)}\n` +
      names
        .filter((n) => !kept.includes(n))
        .map((n) => `export const ${n} = /*#__PURE__*/ placeholder(${JSON.stringify(n)})`)
        .join('\n')
    )
  },
})

/** Everything bundled, for the browser: the drop-in and its lazy chunks, and the size checks. */
const bundle = (input, file, format = 'iife', banner, lang, messages, terse) => ({
  input,
  output: { file, format, generatedCode: 'es2015', banner },
  plugins: [
    // The drop-in's files (dist/), or what an app bundles from the npm packages (.size/store.js).
    build(file.includes('/dist/')),
    lang && oneLanguage(lang),
    coreSource,
    messages && lazyMessages(),
    nodeResolve({ browser: true }),
    production,
    typescript({
      tsconfig: 'packages/samtykke/tsconfig.json',
      compilerOptions: { declaration: false, noEmit: false, outDir: undefined },
    }),
    minify(format == 'es', terse),
  ],
})

/**
 * A Node-side tool (`samtykke mark|scan|serve`: packages/mark, scan, server): `src/index.ts` (the API) and `src/cli.ts` (exports
 * `main(argv)`, run by `samtykke <name>`) as plain ESM for Node, unminified (stack traces stay readable); every
 * dependency of its package.json and every Node built-in stays external. Built only once the package exists.
 */
const TOOLS = ['mark', 'scan', 'server'].filter((name) => existsSync(`packages/${name}/src/index.ts`))
const tool = (name) => {
  const meta = JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8'))
  const deps = Object.keys({ ...meta.dependencies, ...meta.peerDependencies, ...meta.optionalDependencies })
  const outside = (id) => id.startsWith('node:') || builtinModules.includes(id) || external(deps)(id)
  const tsconfig = `packages/${name}/tsconfig.json`
  return [
    {
      input: { index: `packages/${name}/src/index.ts`, cli: `packages/${name}/src/cli.ts` },
      external: outside,
      output: { dir: `packages/${name}/dist`, format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
      plugins: [
        typescript({
          tsconfig,
          compilerOptions: {
            declaration: false,
            outDir: resolve(`packages/${name}/dist`),
            rootDir: resolve(`packages/${name}/src`),
          },
        }),
      ],
    },
    {
      input: `packages/${name}/src/index.ts`,
      external: outside,
      output: { file: `packages/${name}/dist/index.d.ts`, format: 'es' },
      plugins: [dts({ tsconfig })],
    },
  ]
}

export default [
  ...pkg('core', ['js-cookie', 'nanostores']),
  ...pkg('ui', ['preact', '@samtykke/core']),
  // Its components and hooks run in the browser: 'use client' lets a Next.js server component render them.
  ...pkg('react', ['react', '@samtykke/core', '@samtykke/ui'], "'use client';"),
  bundle(
    'packages/samtykke/src/samtykke.ts',
    'packages/samtykke/dist/samtykke.js',
    'iife',
    compileHint,
    undefined,
    true,
  ),
  ...[...LANGS, 'own'].flatMap((lang) => [
    bundle(
      'packages/samtykke/src/ui.ts',
      `packages/samtykke/dist/samtykke-ui.${lang}.js`,
      'iife',
      undefined,
      lang,
      false,
      closedPreact,
    ),
    bundle(
      'packages/samtykke/src/reopen.ts',
      `packages/samtykke/dist/samtykke-reopen.${lang}.js`,
      'iife',
      undefined,
      lang,
    ),
  ]),
  bundle('packages/samtykke/src/outbox.ts', 'packages/samtykke/dist/samtykke-outbox.js'),
  bundle('packages/samtykke/src/messages-text.ts', 'packages/samtykke/dist/samtykke-messages.js'),
  // What `import { createConsent } from '@samtykke/core'` puts in an app, js-cookie and nanostores included: measured by
  // size-limit only, so it is written outside dist/ (nothing a site serves or npm publishes).
  bundle('packages/samtykke/src/size/store.ts', 'packages/samtykke/.size/store.js', 'es'),
  // What `import { Consent, useConsent } from '@samtykke/react'` adds to an app beside React: the package and the
  // placeholder's texts from @samtykke/ui (its built files, as an app's bundler finds them). Measured only, like store.js.
  {
    input: 'packages/react/dist/index.js',
    external: external(['react', 'react-dom']),
    output: { file: 'packages/samtykke/.size/react.js', format: 'es' },
    onwarn: (w, warn) => w.code == 'MODULE_LEVEL_DIRECTIVE' || warn(w),
    plugins: [nodeResolve({ browser: true }), minify(true)],
  },
  // The types of window.samtykke, for sites that use the drop-in from TypeScript (packages/samtykke/src/types.ts).
  {
    input: 'packages/samtykke/src/types.ts',
    output: { file: 'packages/samtykke/dist/samtykke.d.ts', format: 'es' },
    plugins: [dts({ tsconfig: 'packages/samtykke/tsconfig.json', respectExternal: true })],
  },
  ...TOOLS.flatMap(tool),
]
