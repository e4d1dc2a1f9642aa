// Retention by dropping whole months: `DROP TABLE receipts_2026_04` is one statement, needs no VACUUM, and runs the
// same on PGlite and on a Postgres server (no pg_partman, which PGlite lacks).
import type { Db } from '../db'
import type { Journal } from './journal'

/**
 * The first month (UTC, `2026-05`) still kept when receipts are kept `months` whole months after the month they
 * arrived.
 */
export function keepFrom(months: number, now = Date.now()): { year: number; month: number; label: string } {
  const date = new Date(now)
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1))
  return { year: first.getUTCFullYear(), month: first.getUTCMonth(), label: first.toISOString().slice(0, 7) }
}

/**
 * Drops the partitions (and the idempotency keys, and the journal files) of months that are past retention. Receipts
 * are kept at least `months` months, at most one month more. Returns the partitions dropped.
 */
export async function applyRetention(
  db: Db,
  months: number,
  { now = Date.now(), journal }: { now?: number; journal?: Journal<unknown> } = {},
): Promise<string[]> {
  const from = keepFrom(months, now)
  const cutoff = `receipts_${from.year}_${String(from.month + 1).padStart(2, '0')}`
  const parts = (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'receipts' ORDER BY 1`,
    )
  ).rows.map((r) => r.name)
  const old = parts.filter((n) => /^receipts_\d{4}_\d\d$/.test(n) && n < cutoff)
  // The name was read from the catalogue and matched against a strict pattern: safe as an identifier.
  const before = new Date(Date.UTC(from.year, from.month, 1)).toISOString()
  for (const name of old) {
    await db.tx(async (sql) => {
      await sql.query(`DROP TABLE ${name}`)
      await sql.query(
        `INSERT INTO retention_state (id, dropped_before) VALUES (1, $1)
           ON CONFLICT (id) DO UPDATE SET dropped_before = GREATEST(retention_state.dropped_before, $1)`,
        [before],
      )
    })
  }
  await db.query('DELETE FROM receipt_keys WHERE received_at < $1', [before])
  journal?.drop(from.label)
  return old
}
