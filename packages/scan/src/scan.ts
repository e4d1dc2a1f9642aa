// The scan: one Chromium, three fresh profiles (before any choice, after "reject all", after "accept all"), the same
// pages in the same order in each. What the browser itself can tell is recorded with who caused it (recorder.ts,
// attribution.ts); this module drives the visits: the plan of pages, the choice, each page's load, and the result.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { DEFAULT_CONSENT_COOKIE, siteOf } from './classify'
import { runAutoconsent } from './autoconsent'
import { launch } from './browser'
import { loadError, msg, netCode, ScanError } from './errors'
import { findLeaks } from './leaks'
import { onePage, pageUrl, sitemapUrls } from './pages'
import { Recorder } from './recorder'
import { choose, consentCookieOf, detectTool } from './tools'
import { PHASES, type PageResult, type Phase, type ScanOptions, type ScanResult } from './types'

/** What the phases of one scan share. */
interface Run {
  options: ScanOptions
  start: URL
  site: string
  maxPages: number
  /** Per page, in milliseconds. */
  timeout: number
  result: ScanResult
  /**
   * The pages to visit, in order: the start page (or --urls), then what the first phase finds in the sitemap and links.
   */
  plan: string[]
  /** The plan's pages, one URL per page (`/` and `/index.html` are one). */
  planned: Set<string>
  /** The consent tool's own cookie, necessary by definition: samtykke's name for it may be configured. */
  consentCookie: string
}

/** One phase's browser tab and its recorder. */
interface Tab {
  phase: Phase
  context: BrowserContext
  page: Page
  cdp: CDPSession
  rec: Recorder
}

/**
 * A browser call whose failure the scan can do nothing about and need not report: closing what may be closed already
 * (after Ctrl-C, or a page that closed itself), dismissing a dialog that went away, stopping a load that ended.
 */
const quietly = (p: Promise<unknown>) => p.then(noop, noop)
const noop = () => {}

/** Waits until the page's network is quiet, at most `ms`: a page that keeps talking is read as it is by then. */
const settle = (page: Page, ms: number) => quietly(page.waitForLoadState('networkidle', { timeout: ms }))

/** A step that must not hang the scan (a page that still loads can make a browser call wait): at most `ms`. */
const bounded = <T>(p: Promise<T>, ms: number) => Promise.race([p, sleep(ms, undefined, { ref: false })])

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const t0 = Date.now()
  const run = plan(options, t0)
  const { signal } = options
  const browser: Browser = await launch(options.browser, options.browserArgs ?? [])
  const stop = () => void quietly(browser.close())
  signal?.addEventListener('abort', stop, { once: true })
  try {
    for (const phase of PHASES) {
      checkAbort(signal)
      // Without a tool (or selectors) to choose with, only the first phase can be scanned.
      if (phase != 'before-choice' && !run.result.tool) break
      await scanPhase(browser, run, phase)
    }
  } catch (error) {
    checkAbort(signal) // Ctrl-C makes the browser calls fail: say it was an interruption, not what failed with it
    throw error
  } finally {
    signal?.removeEventListener('abort', stop)
    await quietly(browser.close())
  }
  return finish(run.result, t0)
}

const checkAbort = (signal: AbortSignal | undefined) => {
  if (signal?.aborted) throw new ScanError('INTERRUPTED', msg.interrupted())
}

/** Checks the options (a ScanError naming what is wrong) and sets up the run. */
function plan(options: ScanOptions, t0: number): Run {
  const { maxPages = 20, timeout = 20_000 } = options
  const start = URL.canParse(options.url) ? new URL(options.url) : undefined
  if (!start || !/^https?:$/.test(start.protocol)) throw new ScanError('BAD_OPTION', msg.badUrl(options.url))
  if (!(Number.isInteger(maxPages) && maxPages >= 1))
    throw new ScanError('BAD_OPTION', msg.badMaxPages(String(maxPages)))
  const site = siteOf(start.hostname)
  for (const listed of options.urls ?? [])
    if (!pageUrl(listed, site)) throw new ScanError('BAD_OPTION', msg.urlsOtherSite(listed, site))
  const pages = options.urls?.length ? [...options.urls] : [start.href]
  return {
    options,
    start,
    site,
    maxPages,
    timeout,
    plan: pages,
    planned: new Set(pages.map((u) => onePage(pageUrl(u, site) ?? u))),
    consentCookie: DEFAULT_CONSENT_COOKIE,
    result: {
      url: start.href,
      site,
      startedAt: new Date(t0).toISOString(),
      ms: 0,
      tool: null,
      phases: [],
      notes: [],
      pages: [],
      cookies: [],
      storage: [],
      requests: [],
      leaks: [],
    },
  }
}

/** Adds a page the crawl found to the plan (never with --urls, which is the whole list). */
function addPage(run: Run, url: string | null) {
  if (!url || run.options.urls?.length || run.planned.has(onePage(url))) return
  run.planned.add(onePage(url))
  run.plan.push(url)
}

/** One phase in a fresh profile: the choice (after the first phase), then every planned page in order. */
async function scanPhase(browser: Browser, run: Run, phase: Phase) {
  const { options, result } = run
  const context = await browser.newContext({
    ignoreHTTPSErrors: !!options.ignoreHttpsErrors,
    viewport: { width: 1280, height: 800 },
    locale: 'nb-NO',
  })
  try {
    const page = await context.newPage()
    const rec = new Recorder(phase, run.site, () => run.consentCookie)
    const tab: Tab = { phase, context, page, rec, cdp: await rec.attach(context, page) }
    context.on('page', (popup) => {
      if (popup == page) return
      result.notes.push(`${phase}: ${rec.page} opened a pop-up (${popup.url() || 'about:blank'}); closed it`)
      void quietly(popup.close())
    })
    page.on('dialog', (d) => void quietly(d.dismiss()))
    if (phase != 'before-choice') await makeChoice(tab, run)
    for (let i = 0; i < run.plan.length && i < run.maxPages; i++) {
      checkAbort(options.signal)
      options.onProgress?.({ phase, index: i + 1, total: Math.min(run.plan.length, run.maxPages), url: run.plan[i] })
      result.pages.push(await visit(tab, run, i))
    }
    if (phase == 'before-choice' && !result.pages.some((p) => p.status != 'error'))
      throw new ScanError('START_PAGE', msg.startTimeout(run.plan[0], run.timeout / 1000))
    result.phases.push(phase)
    rec.finish()
    result.cookies.push(...rec.cookies.values())
    result.storage.push(...rec.storage.values())
    result.requests.push(...rec.requests.values())
  } finally {
    await quietly(context.close())
  }
}

/** Makes the phase's choice on the start page; what happened before it is the first phase's business. */
async function makeChoice({ phase, context, page, rec }: Tab, run: Run) {
  const { options, result, timeout } = run
  rec.recording = false
  try {
    await page.goto(run.plan[0], { waitUntil: 'load', timeout })
  } catch (error) {
    // The first phase loaded it; a choice may still be possible on what did load.
    result.notes.push(
      `${phase}: the start page did not finish loading before the choice ` +
        `(${netCode(error) ?? (error as Error).name}); chose on what had loaded`,
    )
  }
  const which = phase == 'after-reject' ? 'reject' : 'accept'
  const trouble = await choose(page, which, result.tool!, which == 'accept' ? options.accept : options.reject, timeout)
  if (trouble) result.notes.push(`${phase}: ${trouble}`)
  rec.recording = true
  rec.page = run.plan[0]
  await settle(page, 2000)
  await rec.snapshot(context, page)
}

/** Visits the plan's page `i` and records what it did; the first phase also learns the tool and more pages. */
async function visit(tab: Tab, run: Run, index: number): Promise<PageResult> {
  const { phase, page, context, rec } = tab
  const url = run.plan[index]
  rec.page = url
  const started = Date.now()
  const visited = await load(tab, run, index)
  if (visited.status != 'error') {
    await settle(page, 1500)
    const now = page.url()
    if (now != url && !pageUrl(now, run.site) && !now.startsWith('about:'))
      note(run, visited, `navigated away to ${now}`)
    await bounded(rec.snapshot(context, page), run.timeout)
    if (phase == 'before-choice') {
      if (index == 0) await firstLook(page, run)
      if (!run.options.urls?.length && pageUrl(now, run.site)) await crawlLinks(page, run)
    }
  }
  visited.ms = Date.now() - started
  return visited
}

const note = (run: Run, pageResult: PageResult, text: string) => {
  pageResult.note = text
  run.result.notes.push(`${pageResult.phase}: ${pageResult.url} ${text}`)
}

/**
 * Loads page `i`. The start page in the first phase must load as an HTML page (a ScanError says why not); any other
 * page that times out is recorded as far as it got, and one that cannot load at all is noted and skipped.
 */
async function load({ phase, page, cdp }: Tab, run: Run, index: number): Promise<PageResult> {
  const { options, timeout } = run
  const url = run.plan[index]
  const first = phase == 'before-choice' && index == 0
  const visited: PageResult = { phase, url, status: 'ok', httpStatus: null, ms: 0 }
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout })
    visited.httpStatus = response?.status() ?? null
    if (first && response) {
      if (response.status() >= 400) throw new ScanError('START_PAGE', msg.httpStatus(url, response.status()))
      const type = (await response.headerValue('content-type')) ?? ''
      if (!/html/i.test(type)) throw new ScanError('START_PAGE', msg.notHtml(url, type))
    }
  } catch (error) {
    if (error instanceof ScanError) throw error
    checkAbort(options.signal)
    if ((error as Error)?.name == 'TimeoutError') {
      // Stop what it still waits for, so the page can be read and the next one loaded.
      await quietly(cdp.send('Page.stopLoading'))
      visited.status = 'timeout'
      note(run, visited, `did not finish loading within ${timeout / 1000} s; recorded what it did until then, went on`)
      // Nothing else to scan: a start page that never loads is an error, not an empty result.
      if (first && run.plan.length == 1 && (options.urls?.length || options.sitemap === false))
        throw new ScanError('START_PAGE', msg.startTimeout(url, timeout / 1000))
    } else if (first) {
      throw loadError(url, error)
    } else {
      visited.status = 'error'
      note(run, visited, `could not load: ${netCode(error) ?? String((error as Error)?.message).split('\n')[0]}`)
    }
  }
  return visited
}

/** On the start page, before any choice: which consent tool it has, its cookie's name, the screenshot, the sitemap. */
async function firstLook(page: Page, run: Run) {
  const { options, result, timeout } = run
  result.tool = options.accept && options.reject ? 'selectors' : await detectTool(page)
  if (!result.tool && options.autoconsent !== false) {
    const found = await runAutoconsent(page, null, Math.min(timeout, 5000))
    if (found.popup && found.cmp) result.tool = `autoconsent: ${found.cmp}`
  }
  if (result.tool == 'samtykke') run.consentCookie = (await consentCookieOf(page)) ?? DEFAULT_CONSENT_COOKIE
  if (options.screenshot)
    result.screenshot = await page.screenshot({ type: 'png' }).catch((error) => {
      result.notes.push(
        `before-choice: could not take the screenshot of ${page.url()}: ` +
          String((error as Error).message).split('\n')[0],
      )
      return undefined
    })
  if (!options.urls?.length && options.sitemap !== false)
    for (const found of await sitemapUrls(page, run.start, run.site)) addPage(run, found)
}

/** Adds the same-site pages the page links to. */
async function crawlLinks(page: Page, run: Run) {
  // A page that navigates while its links are read has none to give: the next page is visited as planned.
  const links = await page
    .$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href))
    .catch(() => [] as string[])
  for (const link of links) addPage(run, pageUrl(link, run.site))
}

/**
 * The result in a fixed order (not arrival order, which races, so two scans of an unchanged site diff clean), and its
 * leaks.
 */
function finish(result: ScanResult, t0: number): ScanResult {
  if (!result.tool)
    result.notes.push(
      'no consent tool recognised (samtykke, vanilla-cookieconsent, autoconsent rules): ' +
        'scanned before any choice only. ' +
        'Give --accept and --reject CSS selectors to scan after the choices.',
    )
  const byPhase = (a: { phase: Phase }, b: { phase: Phase }) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase)
  const by =
    <T extends { phase: Phase }>(key: (x: T) => string) =>
    (a: T, b: T) =>
      byPhase(a, b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)
  result.cookies.sort(by((c) => `${c.name}\0${c.domain}\0${c.path}`))
  result.storage.sort(by((x) => `${x.host}\0${x.type}\0${x.name}`))
  result.requests.sort(by((q) => `${q.url}\0${q.type}`))
  result.leaks = findLeaks(result)
  result.ms = Date.now() - t0
  return result
}
