// The blocker: keeps marked elements and known trackers from loading until their category is granted,
// releases them once, in document order, when it is, and reloads on withdrawal when the site asks for it.
// Everything touches the DOM only inside blockTrackers(): importing this module is safe in Node.
import { unknownDataCategory, warn } from '../errors'
import type { ConsentView } from '../store/types'
import { matchTracker } from '../trackers'

export interface Blocker {
  /** Stops watching and puts every patched browser API back. Elements held so far stay held. */
  destroy(): void
}

type Fn = (...a: any[]) => any

/** The elements the observer looks at: marked ones and those with a URL of their own. */
const SEL = '[data-category],[src],link[href]'

/** The attribute that carries an element's URL, for the elements whose URL the blocker holds. */
const urlAttr = ({ tagName: t }: Element) => (t == 'LINK' ? 'href' : /^(SCRIPT|IMG|IFRAME)$/.test(t) ? 'src' : '')

/**
 * Starts blocking. Call it synchronously, first thing in `<head>` (after `consentMode`): it can only stop
 * what the page has not yet loaded.
 */
export function blockTrackers(consent: ConsentView): Blocker {
  const { config } = consent
  const d = document
  const held = new Set<Element>()
  const seen = new WeakSet<Node>()
  /** Scripts turned into marked ones after the browser may have started them. Released, they run as fresh copies. */
  const stopped = new WeakSet<Element>()
  const undo: (() => void)[] = []
  const rawSet = Element.prototype.setAttribute
  const attr = (el: Element, n: string, v: string) => rawSet.call(el, n, v)
  const get = (el: Element, n: string) => el.getAttribute(n)
  let chain: Promise<unknown> = Promise.resolve()

  /**
   * The category `url` still waits for, or undefined when it may load. A built-in category the site dropped counts as
   * marketing.
   */
  const blocked = (url: string | URL) => {
    let c = matchTracker(url, config.trackers)
    if (c && !config.order.includes(c)) c = 'marketing'
    return c && !consent.has(c) ? c : undefined
  }

  /**
   * Keeps `url` off `el`: it waits in data-src, its category in data-category (the marked markup, which the UI looks
   * for).
   */
  const hold = (el: Element, url: string) => {
    held.delete(el)
    const c = blocked(url)
    if (c) (attr(el, 'data-category', c), attr(el, 'data-src', url), held.add(el), seen.add(el))
    return c
  }

  // A held <script> cannot be revived (the browser has marked it started, or ignores a later type change),
  // so a fresh copy takes its place. Copies run one after another: an ordered external script (not async)
  // is waited for, to load or fail, before the next one, as the parser would have.
  const run = (old: HTMLScriptElement) => {
    chain = chain.then(
      () =>
        new Promise((done) => {
          const s = d.createElement('script')
          for (const { name, value } of old.attributes)
            if (name != 'type') attr(s, name.replace(/^data-(src|type)$/, '$1'), value)
          s.async = old.hasAttribute('async')
          s.nonce = old.nonce || config.nonce || ''
          s.text = old.text
          seen.add(s)
          const wait = s.src && !s.async && old.parentNode
          if (wait) (s.addEventListener('load', done), s.addEventListener('error', done))
          old.replaceWith(s)
          if (!wait) done(0)
        }),
    )
  }

  const release = (el: Element) => {
    held.delete(el)
    const src = get(el, 'data-src'),
      set = get(el, 'data-srcset'),
      p = el.parentNode
    if (el.tagName == 'SCRIPT' && get(el, 'type') == 'text/plain') return run(el as HTMLScriptElement)
    const go = () => attr(el, urlAttr(el) || 'src', src!)
    if (set) attr(el, 'srcset', set)
    // Chromium ignores a src set on an iframe the parser has just inserted (it stays about:blank): wait a task.
    if (src) el.tagName == 'IFRAME' ? setTimeout(go) : go()
    // <video><source data-src>: the media element picks a source only when told to.
    if (p instanceof HTMLMediaElement) p.load()
  }

  /**
   * An element in the document: marked ones wait for their category; with `auto`, unmarked trackers are turned into
   * marked ones.
   */
  const check = (el: Element, auto?: boolean) => {
    if (seen.has(el)) return
    const cat = get(el, 'data-category'),
      t = el.tagName
    if (
      cat &&
      (el.hasAttribute('data-src') ||
        el.hasAttribute('data-srcset') ||
        (t == 'SCRIPT' && get(el, 'type') == 'text/plain'))
    ) {
      seen.add(el)
      if (!config.order.includes(cat)) warn(unknownDataCategory(cat, config.order))
      consent.has(cat) ? release(el) : held.add(el)
    } else if (auto) {
      const a = urlAttr(el),
        url = a && get(el, a)
      if (url && hold(el, url)) {
        // A parser-inserted script is still unstarted here in Chromium (the parser runs microtasks before it executes
        // one). Firefox has already started an async one, and runs it whatever its type says by now: see `stop` below.
        if (t == 'SCRIPT')
          (attr(el, 'data-type', get(el, 'type') || ''), attr(el, 'type', 'text/plain'), stopped.add(el))
        el.removeAttribute(a)
      }
    }
  }

  const on = config.autoBlock !== false
  // Firefox asks before it runs any script, with its own `beforescriptexecute` event (other browsers never fire it):
  // the answer for a stopped one is no. Without this, an unmarked `<script async src=gtag.js>` ran there before
  // consent.
  const stop = (e: Event) => stopped.has(e.target as Element) && e.preventDefault()
  d.addEventListener('beforescriptexecute', stop, true)

  /** Replaces a method (or, with `s`, a property setter) of `o` or its prototypes; destroy() puts it back. */
  const wrap = (o: any, k: string, f: (orig: Fn) => Fn, s?: 1) => {
    let p
    while (o && !(p = Object.getOwnPropertyDescriptor(o, k))) o = Object.getPrototypeOf(o)
    if (!p) return
    // A setter alone: the getter and flags stay as they are. A method is read through the object: test runners
    // define some window globals as accessors.
    Object.defineProperty(o, k, s ? { set: f(p.set!) } : { configurable: true, writable: true, value: f(o[k]) })
    if (!__DROPIN__) undo.push(() => Object.defineProperty(o, k, p))
  }
  /** Network calls to a held tracker are dropped, never sent later: `r` is what the caller gets instead. */
  const drop = (o: object, k: string, r: () => unknown) =>
    wrap(
      o,
      k,
      (f) =>
        function (this: unknown, i: any, ...a: unknown[]) {
          return blocked(i?.url || i) ? r() : f.call(this, i, ...a)
        },
    )
  const guard = (f: Fn) =>
    function (this: Element, v: string) {
      hold(this, v) || f.call(this, v)
    }

  // document.write is parsed before any observer can look: tracker tags in the HTML it writes become marked ones.
  const rewrite = (h: string) =>
    String(h).replace(
      /<(script|img|iframe)\b([^>]*?)\ssrc=(["']?)([^"'\s>]+)\3/gi,
      (m, t: string, a: string, q: string, u: string) => {
        const c = blocked(u)
        return c ? `<${t}${/^s/i.test(t) ? ' type=text/plain' : ''} data-category=${c}${a} data-src=${q}${u}${q}` : m
      },
    )

  if (on) {
    // Property setters catch `new Image().src = …` and `script.src = …` before anything is fetched.
    for (const P of [HTMLScriptElement, HTMLImageElement, HTMLIFrameElement]) wrap(P.prototype, 'src', guard, 1)
    wrap(HTMLLinkElement.prototype, 'href', guard, 1)
    wrap(
      Element.prototype,
      'setAttribute',
      (f) =>
        function (this: Element, n: string, v: string) {
          ;(String(n).toLowerCase() == urlAttr(this) && hold(this, v)) || f.call(this, n, v)
        },
    )
    // An empty 204 and `true` ("queued") read as success: tag code neither retries nor falls back to another transport.
    drop(window, 'fetch', async () => new Response(null, { status: 204 }))
    drop(navigator, 'sendBeacon', () => true)
    const x = new WeakSet<object>()
    wrap(
      XMLHttpRequest.prototype,
      'open',
      (f) =>
        function (this: object, m: string, u: string, ...a: unknown[]) {
          blocked(u) ? x.add(this) : x.delete(this)
          return f.call(this, m, u, ...a)
        },
    )
    // A dropped XHR never fires load or error, like a request still in flight.
    wrap(
      XMLHttpRequest.prototype,
      'send',
      (f) =>
        function (this: object, b?: unknown) {
          x.has(this) || f.call(this, b)
        },
    )
    for (const k of ['write', 'writeln'])
      wrap(
        d,
        k,
        (f) =>
          function (this: Document, ...h: string[]) {
            f.apply(this, h.map(rewrite))
          },
      )
  }

  // The parser adds one node at a time: most are text or plain leaves. The selector, matched natively, keeps
  // check() and querySelectorAll() to the few that can hold a URL.
  const mo = new MutationObserver((rs) => {
    for (const r of rs)
      for (const n of r.addedNodes)
        if (n instanceof Element) {
          if (n.matches(SEL)) check(n, on)
          if (n.firstElementChild) for (const el of n.querySelectorAll(SEL)) check(el, on)
        }
  })
  mo.observe(d, { childList: true, subtree: true })
  // Marked elements already in the page (the npm build may start late). Unmarked ones that are already here have run.
  for (const el of d.querySelectorAll('[data-category]')) check(el)

  const off = consent.subscribe((s, p) => {
    for (const el of held) if (consent.has(get(el, 'data-category')!)) release(el)
    // Withdrawn: scripts that already run cannot be unloaded; a reload is the only way to stop them. (The write
    // half of the store deletes what they stored.)
    if (config.reloadOnWithdraw && p && Object.keys(p.granted).some((c) => p.granted[c] && !s.granted[c]))
      location.reload()
  })

  // The drop-in never stops it: it has no use for destroy().
  return __DROPIN__
    ? ({} as Blocker)
    : {
        destroy() {
          off()
          mo.disconnect()
          d.removeEventListener('beforescriptexecute', stop, true)
          for (const u of undo) u()
        },
      }
}
