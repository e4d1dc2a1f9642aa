// The second engine: Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi. (playwright-core drives
// only its own patched Firefox build, which cannot be downloaded here; puppeteer-core drives a stock Firefox.)
// Same rules as test/browser.ts: first-party pages come from disk under https://www.innfram.test, the built drop-in
// at /samtykke/, and every other host is answered by a fake (test/fakes.ts) and logged.
import { existsSync } from 'node:fs'
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core'
import { fakeFor } from './fakes'
import { firstPartyFile, isFirstParty, ORIGIN } from './site'

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr'

export function launchFirefox(): Promise<Browser> {
  if (!existsSync(FIREFOX))
    throw new Error(`Firefox not found at ${FIREFOX}: run \`node scripts/ensure-browsers.mjs\` (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH`)
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // No updates, telemetry or other calls home while the tests run.
    extraPrefsFirefox: { 'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false, 'app.update.enabled': false },
  })
}

export interface FirefoxSite {
  context: BrowserContext
  page: Page
  /** Every request that left for a third-party host, in order. */
  thirdParty: string[]
  errors: string[]
  /** Console messages of type warn or error. */
  console: string[]
  close(): Promise<void>
}

/**
 * What a request is for, read from its URL: WebDriver BiDi does not tell puppeteer the resource type. It only picks
 * the fake's body; a fake that any request gets counts in `thirdParty` all the same.
 */
const kindOf = (url: URL) =>
  /\.js$|\/gtag\/js$/.test(url.pathname) ? 'script' : /\/embed\//.test(url.pathname) ? 'document' : /^\/tr\/?$/.test(url.pathname) ? 'image' : ''

/**
 * A fresh context (empty cookie jar): `/samtykke/*` from packages/samtykke/dist, pages given in `files` (path → HTML),
 * the rest from `root`.
 */
export async function openFirefoxSite(browser: Browser, root: string, files: Record<string, string> = {}): Promise<FirefoxSite> {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  const thirdParty: string[] = []
  const errors: string[] = []
  const messages: string[] = []
  await page.setRequestInterception(true)
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (!/^https?:$/.test(url.protocol)) return void r.continue() // data: fonts and the like
    if (!isFirstParty(url.hostname)) {
      thirdParty.push(url.href)
      const fake = fakeFor(url, kindOf(url))
      return void r.respond({ status: fake.status ?? 200, contentType: fake.contentType, body: fake.body, headers: { 'access-control-allow-origin': '*' } })
    }
    if (r.method() == 'POST') return void r.respond({ status: 204, body: '' })
    const { status, type, body } = firstPartyFile(url.pathname, { files, root })
    return void r.respond({ status, contentType: type, body })
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => (m.type() == 'warn' || m.type() == 'error') && messages.push(m.text()))
  return { context, page, thirdParty, errors, console: messages, close: () => context.close() }
}

