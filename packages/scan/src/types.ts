// The scan's result: what it was asked (ScanOptions), and what it found per phase — pages, cookies, storage keys,
// requests, and the leaks among them. Plain data, written to JSON by the CLI and read by the report and declaration.
import type { Classification } from './classify'

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
  /**
   * For a tag in the page's HTML: the URL in full, as the page names it (not the visitor's data, the site's markup).
   */
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
  /**
   * What made the choices: `samtykke`, `vanilla-cookieconsent`, `autoconsent: <rule>`, `selectors`; null = none found
   * (first phase only).
   */
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
