// The tamper evidence: each stored receipt carries the hash of the one before it (per site) and its own hash over
// both. Change a stored field, remove a row or reorder them, and `samtykke serve verify` names every broken link.
import { canonical, sha256 } from '../receipt/site'

/** The fields a link covers: everything the receipt proves. */
export interface Link {
  site: string
  seq: number
  receivedAt: number
  consentId: string
  decidedAt: number
  key: string
  revision: string
  how: string
  gpc: boolean
  categories: Record<string, boolean>
  event: string
  surface: string | null
  path: string
  lang: string | null
  snapshotHash: string | null
  ip: string | null
  browser: string | null
  prevHash: string
}

export const linkHash = (l: Link): string =>
  sha256(
    canonical([
      l.prevHash,
      l.seq,
      l.site,
      l.consentId,
      new Date(l.decidedAt).toISOString(),
      new Date(l.receivedAt).toISOString(),
      l.key,
      l.revision,
      l.how,
      l.gpc,
      l.categories,
      l.event,
      l.surface,
      l.path,
      l.lang,
      l.snapshotHash,
      l.ip,
      l.browser,
    ]),
  )

/** Given, changed or withdrawn: compared with the same consent ID's previous receipt on the site. */
export function eventOf(previous: Record<string, boolean> | undefined, now: Record<string, boolean>): string {
  if (!previous) return 'given'
  if (Object.keys(previous).some((c) => previous[c] && !now[c])) return 'withdrawn'
  return canonical(previous) == canonical(now) ? 'renewed' : 'changed'
}
