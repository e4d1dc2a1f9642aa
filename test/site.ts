// What every browser harness (browser.ts: Chromium; firefox.ts; webkit.ts) serves the same way: the test site at
// https://www.innfram.test and its subdomains, from disk, and the rule for what counts as a third party.
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { extname, join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
export const SITE = 'innfram.test'
export const ORIGIN = `https://www.${SITE}`

export const isFirstParty = (host: string) => host === SITE || host.endsWith('.' + SITE)

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

export interface SiteFiles {
  /** Pages by path ('/' or '/index.html' for the front page) → HTML, served before anything on disk. */
  files?: Record<string, string>
  /** A folder (from the repository's root) that the rest of the site is served from. */
  root?: string
}

/**
 * A first-party GET: a page given in `files`, else `/samtykke/*` from the built drop-in (packages/samtykke/dist),
 * `/packages/*` and `/node_modules/*` from the repository (for tests that import ES modules), then `root`.
 */
export function firstPartyFile(
  pathname: string,
  { files, root }: SiteFiles,
): { status: number; type: string; body: string | Buffer } {
  let path = decodeURIComponent(pathname)
  if (path.endsWith('/')) path += 'index.html'
  const html = TYPES['.html']
  const inline = files?.[path] ?? (path.endsWith('/index.html') ? files?.[path.slice(0, -10)] : undefined)
  if (inline !== undefined) return { status: 200, type: TYPES[extname(path)] ?? html, body: inline }
  const candidates: string[] = []
  if (path.startsWith('/samtykke/'))
    candidates.push(join(ROOT, 'packages/samtykke/dist', path.slice('/samtykke/'.length)))
  if (path.startsWith('/packages/') || path.startsWith('/node_modules/')) candidates.push(join(ROOT, path))
  if (root) candidates.push(join(resolve(ROOT, root), path))
  const file = candidates.find((f) => existsSync(f))
  if (!file) return { status: 404, type: 'text/plain', body: 'not found: ' + path }
  return { status: 200, type: TYPES[extname(path)] ?? 'application/octet-stream', body: readFileSync(file) }
}

/** A TCP port nothing listens on now. */
export const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer().once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => ok(port))
    })
  })
