// What the site's own server adds to samtykke; optional, and not samtykke's code: the proof of each decision
// (GDPR art. 7(1)). samtykke POSTs a receipt to `receiptUrl`; this keeps one JSON line per decision, for three years.
// No IP address and no user agent: the record itself is the proof.
// (The consent cookie sent back with each page, for Safari and Brave, is @samtykke/mark's renewMiddleware: serve.mjs.)
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
// The rules samtykke holds its own cookie and receipts to: a receipt of any config it takes passes them.
import { CATEGORY_NAME, DAY, HOWS, REVISION } from '@samtykke/core'

const KEEP = 3 * 365 * DAY

/** Checks a receipt as samtykke sends it; returns what is kept, or why not. */
export function receipt(body) {
  let r
  try {
    r = JSON.parse(body)
  } catch {
    return 'not JSON'
  }
  if (!r || typeof r != 'object') return 'not an object'
  if (typeof r.id != 'string' || !/^[\w-]{8,40}$/.test(r.id)) return 'bad id'
  if (
    typeof r.time != 'string' ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/.test(r.time) ||
    Number.isNaN(Date.parse(r.time))
  )
    return 'bad time'
  if (typeof r.revision != 'string' || !REVISION.test(r.revision)) return 'bad revision'
  if (!HOWS.includes(r.how)) return 'bad how'
  const categories = r.categories && typeof r.categories == 'object' ? Object.entries(r.categories) : []
  if (!categories.length || !categories.every(([name, on]) => CATEGORY_NAME.test(name) && typeof on == 'boolean'))
    return 'bad categories'
  if (r.categories.necessary !== true) return 'necessary is not on'
  if (typeof r.url != 'string' || !/^https?:\/\//.test(r.url) || r.url.length > 2000) return 'bad url'
  // The language the visitor was asked in (a tag like "nb" or "is"); older receipts have none.
  if (r.lang !== undefined && (typeof r.lang != 'string' || !/^[\w-]{2,35}$/.test(r.lang))) return 'bad lang'
  return {
    received: new Date().toISOString(),
    id: r.id,
    time: r.time,
    revision: r.revision,
    how: r.how,
    gpc: r.gpc === true,
    categories: r.categories,
    url: r.url,
    lang: r.lang ?? null,
  }
}

/**
 * POST receiptUrl: 204 and one line in `file`; 400, 403 or 413, with the reason, for anything else. Only the site's
 * own pages may post (Sec-Fetch-Site, where the browser sends it).
 */
export async function keepReceipt(req, res, file) {
  try {
    const site = req.headers['sec-fetch-site']
    if (site && site != 'same-origin') return answer(res, 403, 'not from this site')
    let body = ''
    for await (const chunk of req) {
      body += chunk
      if (body.length > 4096) return answer(res, 413, 'too large')
    }
    const kept = receipt(body)
    if (typeof kept == 'string') return answer(res, 400, kept)
    await mkdir(dirname(file), { recursive: true })
    await appendFile(file, JSON.stringify(kept) + '\n')
    const on = Object.keys(kept.categories).filter((c) => kept.categories[c] && c != 'necessary')
    console.log(`samtykke receipt ${kept.id}: ${kept.how}, ${on.join(' + ') || 'only necessary'}`)
    answer(res, 204)
  } catch (e) {
    // The visitor went away mid-request, or the file could not be written: say so, and keep serving.
    console.error(`samtykke receipt not kept: ${e.message}`)
    if (!res.headersSent) answer(res, 500, 'not kept')
  }
}

/** Drops receipts older than three years from `file` (run at start). Returns how many went. */
export async function pruneReceipts(file, now = Date.now()) {
  let lines
  try {
    lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean)
  } catch {
    return 0
  }
  const kept = lines.filter((l) => {
    try {
      return now - Date.parse(JSON.parse(l).time) < KEEP
    } catch {
      return true // not ours to judge: left for a person to look at
    }
  })
  if (kept.length < lines.length) await writeFile(file, kept.map((l) => l + '\n').join(''))
  return lines.length - kept.length
}

function answer(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text ? text + '\n' : undefined)
}
