// What a person reads: the terminal summary (stderr) and the self-contained HTML report.
import type { Undeclared } from './declaration'
import { PHASES, type Phase, type ScanResult } from './types'

export interface PhaseCount {
  phase: Phase
  pages: number
  cookies: number
  storage: number
  requests: number
  trackers: number
  unknown: number
  leaks: number
}

export function counts(scanned: ScanResult): PhaseCount[] {
  return scanned.phases.map((phase) => {
    const of = <T extends { phase: Phase }>(l: T[]) => l.filter((x) => x.phase == phase)
    const all = [...of(scanned.cookies), ...of(scanned.storage), ...of(scanned.requests)]
    return {
      phase,
      pages: of(scanned.pages).length,
      cookies: of(scanned.cookies).length,
      storage: of(scanned.storage).length,
      requests: of(scanned.requests).length,
      trackers: of(scanned.requests).filter((q) => q.category).length,
      unknown: all.filter((f) => !f.category).length,
      leaks: of(scanned.leaks).length,
    }
  })
}

const secs = (ms: number) => (ms / 1000).toFixed(1) + ' s'

/** The verdict and what to fix, for the terminal. */
export function summary(scanned: ScanResult, undeclared: Undeclared[] | null, files: string[] = []): string {
  const lines: string[] = []
  const pagesPerPhase = scanned.pages.filter((p) => p.phase == 'before-choice').length
  lines.push(
    `samtykke scan ${scanned.url}: ${pagesPerPhase} page${pagesPerPhase == 1 ? '' : 's'} × ` +
      `${scanned.phases.length} phase${scanned.phases.length == 1 ? '' : 's'} in ${secs(scanned.ms)}; ` +
      `choices made with ${scanned.tool ?? 'nothing (no consent tool found)'}`,
  )
  lines.push('')
  const row = (cells: (string | number)[]) =>
    '  ' +
    String(cells[0]).padEnd(15) +
    cells
      .slice(1)
      .map((c, i) => String(c).padStart([7, 9, 20, 10, 9, 9, 7][i]))
      .join('')
  lines.push(
    row(['phase', 'pages', 'cookies', '3rd-party requests', 'trackers', 'storage', 'unknown', 'leaks']).replace(
      / +$/,
      '',
    ),
  )
  for (const count of counts(scanned))
    lines.push(
      row([
        count.phase,
        count.pages,
        count.cookies,
        count.requests,
        count.trackers,
        count.storage,
        count.unknown,
        count.leaks,
      ]),
    )
  for (const n of scanned.notes) lines.push(`  note: ${n}`)
  const unknown = [
    ...new Set([
      ...scanned.cookies.filter((c) => !c.category).map((c) => `cookie ${c.name} (${c.domain})`),
      ...scanned.storage.filter((s) => !s.category).map((s) => `${s.type} ${s.name} (${s.host})`),
      ...scanned.requests.filter((q) => !q.category).map((q) => `host ${q.host}`),
    ]),
  ]
  if (unknown.length) lines.push('', `Unknown, not classified (look them up, then declare them): ${unknown.join(', ')}`)
  if (scanned.leaks.length) {
    lines.push('', `LEAKS (${scanned.leaks.length}): set or sent before consent`)
    for (const leak of scanned.leaks) {
      lines.push(
        `  ✗ ${leak.phase}  ${leak.kind} ${leak.name}  [${leak.category}${leak.vendor ? ', ' + leak.vendor : ''}]`,
      )
      lines.push(`      page ${leak.page}; caused by ${leak.cause ?? 'unknown (the browser could not tell)'}`)
      lines.push(`      fix: ${leak.fix}`)
    }
  }
  if (undeclared?.length) {
    lines.push('', `NOT IN THE DECLARATION (${undeclared.length}):`)
    for (const item of undeclared)
      lines.push(
        `  ✗ ${item.kind} ${item.name}${item.category ? ` [${item.category}]` : ''}, ` +
          `seen ${item.phase} on ${item.page}`,
      )
  }
  for (const file of files) lines.push(`Wrote ${file}`)
  const verdict = scanned.leaks.length
    ? `${scanned.leaks.length} leak${scanned.leaks.length == 1 ? '' : 's'}`
    : 'no leaks'
  const decl =
    undeclared == null ? '' : undeclared.length ? `; ${undeclared.length} undeclared` : '; declaration complete'
  lines.push('', `${scanned.leaks.length || undeclared?.length ? '✗' : '✓'} ${verdict}${decl}`)
  return lines.join('\n') + '\n'
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const cat = (c: string | null) =>
  c ? `<span class="cat ${esc(c)}">${esc(c)}</span>` : '<span class="cat unknown">unknown</span>'

const FOOTER =
  "Categories come from samtykke's tracker list and the Open Cookie Database (Apache-2.0); " +
  'each finding names its source. Unknown stays unknown.'

function table(headers: string[], rows: string[][], empty = 'Nothing.'): string {
  if (!rows.length) return `<p class="empty">${esc(empty)}</p>`
  const head = headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

const PHASE_TITLE: Record<Phase, string> = {
  'before-choice': 'Before any choice',
  'after-reject': 'After “reject all”',
  'after-accept': 'After “accept all”',
}

/** One HTML file, no outside resources: the screenshot is a data URL. */
export function htmlReport(scanned: ScanResult, undeclared: Undeclared[] | null): string {
  const perPhase = counts(scanned)
  const ok = !scanned.leaks.length && !undeclared?.length
  const code = (s: string | null) => (s ? `<code>${esc(s)}</code>` : '<span class="muted">–</span>')
  const vendors = new Map<
    string,
    { category: string | null; phases: Set<Phase>; hosts: Set<string>; cookies: Set<string> }
  >()
  for (const finding of [...scanned.requests, ...scanned.cookies, ...scanned.storage]) {
    if (!finding.vendor) continue
    const entry = vendors.get(finding.vendor) ?? {
      category: finding.category,
      phases: new Set(),
      hosts: new Set(),
      cookies: new Set(),
    }
    entry.phases.add(finding.phase)
    if ('url' in finding) entry.hosts.add(finding.host)
    else entry.cookies.add(finding.name)
    vendors.set(finding.vendor, entry)
  }
  const sections = PHASES.filter((p) => scanned.phases.includes(p)).map((phase) => {
    const cookies = scanned.cookies.filter((x) => x.phase == phase)
    const storage = scanned.storage.filter((x) => x.phase == phase)
    const requests = scanned.requests.filter((x) => x.phase == phase)
    return `<section><h2>${PHASE_TITLE[phase]}</h2>
<h3>Cookies (${cookies.length})</h3>${table(
      ['Name', 'Domain', 'Category', 'Vendor', 'Lifetime', 'Party', 'Flags', 'Set by', 'Source'],
      cookies.map((k) => [
        code(k.name),
        esc(k.domain),
        cat(k.category),
        esc(k.vendor ?? ''),
        esc(k.lifetime),
        k.party,
        esc([k.httpOnly && 'HttpOnly', k.secure && 'Secure', k.sameSite].filter(Boolean).join(' ')),
        code(k.setBy),
        esc(k.source ?? ''),
      ]),
    )}
<h3>Storage (${storage.length})</h3>${table(
      ['Key', 'Type', 'Origin', 'Category', 'Vendor', 'Set by', 'Source'],
      storage.map((s) => [
        code(s.name),
        s.type,
        esc(s.host),
        cat(s.category),
        esc(s.vendor ?? ''),
        code(s.setBy),
        esc(s.source ?? ''),
      ]),
    )}
<h3>Third-party requests (${requests.length})</h3>${table(
      ['URL (query values left out)', 'Type', 'Category', 'Vendor', 'Page', 'Caused by', 'Count'],
      requests.map((q) => [
        code(q.url),
        q.type,
        cat(q.category),
        esc(q.vendor ?? ''),
        esc(q.page),
        code(q.initiator),
        String(q.count),
      ]),
    )}</section>`
  })
  const byline = [
    esc(scanned.url),
    esc(scanned.startedAt),
    `${(scanned.ms / 1000).toFixed(1)} s`,
    `choices made with ${esc(scanned.tool ?? 'nothing: no consent tool recognised')}`,
  ].join(' · ')
  const leaks = scanned.leaks.length
  const leakVerdict = leaks
    ? `✗ ${leaks} leak${leaks == 1 ? '' : 's'}: set or sent before consent`
    : '✓ No leaks: nothing but the strictly necessary before consent or after “reject all”'
  const declarationVerdict =
    undeclared == null
      ? ''
      : undeclared.length
        ? `<br>✗ ${undeclared.length} not in the declaration`
        : '<br>✓ Everything seen is in the declaration'
  const figure = scanned.screenshot
    ? '<figure><img alt="The start page as a first-time visitor sees it" ' +
      `src="data:image/png;base64,${scanned.screenshot.toString('base64')}">` +
      '<figcaption class="muted">The start page as a first-time visitor sees it.</figcaption></figure>'
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>samtykke scan: ${esc(scanned.url)}</title>
<style>
:root { font: 15px/1.45 system-ui, sans-serif; color: #14213d; background: #f6f7f9; }
body { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid #d8dde6; }
h3 { margin-bottom: .4rem; }
.verdict { padding: 1rem 1.25rem; border-radius: 8px; font-size: 1.15rem; font-weight: 600; margin: 1rem 0; }
.verdict.ok { background: #e3f6e8; color: #0f5b2a; } .verdict.bad { background: #fde7e4; color: #8a1c0c; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .85rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
th { background: #eef1f6; white-space: nowrap; }
code { font-size: .8rem; overflow-wrap: anywhere; }
.muted, .empty { color: #6b7385; }
.cat { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .75rem; background: #e8ecf3; }
.cat.necessary { background: #e3f6e8; } .cat.analytics { background: #fff1d6; } .cat.marketing { background: #fde7e4; }
.cat.preferences { background: #e4eefc; } .cat.unknown { background: #eee; color: #555; }
.top { display: grid; grid-template-columns: 1fr 420px; gap: 1.5rem; align-items: start; }
.top img { width: 100%; border: 1px solid #d8dde6; border-radius: 6px; }
@media (max-width: 900px) { .top { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header><h1>samtykke scan</h1><p class="muted">${byline}</p></header>
<div class="top"><div>
<p class="verdict ${ok ? 'ok' : 'bad'}">${leakVerdict}${declarationVerdict}</p>
${table(
  ['Phase', 'Pages', 'Cookies', 'Storage', 'Third-party requests', 'of them trackers', 'Unknown', 'Leaks'],
  perPhase.map((x) => [
    PHASE_TITLE[x.phase],
    ...[x.pages, x.cookies, x.storage, x.requests, x.trackers, x.unknown, x.leaks].map(String),
  ]),
)}
${scanned.notes.length ? `<ul>${scanned.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
</div>${figure}</div>
${
  scanned.leaks.length
    ? `<section><h2>Leaks</h2>${table(
        ['Phase', 'What', 'Category', 'Vendor', 'Page', 'Caused by', 'Fix'],
        scanned.leaks.map((l) => [
          l.phase,
          `${l.kind} ${code(l.name)}`,
          cat(l.category),
          esc(l.vendor ?? ''),
          esc(l.page),
          code(l.cause),
          esc(l.fix),
        ]),
      )}</section>`
    : ''
}
${
  undeclared?.length
    ? `<section><h2>Not in the declaration</h2>${table(
        ['Kind', 'Name', 'Category', 'Phase', 'Page'],
        undeclared.map((u) => [u.kind, code(u.name), cat(u.category), u.phase, esc(u.page)]),
      )}</section>`
    : ''
}
<section><h2>By vendor</h2>${table(
    ['Vendor', 'Category', 'Hosts', 'Cookies and keys', 'Seen'],
    [...vendors]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, v]) => [
        esc(name),
        cat(v.category),
        esc([...v.hosts].join(', ')),
        esc([...v.cookies].join(', ')),
        esc([...v.phases].join(', ')),
      ]),
    'No known vendor.',
  )}</section>
${sections.join('\n')}
<section><h2>Pages</h2>${table(
    ['Phase', 'URL', 'Status', 'HTTP', 'Time', 'Note'],
    scanned.pages.map((p) => [
      p.phase,
      esc(p.url),
      p.status,
      String(p.httpStatus ?? ''),
      `${p.ms} ms`,
      esc(p.note ?? ''),
    ]),
  )}</section>
<footer><p class="muted">${FOOTER}</p></footer>
</body>
</html>
`
}
