import { afterEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { consentFromCookie, createConsent } from '.'
import { memoryJar, type CookieJar } from '../record/jar'
import { decodeRecord, encodeRecord } from '../record'
import type { ConsentRecord } from '../record/types'

const NOW = Date.UTC(2026, 10, 25, 12)
const DAY = 864e5
const env = (values: string[] = [], extra = {}) => {
  const jar = memoryJar(values.length ? { samtykke: values } : {})
  return { jar, now: () => NOW, gpc: false, ...extra }
}
const stored = (categories: Record<string, boolean>, extra: Partial<ConsentRecord> = {}) =>
  encodeRecord({
    v: 1,
    id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
    time: NOW - DAY,
    revision: '1',
    how: 'custom',
    gpc: false,
    categories,
    ...extra,
  })
const allOff = { necessary: true, preferences: false, analytics: false, marketing: false }

let warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
afterEach(() => {
  warn.mockRestore()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})

describe('a first visit', () => {
  it('is undecided and grants only necessary', () => {
    const c = createConsent({}, env())
    expect(c.decided).toBe(false)
    expect(c.get().ask).toBe('first')
    expect(['necessary', 'preferences', 'analytics', 'marketing'].map(c.has)).toEqual([true, false, false, false])
    expect(c.has('anything-else')).toBe(false)
    expect(warn).not.toHaveBeenCalled()
  })
})

describe('deciding', () => {
  it('"accept all" grants every category and keeps a provable record in the cookie', () => {
    const e = env()
    const c = createConsent({ revision: 7 }, e)
    c.acceptAll()
    expect(c.decided).toBe(true)
    expect(c.has('marketing')).toBe(true)
    const r = decodeRecord(e.jar.values.samtykke[0]) as ConsentRecord
    expect(r).toMatchObject({ revision: '7', how: 'all', time: NOW, gpc: false })
    expect(r.id).toMatch(/^[0-9a-f]{32}$/)
    expect(r.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true })
  })

  it('"reject all" keeps only necessary, and is remembered', () => {
    const e = env()
    createConsent({}, e).rejectAll()
    const again = createConsent({}, e)
    expect(again.decided).toBe(true)
    expect(again.get().record?.how).toBe('none')
    expect(again.has('analytics')).toBe(false)
  })

  it('set() changes only the named categories, and necessary cannot be switched off', () => {
    const c = createConsent({}, env())
    c.set({ analytics: true })
    c.set({ marketing: true, necessary: false }, 'custom')
    expect(c.get().granted).toEqual({ necessary: true, preferences: false, analytics: true, marketing: true })
    expect(c.get().record?.how).toBe('custom')
  })

  it('set() with an unknown category warns and grants nothing for it', () => {
    const c = createConsent({}, env())
    c.set({ analytcs: true } as never)
    expect(c.has('analytcs')).toBe(false)
    expect(warn.mock.calls[0][0]).toMatch(/^samtykke: set\(\): no category "analytcs" \(ignored\)/)
  })

  it('each decision gets a new consent ID; subscribers hear every change', () => {
    const c = createConsent({}, env())
    const seen: boolean[] = []
    c.subscribe((s) => seen.push(s.granted.analytics))
    c.acceptAll()
    const first = c.get().record!.id
    c.rejectAll()
    expect(c.get().record!.id).not.toBe(first)
    expect(seen).toEqual([false, true, false])
  })

  it('reset() forgets the choice: the cookie is gone, the visitor is asked, from the earlier choice', () => {
    const e = env()
    const c = createConsent({}, e)
    c.set({ analytics: true })
    c.reset()
    expect(e.jar.values.samtykke).toBeUndefined()
    expect(c.decided).toBe(false)
    expect(c.has('analytics')).toBe(false)
    expect(c.get().previous?.analytics).toBe(true)
  })

  it('a relabelled and extended config works the same way', () => {
    const c = createConsent({ categories: { social: { label: 'Sosiale medier' }, preferences: false } }, env())
    c.acceptAll()
    expect(c.get().granted).toEqual({ necessary: true, analytics: true, marketing: true, social: true })
  })
})

describe('asking again', () => {
  it('after a new policy revision: nothing granted, the earlier choice kept as the starting point', () => {
    const c = createConsent({ revision: 2 }, env([stored({ ...allOff, analytics: true })]))
    expect(c.decided).toBe(false)
    expect(c.get().ask).toBe('revision')
    expect(c.has('analytics')).toBe(false)
    expect(c.get().previous).toEqual({ ...allOff, analytics: true })
  })

  it('when the choice is older than cookie.days', () => {
    const old = stored({ ...allOff, marketing: true }, { time: NOW - 31 * DAY })
    expect(createConsent({ cookie: { days: 30 } }, env([old])).get()).toMatchObject({ decided: false, ask: 'expired' })
    expect(createConsent({ cookie: { days: 32 } }, env([old])).decided).toBe(true)
  })

  it('when a category was added after the decision', () => {
    const c = createConsent({ categories: { social: {} } }, env([stored({ ...allOff, analytics: true })]))
    expect(c.get()).toMatchObject({ decided: false, ask: 'new-category' })
    expect(c.get().previous).toEqual({ ...allOff, analytics: true, social: false })
    expect(c.has('analytics')).toBe(false)
  })
})

describe('a bad cookie is read as "not decided", with one clear warning', () => {
  const good = stored({ necessary: true, preferences: true, analytics: true, marketing: true })
  it.each([
    ['corrupt', ['%%%garbage'], /not in the samtykke format/],
    ['truncated', [good.slice(0, 30)], /not in the samtykke format/],
    ['oversized', [good + '.x:1'.repeat(120)], /too long/],
    ['tampered: necessary off', [good.replace('necessary:1', 'necessary:0')], /necessary is missing or off/],
    ['tampered: unknown category', [good + '.spying:1'], /category spying is not in the config/],
    ['tampered: wrong type', [good.replace('marketing:1', 'marketing:yes')], /not in the samtykke format/],
    [
      'tampered: decided in the future',
      [stored({ ...allOff, analytics: true }, { time: NOW + 30 * DAY })],
      /in the future/,
    ],
    ['duplicated', [good, stored(allOff)], /found 2 copies/],
  ])('%s', (_, values, why) => {
    const c = createConsent({}, env(values))
    expect(c.decided).toBe(false)
    expect(c.get().ask).toBe('invalid')
    for (const n of ['preferences', 'analytics', 'marketing']) expect(c.has(n)).toBe(false)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0][0]).toMatch(/^samtykke: the samtykke cookie was ignored \(/)
    expect(warn.mock.calls[0][0]).toMatch(why)
  })

  it('random cookie values never grant anything', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 }), { minLength: 1, maxLength: 3 }), (values) => {
        const c = createConsent({}, env(values))
        return ['preferences', 'analytics', 'marketing'].every((n) => !c.has(n))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('storage that fails', () => {
  const throwing: CookieJar = {
    read: () => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    },
    write: () => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    },
    remove: () => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    },
  }
  it('keeps the choice in memory for the page view, warns, and throws nothing', () => {
    const c = createConsent({}, { jar: throwing, now: () => NOW, gpc: false })
    expect(c.decided).toBe(false)
    expect(() => c.set({ analytics: true })).not.toThrow()
    expect(c.has('analytics')).toBe(true)
    expect(() => c.reset()).not.toThrow()
    expect(warn.mock.calls[0][0]).toMatch(/^samtykke: cookies are unavailable \(SecurityError.*this page view only$/)
  })
})

describe('Global Privacy Control', () => {
  it('keeps marketing denied on "accept all" and notes the signal in the record', () => {
    const e = env([], { gpc: true })
    const c = createConsent({}, e)
    expect(c.get().gpc).toBe(true)
    c.acceptAll()
    expect(c.has('analytics')).toBe(true)
    expect(c.has('marketing')).toBe(false)
    expect(c.get().record?.gpc).toBe(true)
  })

  it('lets an explicit switch override it, and starts marketing off when asking again', () => {
    const c = createConsent({ revision: 2 }, env([stored({ ...allOff, marketing: true })], { gpc: true }))
    expect(c.get().previous?.marketing).toBe(false)
    c.set({ marketing: true }, 'custom')
    expect(c.has('marketing')).toBe(true)
  })

  it('is ignored when config.gpc is false', () => {
    // the env's gpc wins over detection; detection honours config.gpc
    const c = createConsent({ gpc: false }, { jar: memoryJar(), now: () => NOW })
    expect(c.get().gpc).toBe(false)
  })
})

describe('on a server', () => {
  it('imports and runs without window or document', () => {
    expect(typeof document).toBe('undefined')
    const c = createConsent()
    expect(c.decided).toBe(false)
    c.acceptAll()
    expect(c.has('analytics')).toBe(true)
  })
})

describe('an invalid config', () => {
  it('is reported by name, also when it is not an object at all', () => {
    expect(() => createConsent(null as never)).toThrow('samtykke: config must be an object (got null)')
    expect(() => createConsent({ cookie: { days: 0 } })).toThrow(
      'samtykke: config.cookie.days must be a number of days from 1 to 395 (got 0)',
    )
  })
})

describe('consentFromCookie: the state a server renders with', () => {
  const config = { revision: 2 }
  it("reads a returning visitor's choice from the cookie the request carried, as the browser will", () => {
    const value = stored({ necessary: true, preferences: false, analytics: true, marketing: false }, { revision: '2' })
    expect(consentFromCookie(config, value, { now: () => NOW })).toMatchObject({
      decided: true,
      granted: { analytics: true, marketing: false },
    })
    // As Next.js' cookies() gives them: by name, the configured one.
    const jar = new Map([
      ['samtykke', 'something else'],
      ['mitt-samtykke', value],
    ])
    expect(
      consentFromCookie({ ...config, cookie: { name: 'mitt-samtykke' } }, (name) => jar.get(name), { now: () => NOW })
        .decided,
    ).toBe(true)
  })

  it('no cookie, a cookie from an older revision, or one that is not ours: undecided, only necessary', () => {
    const old = stored({ necessary: true, preferences: true, analytics: true, marketing: true }, { revision: '1' })
    expect(consentFromCookie(config, undefined).decided).toBe(false)
    expect(consentFromCookie(config, old, { now: () => NOW })).toMatchObject({
      decided: false,
      ask: 'revision',
      granted: allOff,
    })
    expect(consentFromCookie(config, '1~2~zzz~x~0~0~necessary:1').granted).toEqual(allOff)
    expect(warn).toHaveBeenCalledWith(
      'samtykke: the samtykke cookie was ignored (not in the samtykke format): ' +
        'nothing is granted until the visitor chooses again',
    )
  })

  it('always agrees with the store a browser builds from the same cookie', () => {
    const names = ['necessary', 'preferences', 'analytics', 'marketing', 'social']
    fc.assert(
      fc.property(
        fc.record({
          revision: fc.constantFrom('1', '2'),
          age: fc.integer({ min: -2, max: 400 }),
          categories: fc
            .subarray(names.slice(1))
            .map((on) => Object.fromEntries(names.map((n) => [n, n == 'necessary' || on.includes(n)]))),
          drop: fc.boolean(),
        }),
        ({ revision, age, categories, drop }) => {
          if (drop) delete categories.social
          const value = stored(categories, { revision, time: NOW - age * DAY })
          const cfg = { revision: 2, categories: { social: {} } }
          const e = { now: () => NOW, gpc: false }
          expect(consentFromCookie(cfg, value, e)).toEqual(
            createConsent(cfg, { ...e, jar: memoryJar({ samtykke: [value] }) }).get(),
          )
        },
      ),
    )
  })
})
