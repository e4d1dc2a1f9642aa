import { describe, expect, it } from 'vitest'
import { renewCookie } from './renew'
import { encodeRecord, type ConsentRecord } from '.'
import { resolveConfig } from '../config'

const DAY = 864e5
const NOW = Date.UTC(2026, 11, 8, 12)
const value = (ago: number, over: Partial<ConsentRecord> = {}) =>
  encodeRecord({
    v: 1,
    revision: '1',
    time: NOW - ago,
    id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
    how: 'custom',
    gpc: false,
    categories: { necessary: true, analytics: true, marketing: false },
    ...over,
  })
const site = resolveConfig({})
const maxAge = (c: string | undefined) => Number(/; Max-Age=(\d+)/.exec(c!)![1])

describe('renewCookie: the consent cookie a server sends back', () => {
  it("is the visitor's own value, byte for byte, for what remains of its lifetime from the decision time", () => {
    const v = value(10 * DAY)
    expect(renewCookie(`theme=dark; samtykke=${v}; other=1`, site, NOW)).toBe(
      `samtykke=${v}; Max-Age=${172 * 86400}; Path=/; SameSite=Lax`,
    )
  })

  it("carries the config's name, days and domain, and Secure when asked", () => {
    const config = resolveConfig({ cookie: { name: 'valg', days: 30, domain: '.innfram.no' } })
    expect(renewCookie(`valg=${value(DAY)}`, config, NOW, true)).toBe(
      `valg=${value(DAY)}; Max-Age=${29 * 86400}; Path=/; SameSite=Lax; Domain=innfram.no; Secure`,
    )
    expect(renewCookie(`samtykke=${value(DAY)}`, config, NOW)).toBeUndefined()
  })

  it('never extends a consent: one near its end gets what is left, one past it nothing', () => {
    expect(maxAge(renewCookie(`samtykke=${value(182 * DAY - 3600e3)}`, site, NOW))).toBe(3600)
    expect(renewCookie(`samtykke=${value(182 * DAY)}`, site, NOW)).toBeUndefined()
  })

  it.each([
    ['no cookie', undefined],
    ['another cookie only', 'samtykke_outbox=1'],
    ['two copies', `samtykke=${value(DAY)}; samtykke=${value(2 * DAY)}`],
    ['a tampered value', `samtykke=${value(DAY).replace('necessary:1', 'necessary:0')}`],
    ['a decision two days in the future', `samtykke=${value(-2 * DAY)}`],
    ['a category the site does not have', `samtykke=${value(DAY, { categories: { necessary: true, video: true } })}`],
  ])('sends nothing for %s', (_, header) => {
    expect(renewCookie(header, site, NOW)).toBeUndefined()
  })

  it("takes any category when given no categories (a server that does not know the config's)", () => {
    const v = value(DAY, { categories: { necessary: true, videoEmbeds: true } })
    expect(renewCookie(`samtykke=${v}`, { cookie: site.cookie }, NOW)).toMatch(/^samtykke=.*videoEmbeds:1; Max-Age=/)
    expect(renewCookie(`samtykke=${v}`, resolveConfig({ categories: { videoEmbeds: {} } }), NOW)).toMatch(
      /^samtykke=.*videoEmbeds:1; Max-Age=/,
    )
  })
})
