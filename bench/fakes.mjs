// Fake third parties for the benchmark: nothing leaves the machine. The fakes record that they ran
// (window.__ran) and set the first-party cookies the real tags set, so a run can check that each tool
// really let the tags through after "Godta alle" and on the returning visit.

const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

const ran = (name) => `(window.__ran=window.__ran||[]).push(${JSON.stringify(name)});`
const cookie = (name, value) => `document.cookie=${JSON.stringify(`${name}=${value};path=/;max-age=63072000`)};`

const GTAG = `${ran('gtag')}${cookie('_ga', 'GA1.1.123.456')}${cookie('_ga_INNFRAM01', 'GS1.1.1')}
navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-INNFRAM01&en=page_view');`

const FBEVENTS = `${ran('fbevents')}${cookie('_fbp', 'fb.1.123.456')}
new Image().src = 'https://www.facebook.com/tr/?id=000000000000000&ev=PageView';`

/** Response for a third-party request: { status, contentType, body }. */
export function fakeFor(url, resourceType) {
  const hostPath = url.hostname + url.pathname
  if (hostPath.startsWith('www.googletagmanager.com/gtag/js'))
    return { status: 200, contentType: 'application/javascript', body: GTAG }
  if (/connect\.facebook\.net\/.*fbevents\.js$/.test(hostPath))
    return { status: 200, contentType: 'application/javascript', body: FBEVENTS }
  if (resourceType === 'script') return { status: 200, contentType: 'application/javascript', body: ran(hostPath) }
  if (resourceType === 'image') return { status: 200, contentType: 'image/gif', body: gif }
  if (resourceType === 'stylesheet') return { status: 200, contentType: 'text/css', body: '' }
  if (resourceType === 'document')
    return { status: 200, contentType: 'text/html', body: '<!doctype html><title>fake</title>' }
  return { status: 204, contentType: 'text/plain', body: '' }
}
