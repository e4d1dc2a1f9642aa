// One receipt as the writer stores it and the journal keeps it, and what to do with one the database will not take.
import { textProblem, timeProblem } from '../receipt/storable'

/** A checked receipt with what the server adds: plain data, as the journal keeps it. */
export interface Entry {
  key: string
  site: string
  consentId: string
  decidedAt: number
  receivedAt: number
  revision: string
  how: string
  gpc: boolean
  categories: Record<string, boolean>
  surface: string | null
  path: string
  lang: string | null
  snapshotHash: string | null
  ip: string | null
  browser: string | null
}

/** A receipt that can never be stored as it is, whatever it is batched with: answered alone, with the reason. */
export class UnstorableEntry extends Error {}

const TEXT = ['key', 'site', 'consentId', 'revision', 'how', 'path'] as const
const OPTIONAL_TEXT = ['surface', 'lang', 'snapshotHash', 'ip', 'browser'] as const

/**
 * Why the database would refuse this entry, or store it as something other than what its link hashes; undefined
 * when it can be stored. checkReceipt already refuses such receipts; this also holds for a journal an older version
 * wrote, and for any other caller of the writer.
 */
export function entryProblem(entry: Entry): string | undefined {
  if (!entry || typeof entry != 'object') return 'is not an entry'
  for (const field of [...TEXT, ...OPTIONAL_TEXT]) {
    const value = entry[field]
    if (value === null && (OPTIONAL_TEXT as readonly string[]).includes(field)) continue
    if (typeof value != 'string') return `${field}: is not a string`
    const problem = textProblem(value)
    if (problem) return `${field}: ${problem}`
  }
  for (const field of ['decidedAt', 'receivedAt'] as const) {
    const problem = timeProblem(entry[field])
    if (problem) return `${field}: ${problem}`
  }
  if (typeof entry.gpc != 'boolean') return 'gpc: is not true or false'
  if (!entry.categories || typeof entry.categories != 'object') return 'categories: is not an object'
  for (const [name, on] of Object.entries(entry.categories)) {
    const problem = textProblem(name) ?? (typeof on == 'boolean' ? undefined : 'is not true or false')
    if (problem) return `categories: ${JSON.stringify(name)} ${problem}`
  }
  return undefined
}

/**
 * Whether the database refused a statement for the data in it (SQLSTATE class 22, a data exception; 23, an integrity
 * rule other than a unique key, which two writers can race for; 54, a limit such as an index row's size), rather than
 * for being away, busy or overloaded. Only then is it worth storing a batch's receipts one at a time.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code
  return typeof code == 'string' && /^(22|23|54)/.test(code) && code != '23505'
}

/** The database's own words for a refusal: its message and SQLSTATE. */
export const refusal = (e: unknown) =>
  `the database refused it: ${(e as Error).message} (SQLSTATE ${(e as { code?: string }).code})`
