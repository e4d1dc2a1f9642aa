import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeRecord, encodeRecord, newId, type ConsentRecord } from '.'
import { CATEGORY_NAME, REVISION } from '../config'

const record = (categories: Record<string, boolean>, extra: Partial<ConsentRecord> = {}): ConsentRecord => ({
  v: 1,
  id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
  time: 1_764_000_000_000,
  revision: '3',
  how: 'custom',
  gpc: false,
  categories,
  ...extra,
})
const allOn = { necessary: true, preferences: true, analytics: true, marketing: true }
const allOff = { necessary: true, preferences: false, analytics: false, marketing: false }

describe('the consent record', () => {
  it('round-trips every field', () => {
    const r = record({ ...allOff, analytics: true }, { how: 'api', gpc: true, revision: '2025-06.b' })
    expect(decodeRecord(encodeRecord(r))).toEqual(r)
  })

  it('stays well under 200 bytes, even with two custom categories', () => {
    const value = encodeRecord(record({ ...allOn, social: true, 'video-embeds': false }))
    expect(value.length).toBeLessThan(150)
    // Only characters a cookie value may hold and js-cookie leaves alone.
    expect(value).toMatch(/^[\w.~:-]+$/)
  })

  it('makes a new 24-character ID each time', () => {
    const ids = new Set(Array.from({ length: 50 }, newId))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/)
  })

  const valid = encodeRecord(record(allOn))
  it.each([
    ['truncated', valid.slice(0, -3), 'not in the samtykke format'],
    ['cut after a separator', valid.slice(0, valid.indexOf('~', 3) + 1), 'not in the samtykke format'],
    ['another format version', '2' + valid.slice(1), 'not in the samtykke format'],
    ['necessary off', valid.replace('necessary:1', 'necessary:0'), 'necessary is missing or off'],
    ['necessary missing', valid.replace('necessary:1.', ''), 'necessary is missing or off'],
    ['a category twice', valid + '.analytics:0', 'category analytics appears twice'],
    ['a value that is not 0 or 1', valid.replace('analytics:1', 'analytics:true'), 'not in the samtykke format'],
    ['JSON', JSON.stringify(allOn), 'not in the samtykke format'],
    ['URL-escaped', encodeURIComponent(valid), 'not in the samtykke format'],
    ['oversized', valid + '.x'.repeat(300), 'too long'],
    ['empty', '', 'not in the samtykke format'],
  ])('reads a %s value as "not a record"', (_, value, why) => {
    expect(decodeRecord(value)).toBe(why)
  })

  it('never reads random input as a granted category', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc
            .constantFrom(valid, encodeRecord(record(allOff)))
            .chain((v) => fc.string().map((s) => v.slice(0, s.length) + s)),
        ),
        (value) => {
          const r = decodeRecord(value)
          if (typeof r == 'string') return true
          // Only a value that is itself a well-formed record may grant anything.
          return encodeRecord(r) == value
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('reads no mutation of a rejecting cookie as consent unless the result is itself well formed', () => {
    const off = encodeRecord(record(allOff))
    const mutation = fc.record({ at: fc.nat(off.length), del: fc.nat(4), ins: fc.string({ maxLength: 6 }) })
    fc.assert(
      fc.property(mutation, ({ at, del, ins }) => {
        const value = off.slice(0, at) + ins + off.slice(at + del)
        const r = decodeRecord(value)
        if (typeof r == 'string') return true
        const grants = Object.entries(r.categories).some(([n, on]) => on && n != 'necessary')
        return !grants || encodeRecord(r) == value
      }),
      { numRuns: 5000 },
    )
  })

  // The record's format writes the two rules out (for the drop-in's bytes): it must take exactly the category names
  // and revisions the config takes, camelCase included, or a site's own choice would read as "not decided".
  const name = fc.oneof(
    fc.stringMatching(/^[a-z][\w-]{0,23}$/),
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      'videoEmbeds',
      'sosialeMedier',
      'a',
      'A',
      '_x',
      '9lives',
      'x'.repeat(24),
      'x'.repeat(25),
      'video embeds',
      'videoEmbeds:1',
    ),
  )
  it('takes exactly the category names the config takes (CATEGORY_NAME)', () => {
    fc.assert(
      fc.property(name, (n) => {
        fc.pre(n != 'necessary' && !(n in {}))
        const r = decodeRecord(encodeRecord(record({ necessary: true, [n]: true })))
        expect(typeof r == 'object', n).toBe(CATEGORY_NAME.test(n))
      }),
      { numRuns: 3000 },
    )
  })

  it('takes exactly the revisions the config takes (REVISION)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[\w.-]{1,16}$/), fc.string({ maxLength: 20 })), (revision) => {
        const r = decodeRecord(encodeRecord(record(allOn, { revision })))
        expect(typeof r == 'object', revision).toBe(REVISION.test(revision))
      }),
      { numRuns: 3000 },
    )
  })
})
