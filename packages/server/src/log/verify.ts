// `samtykke serve verify`: walks each site's chain in order and names the first link that does not hold.
import type { Db } from '../db'
import { linkHash } from './chain'

export interface SiteReport {
  site: string
  receipts: number
  /** First sequence number present (above 1 when retention has dropped older months). */
  first: number | null
  last: number | null
  /** The first broken link, or null when the chain holds. */
  broken: null | { seq: number; consentId?: string; problem: string }
}

/** Checks every site's chain (or one site's). */
export async function verifyChain(db: Db, { site, pageSize = 5000 }: { site?: string; pageSize?: number } = {}): Promise<SiteReport[]> {
  const state = (await db.query('SELECT dropped_before FROM retention_state WHERE id = 1')).rows[0]
  const droppedBefore = state ? new Date(state.dropped_before).getTime() : 0
  const heads = (await db.query('SELECT site, seq, hash, received_at FROM chain_heads WHERE ($1::text IS NULL OR site = $1) ORDER BY site', [site ?? null])).rows
  const reports: SiteReport[] = []
  for (const head of heads) {
    const report: SiteReport = { site: head.site, receipts: 0, first: null, last: null, broken: null }
    reports.push(report)
    let prev: { seq: number; hash: string } | undefined
    let after = 0
    for (;;) {
      const rows = (
        await db.query(
          `SELECT site, seq, received_at, consent_id, decided_at, key, revision, how, gpc, categories, event, surface, path, lang, snapshot_hash, ip, browser, prev_hash, hash
           FROM receipts WHERE site = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
          [head.site, after, pageSize],
        )
      ).rows
      for (const r of rows) {
        const seq = Number(r.seq)
        report.receipts++
        report.first ??= seq
        report.last = seq
        const at = (problem: string) => (report.broken = { seq, consentId: r.consent_id, problem })
        if (!prev && seq > 1 && !droppedBefore) at(`receipts #1–#${seq - 1} are missing, and retention has removed nothing`)
        else if (prev && seq != prev.seq + 1) at(`receipts #${prev.seq + 1}–#${seq - 1} are missing (deleted after they were stored)`)
        else if (prev && r.prev_hash != prev.hash) at(`its link to #${prev.seq} does not match: a receipt was changed, removed or put in between`)
        else if (!prev && seq == 1 && r.prev_hash != '') at('the first receipt does not start the chain')
        else {
          const h = linkHash({
            site: r.site, seq, receivedAt: new Date(r.received_at).getTime(), consentId: r.consent_id, decidedAt: new Date(r.decided_at).getTime(), key: r.key,
            revision: r.revision, how: r.how, gpc: r.gpc, categories: r.categories, event: r.event, surface: r.surface, path: r.path, lang: r.lang,
            snapshotHash: r.snapshot_hash, ip: r.ip, browser: r.browser, prevHash: r.prev_hash,
          })
          if (h != r.hash) at('its content does not match its hash: the row was edited after it was stored')
        }
        if (report.broken) break
        prev = { seq, hash: r.hash }
      }
      if (report.broken || rows.length < pageSize) break
      after = Number(rows[rows.length - 1].seq)
    }
    // Every receipt gone: fine if the newest was older than what retention dropped.
    const allRetired = report.last === null && new Date(head.received_at).getTime() < droppedBefore
    if (!report.broken && !allRetired && Number(head.seq) != (report.last ?? 0) && Number(head.seq) > 0)
      report.broken = { seq: (report.last ?? 0) + 1, problem: `the newest receipts up to #${head.seq} are missing (the chain head says #${head.seq})` }
    else if (!report.broken && prev && head.hash != prev.hash) report.broken = { seq: prev.seq, problem: 'the newest receipt does not match the chain head: it was changed' }
  }
  return reports
}
