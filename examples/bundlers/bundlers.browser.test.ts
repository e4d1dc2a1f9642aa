// The npm packages in a site's own bundle, built by webpack and by Rollup from their published entry points
// (package.json "exports", dist/), then run in Chromium: the banner shows, and the blocker holds a tag manager.
// (Vite is checked by examples/vite; Node without a DOM by examples/vite/check-ssr.mjs.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { resolve } from 'node:path'
import webpack from 'webpack'
import { rollup } from 'rollup'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import { launchChromium, openSite, ORIGIN } from '../../test/browser'

const entry = resolve(import.meta.dirname, 'src/app.js')

function withWebpack(): Promise<string> {
  return new Promise((done, fail) => {
    const compiler = webpack({
      mode: 'production',
      entry,
      target: 'web',
      output: { path: '/out', filename: 'app.js' },
      performance: { hints: false },
    })
    // In memory: nothing is written next to the sources.
    const files: Record<string, string> = {}
    compiler.outputFileSystem = {
      mkdir: (_: string, ...a: any[]) => a.at(-1)(null),
      writeFile: (p: string, data: Buffer | string, ...a: any[]) => ((files[p] = String(data)), a.at(-1)(null)),
      stat: (_: string, cb: any) => cb(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })),
    } as any
    compiler.run((err, stats) => {
      if (err || stats?.hasErrors() || stats?.hasWarnings())
        return fail(err ?? new Error(stats!.toString('errors-warnings')))
      compiler.close(() => done(files['/out/app.js']))
    })
  })
}

// As the README says: nanostores keeps a development helper behind process.env.NODE_ENV, which webpack and Vite
// define and Rollup leaves to the app (as for React).
const nodeEnv = () =>
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } })

async function withRollup(plugins = [nodeResolve({ browser: true }), nodeEnv()]): Promise<string> {
  const warnings: string[] = []
  const bundle = await rollup({ input: entry, plugins, onwarn: (w) => void warnings.push(w.message) })
  const { output } = await bundle.generate({ format: 'iife' })
  expect(warnings).toEqual([])
  return output[0].code
}

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

// The site's bundle first in <body> (mountUI needs one), then a tag manager inserting gtag.js at run time.
const page = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>App</title></head>
<body><script src="/app.js"></script><main><h1>App</h1></main><script>var s=document.createElement('script');s.src='https://www.googletagmanager.com/gtag/js?id=G-TEST123';document.head.appendChild(s)</script></body></html>`

describe.each([
  ['webpack 5', withWebpack],
  ['Rollup 4', withRollup],
])('@samtykke/core and @samtykke/ui bundled by %s', (_, build) => {
  it('build without warnings and run: banner shown, tracker held until consent', async () => {
    const code = await build()
    const site = await openSite(browser, { files: { '/': page, '/app.js': code } })
    await site.page.goto(ORIGIN + '/')
    const accept = site.page.getByRole('button', { name: 'Godta alle' })
    await accept.waitFor({ timeout: 5000 }).catch((e) => {
      throw new Error(`no banner: ${site.errors.join('; ')} ${e}`)
    })
    expect(site.to('googletagmanager.com')).toEqual([])
    await accept.click()
    await expect.poll(() => site.to('googletagmanager.com').length).toBe(1)
    expect(await site.page.evaluate(() => (window as any).app.consent.has('marketing'))).toBe(true)
    expect(site.errors).toEqual([])
    await site.close()
  })
})

it('Rollup without process.env.NODE_ENV defined: the page error the README warns about', async () => {
  const site = await openSite(browser, {
    files: { '/': page, '/app.js': await withRollup([nodeResolve({ browser: true })]) },
  })
  await site.page.goto(ORIGIN + '/', { waitUntil: 'load' })
  expect(site.errors.map(String)).toEqual(['ReferenceError: process is not defined'])
  await site.close()
})
