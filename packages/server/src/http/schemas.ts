// What the route plugins' schemas share. A schema is the route's documentation and checks the shape of what it
// names; a refusal is answered with the precise message of the field (errors.ts), never Ajv's own words. What a
// schema cannot say as precisely (a receipt's fields, a date Date.parse reads) is checked by the route's own code.
import type { FastifySchemaValidationError } from 'fastify'
import { fieldError } from '../errors'
import { RECEIPT_COLUMNS, type ReceiptColumn } from '../log/columns'

/** Every error answer: `{ error }`, the message with the prefix (http/fail.ts). */
export const ERROR_ANSWER = {
  type: 'object',
  properties: { error: { type: 'string', description: 'what is wrong and what to do, prefixed "samtykke serve: "' } },
  required: ['error'],
} as const

/** The error answers of a route, by status class. */
export const ERROR_ANSWERS = { '4xx': ERROR_ANSWER, '5xx': ERROR_ANSWER } as const

/** A time in the query string: `from` and `to` of the export and the stats. */
export const TIME = { type: 'string', description: 'a date or time: 2026-12-01, or ISO 8601' } as const

/**
 * The schema error formatter of a route whose fields have precise messages: the first field refused gets its message
 * from `messages` (by name); a field without one is named with Ajv's words (only reachable by a hand-made request).
 */
export function preciseErrors(messages: Record<string, string>) {
  return (errors: FastifySchemaValidationError[], dataVar: string): Error => {
    const first = errors[0]
    const field =
      first?.instancePath.replace(/^\//, '').split('/')[0] || String(first?.params?.missingProperty ?? dataVar)
    const message = Object.hasOwn(messages, field)
      ? messages[field]
      : fieldError(field, first?.message ?? 'is not valid')
    return new Error(message)
  }
}

/** A receipts column as an answer gives it: times as ISO 8601 text, text that may be null, the categories' choices. */
export function columnSchema(name: ReceiptColumn) {
  const column = RECEIPT_COLUMNS.find((c) => c.name == name)!
  switch (column.type) {
    case 'timestamptz':
      return { type: 'string', description: 'ISO 8601' }
    case 'boolean':
      return { type: 'boolean' }
    case 'bigint':
      return { type: 'number' }
    case 'jsonb':
      return { type: 'object', additionalProperties: { type: 'boolean' }, description: 'each category: granted or not' }
    default:
      return { type: ['string', 'null'] }
  }
}
