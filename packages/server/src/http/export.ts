// GET /v1/export (token-guarded): every receipt in a time range, as NDJSON or CSV, streamed page by page.
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db'
import * as msg from '../errors'
import { COLUMN_NAMES } from '../log/columns'
import type { Routes } from './context'
import { fail, perMinute } from './fail'
import { timeRange, type TimeRange } from './range'
import { ERROR_ANSWERS, preciseErrors, TIME } from './schemas'

type Format = 'csv' | 'ndjson'

const SCHEMA = {
  summary: 'Every receipt received in a time range, as NDJSON or CSV (token-guarded)',
  querystring: {
    type: 'object',
    properties: {
      from: { ...TIME, description: 'received at or after (default: the first receipt)' },
      to: { ...TIME, description: 'received before (default: now)' },
      site: { type: 'string', description: "only this site's receipts (its origin)" },
      format: {
        type: 'string',
        enum: ['ndjson', 'csv'],
        description: 'default ndjson, or csv when Accept asks for text/csv',
      },
    },
  },
  response: ERROR_ANSWERS,
} as const

export async function exportRoutes(app: FastifyInstance, { options, limits }: Routes): Promise<void> {
  const route = {
    ...perMinute(limits.api),
    schema: SCHEMA,
    schemaErrorFormatter: preciseErrors({ from: msg.badTime('from'), to: msg.badTime('to'), format: msg.badFormat }),
  }
  app.get<{ Querystring: Record<string, string> }>('/v1/export', route, async (req, reply) => {
    const range = timeRange(req.query, 0)
    if (typeof range == 'string') return fail(reply, 400, range)
    const format = req.query.format ?? (/text\/csv/.test(req.headers.accept ?? '') ? 'csv' : 'ndjson')
    if (format != 'csv' && format != 'ndjson') return fail(reply, 400, msg.badFormat)
    const site = req.query.site ?? null
    reply.type(format == 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
    reply.header('content-disposition', `attachment; filename="samtykke-receipts.${format}"`)
    return reply.send(Readable.from(exportRows(options.db, range, site, format)))
  })
}

/**
 * A CSV cell, safe in a spreadsheet. Spreadsheets in Norwegian locales split on `;`, not `,`, so each piece after a
 * `;` can become a cell of its own: a formula start (= + - @) is defused with a leading ' at the start of the value
 * and after each `;`, and a value with a `,` or `;` (or a quote or a line break) is quoted.
 */
const cell = (value: unknown) => {
  const text =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value == 'object'
          ? JSON.stringify(value)
          : String(value)
  const defused = text.replace(/(^|;)(?=[=+\-@\t\r])/g, "$1'")
  return /[",;\n\r]/.test(defused) ? '"' + defused.replace(/"/g, '""') + '"' : defused
}

/** One exported row: a CSV line, or an NDJSON line with the columns as keys (seq a number, times ISO 8601). */
function line(row: Record<string, any>, format: Format): string {
  if (format == 'csv') return COLUMN_NAMES.map((name) => cell(row[name])).join(',') + '\n'
  const json = COLUMN_NAMES.map((name) => [
    name,
    name == 'seq' ? Number(row[name]) : row[name] instanceof Date ? row[name].toISOString() : row[name],
  ])
  return JSON.stringify(Object.fromEntries(json)) + '\n'
}

/** Rows in pages (keyset by received_at, site, seq), so an export of any size streams in constant memory. */
async function* exportRows(db: Db, range: TimeRange, site: string | null, format: Format) {
  if (format == 'csv') yield COLUMN_NAMES.join(',') + '\n'
  let after: [string, string, number] = [range.from, '', 0]
  for (;;) {
    const rows = (
      await db.query(
        `SELECT ${COLUMN_NAMES.join(', ')} FROM receipts
         WHERE received_at < $2 AND ($3::text IS NULL OR site = $3)
           AND (received_at, site, seq) > ($1::timestamptz, $4, $5::bigint)
           AND received_at >= $6
         ORDER BY received_at, site, seq LIMIT 1000`,
        [after[0], range.to, site, after[1], after[2], range.from],
      )
    ).rows
    if (!rows.length) return
    yield rows.map((row) => line(row, format)).join('')
    const last = rows[rows.length - 1]
    after = [new Date(last.received_at).toISOString(), last.site, Number(last.seq)]
    if (rows.length < 1000) return
  }
}
