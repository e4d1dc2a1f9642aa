// The INNFRAM demo site: examples/innfram/ at `/`, the built drop-in (packages/samtykke/dist/) at `/samtykke/`.
//
//   npx -y pnpm@10 start            (builds, then runs this)
//   PORT=3000 node examples/innfram/serve.mjs
//
// Every page goes out through samtykke's marker (@samtykke/mark's middleware): a tracker tag pasted into a page
// unmarked is marked before the browser sees it, so not even its preload scanner fetches it before consent.
//
// Receipts of the visitors' decisions (the pages' `receiptUrl`) go to .tmp/samtykke-receipts.jsonl at the top of the
// repository, or to SAMTYKKE_RECEIPTS; with SAMTYKKE_LOG=http://127.0.0.1:8787 they go on to the consent log
// (`samtykke serve`), which answers for them. A real site points receiptUrl at the log itself.
import { createServer } from 'node:http'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import sirv from 'sirv'

const here = import.meta.dirname
// The site's own consent server (consent-server.mjs) reads the cookie with @samtykke/core, which the build makes.
const consent = existsSync(resolve(here, '../../packages/core/dist/index.js'))
  ? await import('./consent-server.mjs')
  : undefined
// Built by the same `pnpm build`; without it the pages are served as they are (they are marked by hand already).
const markPackage = existsSync(resolve(here, '../../packages/mark/dist/index.js'))
  ? await import('@samtykke/mark')
  : undefined
const pass = (req, res, next) => next()
const mark = markPackage ? markPackage.markMiddleware() : pass
// The choice kept in Safari and Brave, which hold a cookie a script writes for 7 days only: each page answer carries
// the visitor's own consent cookie back, unchanged, to expire six months after the decision inside it (never later).
// The pages set `cookie.renew: false`, or samtykke's own renewal, a script's write, would cap it again.
const renew = markPackage ? markPackage.renewMiddleware() : pass
const dist = resolve(here, '../../packages/samtykke/dist')
const port = Number(process.env.PORT) || 8080
const receipts = resolve(process.env.SAMTYKKE_RECEIPTS || resolve(here, '../../.tmp/samtykke-receipts.jsonl'))
const log = process.env.SAMTYKKE_LOG?.replace(/\/+$/, '')
const buildHint =
  'packages/samtykke/dist/samtykke.js is missing: run `npx -y pnpm@10 build` (or `npx -y pnpm@10 start`, which builds first).'

// dev: read files on every request, so a rebuild or an edited page shows up on reload.
const site = sirv(here, { dev: true, extensions: ['html'] })
const dropIn = sirv(dist, { dev: true })
// Only the site's pages and assets; not this script, the tests or package.json (with or without a trailing slash).
const hidden = /^\/(node_modules|serve\.mjs|package\.json)|\.(ts|mjs|json)$/

const server = createServer((req, res) => {
  let path
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname)
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
    return res.end('Ugyldig adresse.\n')
  }
  const notFound = (text = 'Fant ikke siden.') => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(text + '\n')
  }
  if (path.startsWith('/samtykke/')) {
    if (!existsSync(dist)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end(buildHint + '\n')
    }
    req.url = req.url.slice('/samtykke'.length)
    return dropIn(req, res, () => notFound())
  }
  if (path == '/api/samtykke' && req.method == 'POST' && log) return forward(req, res)
  if (path == '/api/samtykke' && req.method == 'POST' && consent) return consent.keepReceipt(req, res, receipts)
  if (hidden.test(path.replace(/\/+$/, ''))) return notFound()
  // renew outside mark: it adds its Set-Cookie when the headers go, and mark holds them back until the page is whole.
  renew(req, res, () => mark(req, res, () => site(req, res, () => notFound())))
})

/** The receipt, on to the consent log as the page's own origin; the log's answer (or 502) back to the page. */
async function forward(req, res) {
  let body = ''
  for await (const chunk of req) if ((body += chunk).length > 4096) break
  try {
    const answer = await fetch(`${log}/v1/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: `http://localhost:${port}` },
      body,
      signal: AbortSignal.timeout(5000),
    })
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') || 'text/plain; charset=utf-8' })
    res.end(await answer.text())
  } catch (e) {
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(`the consent log at ${log} did not answer (${e.cause?.code || e.message})\n`)
  }
}

server.on('error', (e) => {
  if (e.code === 'EADDRINUSE')
    console.error(`Port ${port} is in use: try PORT=${port + 1} node examples/innfram/serve.mjs`)
  else console.error(e)
  process.exit(1)
})

if (consent) {
  const gone = await consent.pruneReceipts(receipts)
  if (gone) console.log(`samtykke: ${gone} receipts older than three years deleted`)
}

server.listen(port, () => {
  if (!existsSync(resolve(dist, 'samtykke.js')))
    console.warn(`\n  Warning: ${buildHint}\n  The pages will load, but without the consent banner.\n`)
  console.log(`INNFRAM demo with samtykke: http://localhost:${port}/`)
  console.log(`  /                  examples/innfram/`)
  console.log(`  /samtykke/         packages/samtykke/dist/`)
  console.log(
    log
      ? `  POST /api/samtykke receipts, on to the consent log at ${log}`
      : `  POST /api/samtykke receipts, one JSON line each, to ${receipts}`,
  )
  console.log('Ctrl+C to stop.')
})
