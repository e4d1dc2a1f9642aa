// The real-browser harness: Debian's Chromium driven by playwright-core.
// First-party pages are served from disk under https://www.innfram.test (and its subdomains);
// every other host is answered by a fake and logged, so a test can assert that nothing left the page.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { fulfillWithFake } from './chromium.mjs'
import { firstPartyFile, isFirstParty, ORIGIN, ROOT, SITE } from './site'

export { launchChromium } from './chromium.mjs'
export { ORIGIN, ROOT, SITE }

export interface ThirdPartyRequest {
  url: string
  host: string
  type: string
  method: string
  /** Milliseconds since the harness opened the context. */
  at: number
}

export interface SiteOptions {
  /** Pages and files by path (`/` or `/index.html`, `/app.js`): served first. */
  files?: Record<string, string>
  /** A folder served at `/` for paths not in `files` (e.g. `examples/innfram`). */
  root?: string
  /** Extra response headers for HTML pages (e.g. a Content-Security-Policy). */
  headers?: Record<string, string>
  /**
   * A server that answers for the site (e.g. `http://127.0.0.1:3000`, a `next start`): every first-party request goes
   * there, cookies and all, instead of to `files` and `root`.
   */
  upstream?: string
  /** Context options: viewport, reducedMotion, colorScheme, locale... */
  context?: Parameters<Browser['newContext']>[0]
}

export interface Site {
  context: BrowserContext
  page: Page
  /** Every request that left for a third-party host, in order. */
  thirdParty: ThirdPartyRequest[]
  /** Third-party requests whose host matches. */
  to(host: string | RegExp): ThirdPartyRequest[]
  /** Console messages of type warning or error. */
  console: { type: string; text: string }[]
  /** Uncaught page errors. */
  errors: Error[]
  /** Cookies visible to the site's origin, name → value. */
  cookies(url?: string): Promise<Record<string, string>>
  close(): Promise<void>
}

/**
 * Opens a fresh context (empty cookie jar) with the site's routing. `/samtykke/*` serves `packages/samtykke/dist/*`,
 * `/packages/*` the workspace's packages (for ESM tests); everything else comes from `files`, then `root`.
 */
export async function openSite(browser: Browser, options: SiteOptions = {}): Promise<Site> {
  const started = Date.now()
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...options.context })
  const thirdParty: ThirdPartyRequest[] = []
  const consoleMessages: { type: string; text: string }[] = []
  const errors: Error[] = []
  let closed = false

  await context.route('**/*', async (route) => {
    const request = route.request()
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue()
    if (!isFirstParty(url.hostname)) {
      thirdParty.push({
        url: url.href,
        host: url.hostname,
        type: request.resourceType(),
        method: request.method(),
        at: Date.now() - started,
      })
      return fulfillWithFake(route)
    }
    if (options.upstream) {
      try {
        return await route.fulfill({
          response: await route.fetch({ url: options.upstream + url.pathname + url.search, maxRedirects: 0 }),
        })
      } catch (e) {
        // A request still in flight when the test closed the context (Next.js prefetches the links in view): its
        // answer has no page left to go to. Any other failure is the test's.
        if (!closed) throw e
        return
      }
    }
    if (request.method() === 'POST') return route.fulfill({ status: 204, body: '' })
    const { status, type, body } = firstPartyFile(url.pathname, options)
    const headers = type.startsWith('text/html') ? { ...options.headers } : {}
    return route.fulfill({ status, contentType: type, body, headers })
  })

  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') consoleMessages.push({ type: m.type(), text: m.text() })
  })
  page.on('pageerror', (e) => errors.push(e))

  return {
    context,
    page,
    thirdParty,
    console: consoleMessages,
    errors,
    to: (host) =>
      thirdParty.filter((r) =>
        typeof host === 'string' ? r.host === host || r.host.endsWith('.' + host) : host.test(r.url),
      ),
    async cookies(url = ORIGIN + '/') {
      const list = await context.cookies(url)
      return Object.fromEntries(list.map((c) => [c.name, c.value]))
    },
    close: () => ((closed = true), context.close()),
  }
}

/** A minimal page that loads the drop-in first in <head>, with an optional config block and body. */
export function pageWithSamtykke({
  config,
  head = '',
  body = '',
  attrs = '',
}: { config?: unknown; head?: string; body?: string; attrs?: string } = {}) {
  const configBlock =
    config === undefined
      ? ''
      : `<script type="application/json" id="samtykke-config">${JSON.stringify(config)}</script>\n`
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Testside</title>
${configBlock}<script src="/samtykke/samtykke.js"${attrs}></script>
${head}
</head>
<body>
<main><h1>Testside</h1>${body}</main>
</body>
</html>`
}
