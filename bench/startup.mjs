// Start-up cost of the drop-in: main-thread time spent evaluating and running dist/samtykke.js first in <head>,
// on a realistic page (config block, marked and unmarked tags after it), at 4× CPU throttling in Chromium.
// Usage: pnpm build && node bench/startup.mjs [runs] [script…]   (Debian's Chromium at /usr/bin/chromium or
// CHROMIUM_PATH;
// `script` defaults to packages/samtykke/dist/samtykke.js. Give two builds to compare them: their runs alternate,
// so the machine's load weighs on both alike)
// PROFILE=file.cpuprofile also writes one CPU profile (50 µs sampling) of a first visit, for DevTools or speedscope.
//
// What is measured, and what is kept out:
// - The script is loaded as a visitor's browser loads it, `<script src>`, and the figure is the trace's EvaluateScript
//   event for it: compile (what was not done off the main thread while it downloaded) + run, without download time.
//   (An earlier version timed an indirect eval between two performance marks: a second eval of the same source hits
//   V8's compilation cache, so a warmed-up renderer showed a run without compile that no first page view gets.) `cpu` is the main thread's CPU time in it (the throttler's pauses count:
//   Chromium keeps the thread busy; time that other processes take while the thread is descheduled does not), `wall`
//   the wall time, which a loaded machine inflates. `later` is the CPU time of our callbacks while the rest of the page loads (the blocker's
//   MutationObserver on each parsed element, DOMContentLoaded, the UI loader): not start-up, but the visitor's too.
// - Each context first loads a blank page of the same site, so the figure is not the cold start of a new renderer
//   (first navigation, process and heap set-up), which a visitor pays once per site whatever the page runs.
// - A bare `document.cookie` read runs in its own inline script just before; `total` adds it. The first cookie read is a
//   synchronous round trip to the browser process that any script reading cookies pays (a script doing only that
//   measures several ms here): it is the visitor's cost, but not one our code can lower.
// - A returning visitor gets the consent cookie before the measured page (no samtykke run before it: no warm caches).
// - Runs alternate between first and returning visits, so a burst of load on the machine hits both alike; the load
//   average is printed, and a median from a machine with a load above its core count is noise-prone.
import { readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { fulfillWithFake, launchChromium } from '../test/chromium.mjs'

const RUNS = Number(process.argv[2]) || 15
const ORIGIN = 'https://www.innfram.test'
const FILES =
  process.argv.length > 3 ? process.argv.slice(3) : [new URL('../packages/samtykke/dist/samtykke.js', import.meta.url)]
const RATE = Number(process.env.CPU_THROTTLE) || 4

const config = {
  privacyPolicyUrl: '/personvern',
  categories: {
    analytics: { services: [{ name: 'Google Analytics', cookies: [{ name: '_ga' }, { name: '_ga_*' }] }] },
  },
  consentMode: { adsDataRedaction: true },
}
// A typical Norwegian small-business page: GA4 marked, the Meta pixel pasted unmarked, a YouTube film, a map.
const page = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Innfram</title>
<script type="application/json" id="samtykke-config">${JSON.stringify(config)}</script>
<script>document.cookie</script>
<script src="/samtykke/samtykke.js"></script>
<script type="text/plain" data-category="analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-TEST123');</script>
<script>!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init','123');fbq('track','PageView');</script>
<link rel="stylesheet" href="/site.css"></head>
<body><header><h1>Innfram</h1><nav><a href="/">Hjem</a> <a href="/personvern">Personvern</a></nav></header>
<main>${'<p>Vi hjelper små bedrifter med regnskap, lønn og rådgivning. '.repeat(40)}</p>
<iframe title="Film" width="560" height="315" data-category="marketing" data-src="https://www.youtube-nocookie.com/embed/abc"></iframe>
<iframe title="Kart" width="400" height="300" src="https://www.google.com/maps/embed?pb=1"></iframe>
<script src="/app.js"></script></main></body></html>`

const scripts = FILES.map((f) => readFileSync(f, 'utf8'))

const browser = await launchChromium()

/** The consent cookie a returning visitor brings (analytics granted), made once by the script under test. */
let stored
async function consentCookie() {
  const context = await browser.newContext({ ignoreHTTPSErrors: true })
  await route(context, scripts[0], true)
  const tab = await context.newPage()
  await tab.goto(ORIGIN + '/')
  await tab.evaluate(() => window.samtykke.set({ analytics: true })) // fetches the write half, then stores
  const cookies = (await context.cookies()).filter((c) => c.name == 'samtykke')
  await context.close()
  if (cookies.length != 1) throw new Error('bench: no consent cookie')
  return cookies
}

/** `chunks`: serve the drop-in's other files from dist/ (to make the cookie); else they are not measured here. */
async function route(context, script, chunks) {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.hostname.endsWith('innfram.test')) {
      if (url.pathname == '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: page })
      if (url.pathname == '/warm')
        return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>warm</title>' })
      if (url.pathname == '/samtykke/samtykke.js')
        return route.fulfill({ contentType: 'application/javascript', body: script })
      if (url.pathname.startsWith('/samtykke/') && chunks)
        return route.fulfill({
          path: new URL('../packages/samtykke/dist/' + url.pathname.slice(10), import.meta.url).pathname,
        })
      if (url.pathname.startsWith('/samtykke')) return route.fulfill({ status: 404, body: '' }) // the UI chunk: not measured here
      return route.fulfill({
        contentType: url.pathname.endsWith('.css') ? 'text/css' : 'application/javascript',
        body: '',
      })
    }
    // Third parties: the tests' fakes (nothing should reach them before consent anyway).
    return fulfillWithFake(route)
  })
}

async function run(returning, script, profile) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true })
  await route(context, script)
  if (returning) await context.addCookies((stored ??= await consentCookie()))
  const tab = await context.newPage()
  tab.on('console', (m) => process.env.CONSOLE && console.log('console:', m.type(), m.text())) // the missing UI chunk logs an error: expected here
  await tab.goto(ORIGIN + '/warm')
  const cdp = await context.newCDPSession(tab)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE })
  if (profile) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 })
    await cdp.send('Profiler.start')
  }
  const events = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
  await cdp.send('Tracing.start', {
    categories: process.env.TRACE_CATEGORIES || 'devtools.timeline',
    transferMode: 'ReportEvents',
  })
  await tab.goto(ORIGIN + '/')
  await cdp.send('Tracing.end')
  await traced
  if (profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile))
  const decided = await tab.evaluate(() => window.samtykke.decided)
  // The inline script that reads the cookie (the first in the page), then ours.
  const evaluated = events.filter((e) => e.name == 'EvaluateScript' && e.ph == 'X').sort((x, y) => x.ts - y.ts)
  const cookie = evaluated.find((e) => e.args?.data?.url == ORIGIN + '/')
  const ours = evaluated.find((e) => e.args?.data?.url == ORIGIN + '/samtykke/samtykke.js')
  if (!cookie || !ours) throw new Error('bench: scripts not found in the trace')
  if (decided !== returning) throw new Error(`bench: expected decided=${returning}, got ${decided}`)
  if (process.env.DUMP) writeFileSync(process.env.DUMP, JSON.stringify(events))
  await context.close()
  // Our callbacks while the rest of the page loads (CPU time, as `cpu`). Function names are no way to tell them apart:
  // V8 reports none for some builds.
  const later = events
    .filter((e) => e.name == 'FunctionCall' && e.ph == 'X' && e.args?.data?.url == ORIGIN + '/samtykke/samtykke.js')
    .reduce((t, e) => t + e.tdur, 0)
  return { cpu: ours.tdur / 1000, wall: ours.dur / 1000, total: (ours.dur + cookie.dur) / 1000, later: later / 1000 }
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))]
  return { median: at(0.5), p90: at(0.9), min: s[0], max: s.at(-1) }
}
const fmt = (x) => x.toFixed(2) + ' ms'

const load = () => loadavg()[0].toFixed(2)
console.log(`samtykke.js start-up, ${RUNS} runs each, Chromium at ${RATE}× CPU throttling`)
console.log(`load average ${load()} on ${availableParallelism()} cores at the start`)
if (process.env.PROFILE) await run(false, scripts[0], process.env.PROFILE)
const times = scripts.map(() => ({ false: [], true: [] }))
// Warm-up of the browser, not counted.
await run(false, scripts[0])
await run(true, scripts[0])
for (let i = 0; i < RUNS; i++)
  for (const r of [false, true]) for (const [j, p] of scripts.entries()) times[j][r].push(await run(r, p))
for (const [j, f] of FILES.entries()) {
  const size = readFileSync(f).length
  console.log(
    `${String(f).split('/').pop()} (${(size / 1024).toFixed(1)} KB minified${FILES.length > 1 ? `, ${f}` : ''})`,
  )
  for (const returning of [false, true]) {
    const line = (k) => {
      const s = stats(times[j][returning].map((t) => t[k]))
      return `${k} ${fmt(s.median)} (p90 ${fmt(s.p90)})`
    }
    console.log(
      `  ${returning ? 'returning visitor' : 'first visit      '}: ${line('cpu')}  |  ${line('wall')}  |  ${line('total')}  |  ${line('later')}`,
    )
  }
}
console.log(`load average ${load()} at the end`)
await browser.close()
