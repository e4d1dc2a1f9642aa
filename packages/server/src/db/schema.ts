// The schema, as plain SQL that runs the same on PGlite and on a Postgres server. Add a migration at the end; never
// edit one that has shipped.
export const MIGRATIONS: string[][] = [
  [
    // Per site: the last link of the hash chain. Writers lock the row, so links are handed out one at a time, also
    // across several server processes.
    `CREATE TABLE chain_heads (
      site text PRIMARY KEY,
      seq bigint NOT NULL DEFAULT 0,
      hash text NOT NULL DEFAULT '',
      received_at timestamptz NOT NULL DEFAULT 'epoch'
    )`,
    // Idempotency: a receipt's key is stored once, by this constraint (not by looking first). A retried beacon finds
    // its key taken and is acknowledged without a second row.
    `CREATE TABLE receipt_keys (
      key text PRIMARY KEY,
      received_at timestamptz NOT NULL
    )`,
    `CREATE INDEX receipt_keys_received ON receipt_keys (received_at)`,
    // One row per decision; partitioned by the month it was received, so retention drops a month in one statement.
    `CREATE TABLE receipts (
      site text NOT NULL,
      seq bigint NOT NULL,
      received_at timestamptz NOT NULL,
      consent_id text NOT NULL,
      decided_at timestamptz NOT NULL,
      key text NOT NULL,
      revision text NOT NULL,
      how text NOT NULL,
      gpc boolean NOT NULL,
      categories jsonb NOT NULL,
      event text NOT NULL,
      surface text,
      path text NOT NULL,
      lang text,
      snapshot_hash text,
      ip text,
      browser text,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (site, seq, received_at)
    ) PARTITION BY RANGE (received_at)`,
    `CREATE INDEX receipts_consent ON receipts (consent_id)`,
    `CREATE INDEX receipts_received ON receipts (received_at)`,
    // What the banner showed, per site, revision and language. No personal data, kept after the receipts go.
    `CREATE TABLE snapshots (
      hash text PRIMARY KEY,
      site text NOT NULL,
      revision text NOT NULL,
      lang text NOT NULL,
      content jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX snapshots_site ON snapshots (site, revision, lang)`,
    // PGlite mode: how far the journal has been applied, written in the same transaction as the rows.
    `CREATE TABLE journal_state (
      id int PRIMARY KEY,
      segment text NOT NULL,
      pos bigint NOT NULL
    )`,
  ],
  [
    // When retention last dropped months: receipts before this are gone on purpose, and verify knows it.
    `CREATE TABLE retention_state (
      id int PRIMARY KEY,
      dropped_before timestamptz NOT NULL
    )`,
  ],
]

/** `receipts_2026_12` for December 2026 (UTC). */
export const partitionName = (year: number, month: number) => `receipts_${year}_${String(month + 1).padStart(2, '0')}`

/** The DDL for one month's partition. Names and bounds come from integers, never from input. */
export function partitionDdl(year: number, month: number): string {
  const from = new Date(Date.UTC(year, month, 1)).toISOString()
  const to = new Date(Date.UTC(year, month + 1, 1)).toISOString()
  return (
    `CREATE TABLE IF NOT EXISTS ${partitionName(year, month)} PARTITION OF receipts FOR VALUES FROM ('${from}') ` +
    `TO ('${to}')`
  )
}
