// The consent record and its cookie. Format (docs/adr/0002-cookie-format.md):
//   1~<revision>~<seconds, base 36>~<consent id>~<how 0-3>~<gpc 0|1>~<name>:<0|1>.<name>:<0|1>…
// Every field is checked strictly on the way in: anything odd means "not decided", never "granted".
import { HOWS } from './hows'
import type { ConsentRecord } from './types'

export type { ConsentRecord, How } from './types'
export { HOWS } from './hows'
// The revision and each category name as REVISION and CATEGORY_NAME (config/index.ts) have them, written out here for
// the drop-in's bytes (building this from their sources costs 27 B brotli): record.test.ts holds them to the same
// names.
const FORMAT =
  /^1~([\w.-]{1,16})~([1-9a-z][0-9a-z]{0,8})~([\w-]{8,40})~([0-3])~([01])~([a-z][\w-]{0,23}:[01](?:\.[a-z][\w-]{0,23}:[01])*)$/

/** Longer than this is not ours (the format stays well under 200 bytes). */
export const MAX_LENGTH = 400

export function encodeRecord(r: ConsentRecord): string {
  return [
    1,
    r.revision,
    Math.floor(r.time / 1000).toString(36),
    r.id,
    HOWS.indexOf(r.how),
    +r.gpc,
    Object.keys(r.categories)
      .map((name) => name + ':' + +r.categories[name])
      .join('.'),
  ].join('~')
}

/** The record, or a short reason why the value is not a valid record. */
export function decodeRecord(value: string): ConsentRecord | string {
  if (value.length > MAX_LENGTH) return 'too long'
  const m = FORMAT.exec(value)
  if (!m) return 'not in the samtykke format'
  const categories: Record<string, boolean> = {}
  for (const pair of m[6].split('.')) {
    const [name, on] = pair.split(':')
    if (name in categories) return `category ${name} appears twice`
    categories[name] = on == '1'
  }
  if (!categories.necessary) return 'necessary is missing or off'
  const time = parseInt(m[2], 36) * 1000
  return { v: 1, revision: m[1], time, id: m[3], how: HOWS[+m[4]], gpc: m[5] == '1', categories }
}

/** A random consent ID: 128 bits, hex (unguessable: a consent log looks receipts up by it). */
export function newId(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('')
}
