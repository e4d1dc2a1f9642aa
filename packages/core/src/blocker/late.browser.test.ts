// The npm path as the README shows it: an app's module script imports @samtykke/core (the built package, through an
// import map) and calls blockTrackers(). It runs after the HTML is parsed, so a tag pasted in the HTML has loaded by
// then: blockTrackers() says so, once, naming the tags. Marked tags get no warning, and nothing leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchChromium, openSite, ORIGIN, ROOT } from '../../../../test/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const IMPORTS = {
  '@samtykke/core': '/packages/core/dist/index.js',
  'js-cookie': '/packages/core/node_modules/js-cookie/dist/js.cookie.mjs',
  nanostores: '/packages/core/node_modules/nanostores/index.js',
}
const app = `import { blockTrackers, consentMode, createConsent } from '@samtykke/core'
const consent = createConsent({ revision: 1 })
consentMode(consent)
blockTrackers(consent)
window.__started = true`
const page = (head: string, body = '') => `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>App</title>
<script type="importmap">${JSON.stringify({ imports: IMPORTS })}</script>
<script>window.process = { env: { NODE_ENV: 'production' } } /* what a bundler defines for nanostores */</script>
<script type="module">${app}</script>
${head}
</head><body>${body}</body></html>`

const GA4 =
  `<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments)} ` +
  `gtag('js', new Date()); gtag('config', 'G-TEST123')</script>`
const PIXEL = '<img src="https://www.facebook.com/tr?id=1&amp;ev=PageView" width="1" height="1" alt="">'

describe('blockTrackers() from npm', () => {
  it('warns once, naming the tracker tags that loaded before it started', async () => {
    const site = await openSite(browser, { files: { '/': page(GA4, PIXEL) } })
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.waitForFunction(() => (window as { __started?: boolean }).__started)
      const warnings = site.console.filter((m) => m.type == 'warning').map((m) => m.text)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(
        /^samtykke: blockTrackers\(\) started after these trackers had loaded, so it could not hold them: /,
      )
      expect(warnings[0]).toContain('<script src="https://www.googletagmanager.com/gtag/js?id=G-TEST123">')
      expect(warnings[0]).toContain('<img src="https://www.facebook.com/tr?id=1&ev=PageView">')
      expect(warnings[0]).toContain('samtykkeMark() (Vite) or markMiddleware() (Node) from @samtykke/mark')
      // What the warning is about: gtag.js ran before any choice.
      expect(await site.page.evaluate(() => (window as { __ran?: string[] }).__ran ?? [])).toContain('gtag')
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })

  it('says nothing when the tags are marked, and nothing reaches a tracker', async () => {
    const marked = GA4.replace(
      '<script async src=',
      '<script type="text/plain" data-category="analytics" async src=',
    ).replace('<script>window.dataLayer', '<script type="text/plain" data-category="analytics">window.dataLayer')
    const site = await openSite(browser, {
      files: { '/': page(marked, PIXEL.replace('<img src=', '<img data-category="marketing" data-src=')) },
    })
    try {
      await site.page.goto(ORIGIN + '/')
      await site.page.waitForFunction(() => (window as { __started?: boolean }).__started)
      await site.page.waitForLoadState('networkidle')
      expect(site.console).toEqual([])
      expect(site.thirdParty).toEqual([])
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })
})

it('the drop-in ships none of it: samtykke.js starts first in <head>, before any tag could load', () => {
  const head = readFileSync(join(ROOT, 'packages/samtykke/dist/samtykke.js'), 'utf8')
  expect(head).not.toContain('lateTrackers')
  expect(head).not.toContain('getEntriesByType')
  expect(readFileSync(join(ROOT, 'packages/core/dist/index.js'), 'utf8')).toContain('getEntriesByType')
})
