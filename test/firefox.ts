// The second engine: Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi. (playwright-core drives
// only its own patched Firefox build, which cannot be downloaded here; puppeteer-core drives a stock Firefox.)
// Same rules as test/browser.ts: first-party pages come from disk under https://www.innfram.test, the built drop-in
// at /samtykke/, and every other host is answered by a fake (test/fakes.mjs) and logged.
import { existsSync } from 'node:fs'
import puppeteer, { ProtocolError, type Browser, type BrowserContext, type Page } from 'puppeteer-core'
import { fakeFor } from './fakes.mjs'
import { firstPartyFile, isFirstParty } from './site'

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr'

export function launchFirefox(): Promise<Browser> {
  if (!existsSync(FIREFOX))
    throw new Error(
      `Firefox not found at ${FIREFOX}: run \`node scripts/ensure-browsers.mjs\` (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH`,
    )
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // No updates, telemetry or other calls home while the tests run.
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'app.update.enabled': false,
    },
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
  /\.js$|\/gtag\/js$/.test(url.pathname)
    ? 'script'
    : /\/embed\//.test(url.pathname)
      ? 'document'
      : /^\/tr\/?$/.test(url.pathname)
        ? 'image'
        : ''

/**
 * Whether an intercepted request's answer failed only because the request is gone. Firefox (ESR 153 and later) may
 * cancel a request before the harness answers it (seen: the favicon request of a page that stops loading or navigates
 * away). WebDriver BiDi then says "no such request": there is nothing left to answer. (An answer after the context
 * was closed was seen to succeed quietly.)
 */
export const requestWasGone = (error: unknown) =>
  error instanceof ProtocolError && /\bno such request\b/.test(error.message)

/**
 * Settles an answer (`respond`, `continue`, `abort`) to an intercepted request. A request that went away is not an
 * error; any other failure is rethrown, so it still fails the run as an unhandled rejection, as it would unguarded.
 */
export function answer(answering: Promise<void>): void {
  answering.catch((error: unknown) => {
    if (!requestWasGone(error)) throw error
  })
}

/**
 * A fresh context (empty cookie jar): `/samtykke/*` from packages/samtykke/dist, pages given in `files` (path → HTML),
 * the rest from `root`.
 */
export async function openFirefoxSite(
  browser: Browser,
  root: string,
  files: Record<string, string> = {},
): Promise<FirefoxSite> {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  const thirdParty: string[] = []
  const errors: string[] = []
  const messages: string[] = []
  await page.setRequestInterception(true)
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (!/^https?:$/.test(url.protocol)) return answer(r.continue()) // data: fonts and the like
    if (!isFirstParty(url.hostname)) {
      thirdParty.push(url.href)
      const fake = fakeFor(url, kindOf(url))
      return answer(
        r.respond({
          status: fake.status ?? 200,
          contentType: fake.contentType,
          body: fake.body,
          headers: { 'access-control-allow-origin': '*' },
        }),
      )
    }
    if (r.method() == 'POST') return answer(r.respond({ status: 204, body: '' }))
    const { status, type, body } = firstPartyFile(url.pathname, { files, root })
    answer(r.respond({ status, contentType: type, body }))
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => (m.type() == 'warn' || m.type() == 'error') && messages.push(m.text()))
  return { context, page, thirdParty, errors, console: messages, close: () => context.close() }
}
