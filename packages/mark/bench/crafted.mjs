// How long samtykke mark takes on crafted pages: each input at 1 MiB and at 4 MiB, through the built package.
// The bound: every 1 MiB input marks in under BOUND_MS, 5 s (the reported case, a 0.9 MB gtag.js URL, took 24 s when a
// regular expression backtracked), and four times the input takes less than ten times as long (linear, with room
// for a busy machine; quadratic would be sixteen). Exits 1 when a case is over either bound.
//   npx -y pnpm@10 bench:mark        (or: npx -y pnpm@10 build && node packages/mark/bench/crafted.mjs [runs])
import { markHtml } from '../dist/index.js'

const BOUND_MS = 5000
const MAX_RATIO = 10
const RUNS = Number(process.argv[2]) || 3
const MiB = 1024 * 1024
const PIXEL = 'https://www.facebook.com/tr?id=1'

/** Each case: a page of about `size` characters, and what a right answer looks like. */
const CASES = {
  // The reported case: no AW-/DC- id, so a backtracking check tried every repetition against the rest of the URL.
  'gtag.js URL, repeated prefix': {
    page: (size) =>
      `<script async src="https://www.googletagmanager.com/gtag/js?id=G-1&x=${'googletagmanager.com/gtag/js?'.repeat(size / 29)}"></script>`,
    ok: (r) => r.changes.length == 1 && r.changes[0].category == 'analytics',
  },
  'gtag.js URL for Ads, repeated prefix': {
    page: (size) =>
      `<script async src="https://www.googletagmanager.com/gtag/js?x=${'googletagmanager.com/gtag/js?'.repeat(size / 29)}&id=AW-1"></script>`,
    ok: (r) => r.changes.length == 1 && r.changes[0].category == 'marketing',
  },
  'gtag.js URL, ampersands': {
    page: (size) => `<script async src="https://www.googletagmanager.com/gtag/js?id=G-1${'&'.repeat(size)}"></script>`,
    ok: (r) => r.changes.length == 1 && r.changes[0].category == 'analytics',
  },
  'spaces before "=" in a start tag': {
    page: (size) => `<img ${' '.repeat(size)}=x src="${PIXEL}">`,
    ok: (r) => r.changes.length == 1,
  },
  'slashes before "=" in a start tag': {
    page: (size) => `<img ${'/'.repeat(size)}=x src="${PIXEL}">`,
    ok: (r) => r.changes.length == 1,
  },
  'srcset with many candidates': {
    page: (size) => `<img srcset="${'/a.png 1x, '.repeat(size / 11)}${PIXEL} 2x">`,
    ok: (r) => r.changes.length == 1,
  },
  'inline snippet, long parameter': {
    page: (size) => `<script>gtag('config', 'G-1', { page_title: '${'x'.repeat(size)}' })</script>`,
    ok: (r) => r.changes.length == 1 && r.changes[0].kind == 'inline script',
  },
  'inline Ads event, many send_to': {
    page: (size) =>
      `<script>gtag('event', 'conversion', {${'send_to_x: 1, '.repeat(size / 14)}'send_to': 'AW-1/a'})</script>`,
    ok: (r) => r.changes.length == 1 && r.changes[0].category == 'marketing',
  },
  'inline code with many tracker URLs': {
    page: (size) => `<script>load(${'"https://static.hotjar.com/c/x.js", '.repeat(size / 35)})</script>`,
    ok: (r) => r.changes.length == 0 && r.warnings.length == 1,
  },
  'unclosed <noscript> blocks': {
    page: (size) => '<noscript>'.repeat(size / 10) + `<img src="${PIXEL}">`,
    ok: (r) => r.changes.length == 1,
  },
  'nested elements': {
    page: (size) => '<div>'.repeat(size / 11) + `<img src="${PIXEL}">` + '</div>'.repeat(size / 11),
    ok: (r) => r.changes.length == 1,
  },
}

const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
function time(html, ok) {
  const times = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    const r = markHtml(html)
    times.push(performance.now() - t)
    if (!ok(r)) throw new Error('wrong result')
  }
  return median(times)
}

let failed = 0
console.log(
  `${'case'.padEnd(36)} ${'1 MiB'.padStart(9)} ${'4 MiB'.padStart(9)}  ratio  (median of ${RUNS}; bounds: ${BOUND_MS} ms at 1 MiB, ratio ${MAX_RATIO})`,
)
for (const [name, { page, ok }] of Object.entries(CASES)) {
  const one = time(page(MiB), ok)
  const four = time(page(4 * MiB), ok)
  const ratio = four / Math.max(one, 1)
  const over = one > BOUND_MS || ratio > MAX_RATIO
  failed += over
  console.log(
    `${name.padEnd(36)} ${one.toFixed(0).padStart(6)} ms ${four.toFixed(0).padStart(6)} ms  ${ratio.toFixed(1).padStart(5)}${over ? '  OVER THE BOUND' : ''}`,
  )
}
process.exit(failed ? 1 : 0)
