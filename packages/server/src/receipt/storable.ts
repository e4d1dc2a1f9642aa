// What the database can store and the chain can hash the same way it is read back. Postgres refuses a NUL byte in
// text and in jsonb, and a lone UTF-16 surrogate comes back as U+FFFD (so the stored row no longer matches the hash
// the writer computed). Timestamps before 1900 come back wrong from PGlite, and year 0 is out of Postgres's range.
// One rule for the API (checkReceipt refuses such a receipt with 400) and for the writer and the journal replay (which
// set such an entry aside instead of letting it fail the batch it is in).

/** The earliest decision time the log takes: samtykke did not exist before 2000, and neither did the GDPR. */
export const EARLIEST = Date.UTC(2000, 0, 1)
/** The latest time the log can hold (year 9999, the ISO 8601 form's last year). */
export const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

const codePoint = (c: string) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')

/**
 * Why `s` cannot be stored as it is, or undefined: a control character or a lone surrogate, named by its code point.
 */
export function textProblem(text: string): string | undefined {
  // oxlint-disable-next-line no-control-regex -- finding control characters is this check's purpose
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(text)
  if (control) return `contains a control character (${codePoint(control[0])} at ${control.index})`
  // With the u flag, a surrogate pair is one code point: only a lone half matches.
  const lone = /\p{Surrogate}/u.exec(text)
  if (lone) return `contains a lone UTF-16 surrogate (${codePoint(lone[0])} at ${lone.index}), which is not text`
  return undefined
}

/** Why `ms` cannot be a stored time, or undefined. */
export function timeProblem(ms: unknown): string | undefined {
  if (typeof ms != 'number' || !Number.isFinite(ms)) return `is not a time (got ${String(ms).slice(0, 40)})`
  if (ms < EARLIEST) return `is before 2000 (got ${new Date(ms).toISOString()})`
  if (ms > LATEST) return `is after the year 9999`
  return undefined
}
