import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { resolve } from 'node:path'

// The UI's modules import the core by its package name; in the unit tests that is the core's source, the same
// modules the tests import by path (not a second copy from dist/).
const coreSource = { '@samtykke/core': fileURLToPath(new URL('packages/core/src/index.ts', import.meta.url)) }

// The tests run the npm build's code (packages/core/src/env.d.ts); the drop-in's is tested in the browser, built.
const define = { __DROPIN__: 'false' }

export default defineConfig({
  test: {
    projects: [
      {
        define,
        // Logic, in Node by default: a file that needs a DOM opts in with `// @vitest-environment happy-dom`.
        test: {
          name: 'unit',
          environment: 'node',
          include: ['packages/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**', 'packages/server/**'],
        },
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        resolve: { alias: coreSource },
      },
      {
        define,
        // @samtykke/react's tests again, with React 18 instead of 19: `react` and `react-dom` (and their subpaths) from
        // packages/react/react18, a folder of its own so that react-dom 18 gets React 18 as its peer.
        resolve: {
          alias: [
            { find: /^react(-dom)?(\/.*)?$/, replacement: resolve('packages/react/react18/node_modules/react$1$2') },
          ],
        },
        test: {
          name: 'react18',
          environment: 'node',
          include: ['packages/react/src/**/*.test.{ts,tsx}'],
        },
      },
      {
        define,
        // The consent log (@samtykke/server), against PGlite and a real Postgres server that globalSetup starts in a
        // temp folder and stops afterwards (test/pg-cluster.mjs). Files run in parallel; each uses its own database.
        test: {
          name: 'server',
          environment: 'node',
          include: ['packages/server/src/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          globalSetup: ['packages/server/test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        define,
        // Real Chromium (Debian's), driven by playwright-core, against the built dist/.
        test: {
          name: 'browser',
          environment: 'node',
          include: ['packages/*/src/**/*.browser.test.ts', 'examples/*/**/*.browser.test.ts', 'test/*.browser.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // expect.poll waits for what a page does; a busy machine may take longer than vitest's default second.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
})
