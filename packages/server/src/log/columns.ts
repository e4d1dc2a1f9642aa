// The receipts table's columns, listed once. The writer's INSERT, verify's reading of a link and the export derive
// their column lists from this table. The schema's CREATE TABLE is a migration (never edited once shipped), so it keeps
// its own text: a test holds the two in agreement.
import type { Link } from './chain'

/** A link as stored: with its own hash. */
export type StoredLink = Link & { hash: string }

interface Column {
  name: string
  type: 'text' | 'bigint' | 'timestamptz' | 'boolean' | 'jsonb'
  field: keyof StoredLink
}

export const RECEIPT_COLUMNS = [
  { name: 'site', type: 'text', field: 'site' },
  { name: 'seq', type: 'bigint', field: 'seq' },
  { name: 'received_at', type: 'timestamptz', field: 'receivedAt' },
  { name: 'consent_id', type: 'text', field: 'consentId' },
  { name: 'decided_at', type: 'timestamptz', field: 'decidedAt' },
  { name: 'key', type: 'text', field: 'key' },
  { name: 'revision', type: 'text', field: 'revision' },
  { name: 'how', type: 'text', field: 'how' },
  { name: 'gpc', type: 'boolean', field: 'gpc' },
  { name: 'categories', type: 'jsonb', field: 'categories' },
  { name: 'event', type: 'text', field: 'event' },
  { name: 'surface', type: 'text', field: 'surface' },
  { name: 'path', type: 'text', field: 'path' },
  { name: 'lang', type: 'text', field: 'lang' },
  { name: 'snapshot_hash', type: 'text', field: 'snapshotHash' },
  { name: 'ip', type: 'text', field: 'ip' },
  { name: 'browser', type: 'text', field: 'browser' },
  { name: 'prev_hash', type: 'text', field: 'prevHash' },
  { name: 'hash', type: 'text', field: 'hash' },
] as const satisfies readonly Column[]

export type ReceiptColumn = (typeof RECEIPT_COLUMNS)[number]['name']

export const COLUMN_NAMES: ReceiptColumn[] = RECEIPT_COLUMNS.map((c) => c.name)

/**
 * The INSERT of a batch of links, one array parameter per column from `$first` on (categories travel as JSON text);
 * its parameters are `insertParams(links)`.
 */
export function insertReceipts(first: number): string {
  const names = COLUMN_NAMES.join(', ')
  const arrays = RECEIPT_COLUMNS.map((c, i) => `$${first + i}::${c.type == 'jsonb' ? 'text' : c.type}[]`).join(', ')
  const values = RECEIPT_COLUMNS.map((c) => (c.type == 'jsonb' ? `${c.name}::jsonb` : c.name)).join(', ')
  return `INSERT INTO receipts (${names}) SELECT ${values} FROM unnest(${arrays}) AS v(${names})`
}

/** The parameters of `insertReceipts`: per column, the links' values (times as ISO text, JSON as text). */
export const insertParams = (links: StoredLink[]): unknown[][] =>
  RECEIPT_COLUMNS.map((column) =>
    links.map((link) => {
      const value = link[column.field]
      if (column.type == 'timestamptz') return new Date(value as number).toISOString()
      return column.type == 'jsonb' ? JSON.stringify(value) : value
    }),
  )

/** The link a stored row holds (a row of every column, as the database returns it). */
export function linkOfRow(row: Record<string, any>): StoredLink {
  const value = (column: Column) => {
    const raw = row[column.name]
    return column.type == 'timestamptz' ? new Date(raw).getTime() : column.type == 'bigint' ? Number(raw) : raw
  }
  return Object.fromEntries(RECEIPT_COLUMNS.map((c) => [c.field, value(c)])) as StoredLink
}
