// The Open Cookie Database (Apache-2.0, data/open-cookie-database.*): cookie and storage-key names that samtykke's own
// list does not know. Read once, on first use. A match is a hint with its source, never a guess.
import { readFileSync } from 'node:fs'

export interface OcdEntry {
  id: string
  platform: string
  /** The database's own category: Functional, Analytics, Marketing, Security, Personalization, Necessary. */
  category: string
  name: string
  domain: string
  retention: string
  controller: string
  /** The name is a prefix. */
  wildcard: boolean
}

/** The database's categories in samtykke's terms. "Functional" is what a site lists as preferences. */
export const OCD_CATEGORY: Record<string, string> = {
  Necessary: 'necessary',
  Security: 'necessary',
  Functional: 'preferences',
  Personalization: 'preferences',
  Analytics: 'analytics',
  Marketing: 'marketing',
}

export const OCD_FILE = new URL('../data/open-cookie-database.csv', import.meta.url)

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = [],
    field = '',
    quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char == '"' && text[i + 1] == '"') {
        field += '"'
        i++
      } else if (char == '"') quoted = false
      else field += char
    } else if (char == '"') quoted = true
    else if (char == ',') {
      row.push(field)
      field = ''
    } else if (char == '\n' || char == '\r') {
      if (char == '\r' && text[i + 1] == '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

let entries: OcdEntry[] | undefined

export function ocdEntries(): OcdEntry[] {
  if (entries) return entries
  const [, ...rows] = parseCsv(readFileSync(OCD_FILE, 'utf8'))
  return (entries = rows
    .filter((r) => r.length >= 8 && r[3])
    .map(([id, platform, category, name, domain, retention, controller, wildcard]) => ({
      id,
      platform,
      category,
      name: name.trim(),
      domain,
      retention,
      controller,
      wildcard: wildcard == '1',
    })))
}

/**
 * The entry for a cookie or storage-key name: exact names first, then the longest wildcard prefix; an entry for the
 * cookie's own domain wins a tie.
 */
export function lookupOcd(name: string, domain = ''): OcdEntry | undefined {
  const all = ocdEntries()
  const onDomain = (e: OcdEntry) =>
    !!domain && !!e.domain && domain.replace(/^\./, '').endsWith(e.domain.replace(/ .*$/, '').replace(/^\./, ''))
  const exact = all.filter((e) => !e.wildcard && e.name == name)
  if (exact.length) return exact.find(onDomain) ?? exact[0]
  const prefix = all.filter((e) => e.wildcard && name.startsWith(e.name)).sort((a, b) => b.name.length - a.name.length)
  return prefix.find((e) => e.name == prefix[0].name && onDomain(e)) ?? prefix[0]
}
