// The test corpus: pages shaped like the ones sites ship (read from this folder), and one page with every tag kind
// the marker handles, which the unit tests, the browser proof and the throughput measurement share.
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const here = import.meta.dirname
const ROOT = resolve(here, '../../../..')

/** Every corpus page by name: this folder's and the INNFRAM example site's. */
export function corpus(): Record<string, string> {
  const pages: Record<string, string> = {}
  for (const file of readdirSync(here).filter((f) => f.endsWith('.html')))
    pages[file] = readFileSync(join(here, file), 'utf8')
  const innfram = join(ROOT, 'examples/innfram')
  for (const file of readdirSync(innfram).filter((f) => f.endsWith('.html')))
    pages['innfram/' + file] = readFileSync(join(innfram, file), 'utf8')
  return pages
}

/**
 * One page with every tag kind, unmarked, each loading a fake tracker URL. Each tag that runs pushes its name to
 * `window.__ran` (the fakes do it for external scripts: their host and path), so a test can check the order.
 * `head` goes first in <head> (the samtykke script and its config, for the browser), in place of `<!--samtykke-->`.
 * The throughput measurement (bench/throughput.mjs) grows the same file the same way as `largePage`.
 */
export function everyTagPage(head = ''): string {
  return readFileSync(join(here, 'every-tag.html'), 'utf8').replace('<!--samtykke-->', head)
}

/** `everyTagPage` grown to at least `bytes` (UTF-16 code units) by repeating its body: the large page. */
export function largePage(bytes: number): string {
  const page = everyTagPage()
  const body = page.slice(page.indexOf('<main>'), page.indexOf('</main>') + 7)
  const lorem = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)
  const links = '<li><a href="/side">Lenke</a></li>'.repeat(10)
  const filler = `<section><h2>Avsnitt</h2><p>${lorem}</p><ul>${links}</ul></section>\n`
  const block = body + filler.repeat(10)
  const copies = Math.max(1, Math.ceil((bytes - page.length) / block.length))
  return page.replace('</body>', block.repeat(copies) + '</body>')
}
