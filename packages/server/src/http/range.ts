// The time range of an export or the stats: `from` and `to` in the query string, as dates or ISO 8601 times.
import { badTime } from '../errors'

export interface TimeRange {
  from: string
  to: string
}

/**
 * The range asked for (default: the last `defaultDays` days, or all time for 0, up to a minute from now), or why not.
 */
export function timeRange(query: Record<string, string>, defaultDays: number): TimeRange | string {
  const parse = (field: string, fallback: number) => {
    const value = query[field]
    if (value === undefined) return new Date(fallback).toISOString()
    const time = Date.parse(value)
    return Number.isNaN(time) ? null : new Date(time).toISOString()
  }
  const from = parse('from', defaultDays ? Date.now() - defaultDays * 864e5 : 0)
  if (!from) return badTime('from')
  const to = parse('to', Date.now() + 60_000)
  if (!to) return badTime('to')
  return { from, to }
}
