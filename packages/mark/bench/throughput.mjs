// How fast samtykke mark reads HTML: MB/s on the large page (the corpus's every-tag page grown to 10 MB, the way
// test/corpus/index.ts `largePage` grows it), through the built package.
//   npx -y pnpm@10 build && node packages/mark/bench/throughput.mjs [MB] [runs]
import { readFileSync } from 'node:fs'
import { markBytes, markHtml } from '../dist/index.js'

const MB = Number(process.argv[2]) || 10
const RUNS = Number(process.argv[3]) || 7
const page = readFileSync(new URL('../test/corpus/every-tag.html', import.meta.url), 'utf8').replace(
  '<!--samtykke-->',
  '',
)
const body = page.slice(page.indexOf('<main>'), page.indexOf('</main>') + 7)
const filler = `<section><h2>Avsnitt</h2><p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)}</p><ul>${'<li><a href="/side">Lenke</a></li>'.repeat(10)}</ul></section>\n`
const block = body + filler.repeat(10)
const html = page.replace(
  '</body>',
  block.repeat(Math.max(1, Math.ceil((MB * 1024 * 1024 - page.length) / block.length))) + '</body>',
)
const bytes = Buffer.from(html)
const size = bytes.length / 1024 / 1024

const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
function measure(name, f) {
  f() // warm-up
  const times = []
  let r
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    r = f()
    times.push(performance.now() - t)
  }
  const ms = median(times)
  console.log(
    `${name.padEnd(28)} ${size.toFixed(1)} MB in ${ms.toFixed(0)} ms (median of ${RUNS}): ${(size / (ms / 1000)).toFixed(1)} MB/s, ${r.changes.length} tags marked`,
  )
}

measure('markHtml (string)', () => markHtml(html))
measure('markBytes (file bytes)', () => markBytes(bytes))
// A page like the corpus's real-world ones: mostly text and markup, a dozen tags to mark.
const plain = readFileSync(new URL('../test/corpus/wordpress.html', import.meta.url))
const many = Buffer.concat(Array.from({ length: Math.ceil((MB * 1024 * 1024) / plain.length) }, () => plain))
console.log(`(${(many.length / 1024 / 1024).toFixed(1)} MB of wordpress.html repeated:)`)
measure('markBytes (wordpress x N)', () => markBytes(many))
