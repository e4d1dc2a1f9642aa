// samtykke against vanilla-cookieconsent and Klaro, in real Chromium (Debian's, driven by playwright-core).
//
//   node bench/run.mjs            (or `pnpm bench`, which builds first)
//
// Settings (env): BENCH_RUNS (default 9 per tool and visit), BENCH_CPU (CPU slowdown, default 4),
// BENCH_RTT (ms added to every first-party response, default 150) and BENCH_KBPS (download speed used
// to add transfer time for the response's brotli size, default 1600): roughly Lighthouse's mobile profile.
//
// Each page is served from memory through `context.route`; every third-party host is faked (test/fakes.mjs),
// so nothing leaves the machine. Runs are interleaved (A, B, C, A, B, C, …), each in a fresh context.
// Writes the Markdown table to stdout and to bench/results.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { brotliCompressSync, constants as zlib } from 'node:zlib'
import { TOOLS, TEXT } from './pages.mjs'
import { launchChromium, fulfillWithFake } from '../test/chromium.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 9))
const CPU = Number(process.env.BENCH_CPU || 4)
const RTT = Number(process.env.BENCH_RTT ?? 150)
const KBPS = Number(process.env.BENCH_KBPS ?? 1600)
const HOST = 'www.bench.test'
const ORIGIN = `https://${HOST}`
const VIEWPORT = { width: 412, height: 823 }
const SETTLE = 1000

const TYPES = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length } })

// ---------------------------------------------------------------------------------------------------------
// In-page instrumentation, installed before any page script runs.
const instrument = (poll) => `(() => {
  const LABEL = ${JSON.stringify(TEXT.acceptAll)}
  const m = window.__bench = { bannerAt: null, bannerGoneAt: null, longTasks: [], shifts: [], events: [], click: null, afterPaint: null }
  const observe = (type, opts, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true, ...opts }) } catch {} }
  observe('longtask', {}, (e) => m.longTasks.push([e.startTime, e.duration]))
  observe('layout-shift', {}, (e) => { if (!e.hadRecentInput) m.shifts.push([e.startTime, e.value]) })
  observe('event', { durationThreshold: 16 }, (e) => m.events.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId }))
  // Shadow roots (open or closed) are remembered so the poll can look inside them.
  const roots = [document]
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (init) { const r = attach.call(this, init); roots.push(r); return r }
  const visible = (b) => {
    if (!b.isConnected || !b.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false
    const r = b.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
  }
  const find = () => {
    for (const root of roots) for (const b of root.querySelectorAll('button')) if (b.textContent.trim() === LABEL && visible(b)) return b
    return null
  }
  // First frame in which the accept button is rendered (in the viewport, not transparent): the banner is visible.
  // Not polled on a returning visit (it would cost script time); checked once at the end instead.
  const start = performance.now()
  const poll = () => {
    if (find()) { m.bannerAt = performance.now(); return }
    if (performance.now() - start < 20000) requestAnimationFrame(poll)
  }
  window.__benchFind = () => find() !== null
  if (${poll}) requestAnimationFrame(poll)
  // Click to next paint: from the click event's timestamp to a task queued after the next frame.
  addEventListener('click', (e) => {
    if (m.click !== null) return
    m.click = e.timeStamp
    requestAnimationFrame(() => setTimeout(() => {
      m.afterPaint = performance.now()
      const gone = () => { if (!find()) m.bannerGoneAt = performance.now(); else if (performance.now() - m.click < 5000) requestAnimationFrame(gone) }
      gone()
    }, 0))
  }, true)
})()`

// ---------------------------------------------------------------------------------------------------------
// Serving: each tool's page at `/`, its files under its prefix; sizes counted as brotli (quality 11).

const cache = new Map()
function file(path) {
  if (!cache.has(path)) {
    let out = null
    if (existsSync(path)) {
      const raw = readFileSync(path)
      out = { raw, br: brotli(raw).length, type: TYPES[extname(path)] ?? 'application/octet-stream' }
    }
    cache.set(path, out)
  }
  return cache.get(path)
}
const pages = new Map()
function page(tool) {
  if (!pages.has(tool.id)) {
    const raw = Buffer.from(tool.page())
    pages.set(tool.id, { raw, br: brotli(raw).length, type: TYPES['.html'] })
  }
  return pages.get(tool.id)
}

function newTally() {
  return { tool: 0, toolFiles: [], html: 0, thirdParty: [], missing: [] }
}

async function route(tool, tally, r) {
  const req = r.request()
  const url = new URL(req.url())
  if (url.protocol === 'data:' || url.protocol === 'blob:') return r.continue()
  if (url.hostname !== HOST) {
    tally.thirdParty.push(url.href)
    return fulfillWithFake(r)
  }
  if (req.method() !== 'GET') return r.fulfill({ status: 204, body: '' })
  const path = decodeURIComponent(url.pathname)
  let f = null
  if (path === '/' || path === '/index.html') f = page(tool)
  else if (path.startsWith(tool.prefix)) f = file(join(ROOT, tool.dir, path.slice(tool.prefix.length)))
  if (!f) {
    if (path !== '/favicon.ico') tally.missing.push(path)
    return r.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })
  }
  if (f.type.startsWith('text/html')) tally.html += f.br
  else {
    tally.tool += f.br
    tally.toolFiles.push(path)
  }
  await sleep(RTT + (f.br * 8) / KBPS)
  return r.fulfill({ status: 200, contentType: f.type, body: f.raw, headers: { 'cache-control': 'no-store' } })
}

// ---------------------------------------------------------------------------------------------------------
// One visit.

async function open(browser, tool, storageState) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    ignoreHTTPSErrors: true,
    locale: 'nb-NO',
    storageState,
  })
  const tally = newTally()
  await context.route('**/*', (r) => route(tool, tally, r))
  await context.addInitScript(instrument(!storageState))
  const p = await context.newPage()
  const errors = []
  p.on('pageerror', (e) => errors.push(String(e.message || e)))
  const cdp = await context.newCDPSession(p)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU })
  await cdp.send('Performance.enable')
  return { context, page: p, cdp, tally, errors }
}

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000
  return { script: get('ScriptDuration'), task: get('TaskDuration') }
}

/** Largest session window of layout shifts (gap < 1 s, window < 5 s): the CLS definition. */
function cls(shifts) {
  let best = 0
  let sum = 0
  let first = -Infinity
  let last = -Infinity
  for (const [t, v] of shifts) {
    if (t - last > 1000 || t - first > 5000) {
      sum = 0
      first = t
    }
    sum += v
    last = t
    best = Math.max(best, sum)
  }
  return best
}

const accept = (p) => p.getByRole('button', { name: TEXT.acceptAll, exact: true }).first()

async function firstVisit(browser, tool) {
  const v = await open(browser, tool)
  try {
    await v.page.goto(ORIGIN + '/', { waitUntil: 'load', timeout: 30000 })
    await v.page.waitForFunction(() => window.__bench.bannerAt !== null, null, { polling: 100, timeout: 20000 })
    await sleep(SETTLE)
    const before = await metrics(v.cdp)
    const b = await v.page.evaluate(() => window.__bench)
    const thirdPartyBefore = v.tally.thirdParty.length
    await accept(v.page).click({ timeout: 10000 })
    await v.page.waitForFunction(() => window.__bench.afterPaint !== null, null, { polling: 50, timeout: 10000 })
    await sleep(SETTLE)
    const after = await v.page.evaluate(() => ({ b: window.__bench, ran: window.__ran || [] }))
    const cookies = Object.fromEntries((await v.context.cookies(ORIGIN)).map((c) => [c.name, c.value]))
    const storageState = await v.context.storageState()
    const interaction = after.b.events.filter((e) => e.id > 0 && e.start >= after.b.click - 1)
    return {
      ok: true,
      storageState,
      toolBytes: v.tally.tool,
      toolFiles: [...new Set(v.tally.toolFiles)],
      htmlBytes: v.tally.html,
      missing: v.tally.missing,
      bannerAt: b.bannerAt,
      script: before.script,
      task: before.task,
      longTaskCount: b.longTasks.length,
      longTaskTotal: b.longTasks.reduce((s, [, d]) => s + d, 0),
      cls: cls(b.shifts),
      clickToPaint: after.b.afterPaint - after.b.click,
      eventTiming: interaction.length ? Math.max(...interaction.map((e) => e.duration)) : null,
      bannerGone: after.b.bannerGoneAt !== null,
      thirdPartyBefore,
      tagsRan: after.ran.includes('gtag') && after.ran.includes('fbevents') && '_ga' in cookies && '_fbp' in cookies,
      errors: v.errors,
    }
  } finally {
    await v.context.close()
  }
}

async function returningVisit(browser, tool, storageState) {
  const v = await open(browser, tool, storageState)
  try {
    await v.page.goto(ORIGIN + '/', { waitUntil: 'load', timeout: 30000 })
    const tagsRan = await v.page
      .waitForFunction(() => (window.__ran || []).includes('gtag') && (window.__ran || []).includes('fbevents'), null, {
        polling: 100,
        timeout: 10000,
      })
      .then(
        () => true,
        () => false,
      )
    await sleep(SETTLE)
    const m = await metrics(v.cdp)
    const b = await v.page.evaluate(() => ({ ...window.__bench, bannerShown: window.__benchFind() }))
    return {
      ok: true,
      toolBytes: v.tally.tool,
      toolFiles: [...new Set(v.tally.toolFiles)],
      missing: v.tally.missing,
      script: m.script,
      task: m.task,
      longTaskCount: b.longTasks.length,
      cls: cls(b.shifts),
      bannerShown: b.bannerShown,
      tagsRan,
      errors: v.errors,
    }
  } finally {
    await v.context.close()
  }
}

// ---------------------------------------------------------------------------------------------------------
// Statistics and the table.

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  if (!s.length) return NaN
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const kB = (n) => (n / 1000).toFixed(1) + ' kB'
const ms = (n) => Math.round(n) + ' ms'
const version = (pkg) => {
  try {
    return JSON.parse(readFileSync(join(ROOT, pkg, 'package.json'), 'utf8')).version
  } catch {
    return '?'
  }
}

function table(tools, results) {
  const base = results.samtykke
  // Targets (the quality bar): absolute for sizes, a ratio to vanilla-cookieconsent's figure from this same run for
  // times. Printed beside the figure; a missed target is reported, never an error (CI guards regressions only).
  const rows = [
    ['Own JS + CSS, first visit (brotli)', (r) => median(r.first.map((x) => x.toolBytes)), kB, { max: 12_000 }],
    ['Own JS + CSS, returning visit (brotli)', (r) => median(r.returning.map((x) => x.toolBytes)), kB, { max: 3_500 }],
    ['HTML page incl. inline config (brotli)', (r) => median(r.first.map((x) => x.htmlBytes)), kB],
    ['Navigation start → banner visible', (r) => median(r.first.map((x) => x.bannerAt)), ms, { vsVcc: 0.8 }],
    [
      'Main-thread script, first visit (to banner + 1 s)',
      (r) => median(r.first.map((x) => x.script)),
      ms,
      { vsVcc: 0.5 },
    ],
    ['Main-thread script, returning visit', (r) => median(r.returning.map((x) => x.script)), ms, { vsVcc: 0.5 }],
    ['Long tasks, first visit (count)', (r) => median(r.first.map((x) => x.longTaskCount)), (n) => String(n)],
    ['Long tasks, first visit (total)', (r) => median(r.first.map((x) => x.longTaskTotal)), ms],
    ['Cumulative layout shift, first visit', (r) => median(r.first.map((x) => x.cls)), (n) => n.toFixed(3)],
    ['Click "Godta alle" → next paint', (r) => median(r.first.map((x) => x.clickToPaint)), ms],
  ]
  const vcc = results.cookieconsent
  const target = (get, fmt, spec) => {
    if (!spec) return ''
    const v = base?.first.length ? get(base) : NaN
    if (spec.max !== undefined) {
      if (!Number.isFinite(v)) return `≤ ${fmt(spec.max)}`
      return `≤ ${fmt(spec.max)}: ${v <= spec.max ? 'met' : `**missed** by ${fmt(v - spec.max)}`}`
    }
    const w = vcc?.first.length ? get(vcc) : NaN
    if (!Number.isFinite(v) || !Number.isFinite(w) || w <= 0) return `≤ ${spec.vsVcc}× vanilla-cookieconsent`
    const ratio = v / w
    return `≤ ${spec.vsVcc}× vanilla-cc (${fmt(w * spec.vsVcc)}): ${ratio <= spec.vsVcc ? 'met' : '**missed**'}, samtykke is ${ratio.toFixed(2)}×`
  }
  const head = `| | ${tools.map((t) => `${t.name} ${t.version}`).join(' | ')} | samtykke's target |`
  const sep = `|---|${tools.map(() => '---:').join('|')}|---|`
  const body = rows.map(([label, get, fmt, spec]) => {
    const cells = tools.map((t) => {
      const r = results[t.id]
      if (!r.first.length) return 'failed'
      const v = get(r)
      if (!Number.isFinite(v)) return '–'
      let cell = fmt(v)
      if (t.id !== 'samtykke' && base?.first.length) {
        const b = get(base)
        if (Number.isFinite(b) && b > 0) cell += ` (${(v / b).toFixed(1)}×)`
      }
      return cell
    })
    return `| ${label} | ${cells.join(' | ')} | ${target(get, fmt, spec)} |`
  })
  const checks = [
    ['Third-party requests before a choice', (r) => Math.max(...r.first.map((x) => x.thirdPartyBefore))],
    ['GA + Meta ran after "Godta alle"', (r) => `${r.first.filter((x) => x.tagsRan).length}/${r.first.length}`],
    ['Banner gone after click', (r) => `${r.first.filter((x) => x.bannerGone).length}/${r.first.length}`],
    [
      'Returning: no banner, tags ran',
      (r) => `${r.returning.filter((x) => !x.bannerShown && x.tagsRan).length}/${r.returning.length}`,
    ],
  ].map(
    ([label, get]) =>
      `| ${label} | ${tools.map((t) => (results[t.id].first.length ? get(results[t.id]) : 'failed')).join(' | ')} | ${label.startsWith('Third') ? '0' : 'all'} |`,
  )
  return [head, sep, ...body, ...checks].join('\n')
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const tools = TOOLS.map((t) => ({ ...t, version: version(t.pkg) }))
  const results = Object.fromEntries(tools.map((t) => [t.id, { first: [], returning: [], failures: [], files: {} }]))
  const browser = await launchChromium()
  const chromiumVersion = browser.version()
  const log = (s) => process.stderr.write(s + '\n')
  log(`Chromium ${chromiumVersion}; ${RUNS} runs per tool and visit; CPU ${CPU}× slower; RTT ${RTT} ms, ${KBPS} kbit/s`)

  const active = []
  for (const t of tools) {
    if (!existsSync(join(ROOT, t.dir))) {
      results[t.id].failures.push(`${t.dir} is missing` + (t.id === 'samtykke' ? ': run `npx -y pnpm@10 build`' : ''))
      log(`skip ${t.name}: ${results[t.id].failures[0]}`)
      continue
    }
    // A warm-up visit per tool (not counted) that also gives the returning visit its cookie jar.
    try {
      const warm = await firstVisit(browser, t)
      if (warm.missing.length) throw new Error('404 for ' + warm.missing.join(', '))
      if (!warm.tagsRan) throw new Error('GA and Meta did not run after "Godta alle": the page is not wired right')
      t.storageState = warm.storageState
      active.push(t)
      log(`warm ${t.name}: banner ${Math.round(warm.bannerAt)} ms, files ${warm.toolFiles.join(' ')}`)
    } catch (e) {
      results[t.id].failures.push(`warm-up: ${e.message.split('\n')[0]}`)
      log(`FAIL ${t.name} warm-up: ${e.message.split('\n')[0]}`)
    }
  }

  for (let i = 0; i < RUNS; i++) {
    for (const kind of ['first', 'returning']) {
      for (const t of active) {
        try {
          const r = kind === 'first' ? await firstVisit(browser, t) : await returningVisit(browser, t, t.storageState)
          delete r.storageState
          results[t.id][kind].push(r)
          results[t.id].files[kind] = r.toolFiles
          for (const e of r.errors)
            if (!results[t.id].failures.includes('page error: ' + e)) results[t.id].failures.push('page error: ' + e)
        } catch (e) {
          results[t.id].failures.push(`${kind} #${i + 1}: ${e.message.split('\n')[0]}`)
          log(`FAIL ${t.name} ${kind} #${i + 1}: ${e.message.split('\n')[0]}`)
        }
      }
    }
    log(`round ${i + 1}/${RUNS} done`)
  }
  await browser.close()

  const shown = tools.filter((t) => results[t.id].first.length || results[t.id].failures.length)
  const md = [
    `## Benchmark: samtykke vs vanilla-cookieconsent and Klaro`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench\` in Chromium ${chromiumVersion} (headless, Linux), ` +
      `${RUNS} interleaved runs per tool and visit, median shown; (×) = ratio to samtykke. ` +
      `CPU slowed ${CPU}× (CDP \`Emulation.setCPUThrottlingRate\`); every first-party response delayed by ${RTT} ms + its brotli size at ${KBPS} kbit/s; ` +
      `viewport ${VIEWPORT.width}×${VIEWPORT.height}. Third parties are faked locally.`,
    '',
    table(shown, results),
    '',
    '**How it is measured.** Three pages with the same content, the same categories (necessary, analytics, marketing), ' +
      'the same two services (GA4 via gtag.js, the Meta pixel) and the same Norwegian texts, each wired the way the tool documents ' +
      "(bench/pages.mjs). Sizes are the brotli (quality 11) size of each of the tool's own files the browser requested. " +
      '"Banner visible" is the first animation frame in which the "Godta alle" button is rendered inside the viewport with non-zero opacity ' +
      '(searched in open and closed shadow roots too). Main-thread script is CDP `Performance.getMetrics` ScriptDuration for the whole page ' +
      '(identical page content and instrumentation for all three, so differences are the tool), read 1 s after the banner appeared, ' +
      'or 1 s after the tags ran on a returning visit. Long tasks and layout shifts come from PerformanceObserver. ' +
      "Click → next paint runs from the click event's timestamp to a task queued after the next animation frame.",
    '',
    '**Files loaded.**',
    ...shown.map((t) => {
      const f = results[t.id].files
      return `- ${t.name}: first visit ${f.first?.join(', ') || '–'}; returning visit ${f.returning?.join(', ') || '–'}`
    }),
    '',
    '**Notes.** vanilla-cookieconsent runs with `hideFromBots: false` (it otherwise hides from automated browsers); ' +
      'it also waits 100 ms (a `setTimeout`) before starting its banner animation, which is part of its time to banner. ' +
      'Klaro is the default `klaro.js` build (CSS and all translations included), as its documentation loads it. ' +
      'Bodies reach Chromium uncompressed (`route.fulfill` does not decode `content-encoding`); the brotli sizes are counted by the bench, ' +
      'and the added network delay uses them. The machine (2 cores) was shared with other work, so timings carry noise; ' +
      'interleaving spreads it evenly over the three tools.',
  ]
  const failures = shown.filter((t) => results[t.id].failures.length)
  if (failures.length) {
    md.push('', '**Failures and page errors.**')
    for (const t of failures) for (const f of results[t.id].failures) md.push(`- ${t.name}: ${f}`)
  }
  const eventTiming = shown
    .filter((t) => results[t.id].first.length)
    .map((t) => {
      const xs = results[t.id].first.map((x) => x.eventTiming).filter((x) => x !== null)
      return `${t.name} ${xs.length ? median(xs) + ' ms' : 'under 16 ms'} (${xs.length}/${results[t.id].first.length} runs reported)`
    })
  md.push(
    '',
    `Event Timing API, longest event of the click interaction (reported only from 16 ms): ${eventTiming.join('; ')}.`,
  )
  const out = md.join('\n') + '\n'
  writeFileSync(join(ROOT, 'bench/results.md'), out)
  // The same table in the README, between its markers, with the run's date.
  const readme = join(ROOT, 'README.md')
  const marked = /(<!-- bench:table[^>]*-->\n)[\s\S]*?(<!-- \/bench:table -->)/
  const text = readFileSync(readme, 'utf8')
  if (marked.test(text))
    writeFileSync(
      readme,
      text.replace(
        marked,
        (_, open, close) =>
          `${open}${table(shown, results)}\n\nMeasured ${new Date().toISOString().slice(0, 10)}, Chromium ${chromiumVersion}, ${RUNS} runs per tool and visit.\n${close}`,
      ),
    )
  else log('README.md has no <!-- bench:table --> markers: the table was not copied there')
  process.stdout.write(out)
  if (tools.some((t) => !results[t.id].first.length)) process.exitCode = 1
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
