// Fake third-party responses for browser tests: no test ever reaches a real tracker host.
// The fakes behave like the real tags where it matters to us: they run, set first-party cookies,
// and send beacons and pixels to their vendor's hosts, so a door left open shows up as a request.
import type { ResolvedConfig } from '../packages/core/src/config/types'
import type { Consent, ConsentState, Choices } from '../packages/core/src/store/types'

const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

export interface Fake {
  status?: number
  contentType: string
  body: string | Buffer
}

/** Sets a cookie on the registrable domain, the way GA and Meta do. */
const setCookieJs = (name: string, value: string) =>
  `document.cookie=${JSON.stringify(name)}+'='+${JSON.stringify(value)}+';path=/;max-age=63072000;domain='+location.hostname.split('.').slice(-2).join('.');`

/** Every fake script records that it ran, by name, in order. */
const ran = (name: string) => `(window.__ran=window.__ran||[]).push(${JSON.stringify(name)});`

const GTAG = `${ran('gtag')}
window.__gtagSaw = JSON.parse(JSON.stringify((window.dataLayer||[]).map(function(a){return typeof a.length=='number'?Array.prototype.slice.call(a):a})));
(function(){
  var dl = window.dataLayer = window.dataLayer || [];
  function consentOf(){ var c={}; dl.forEach(function(a){ if(a&&a[0]==='consent'){ for(var k in a[2]) c[k]=a[2][k]; } }); return c; }
  window.__gtagConsent = consentOf;
  if (consentOf().analytics_storage === 'granted') {
    ${setCookieJs('_ga', 'GA1.1.123.456')}
    ${setCookieJs('_ga_TEST123', 'GS1.1.1')}
  }
  navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-TEST123&en=page_view');
})();`

const FBEVENTS = `${ran('fbevents')}
${setCookieJs('_fbp', 'fb.1.123.456')}
new Image().src = 'https://www.facebook.com/tr/?id=123&ev=PageView';`

const GENERIC_SCRIPT = (name: string) => `${ran(name)}`

/** Answer for a third-party URL. */
export function fakeFor(url: URL, resourceType: string): Fake {
  const hostPath = url.hostname + url.pathname
  if (hostPath.startsWith('www.googletagmanager.com/gtag/js')) return js(GTAG)
  if (/connect\.facebook\.net\/.*fbevents\.js$/.test(hostPath)) return js(FBEVENTS)
  if (resourceType === 'script') return js(GENERIC_SCRIPT(url.hostname + url.pathname))
  if (resourceType === 'image') return { contentType: 'image/gif', body: gif }
  if (resourceType === 'document')
    return { contentType: 'text/html', body: `<!doctype html><title>fake ${url.hostname}</title><p>fake embed</p>` }
  if (resourceType === 'stylesheet') return { contentType: 'text/css', body: '' }
  return { status: 204, contentType: 'text/plain', body: '' }
}

const js = (body: string): Fake => ({ contentType: 'application/javascript', body })

// ---- A Consent stand-in for unit tests of the blocker and the signals (the real store is tested on its own). ----

export const FAKE_ORDER = ['necessary', 'preferences', 'analytics', 'marketing']

/** A resolved config with the four default categories; `over` replaces top-level keys. */
export function fakeConfig(over: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    revision: '1',
    lang: 'nb',
    order: FAKE_ORDER,
    categories: Object.fromEntries(FAKE_ORDER.map((c) => [c, {}])),
    cookie: { name: 'samtykke', days: 182, renew: true },
    ...over,
  }
}

/**
 * A consent store that keeps its state in memory: `granted` given = a returning visitor with that stored choice.
 * Listeners get (state, prev) on every change and (state) once on subscribe, like the real store.
 */
export function fakeConsent(config: ResolvedConfig = fakeConfig(), granted?: Choices): Consent {
  const make = (g: Choices | undefined): ConsentState => ({
    decided: !!g,
    granted: Object.fromEntries(config.order.map((c) => [c, c == 'necessary' || !!g?.[c]])),
    record: null,
    previous: null,
    gpc: false,
  })
  let state = make(granted)
  const listeners = new Set<(s: ConsentState, p?: ConsentState) => void>()
  const put = (g: Choices | undefined) => {
    const prev = state
    state = make(g)
    for (const l of listeners) l(state, prev)
  }
  const all = (v: boolean) => Object.fromEntries(config.order.map((c) => [c, v]))
  return {
    config,
    $state: undefined as unknown as Consent['$state'],
    get: () => state,
    has: (c) => !!state.granted[c],
    get decided() {
      return state.decided
    },
    acceptAll: () => put(all(true)),
    rejectAll: () => put(all(false)),
    set: (choices) => put({ ...state.granted, ...choices }),
    reset: () => put(undefined),
    subscribe(l) {
      listeners.add(l)
      l(state)
      return () => listeners.delete(l)
    },
    destroy: () => listeners.clear(),
  }
}
