// `samtykke serve verify`: walks each site's chain in order and names every link that does not hold. It goes on past
// a broken link, so that a break someone caused on purpose is not hidden behind an earlier one.
import type { Db } from '../db'
import { linkHash } from './chain'
import { COLUMN_NAMES, linkOfRow } from './columns'

/** One link that does not hold. */
export interface Break {
  seq: number
  consentId?: string
  problem: string
}

export interface SiteReport {
  site: string
  receipts: number
  /** First sequence number present (above 1 when retention has dropped older months). */
  first: number | null
  last: number | null
  /** Every broken link, in chain order; empty when the chain holds. */
  breaks: Break[]
}

type Row = Record<string, any>

/** What is wrong with a row given the link before it (none: the first row kept), or undefined when it holds. */
function linkProblem(
  row: Row,
  prev: { seq: number; hash: string } | undefined,
  retentionRan: boolean,
): string | undefined {
  const seq = Number(row.seq)
  if (!prev && seq > 1 && !retentionRan) return `receipts #1–#${seq - 1} are missing, and retention has removed nothing`
  if (prev && seq != prev.seq + 1)
    return `receipts #${prev.seq + 1}–#${seq - 1} are missing (deleted after they were stored)`
  if (prev && row.prev_hash != prev.hash)
    return `its link to #${prev.seq} does not match: a receipt was changed, removed or put in between`
  if (!prev && seq == 1 && row.prev_hash != '') return 'the first receipt does not start the chain'
  if (linkHash(linkOfRow(row)) != row.hash)
    return 'its content does not match its hash: the row was edited after it was stored'
  return undefined
}

/** Checks one site's chain, page by page, against its head row. */
async function verifySite(db: Db, head: Row, droppedBefore: number, pageSize: number): Promise<SiteReport> {
  const report: SiteReport = { site: head.site, receipts: 0, first: null, last: null, breaks: [] }
  let prev: { seq: number; hash: string } | undefined
  for (let after = 0; ;) {
    const rows = (
      await db.query(
        `SELECT ${COLUMN_NAMES.join(', ')}
         FROM receipts WHERE site = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [head.site, after, pageSize],
      )
    ).rows
    for (const row of rows) {
      const seq = Number(row.seq)
      report.receipts++
      report.first ??= seq
      report.last = seq
      const problem = linkProblem(row, prev, droppedBefore > 0)
      if (problem) report.breaks.push({ seq, consentId: row.consent_id, problem })
      prev = { seq, hash: row.hash }
    }
    if (rows.length < pageSize) break
    after = Number(rows[rows.length - 1].seq)
  }
  // Every receipt gone: fine if the newest was older than what retention dropped.
  const allRetired = report.last === null && new Date(head.received_at).getTime() < droppedBefore
  if (!allRetired && Number(head.seq) != (report.last ?? 0) && Number(head.seq) > 0)
    report.breaks.push({
      seq: (report.last ?? 0) + 1,
      problem: `the newest receipts up to #${head.seq} are missing (the chain head says #${head.seq})`,
    })
  else if (prev && head.hash != prev.hash)
    report.breaks.push({ seq: prev.seq, problem: 'the newest receipt does not match the chain head: it was changed' })
  return report
}

/** Checks every site's chain (or one site's). */
export async function verifyChain(
  db: Db,
  { site, pageSize = 5000 }: { site?: string; pageSize?: number } = {},
): Promise<SiteReport[]> {
  const state = (await db.query('SELECT dropped_before FROM retention_state WHERE id = 1')).rows[0]
  const droppedBefore = state ? new Date(state.dropped_before).getTime() : 0
  const heads = (
    await db.query(
      'SELECT site, seq, hash, received_at FROM chain_heads WHERE ($1::text IS NULL OR site = $1) ORDER BY site',
      [site ?? null],
    )
  ).rows
  const reports: SiteReport[] = []
  for (const head of heads) reports.push(await verifySite(db, head, droppedBefore, pageSize))
  return reports
}
