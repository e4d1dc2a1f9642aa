// The scan: one Chromium, three fresh profiles (before any choice, after "reject all", after "accept all"), the same
// pages in the same order in each. What the browser itself can tell is recorded with who caused it: the CDP
// initiator of each request, the stack of each `document.cookie`/storage write, the response behind a Set-Cookie.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { classifyName, classifyRequest, DEFAULT_CONSENT_COOKIE, siteOf, stripQuery, type Classification } from './classify'
import { runAutoconsent } from './autoconsent'
import { launch } from './browser'
import { msg, ScanError } from './errors'
import { fixFor, type LeakCause } from './fix'

export type Phase = 'before-choice' | 'after-reject' | 'after-accept'
export const PHASES: Phase[] = ['before-choice', 'after-reject', 'after-accept']

export interface ScanOptions {
  /** The start page. */
  url: string
  /** An explicit list of pages instead of crawling (start page + sitemap + links). */
  urls?: string[]
  /** At most this many pages. Default 20. */
  maxPages?: number
  /** Per page, in milliseconds. Default 20 000. */
  timeout?: number
  /** Read sitemap.xml. Default true. */
  sitemap?: boolean
  /** Chromium or Chrome; default: CHROMIUM_PATH, /usr/bin/chromium, Chrome's usual paths. */
  browser?: string
  /** Extra Chromium switches (e.g. `--host-resolver-rules=…`, `--proxy-server=…`). */
  browserArgs?: string[]
  ignoreHttpsErrors?: boolean
  /** Find other consent tools' banners with DuckDuckGo's autoconsent rules. Default true. */
  autoconsent?: boolean
  /** CSS selectors of the consent tool's buttons; override the built-in tools. */
  accept?: string
  reject?: string
  /** Take a screenshot of the start page as a first-time visitor sees it. */
  screenshot?: boolean
  signal?: AbortSignal
  onProgress?: (p: Progress) => void
}

export interface Progress {
  phase: Phase
  /** 1-based. */
  index: number
  total: number
  url: string
}

export interface PageResult {
  phase: Phase
  url: string
  /** `ok`; `timeout` (hit the per-page timeout; what it did until then is recorded); `error` (did not load). */
  status: 'ok' | 'timeout' | 'error'
  httpStatus: number | null
  ms: number
  note?: string
}

export interface CookieFinding extends Classification {
  phase: Phase
  name: string
  domain: string
  path: string
  /** Unix seconds; -1 for a session cookie. */
  expires: number
  /** `Økt` / `N dager` / `N måneder` / `N år`, from `expires` when it was seen. */
  lifetime: string
  httpOnly: boolean
  secure: boolean
  sameSite: string
  party: 'first' | 'third'
  /** The page where it first showed up. */
  page: string
  /** The script (URL:line) or response that set it, when the browser could tell. */
  setBy: string | null
}

export interface StorageFinding extends Classification {
  phase: Phase
  type: 'localStorage' | 'sessionStorage' | 'indexedDB'
  name: string
  /** The origin's host the key belongs to. */
  host: string
  party: 'first' | 'third'
  page: string
  setBy: string | null
}

export interface RequestFinding extends Classification {
  phase: Phase
  /** Without the values of the query. */
  url: string
  host: string
  type: string
  /** The first page that sent it. */
  page: string
  /** The script (URL:line) or the tag in the page's HTML that caused it. */
  initiator: string | null
  /** For a tag in the page's HTML: the URL in full, as the page names it (not the visitor's data, the site's markup). */
  tagUrl?: string
  count: number
}

export interface Leak {
  phase: Phase
  kind: 'cookie' | 'storage' | 'request'
  name: string
  host: string
  category: string
  vendor: string | null
  page: string
  /** The tag to fix: a script URL:line, `inline script in <page> line N`, `<tag> in <page> line N`. */
  cause: string | null
  /** How to fix it: the markup that holds the tag behind it, or the file and line to change. */
  fix: string
  source: string | null
}

export interface ScanResult {
  url: string
  site: string
  startedAt: string
  ms: number
  /** What made the choices: `samtykke`, `vanilla-cookieconsent`, `autoconsent: <rule>`, `selectors`; null = none found (first phase only). */
  tool: string | null
  phases: Phase[]
  notes: string[]
  pages: PageResult[]
  cookies: CookieFinding[]
  storage: StorageFinding[]
  requests: RequestFinding[]
  leaks: Leak[]
  /** PNG of the start page before any choice. */
  screenshot?: Buffer
}

// Hooks that record who writes a cookie or a storage key: the stack at the moment of the write.
const INIT = `(() => {
  const rec = (kind, name) => { try { const r = globalThis.__samtykkeScanRecord; if (r) r(kind, String(name), new Error().stack || '') } catch {} };
  const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (d && d.set) Object.defineProperty(Document.prototype, 'cookie', { configurable: true, enumerable: d.enumerable, get: d.get,
    set(v) { rec('cookie', String(v).split(';')[0].split('=')[0].trim()); return d.set.call(this, v) } });
  const si = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) { let t = 'sessionStorage'; try { if (this === localStorage) t = 'localStorage' } catch {} rec(t, k); return si.call(this, k, v) };
  for (const C of [globalThis.HTMLImageElement, globalThis.HTMLScriptElement, globalThis.HTMLIFrameElement]) {
    const p = C && Object.getOwnPropertyDescriptor(C.prototype, 'src');
    if (p && p.set) Object.defineProperty(C.prototype, 'src', { configurable: true, enumerable: p.enumerable, get: p.get,
      set(v) { try { rec('src', new URL(String(v), document.baseURI).href) } catch {} return p.set.call(this, v) } });
  }
  if (globalThis.IDBFactory) { const o = IDBFactory.prototype.open; IDBFactory.prototype.open = function (n, ...r) { rec('indexedDB', n); return o.call(this, n, ...r) } }
})()`

/** A consent tool's own script: it re-inserts held tags and wraps sendBeacon/fetch, so it sits on top of their stacks. */
const CONSENT_SCRIPT = /\/samtykke(-[\w.-]+)?\.js$|cookieconsent(\.umd|\.esm)?(\.min)?\.js$/

/** The frame to blame: the first that is not the consent tool's own script, else the first. */
const blame = <T extends { url: string }>(frames: T[]) => frames.find((f) => !CONSENT_SCRIPT.test(f.url.split('?')[0])) ?? frames[0]

/** The first script in a stack, as `URL:line` (`inline script in URL line N` when it is the page itself). */
export function scriptOf(stack: string, page?: string): string | null {
  const frames = stack
    .split('\n')
    .slice(1)
    .map((line) => /\(?((?:https?|file):\/\/[^\s()]+?):(\d+):\d+\)?\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ url: m[1], line: m[2] }))
  const f = blame(frames)
  if (!f) return null
  return f.url == page ? `inline script in ${f.url} line ${f.line}` : `${f.url}:${f.line}`
}

const TYPES: Record<string, string> = { Document: 'iframe', Ping: 'beacon', Fetch: 'fetch', XHR: 'xhr', Script: 'script', Image: 'image', Stylesheet: 'stylesheet', Font: 'font', Media: 'media', WebSocket: 'websocket', EventSource: 'eventsource', Manifest: 'manifest', Prefetch: 'prefetch' }

interface Frame { url?: string; lineNumber?: number }
interface Initiator { type: string; url?: string; lineNumber?: number; stack?: { callFrames: Frame[]; parent?: Initiator['stack'] } }

/** Who caused a request, from Chromium's initiator: the script on the stack, else the tag in the page's HTML. */
export function initiatorOf(init: Initiator | undefined, type: string, page?: string): string | null {
  if (!init) return null
  const frames: { url: string; lineNumber?: number }[] = []
  for (let s = init.stack; s; s = s.parent) for (const f of s.callFrames) if (f.url && /^(https?|file):/.test(f.url)) frames.push({ url: f.url, lineNumber: f.lineNumber })
  const f = blame(frames)
  if (f) return f.url == page ? `inline script in ${f.url} line ${(f.lineNumber ?? 0) + 1}` : `${f.url}:${(f.lineNumber ?? 0) + 1}`
  if (init.type == 'parser' && init.url) {
    const tag = { script: '<script src>', image: '<img>', iframe: '<iframe>', stylesheet: '<link rel=stylesheet>' }[type] ?? 'a tag'
    return `${tag} in ${init.url}${init.lineNumber != null ? ' line ' + (init.lineNumber + 1) : ''}`
  }
  if (init.url) return init.url
  return null
}

export const lifetimeOf = (expires: number, now = Date.now() / 1000) => {
  if (expires < 0) return 'Økt'
  const days = Math.max(0, Math.round((expires - now) / 86400))
  if (days < 1) return '1 dag'
  if (days < 60) return `${days} dager`
  if (days < 700) return `${Math.round(days / 30.4)} måneder`
  return `${Math.round(days / 365)} år`
}

const SKIP_EXT = /\.(pdf|zip|gz|png|jpe?g|gif|svg|webp|avif|ico|css|js|mjs|json|xml|txt|mp4|webm|mp3|wav|docx?|xlsx?|pptx?|woff2?|ttf|eot)$/i

/** Same site, http(s), a page (not a file), without its fragment. */
export function pageUrl(href: string, site: string): string | null {
  try {
    const u = new URL(href)
    if (!/^https?:$/.test(u.protocol) || siteOf(u.hostname) != site || SKIP_EXT.test(u.pathname)) return null
    u.hash = ''
    return u.href
  } catch {
    return null
  }
}

/** A folder's index page has two URLs, `/` and `/index.html` (or `.htm`): the crawl visits it once. */
export const onePage = (url: string) => url.replace(/\/index\.html?(?=$|\?)/i, '/')

/** The page URLs in a sitemap (or the sitemaps of a sitemap index); throws on XML that is not a sitemap. */
export function parseSitemap(xml: string): { urls: string[]; sitemaps: string[] } {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new Error(`${valid.err.msg} at line ${valid.err.line}`)
  const doc = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, isArray: (name) => name == 'url' || name == 'sitemap' }).parse(xml)
  const locs = (list: unknown) => ((list as { loc?: unknown }[]) ?? []).map((e) => String(e?.loc ?? '').trim()).filter(Boolean)
  if (doc.urlset !== undefined) return { urls: locs(doc.urlset?.url), sitemaps: [] }
  if (doc.sitemapindex !== undefined) return { urls: [], sitemaps: locs(doc.sitemapindex?.sitemap) }
  throw new Error('no <urlset> or <sitemapindex> element')
}

/** One profile's findings, deduplicated, in the order they were first seen. */
class Recorder {
  recording = true
  cookies = new Map<string, CookieFinding>()
  storage = new Map<string, StorageFinding>()
  requests = new Map<string, RequestFinding>()
  /** name → who wrote it, from the write hooks and Set-Cookie headers. */
  writers = new Map<string, string>()
  private urls = new Map<string, string>()
  private mainFrame = ''
  private fromHtml = new Map<string, string>()

  /** Settles what was only known later: the script behind a `src` a script set. */
  finish() {
    for (const [key, url] of this.fromHtml) {
      const by = this.writers.get('src\0' + url)
      const r = this.requests.get(key)
      if (by && r) {
        r.initiator = by
        delete r.tagUrl // not a tag of the page's HTML after all
      }
    }
    return this
  }
  page = ''

  constructor(
    readonly phase: Phase,
    readonly site: string,
    readonly consentCookie: () => string,
  ) {}

  async attach(context: BrowserContext, page: Page): Promise<CDPSession> {
    await context.exposeBinding('__samtykkeScanRecord', ({ frame }, kind: string, name: string, stack: string) => {
      if (!this.recording) return
      const by = scriptOf(stack, frame.url())
      const key = kind + '\0' + name
      if (by && !this.writers.has(key)) this.writers.set(key, by)
    })
    await context.addInitScript(INIT)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    this.mainFrame = (await cdp.send('Page.getFrameTree')).frameTree.frame.id
    cdp.on('Network.requestWillBeSent', (e) => {
      this.urls.set(e.requestId, e.request.url)
      if (!this.recording || e.type == 'Preflight') return
      let host: string
      try {
        const u = new URL(e.request.url)
        if (!/^(https?|wss?):$/.test(u.protocol)) return
        host = u.hostname
      } catch {
        return
      }
      if (siteOf(host) == this.site) return
      // A Document in the main frame is the page navigating (away): noted by the visit, typed `navigation`.
      const type = e.type == 'Document' && e.frameId == this.mainFrame ? 'navigation' : (TYPES[e.type ?? ''] ?? (e.type ?? 'other').toLowerCase())
      const url = stripQuery(e.request.url)
      const named = classifyRequest(e.request.url)
      // One URL without its query can be two services: gtag.js for a G- id (Google Analytics) and for an AW- id (Google Ads).
      const key = url + '\0' + type + '\0' + named.vendor
      const seen = this.requests.get(key)
      if (seen) return void seen.count++
      const initiator = initiatorOf(e.initiator as Initiator, type, e.documentURL)
      const finding: RequestFinding = { phase: this.phase, url, host, type, page: this.page, initiator, count: 1, ...named }
      // A tag in the page's HTML: its URL as the page writes it, for the markup that holds it (the fix of a leak).
      if ((e.initiator as Initiator)?.type == 'parser' && !(e.initiator as Initiator).stack) finding.tagUrl = e.request.url
      this.requests.set(key, finding)
      // Chromium names the page's HTML for an element a script made (new Image().src = …): the src write's stack knows better.
      if (!(e.initiator as Initiator)?.stack) this.fromHtml.set(key, e.request.url)
    })
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const setCookie = Object.entries(e.headers).find(([k]) => k.toLowerCase() == 'set-cookie')?.[1]
      const url = this.urls.get(e.requestId)
      if (!setCookie || !url || !this.recording) return
      for (const line of String(setCookie).split('\n')) {
        const name = line.split(';')[0].split('=')[0].trim()
        if (name && !this.writers.has('cookie\0' + name)) this.writers.set('cookie\0' + name, `Set-Cookie from ${stripQuery(url)}`)
      }
    })
    return cdp
  }

  /** What the profile holds now: the whole cookie jar, and each frame's storage. */
  async snapshot(context: BrowserContext, page: Page) {
    if (!this.recording) return
    for (const c of await context.cookies()) {
      const key = `${c.name}\0${c.domain}\0${c.path}`
      if (this.cookies.has(key)) continue
      const party = siteOf(c.domain) == this.site ? 'first' : 'third'
      this.cookies.set(key, {
        phase: this.phase, name: c.name, domain: c.domain, path: c.path, expires: c.expires, lifetime: lifetimeOf(c.expires),
        httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite, party, page: this.page,
        setBy: this.writers.get('cookie\0' + c.name) ?? null,
        ...classifyName(c.name, { domain: c.domain, thirdParty: party == 'third', consentCookie: this.consentCookie() }),
      })
    }
    for (const frame of page.frames()) {
      let found: { host: string; local: string[]; session: string[]; idb: string[] } | undefined
      try {
        found = await frame.evaluate(async () => {
          const keys = (s: () => Storage) => { try { const st = s(); return Array.from({ length: st.length }, (_, i) => st.key(i)!) } catch { return [] } }
          let idb: string[] = []
          try { idb = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean) } catch {}
          return { host: location.hostname, local: keys(() => localStorage), session: keys(() => sessionStorage), idb }
        })
      } catch {
        continue // a frame that went away, or about:blank
      }
      if (!found?.host) continue
      const party = siteOf(found.host) == this.site ? 'first' : 'third'
      const add = (type: StorageFinding['type'], name: string) => {
        const key = `${type}\0${found!.host}\0${name}`
        if (this.storage.has(key)) return
        this.storage.set(key, {
          phase: this.phase, type, name, host: found!.host, party, page: this.page, setBy: this.writers.get(type + '\0' + name) ?? null,
          ...classifyName(name, { domain: found!.host, thirdParty: party == 'third', consentCookie: this.consentCookie() }),
        })
      }
      found.local.forEach((k) => add('localStorage', k))
      found.session.forEach((k) => add('sessionStorage', k))
      found.idb.forEach((k) => add('indexedDB', k))
    }
  }
}

const NET_ERRORS: [RegExp, (url: string, code: string) => string][] = [
  [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED/, msg.unreachable],
  [/ERR_CONNECTION_REFUSED/, msg.refused],
  [/ERR_CERT_|ERR_SSL_|SSL_PROTOCOL_ERROR|ERR_BAD_SSL/, msg.tls],
  [/ERR_TOO_MANY_REDIRECTS/, msg.redirectLoop],
]

const netCode = (e: unknown) => /net::(ERR_[A-Z_]+)/.exec(String((e as Error)?.message ?? e))?.[1]

function startPageError(url: string, e: unknown): ScanError {
  const code = netCode(e) ?? String((e as Error)?.message ?? e).split('\n')[0]
  const known = NET_ERRORS.find(([re]) => re.test(code))
  return new ScanError(known ? known[1](url, code) : msg.netError(url, code))
}

/** The consent tool on the page, if the scanner knows how to make a choice with it. */
async function detectTool(page: Page): Promise<string | null> {
  try {
    return await page.evaluate(() => {
      const w = window as unknown as { samtykke?: { acceptAll?: unknown }; CookieConsent?: { acceptCategory?: unknown } }
      if (typeof w.samtykke?.acceptAll == 'function') return 'samtykke'
      if (typeof w.CookieConsent?.acceptCategory == 'function') return 'vanilla-cookieconsent'
      return null
    })
  } catch {
    return null
  }
}

/** Makes the choice; returns a note when it may not have worked. */
async function choose(page: Page, which: 'accept' | 'reject', tool: string, selector: string | undefined, timeout: number): Promise<string | undefined> {
  if (selector) {
    const el = page.locator(selector).first()
    try {
      await el.click({ timeout: Math.min(timeout, 5000) })
    } catch {
      throw new ScanError(msg.selectorNotFound(which, selector, page.url()))
    }
    return
  }
  if (tool == 'samtykke')
    await page.evaluate((w) => {
      const s = (window as unknown as { samtykke: { acceptAll(): Promise<void>; rejectAll(): Promise<void> } }).samtykke
      return w == 'accept' ? s.acceptAll() : s.rejectAll()
    }, which)
  else if (tool == 'vanilla-cookieconsent')
    await page.evaluate((w) => {
      const cc = (window as unknown as { CookieConsent: { acceptCategory(c: string | string[]): void } }).CookieConsent
      cc.acceptCategory(w == 'accept' ? 'all' : [])
    }, which)
  else if (tool.startsWith('autoconsent')) {
    const r = await runAutoconsent(page, which == 'accept' ? 'optIn' : 'optOut', Math.min(timeout, 10_000))
    if (!r.result) return `autoconsent could not ${which} on ${page.url()} (${r.cmp ?? 'no banner found'}); scanned anyway: give --accept/--reject selectors`
  }
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const t0 = Date.now()
  const { maxPages = 20, timeout = 20_000, signal } = options
  let start: URL
  try {
    start = new URL(options.url)
    if (!/^https?:$/.test(start.protocol)) throw 0
  } catch {
    throw new ScanError(msg.badUrl(options.url))
  }
  if (!(Number.isInteger(maxPages) && maxPages >= 1)) throw new ScanError(msg.badMaxPages(String(maxPages)))
  const site = siteOf(start.hostname)
  for (const u of options.urls ?? []) if (!pageUrl(u, site)) throw new ScanError(msg.urlsOtherSite(u, site))

  const browser: Browser = await launch(options.browser, options.browserArgs ?? [])
  const stop = () => void browser.close().catch(() => {})
  signal?.addEventListener('abort', stop, { once: true })
  const checkAbort = () => {
    if (signal?.aborted) throw new ScanError(msg.interrupted())
  }
  const result: ScanResult = {
    url: start.href, site, startedAt: new Date(t0).toISOString(), ms: 0, tool: null, phases: [], notes: [],
    pages: [], cookies: [], storage: [], requests: [], leaks: [],
  }
  let consentCookie = DEFAULT_CONSENT_COOKIE
  const plan: string[] = options.urls?.length ? [...options.urls] : [start.href]
  const planned = new Set(plan.map((u) => onePage(pageUrl(u, site) ?? u)))
  const addPage = (u: string | null) => {
    if (u && !planned.has(onePage(u)) && !options.urls?.length) planned.add(onePage(u)), plan.push(u)
  }

  try {
    for (const phase of PHASES) {
      checkAbort()
      if (phase != 'before-choice' && !result.tool) break
      const context = await browser.newContext({ ignoreHTTPSErrors: !!options.ignoreHttpsErrors, viewport: { width: 1280, height: 800 }, locale: 'nb-NO' })
      try {
        const page = await context.newPage()
        const rec = new Recorder(phase, site, () => consentCookie)
        const cdp = await rec.attach(context, page)
        context.on('page', (p) => {
          if (p == page) return
          result.notes.push(`${phase}: ${rec.page} opened a pop-up (${p.url() || 'about:blank'}); closed it`)
          void p.close().catch(() => {})
        })
        page.on('dialog', (d) => void d.dismiss().catch(() => {}))

        if (phase != 'before-choice') {
          // Make the choice on the start page; what happened before it is the first phase's business.
          rec.recording = false
          await page.goto(plan[0], { waitUntil: 'load', timeout }).catch(() => {})
          const which = phase == 'after-reject' ? 'reject' : 'accept'
          const trouble = await choose(page, which, result.tool!, which == 'accept' ? options.accept : options.reject, timeout)
          if (trouble) result.notes.push(`${phase}: ${trouble}`)
          rec.recording = true
          rec.page = plan[0]
          await page.waitForLoadState('networkidle', { timeout: 2000 }).catch(() => {})
          await rec.snapshot(context, page)
        }

        for (let i = 0; i < plan.length && i < maxPages; i++) {
          checkAbort()
          const url = plan[i]
          options.onProgress?.({ phase, index: i + 1, total: Math.min(plan.length, maxPages), url })
          rec.page = url
          const t = Date.now()
          const pageResult: PageResult = { phase, url, status: 'ok', httpStatus: null, ms: 0 }
          try {
            const response = await page.goto(url, { waitUntil: 'load', timeout })
            pageResult.httpStatus = response?.status() ?? null
            if (phase == 'before-choice' && i == 0 && response) {
              if (response.status() >= 400) throw new ScanError(msg.httpStatus(url, response.status()))
              const type = (await response.headerValue('content-type')) ?? ''
              if (!/html/i.test(type)) throw new ScanError(msg.notHtml(url, type))
            }
          } catch (e) {
            if (e instanceof ScanError) throw e
            checkAbort()
            if ((e as Error)?.name == 'TimeoutError') {
              // Stop what it still waits for, so the page can be read and the next one loaded.
              await cdp.send('Page.stopLoading').catch(() => {})
              pageResult.status = 'timeout'
              pageResult.note = `did not finish loading within ${timeout / 1000} s; recorded what it did until then, went on`
              result.notes.push(`${phase}: ${url} ${pageResult.note}`)
              if (phase == 'before-choice' && i == 0 && plan.length == 1 && (options.urls?.length || options.sitemap === false))
                throw new ScanError(msg.startTimeout(url, timeout / 1000))
            } else if (phase == 'before-choice' && i == 0) {
              throw startPageError(url, e)
            } else {
              pageResult.status = 'error'
              pageResult.note = `could not load: ${netCode(e) ?? String((e as Error)?.message).split('\n')[0]}`
              result.notes.push(`${phase}: ${url} ${pageResult.note}`)
            }
          }
          if (pageResult.status != 'error') {
            await page.waitForLoadState('networkidle', { timeout: 1500 }).catch(() => {})
            const now = page.url()
            if (now != url && !pageUrl(now, site) && !now.startsWith('about:')) {
              pageResult.note = `navigated away to ${now}`
              result.notes.push(`${phase}: ${url} ${pageResult.note}`)
            }
            await bounded(rec.snapshot(context, page), timeout)
            if (phase == 'before-choice') {
              if (i == 0) {
                result.tool = options.accept && options.reject ? 'selectors' : await detectTool(page)
                if (!result.tool && options.autoconsent !== false) {
                  const found = await runAutoconsent(page, null, Math.min(timeout, 5000))
                  if (found.popup && found.cmp) result.tool = `autoconsent: ${found.cmp}`
                }
                if (result.tool == 'samtykke')
                  consentCookie =
                    (await page.evaluate(() => (window as unknown as { samtykke: { config?: { cookie?: { name?: string } } } }).samtykke.config?.cookie?.name).catch(() => undefined)) ??
                    DEFAULT_CONSENT_COOKIE
                if (options.screenshot) result.screenshot = await page.screenshot({ type: 'png' }).catch(() => undefined)
                if (!options.urls?.length && options.sitemap !== false) {
                  for (const u of await sitemapUrls(page, start, site)) addPage(u)
                }
              }
              if (!options.urls?.length && pageUrl(now, site)) {
                const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href)).catch(() => [] as string[])
                for (const l of links) addPage(pageUrl(l, site))
              }
            }
          }
          pageResult.ms = Date.now() - t
          result.pages.push(pageResult)
        }
        if (phase == 'before-choice' && !result.pages.some((p) => p.status != 'error')) throw new ScanError(msg.startTimeout(plan[0], timeout / 1000))
        result.phases.push(phase)
        rec.finish()
        result.cookies.push(...rec.cookies.values())
        result.storage.push(...rec.storage.values())
        result.requests.push(...rec.requests.values())
      } finally {
        await context.close().catch(() => {})
      }
    }
  } catch (e) {
    checkAbort()
    throw e
  } finally {
    signal?.removeEventListener('abort', stop)
    await browser.close().catch(() => {})
  }
  if (!result.tool)
    result.notes.push('no consent tool recognised (samtykke, vanilla-cookieconsent, autoconsent rules): scanned before any choice only. Give --accept and --reject CSS selectors to scan after the choices.')
  // Within a phase, in a fixed order (not arrival order, which races): two scans of an unchanged site diff clean.
  const byPhase = (a: { phase: Phase }, b: { phase: Phase }) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase)
  const by = <T extends { phase: Phase }>(key: (x: T) => string) => (a: T, b: T) => byPhase(a, b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)
  result.cookies.sort(by((c) => `${c.name}\0${c.domain}\0${c.path}`))
  result.storage.sort(by((x) => `${x.host}\0${x.type}\0${x.name}`))
  result.requests.sort(by((q) => `${q.url}\0${q.type}`))
  result.leaks = findLeaks(result)
  result.ms = Date.now() - t0
  return result
}

/** The sitemap's page URLs (sitemap.xml at the site's root; one level of sitemap index), same site only. */
async function sitemapUrls(page: Page, start: URL, site: string): Promise<string[]> {
  const get = (url: string) =>
    page.evaluate(async (u) => {
      try {
        const r = await fetch(u, { credentials: 'omit', redirect: 'follow' })
        return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() }
      } catch {
        return { status: 0, type: '', text: '' }
      }
    }, url)
  const read = async (url: string) => {
    const r = await get(url)
    if (r.status != 200 || /html/i.test(r.type) || !r.text.trim()) return null
    try {
      return parseSitemap(r.text)
    } catch (e) {
      throw new ScanError(msg.badSitemap(url, (e as Error).message))
    }
  }
  const root = await read(new URL('/sitemap.xml', start).href)
  if (!root) return []
  const urls = [...root.urls]
  for (const s of root.sitemaps.slice(0, 10)) if (pageUrl(s, site) || s.endsWith('.xml')) urls.push(...((await read(s))?.urls ?? []))
  return urls.map((u) => pageUrl(u, site)).filter((u): u is string => !!u)
}

/** A step that must not hang the scan (a page that still loads can make a browser call wait): at most `ms`. */
const bounded = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, sleep(ms, undefined, { ref: false })])

const optional = (category: string | null): category is string => !!category && category != 'necessary'

/** Non-necessary cookies, storage keys and tracker requests before any choice or after "reject all". */
export function findLeaks(r: Pick<ScanResult, 'cookies' | 'storage' | 'requests'>): Leak[] {
  const leaky = (p: Phase) => p != 'after-accept'
  const leak = (l: Omit<Leak, 'fix'>, more: Partial<LeakCause> = {}): Leak => ({ ...l, fix: fixFor({ ...l, ...more }, r.requests) })
  return [
    ...r.cookies.filter((c) => leaky(c.phase) && optional(c.category)).map((c) =>
      leak({ phase: c.phase, kind: 'cookie', name: c.name, host: c.domain, category: c.category!, vendor: c.vendor, page: c.page, cause: c.setBy, source: c.source }),
    ),
    ...r.storage.filter((s) => leaky(s.phase) && optional(s.category)).map((s) =>
      leak({ phase: s.phase, kind: 'storage', name: `${s.type}: ${s.name}`, host: s.host, category: s.category!, vendor: s.vendor, page: s.page, cause: s.setBy, source: s.source }),
    ),
    ...r.requests.filter((q) => leaky(q.phase) && optional(q.category)).map((q) =>
      leak(
        { phase: q.phase, kind: 'request', name: `${q.type} ${q.url}`, host: q.host, category: q.category!, vendor: q.vendor, page: q.page, cause: q.initiator, source: q.source },
        { tagUrl: q.tagUrl, url: q.url },
      ),
    ),
  ]
}
