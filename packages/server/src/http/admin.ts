// The /admin page: the consent rate per day as a chart, drawn in the browser from /admin/stats.json. Every string from
// the data goes in with textContent or as an SVG attribute value set by the DOM: never as markup.
import type { FastifyInstance } from 'fastify'
import type { Routes } from './context'
import { perMinute } from './fail'
import { ERROR_ANSWERS } from './schemas'

const SCHEMA = {
  summary: 'The consent rate per day, as a chart (token-guarded; a browser asks for the token as a Basic password)',
  response: ERROR_ANSWERS,
} as const

/** GET /admin (token-guarded, the token as a Basic password): the page, which may run only its own script. */
export async function adminRoutes(app: FastifyInstance, { limits }: Routes): Promise<void> {
  app.get(
    '/admin',
    { config: { ...perMinute(limits.api).config, basicAuth: true }, schema: SCHEMA },
    async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
            "connect-src 'self'; img-src 'self'",
        )
        .header('x-frame-options', 'DENY')
        .send(ADMIN_HTML),
  )
}

export const ADMIN_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>samtykke consent log</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; }
  h1 { font-size: 1.4rem; } table { border-collapse: collapse; margin-top: 1rem; }
  td, th { padding: .25rem .75rem; text-align: right; border-bottom: 1px solid #ddd; }
  td:nth-child(-n+3), th:nth-child(-n+3) { text-align: left; } svg { width: 100%; height: 16rem; background: #fafafa; }
  .all { stroke: #1a7f37; } .none { stroke: #cf222e; } .custom { stroke: #9a6700; } .legend span { margin-right: 1rem; }
</style>
</head>
<body>
<h1>Consent log</h1>
<p id="summary">Loading…</p>
<p class="legend"><span style="color:#1a7f37">■ accept all</span><span style="color:#cf222e">■ reject all</span><span
  style="color:#9a6700">■ custom</span></p>
<svg id="chart" viewBox="0 0 600 200" preserveAspectRatio="none" role="img"
  aria-label="Share of each choice per day"></svg>
<table><thead><tr><th>Day</th><th>Site</th><th>Revision</th><th>Receipts</th>
<th>Accept all</th><th>Reject all</th><th>Custom</th><th>GPC</th></tr></thead><tbody id="rows"></tbody></table>
<script>
(async () => {
  const summary = document.getElementById('summary')
  const res = await fetch('/admin/stats.json' + location.search, { credentials: 'same-origin' })
  if (!res.ok) { summary.textContent = 'Could not load the figures (' + res.status + ').'; return }
  const { days } = await res.json()
  const total = days.reduce((n, d) => n + d.total, 0)
  const all = days.reduce((n, d) => n + d.all, 0)
  summary.textContent = total
    ? total + ' receipts; ' + Math.round((100 * all) / total) + ' % accepted all.'
    : 'No receipts yet.'
  const rows = document.getElementById('rows')
  for (const d of days) {
    const tr = document.createElement('tr')
    for (const v of [d.day, d.site, d.revision, d.total, d.all, d.none, d.custom, d.gpc]) {
      const td = document.createElement('td')
      td.textContent = String(v)
      tr.append(td)
    }
    rows.append(tr)
  }
  // One line per choice: its share of the day's receipts, all sites together.
  const byDay = new Map()
  for (const d of days) {
    const t = byDay.get(d.day) || { total: 0, all: 0, none: 0, custom: 0 }
    for (const k of ['total', 'all', 'none', 'custom']) t[k] += d[k]
    byDay.set(d.day, t)
  }
  const list = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  const svg = document.getElementById('chart')
  const x = (i) => (list.length < 2 ? 300 : (i * 600) / (list.length - 1))
  for (const k of ['all', 'none', 'custom']) {
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline')
    line.setAttribute('class', k)
    line.setAttribute('fill', 'none')
    line.setAttribute('stroke-width', '2')
    line.setAttribute('points', list.map(([, t], i) => x(i) + ',' + (200 - (200 * t[k]) / t.total)).join(' '))
    line.dataset.choice = k
    svg.append(line)
  }
})()
</script>
</body>
</html>
`
