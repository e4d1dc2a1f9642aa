// Who caused what: the script on the stack of a cookie or storage write (recorded by hooks in the page), and the
// script or tag behind a request (Chromium's initiator). The consent tool's own script is looked past: it re-inserts
// the tags it held, so it sits on top of their stacks.

// Hooks that record who writes a cookie or a storage key: the stack at the moment of the write.
export const INIT = `(() => {
  const rec = (kind, name) => {
    try { const r = globalThis.__samtykkeScanRecord; if (r) r(kind, String(name), new Error().stack || '') } catch {}
  };
  const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (d && d.set) Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true, enumerable: d.enumerable, get: d.get,
    set(v) { rec('cookie', String(v).split(';')[0].split('=')[0].trim()); return d.set.call(this, v) } });
  const si = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    let t = 'sessionStorage'; try { if (this === localStorage) t = 'localStorage' } catch {}
    rec(t, k); return si.call(this, k, v)
  };
  for (const C of [globalThis.HTMLImageElement, globalThis.HTMLScriptElement, globalThis.HTMLIFrameElement]) {
    const p = C && Object.getOwnPropertyDescriptor(C.prototype, 'src');
    if (p && p.set) Object.defineProperty(C.prototype, 'src', {
      configurable: true, enumerable: p.enumerable, get: p.get,
      set(v) { try { rec('src', new URL(String(v), document.baseURI).href) } catch {} return p.set.call(this, v) } });
  }
  if (globalThis.IDBFactory) {
    const o = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (n, ...r) { rec('indexedDB', n); return o.call(this, n, ...r) }
  }
})()`

/**
 * A consent tool's own script: it re-inserts held tags and wraps sendBeacon/fetch, so it sits on top of their
 * stacks.
 */
const CONSENT_SCRIPT = /\/samtykke(-[\w.-]+)?\.js$|cookieconsent(\.umd|\.esm)?(\.min)?\.js$/

/** The frame to blame: the first that is not the consent tool's own script, else the first. */
const blame = <T extends { url: string }>(frames: T[]) =>
  frames.find((f) => !CONSENT_SCRIPT.test(f.url.split('?')[0])) ?? frames[0]

/** The first script in a stack, as `URL:line` (`inline script in URL line N` when it is the page itself). */
export function scriptOf(stack: string, page?: string): string | null {
  const frames = stack
    .split('\n')
    .slice(1)
    .map((line) => /\(?((?:https?|file):\/\/[^\s()]+?):(\d+):\d+\)?\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ url: m[1], line: m[2] }))
  const blamed = blame(frames)
  if (!blamed) return null
  return blamed.url == page ? `inline script in ${blamed.url} line ${blamed.line}` : `${blamed.url}:${blamed.line}`
}

export const TYPES: Record<string, string> = {
  Document: 'iframe',
  Ping: 'beacon',
  Fetch: 'fetch',
  XHR: 'xhr',
  Script: 'script',
  Image: 'image',
  Stylesheet: 'stylesheet',
  Font: 'font',
  Media: 'media',
  WebSocket: 'websocket',
  EventSource: 'eventsource',
  Manifest: 'manifest',
  Prefetch: 'prefetch',
}

interface Frame {
  url?: string
  lineNumber?: number
}
export interface Initiator {
  type: string
  url?: string
  lineNumber?: number
  stack?: { callFrames: Frame[]; parent?: Initiator['stack'] }
}

/** Who caused a request, from Chromium's initiator: the script on the stack, else the tag in the page's HTML. */
export function initiatorOf(init: Initiator | undefined, type: string, page?: string): string | null {
  if (!init) return null
  const frames: { url: string; lineNumber?: number }[] = []
  for (let stack = init.stack; stack; stack = stack.parent)
    for (const frame of stack.callFrames)
      if (frame.url && /^(https?|file):/.test(frame.url)) frames.push({ url: frame.url, lineNumber: frame.lineNumber })
  const blamed = blame(frames)
  if (blamed)
    return blamed.url == page
      ? `inline script in ${blamed.url} line ${(blamed.lineNumber ?? 0) + 1}`
      : `${blamed.url}:${(blamed.lineNumber ?? 0) + 1}`
  if (init.type == 'parser' && init.url) {
    const tag =
      { script: '<script src>', image: '<img>', iframe: '<iframe>', stylesheet: '<link rel=stylesheet>' }[type] ??
      'a tag'
    return `${tag} in ${init.url}${init.lineNumber != null ? ' line ' + (init.lineNumber + 1) : ''}`
  }
  if (init.url) return init.url
  return null
}
