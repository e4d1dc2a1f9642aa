// @vitest-environment happy-dom
// The core and the log hold receipts to one set of rules (@samtykke/core's CATEGORY_NAME, REVISION, HOWS, DAY): every
// config the core takes yields receipts the log takes. The receipts are the real ones: a real store in a (happy-dom)
// page decides, and sendReceipt posts; the log's own check (checkReceipt, with the site's categories as makeSite
// reads them from the same config) must take every one, camelCase category names included.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { createConsent, resolveConfig, type ConsentEnv, type Receipt, type SamtykkeConfig } from '@samtykke/core'
import { checkReceipt } from './validate'
import { makeSite } from './site'

const ORIGIN = 'https://www.innfram.no'
type Jar = NonNullable<ConsentEnv['jar']>
const jar = (): Jar => {
  const values: Record<string, string[]> = {}
  return { read: (n) => values[n] ?? [], write: (n, v) => void (values[n] = [v]), remove: (n) => void delete values[n] }
}

/** Every body the page posted to the log since the last call. */
let posted: string[] = []
beforeEach(() => {
  posted = []
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async (_url: string, init: RequestInit) => (posted.push(String(init.body)), new Response(null, { status: 201 })),
    ),
  )
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  localStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** A category name: mostly by the rule (camelCase too), sometimes anything, so that the core refuses some configs. */
const categoryName = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z][\w-]{0,23}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('videoEmbeds', 'sosialeMedier', 'kart_og_video', 'a', 'x-1', 'abcdefghijklmnopqrstuvwX'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 26 }) },
)
const config: fc.Arbitrary<SamtykkeConfig> = fc.record(
  {
    revision: fc.oneof(fc.stringMatching(/^[\w.-]{1,16}$/), fc.nat({ max: 99999 }), fc.string({ maxLength: 18 })),
    categories: fc.dictionary(
      categoryName,
      fc.oneof(fc.constant({}), fc.constant(false as const), fc.record({ label: fc.string({ maxLength: 10 }) })),
      { maxKeys: 12 },
    ),
    cookie: fc.record({ days: fc.integer({ min: 1, max: 395 }) }, { requiredKeys: [] }),
    gpc: fc.boolean(),
  },
  { requiredKeys: [] },
)
/** What the visitor does: accept all, reject all, or a choice per category (by position, so it fits any config). */
const decision = fc.oneof(
  fc.constant('all' as const),
  fc.constant('none' as const),
  fc.array(fc.boolean(), { minLength: 1, maxLength: 14 }),
)

describe('a receipt of every config the core takes is taken by the log', () => {
  it('for random configs, camelCase category names included, and every kind of decision', () => {
    let taken = 0
    fc.assert(
      fc.property(config, decision, fc.boolean(), (input, choice, gpc) => {
        let resolved
        try {
          resolved = resolveConfig({ ...input, receiptUrl: ORIGIN + '/api/samtykke' })
        } catch {
          return // the core refuses this config: no site can run it, so no receipt comes of it
        }
        const site = makeSite({ origin: ORIGIN, config: input })
        const consent = createConsent(resolved, { jar: jar(), gpc })
        if (choice == 'all') consent.acceptAll()
        else if (choice == 'none') consent.rejectAll()
        else consent.set(Object.fromEntries(resolved.order.map((n, i) => [n, choice[i % choice.length]])))
        consent.destroy()
        expect(posted).toHaveLength(1)
        const body = posted.pop()!
        const r = checkReceipt(body, { categories: site.categories })
        expect(r, body).not.toHaveProperty('error')
        const sent = JSON.parse(body) as Receipt
        expect(r).toMatchObject({
          consentId: sent.id,
          revision: resolved.revision,
          how: sent.how,
          categories: sent.categories,
          origin: new URL(location.href).origin,
        })
        taken++
      }),
      { numRuns: 1000 },
    )
    // About half the generated configs are ones the core takes: the property is not met by refusing everything.
    expect(taken).toBeGreaterThan(300)
  })

  it('for a site whose category is videoEmbeds (the receipt the log refused with a 400 before)', () => {
    const input = { revision: '2026-12', categories: { videoEmbeds: { label: 'Video' } } }
    const consent = createConsent({ ...input, receiptUrl: ORIGIN + '/api/samtykke' }, { jar: jar() })
    consent.set({ videoEmbeds: true })
    const r = checkReceipt(posted[0], { categories: makeSite({ origin: ORIGIN, config: input }).categories })
    expect(r).toMatchObject({
      how: 'api',
      categories: { necessary: true, preferences: false, analytics: false, marketing: false, videoEmbeds: true },
    })
  })
})

describe('a category name the rule refuses', () => {
  it.each([
    ['VideoEmbeds', 'a capital first'],
    ['video embeds', 'a space'],
    ['x'.repeat(25), '25 characters'],
    ['9lives', 'a digit first'],
  ])('%j (%s) is refused, naming the field and the value', (name) => {
    expect(resolveConfig.bind(null, { categories: { [name]: {} } })).toThrow(`config.categories.${name} must be`)
    const body = JSON.stringify({
      v: 1,
      id: '0123456789abcdef01234567',
      time: '2026-12-03T08:00:00.000Z',
      revision: '1',
      how: 'all',
      gpc: false,
      categories: { necessary: true, [name]: true },
      url: ORIGIN + '/',
    })
    const r = checkReceipt(body, { now: Date.parse('2026-12-03T09:00:00Z') }) as { error: string }
    expect(r.error).toBe(
      `categories.${name}: is not a category name: a lowercase letter, then up to 23 letters, digits, - or _, ` +
        `as in the site's config (got ${JSON.stringify(name)})`,
    )
  })
})
