// One profile's recorder: listens to the browser (CDP requests and Set-Cookie headers, the page's write hooks) and
// reads what the profile holds (the cookie jar, each frame's storage), keeping each finding once, with who caused it.
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { classifyName, classifyRequest, siteOf, stripQuery } from './classify'
import { INIT, TYPES, initiatorOf, scriptOf, type Initiator } from './attribution'
import type { CookieFinding, Phase, RequestFinding, StorageFinding } from './types'

export const lifetimeOf = (expires: number, now = Date.now() / 1000) => {
  if (expires < 0) return 'Økt'
  const days = Math.max(0, Math.round((expires - now) / 86400))
  if (days < 1) return '1 dag'
  if (days < 60) return `${days} dager`
  if (days < 700) return `${Math.round(days / 30.4)} måneder`
  return `${Math.round(days / 365)} år`
}

/** One profile's findings, deduplicated, in the order they were first seen. */
export class Recorder {
  recording = true
  /** The page being visited: where a finding first showed up. */
  page = ''
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
      const known = this.requests.get(key)
      if (by && known) {
        known.initiator = by
        delete known.tagUrl // not a tag of the page's HTML after all
      }
    }
    return this
  }

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
    cdp.on('Network.requestWillBeSent', (event) => {
      this.urls.set(event.requestId, event.request.url)
      if (!this.recording || event.type == 'Preflight') return
      let host: string
      try {
        const parsed = new URL(event.request.url)
        if (!/^(https?|wss?):$/.test(parsed.protocol)) return
        host = parsed.hostname
      } catch {
        return
      }
      if (siteOf(host) == this.site) return
      // A Document in the main frame is the page navigating (away): noted by the visit, typed `navigation`.
      const type =
        event.type == 'Document' && event.frameId == this.mainFrame
          ? 'navigation'
          : (TYPES[event.type ?? ''] ?? (event.type ?? 'other').toLowerCase())
      const url = stripQuery(event.request.url)
      const named = classifyRequest(event.request.url)
      // One URL without its query can be two services: gtag.js for a G- id (Google Analytics) and for an AW- id (Google
      // Ads).
      const key = url + '\0' + type + '\0' + named.vendor
      const seen = this.requests.get(key)
      if (seen) return void seen.count++
      const initiator = initiatorOf(event.initiator as Initiator, type, event.documentURL)
      const finding: RequestFinding = {
        phase: this.phase,
        url,
        host,
        type,
        page: this.page,
        initiator,
        count: 1,
        ...named,
      }
      // A tag in the page's HTML: its URL as the page writes it, for the markup that holds it (the fix of a leak).
      if ((event.initiator as Initiator)?.type == 'parser' && !(event.initiator as Initiator).stack)
        finding.tagUrl = event.request.url
      this.requests.set(key, finding)
      // Chromium names the page's HTML for an element a script made (new Image().src = …): the src write's stack knows
      // better.
      if (!(event.initiator as Initiator)?.stack) this.fromHtml.set(key, event.request.url)
    })
    cdp.on('Network.responseReceivedExtraInfo', (event) => {
      const setCookie = Object.entries(event.headers).find(([k]) => k.toLowerCase() == 'set-cookie')?.[1]
      const url = this.urls.get(event.requestId)
      if (!setCookie || !url || !this.recording) return
      for (const line of String(setCookie).split('\n')) {
        const name = line.split(';')[0].split('=')[0].trim()
        if (name && !this.writers.has('cookie\0' + name))
          this.writers.set('cookie\0' + name, `Set-Cookie from ${stripQuery(url)}`)
      }
    })
    return cdp
  }

  /** What the profile holds now: the whole cookie jar, and each frame's storage. */
  async snapshot(context: BrowserContext, page: Page) {
    if (!this.recording) return
    for (const found of await context.cookies()) {
      const key = `${found.name}\0${found.domain}\0${found.path}`
      if (this.cookies.has(key)) continue
      const party = siteOf(found.domain) == this.site ? 'first' : 'third'
      this.cookies.set(key, {
        phase: this.phase,
        name: found.name,
        domain: found.domain,
        path: found.path,
        expires: found.expires,
        lifetime: lifetimeOf(found.expires),
        httpOnly: found.httpOnly,
        secure: found.secure,
        sameSite: found.sameSite,
        party,
        page: this.page,
        setBy: this.writers.get('cookie\0' + found.name) ?? null,
        ...classifyName(found.name, {
          domain: found.domain,
          thirdParty: party == 'third',
          consentCookie: this.consentCookie(),
        }),
      })
    }
    for (const frame of page.frames()) {
      let found: { host: string; local: string[]; session: string[]; idb: string[] } | undefined
      try {
        found = await frame.evaluate(async () => {
          const keys = (s: () => Storage) => {
            try {
              const st = s()
              return Array.from({ length: st.length }, (_, i) => st.key(i)!)
            } catch {
              return []
            }
          }
          let idb: string[] = []
          try {
            idb = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean)
          } catch {}
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
          phase: this.phase,
          type,
          name,
          host: found!.host,
          party,
          page: this.page,
          setBy: this.writers.get(type + '\0' + name) ?? null,
          ...classifyName(name, {
            domain: found!.host,
            thirdParty: party == 'third',
            consentCookie: this.consentCookie(),
          }),
        })
      }
      found.local.forEach((k) => add('localStorage', k))
      found.session.forEach((k) => add('sessionStorage', k))
      found.idb.forEach((k) => add('indexedDB', k))
    }
  }
}
