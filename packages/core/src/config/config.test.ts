import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_ORDER, resolveConfig, validConfig, withDefaults } from '.'

describe('resolveConfig', () => {
  it('gives the four default categories, revision 1, a six-month samtykke cookie, renewed on each visit', () => {
    const c = resolveConfig()
    expect(c.order).toEqual(DEFAULT_ORDER)
    expect(c.revision).toBe('1')
    expect(c.cookie).toEqual({ name: 'samtykke', domain: undefined, days: 182, renew: true })
  })

  it('lets a site relabel, drop and add categories, keeping necessary first', () => {
    const c = resolveConfig({
      categories: { social: { label: 'Sosiale medier' }, preferences: false, analytics: { label: 'Statistikk' } },
    })
    expect(c.order).toEqual(['necessary', 'analytics', 'marketing', 'social'])
    expect(c.categories.social.label).toBe('Sosiale medier')
    expect(c.categories.analytics.label).toBe('Statistikk')
  })

  it.each([
    [
      { categories: { necessary: false } },
      'config.categories.necessary must be kept: necessary cookies cannot be turned off (got false)',
    ],
    [
      { categories: { Sosial: {} } },
      'config.categories.Sosial must be a lowercase letter, then up to 23 letters, digits, - or _ ' +
        '(like "videoEmbeds") (got "Sosial")',
    ],
    [
      { categories: { analytics: 'ja' } },
      'config.categories.analytics must be an object, or false to drop it (got "ja")',
    ],
    [
      { categories: { marketing: { services: [{ provider: 'Meta' }] } } },
      'config.categories.marketing.services must be a list of { name, cookies?: [{ name }] } ' +
        '(got "[{\\"provider\\":\\"Meta\\"}]")',
    ],
    [
      { categories: { marketing: { services: [{ name: 'Meta', cookies: [{ lifetime: '3 måneder' }] }] } } },
      'config.categories.marketing.services must be a list of { name, cookies?: [{ name }] }',
    ],
    [{ cookie: { days: 800 } }, 'config.cookie.days must be a number of days from 1 to 395 (got 800)'],
    [{ cookie: { days: '30' } }, 'config.cookie.days must be a number of days from 1 to 395 (got "30")'],
    [{ cookie: { name: 'my cookie' } }, 'config.cookie.name must be up to 32 letters'],
    [{ cookie: { renew: 'no' } }, 'config.cookie.renew must be true or false (got "no")'],
    [
      { cookie: { domain: 'https://example.no' } },
      'config.cookie.domain must be a domain name like "example.no" (got "https://example.no")',
    ],
    [{ revision: 'v 2' }, 'config.revision must be up to 16 letters'],
    [{ modal: 'yes' }, 'config.modal must be true or false (got "yes")'],
    [{ receiptUrl: 42 }, 'config.receiptUrl must be a string (got 42)'],
    [
      { trackers: [{ pattern: 'cdn.example.com/tag.js', category: 'ads' }] },
      'config.trackers[0].category must be one of necessary, preferences, analytics, marketing (got "ads")',
    ],
    [{ trackers: {} }, 'config.trackers must be an array'],
    [{ consentMode: 'basic' }, 'config.consentMode must be an object or true or false (got "basic")'],
    [{ lang: 'norsk' }, 'config.lang must be a language tag like "sv" or "de-AT" (got "norsk")'],
    [{ lang: 'nb NO' }, 'config.lang must be a language tag like "sv" or "de-AT" (got "nb NO")'],
    [{ gtmEvent: 1 }, 'config.gtmEvent must be true or false or a string (got 1)'],
  ])('rejects %j with a message naming the field', (input, message) => {
    expect(() => resolveConfig(input as never)).toThrow(TypeError)
    expect(() => resolveConfig(input as never)).toThrow('samtykke: ' + message)
  })

  it.each([null, [], 'analytics'])('rejects a config that is not an object (%j)', (input) => {
    expect(() => resolveConfig(input as never)).toThrow(/^samtykke: config must be an object \(got /)
  })

  it('warns once per unknown option, naming it, and keeps going', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const c = resolveConfig({ revison: 2 } as never)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0][0]).toBe('samtykke: config.revison is not an option (ignored): check the spelling')
    expect(c.revision).toBe('1')
    warn.mockRestore()
  })

  it("takes gtmEvent as true or as the event's name, without a warning", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(resolveConfig({ gtmEvent: true }).gtmEvent).toBe(true)
    expect(resolveConfig({ gtmEvent: 'cookie_consent_update' }).gtmEvent).toBe('cookie_consent_update')
    expect(validConfig({ gtmEvent: 'cookie_consent_update' })).toBe(true)
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it('accepts a domain with a leading dot and stores it without', () => {
    expect(resolveConfig({ cookie: { domain: '.innfram.no' } }).cookie.domain).toBe('innfram.no')
  })
})

describe('validConfig (the drop-in head’s check, without messages)', () => {
  // Values near the edges of every rule, valid and not.
  const value = fc.oneof(
    fc.constantFrom(undefined, null, true, false, 0, 1, 30, 182, 395, 396, -1, 1.5, NaN, [], {}),
    fc.constantFrom(
      '',
      'x',
      '7',
      'v 2',
      '2026-11-25',
      'nb',
      'en',
      'de',
      'de-AT',
      'nb_NO',
      'norsk',
      'my cookie',
      'samtykke',
      'a'.repeat(33),
      'example.no',
      '.example.no',
      'https://example.no',
      '.',
    ),
  )
  const cookieName = fc.oneof(fc.constant(''), fc.string({ maxLength: 3 }), fc.constant(1))
  const services = fc.oneof(
    value,
    fc.array(
      fc.record(
        {
          name: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(2)),
          cookies: fc.oneof(value, fc.array(fc.record({ name: cookieName }, { requiredKeys: [] }), { maxLength: 2 })),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
  )
  const category = fc.oneof(
    fc.constantFrom(false, null, 'ja', []),
    fc.record({ label: fc.string({ maxLength: 3 }), services }, { requiredKeys: [] }),
  )
  const config = fc.record(
    {
      revision: value,
      lang: value,
      gpc: value,
      floatingButton: value,
      gtmEvent: value,
      categories: fc.oneof(
        value,
        fc.dictionary(
          fc.constantFrom('necessary', 'preferences', 'analytics', 'marketing', 'social', 'Sosial', '9x'),
          category,
          { maxKeys: 3 },
        ),
      ),
      cookie: fc.oneof(
        value,
        fc.record({ name: value, domain: value, days: value, renew: value }, { requiredKeys: [] }),
      ),
      trackers: fc.oneof(
        value,
        fc.array(
          fc.record(
            { pattern: value, category: fc.constantFrom('analytics', 'social', 'nope', 'preferences') },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
      ),
      colour: value,
    },
    { requiredKeys: [] },
  )

  it('says yes exactly when resolveConfig takes the config, and then gives the same resolved config', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    let valid = 0
    fc.assert(
      fc.property(
        fc.oneof(
          config,
          value.filter((v) => v !== undefined),
        ),
        (c) => {
          let resolved
          try {
            resolved = resolveConfig(c as never)
          } catch {}
          expect(validConfig(c)).toBe(!!resolved)
          if (resolved) (valid++, expect(withDefaults(c as never)).toEqual(resolved))
        },
      ),
      { numRuns: 20000 },
    )
    // Both sides were exercised.
    expect(valid).toBeGreaterThan(100)
    expect(valid).toBeLessThan(19900)
    warn.mockRestore()
  })

  it('warns about an option it does not know, as resolveConfig does', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(validConfig({ colour: 'red' })).toBe(true)
    expect(warn).toHaveBeenCalledWith('samtykke: config.colour is not an option (ignored): check the spelling')
    warn.mockRestore()
  })
})
