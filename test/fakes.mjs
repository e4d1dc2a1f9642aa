// Fake third-party responses for the browser tests (every engine's harness) and the benchmarks (bench/): nothing ever
// reaches a real tracker host. The fakes behave like the real tags where it matters to us: they run, set first-party
// cookies, and send beacons and pixels to their vendor's hosts, so a door left open shows up as a request.
// A plain .mjs module, so that the benchmarks run it with node; typed by fakes.d.mts beside it.

const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/** Sets a cookie on the registrable domain, the way GA and Meta do. */
const setCookieJs = (name, value) =>
  `document.cookie=${JSON.stringify(name)}+'='+${JSON.stringify(value)}+';path=/;max-age=63072000;domain='+location.hostname.split('.').slice(-2).join('.');`

/** Every fake script records that it ran, by name, in order. */
const ran = (name) => `(window.__ran=window.__ran||[]).push(${JSON.stringify(name)});`

const GTAG = `${ran('gtag')}
window.__gtagSaw = JSON.parse(JSON.stringify((window.dataLayer||[]).map(function(a){return typeof a.length=='number'?Array.prototype.slice.call(a):a})));
(function(){
  var dl = window.dataLayer = window.dataLayer || [];
  function consentOf(){ var c={}; dl.forEach(function(a){ if(a&&a[0]==='consent'){ for(var k in a[2]) c[k]=a[2][k]; } }); return c; }
  window.__gtagConsent = consentOf;
  // As the real tag: on a page without Consent Mode (the benchmark's other tools) it sets its cookies; with it, only
  // when analytics_storage is granted.
  var withConsentMode = dl.some(function(a){ return a && a[0]==='consent'; });
  if (!withConsentMode || consentOf().analytics_storage === 'granted') {
    ${setCookieJs('_ga', 'GA1.1.123.456')}
    ${setCookieJs('_ga_TEST123', 'GS1.1.1')}
  }
  navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-TEST123&en=page_view');
})();`

const FBEVENTS = `${ran('fbevents')}
${setCookieJs('_fbp', 'fb.1.123.456')}
new Image().src = 'https://www.facebook.com/tr/?id=123&ev=PageView';`

const GENERIC_SCRIPT = (name) => `${ran(name)}`

/** Answer for a third-party URL. */
export function fakeFor(url, resourceType) {
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

const js = (body) => ({ contentType: 'application/javascript', body })
