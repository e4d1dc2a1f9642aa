import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_ORDER, resolveConfig } from '.'

describe('resolveConfig', () => {
  it('gives the four default categories, revision 1, a six-month samtykke cookie, renewed on each visit', () => {
    const c = resolveConfig()
    expect(c.order).toEqual(DEFAULT_ORDER)
    expect(c.revision).toBe('1')
    expect(c.cookie).toEqual({ name: 'samtykke', domain: undefined, days: 182, renew: true })
  })

  it('lets a site relabel, drop and add categories, keeping necessary first', () => {
    const c = resolveConfig({ categories: { social: { label: 'Sosiale medier' }, preferences: false, analytics: { label: 'Statistikk' } } })
    expect(c.order).toEqual(['necessary', 'analytics', 'marketing', 'social'])
    expect(c.categories.social.label).toBe('Sosiale medier')
    expect(c.categories.analytics.label).toBe('Statistikk')
  })

  it.each([
    [{ categories: { necessary: false } }, 'config.categories.necessary must be kept: necessary cookies cannot be turned off (got false)'],
    [{ categories: { Sosial: {} } }, 'config.categories.Sosial must be named with a-z'],
    [{ categories: { analytics: 'ja' } }, 'config.categories.analytics must be an object, or false to drop it (got "ja")'],
    [{ categories: { marketing: { services: [{ provider: 'Meta' }] } } }, 'config.categories.marketing.services must be a list of { name, cookies?: [{ name }] } (got "[{\\"provider\\":\\"Meta\\"}]")'],
    [{ categories: { marketing: { services: [{ name: 'Meta', cookies: [{ lifetime: '3 måneder' }] }] } } }, 'config.categories.marketing.services must be a list of { name, cookies?: [{ name }] }'],
    [{ cookie: { days: 800 } }, 'config.cookie.days must be a number of days from 1 to 395 (got 800)'],
    [{ cookie: { days: '30' } }, 'config.cookie.days must be a number of days from 1 to 395 (got "30")'],
    [{ cookie: { name: 'my cookie' } }, 'config.cookie.name must be up to 32 letters'],
    [{ cookie: { renew: 'no' } }, 'config.cookie.renew must be true or false (got "no")'],
    [{ cookie: { domain: 'https://example.no' } }, 'config.cookie.domain must be a domain name like "example.no" (got "https://example.no")'],
    [{ revision: 'v 2' }, 'config.revision must be up to 16 letters'],
    [{ modal: 'yes' }, 'config.modal must be true or false (got "yes")'],
    [{ receiptUrl: 42 }, 'config.receiptUrl must be a string (got 42)'],
    [{ trackers: [{ pattern: 'cdn.example.com/tag.js', category: 'ads' }] }, 'config.trackers[0].category must be one of necessary, preferences, analytics, marketing (got "ads")'],
    [{ trackers: {} }, 'config.trackers must be an array'],
    [{ consentMode: 'basic' }, 'config.consentMode must be an object or true or false (got "basic")'],
    [{ lang: 'se' }, 'config.lang must be "nb", "nn" or "en" (got "se")'],
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

  it('accepts a domain with a leading dot and stores it without', () => {
    expect(resolveConfig({ cookie: { domain: '.innfram.no' } }).cookie.domain).toBe('innfram.no')
  })
})
