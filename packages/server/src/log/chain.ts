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

export const linkHash = (link: Link): string =>
  sha256(
    canonical([
      link.prevHash,
      link.seq,
      link.site,
      link.consentId,
      new Date(link.decidedAt).toISOString(),
      new Date(link.receivedAt).toISOString(),
      link.key,
      link.revision,
      link.how,
      link.gpc,
      link.categories,
      link.event,
      link.surface,
      link.path,
      link.lang,
      link.snapshotHash,
      link.ip,
      link.browser,
    ]),
  )

/** Given, changed or withdrawn: compared with the same consent ID's previous receipt on the site. */
export function eventOf(previous: Record<string, boolean> | undefined, now: Record<string, boolean>): string {
  if (!previous) return 'given'
  if (Object.keys(previous).some((c) => previous[c] && !now[c])) return 'withdrawn'
  return canonical(previous) == canonical(now) ? 'renewed' : 'changed'
}
