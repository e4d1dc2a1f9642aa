// The Firefox harness's own guard (firefox.ts): an answer to a request that Firefox has dropped is not an error, and
// any other failed answer still is. Checked against what real Firefox says, so that a Firefox update that words it
// differently fails here, and not as an unhandled rejection in some other file's run.
import type { Browser, HTTPRequest } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answer, launchFirefox, requestWasGone } from './firefox'
import { ORIGIN } from './site'

let browser: Browser
beforeAll(async () => void (browser = await launchFirefox()))
afterAll(() => browser?.close())

/**
 * Opens a page with an image and holds, unanswered, every request for one of `paths`; the rest is answered.
 * `request(path)` is the held request; `failed(path)` settles when Firefox gives up on it.
 */
async function hold(...paths: string[]) {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  await page.setRequestInterception(true)
  const waiter = <T>() => {
    let settle!: (v: T) => void
    return { promise: new Promise<T>((r) => (settle = r)), settle }
  }
  const held = new Map(paths.map((p) => [p, { request: waiter<HTTPRequest>(), failed: waiter<void>() }]))
  page.on('requestfailed', (f) => held.get(new URL(f.url()).pathname)?.failed.settle())
  page.on('request', (r) => {
    const h = held.get(new URL(r.url()).pathname)
    if (h) return h.request.settle(r)
    answer(
      r.respond({ status: 200, contentType: 'text/html', body: '<!doctype html><title>t</title><img src="/img.png">' }),
    )
  })
  void page.goto(ORIGIN + '/').catch(() => {}) // its load waits for the held image; nothing here waits for it
  return {
    context,
    page,
    request: (p: string) => held.get(p)!.request.promise,
    failed: (p: string) => held.get(p)!.failed.promise,
  }
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  )
const PNG = { status: 200, contentType: 'image/png', body: '' }

describe('the Firefox harness', () => {
  it('takes a request that Firefox dropped as gone', async () => {
    // Seen with Firefox ESR 153: stopping a page that is still loading makes it ask for its favicon and cancel that
    // request at once; answering it then fails with "no such request".
    const { context, page, request, failed } = await hold('/img.png', '/favicon.ico')
    try {
      await request('/img.png')
      await page.evaluate(() => window.stop())
      const favicon = await request('/favicon.ico')
      await failed('/favicon.ico')
      const error = await failureOf(favicon.respond(PNG))
      expect(error, 'Firefox took an answer to a request it had dropped').toBeDefined()
      expect(requestWasGone(error), String(error)).toBe(true)
    } finally {
      await context.close()
    }
  })

  it('does not take a real failure as gone: answering one request twice', async () => {
    const { context, request } = await hold('/img.png')
    try {
      const image = await request('/img.png')
      await image.respond(PNG)
      const error = await failureOf(image.respond(PNG))
      expect(error).toBeDefined()
      expect(requestWasGone(error), String(error)).toBe(false)
    } finally {
      await context.close()
    }
  })
})
