// Every way a tag reaches its vendor, as a page does it: the blocker's browser tests run each one, in Chromium
// (blocker.browser.test.ts) and in Firefox ESR and WebKit (blocker.engines.browser.test.ts).

export const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-TEST123'
export const FBEVENTS = 'https://connect.facebook.net/en_US/fbevents.js'
export const PIXEL = 'https://www.facebook.com/tr/?id=123&ev=PageView&noscript=1'
export const YOUTUBE = 'https://www.youtube.com/embed/abc'
export const COLLECT = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-TEST123&en=page_view'

export const ran = (name: string) => `(window.__ran=window.__ran||[]).push(${JSON.stringify(name)})`
/** Google's snippet after the loader: queues commands, runs wherever it is (not a tracker request itself). */
export const GA_CONFIG =
  'window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}' +
  "gtag('js',new Date());gtag('config','G-TEST123');"
/** Meta's base code, as pasted: a loader that inserts fbevents.js with createElement. */
export const META =
  '!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?' +
  'n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;' +
  "n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];" +
  `s.parentNode.insertBefore(t,s)}(window,document,'script','${FBEVENTS}');fbq('init','123');fbq('track','PageView');`

export interface Door {
  /** What the page does. */
  head?: string
  body?: string
  /** Script names (test/fakes.mjs) that must run exactly once, in this order, after "accept all". */
  runs?: string[]
  /** Third-party requests (host) expected after "accept all", each exactly once. */
  loads?: string[]
  /** A network call: dropped before consent, never sent later; `again` repeats it after consent, and then it goes. */
  again?: string
}

export const DOORS: Record<string, Door> = {
  'marked <script> tags, external and inline': {
    body: `<script type="text/plain" data-category="analytics" src="${GTAG}"></script>
      <script type="text/plain" data-category="analytics">${GA_CONFIG}${ran('config')}</script>
      <script type="text/plain" data-category="marketing" src="${FBEVENTS}"></script>`,
    runs: ['gtag', 'config', 'fbevents'],
  },
  'marked <iframe> and <img>': {
    body:
      `<iframe data-category="marketing" data-src="${YOUTUBE}"></iframe>` +
      `<img alt="" data-category="marketing" data-src="${PIXEL}">`,
    loads: ['www.youtube.com', 'www.facebook.com'],
  },
  'a loader that inserts the tag with createElement (Meta’s base code)': {
    head: `<script>${META}</script>`,
    runs: ['fbevents'],
  },
  'a pixel fired with new Image().src': {
    body: `<script>new Image().src = ${JSON.stringify(PIXEL)}</script>`,
    loads: ['www.facebook.com'],
  },
  'an iframe created by script': {
    body:
      `<div id="v"></div><script>var f=document.createElement('iframe');` +
      `f.setAttribute('src',${JSON.stringify(YOUTUBE)});document.getElementById('v').append(f)</script>`,
    loads: ['www.youtube.com'],
  },
  'a <link rel=preload> added by script': {
    body:
      `<script>var l=document.createElement('link');l.rel='preload';l.as='script';` +
      `l.href=${JSON.stringify(FBEVENTS)};document.head.append(l)</script>`,
    loads: ['connect.facebook.net'],
  },
  'document.write of a tag': {
    head: `<script>document.write('<script src="${FBEVENTS}"><\\/script>')</script>`,
    runs: ['fbevents'],
  },
  'navigator.sendBeacon': {
    body: `<script>window.__sent = navigator.sendBeacon(${JSON.stringify(COLLECT)})</script>`,
    again: `navigator.sendBeacon(${JSON.stringify(COLLECT)})`,
  },
  fetch: {
    body:
      `<script>fetch(${JSON.stringify(COLLECT)}, { method: 'POST', mode: 'no-cors', keepalive: true })` +
      '.then(function (r) { window.__fetched = r.status })</script>',
    again: `fetch(${JSON.stringify(COLLECT)}, { mode: 'no-cors' })`,
  },
  XMLHttpRequest: {
    body: `<script>var x = new XMLHttpRequest(); x.open('POST', ${JSON.stringify(COLLECT)}); x.send('v=2')</script>`,
    again:
      `(function () { var x = new XMLHttpRequest(); x.open('POST', ${JSON.stringify(COLLECT)}); ` +
      "x.send('v=2') })()",
  },
}
