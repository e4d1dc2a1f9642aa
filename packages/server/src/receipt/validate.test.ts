import { describe, expect, it } from 'vitest'
import { browserClass, checkReceipt, truncateIp } from './validate'

const ok = {
  v: 1,
  id: '0123456789abcdef01234567',
  time: '2026-12-03T08:00:00.000Z',
  revision: '2026-11-25',
  how: 'custom',
  gpc: true,
  categories: { necessary: true, analytics: false },
  url: 'https://www.innfram.no/tjenester/?q=navn@epost.no#kontakt',
}
const now = Date.parse('2026-12-03T09:00:00Z')
const err = (body: unknown, categories?: string[]) => (checkReceipt(typeof body == 'string' ? body : JSON.stringify(body), { now, categories }) as { error: string }).error

describe('a receipt as the core sends it', () => {
  it('is taken, keyed by consent ID and decision time, with the page path but not its query', () => {
    const r = checkReceipt(JSON.stringify(ok), { now })
    expect(r).toMatchObject({ key: '0123456789abcdef01234567@2026-12-03T08:00:00.000Z', how: 'custom', gpc: true, origin: 'https://www.innfram.no', path: '/tjenester/' })
    expect(JSON.stringify(r)).not.toContain('epost')
  })

  it('is keyed by its own receipt ID when it sends one', () => {
    expect(checkReceipt({ ...ok, rid: 'r-123456789' }, { now })).toMatchObject({ key: 'r-123456789' })
  })

  it.each([
    ['{"id": ', 'body: not JSON'],
    ['[1]', 'body: must be a JSON object'],
    [{ ...ok, time: undefined }, 'time: is missing'],
    [{ ...ok, id: 42 }, 'id: must be a string (got number)'],
    [{ ...ok, id: 'short' }, 'id: must be 16–64'],
    [{ ...ok, time: 'yesterday' }, 'time: must be an ISO 8601 time'],
    [{ ...ok, time: '2026-12-10T00:00:00Z' }, 'time: is more than a day in the future'],
    [{ ...ok, how: 'maybe' }, 'how: must be one of all, none, custom, api'],
    [{ ...ok, gpc: 'yes' }, 'gpc: must be true or false'],
    [{ ...ok, categories: ['analytics'] }, 'categories: must be an object'],
    [{ ...ok, categories: { necessary: true, analytics: 'yes' } }, 'categories.analytics: must be true or false'],
    [{ ...ok, categories: { necessary: false } }, 'categories.necessary: must be true'],
    [{ ...ok, categories: { necessary: true, 'Robert"); DROP TABLE': true } }, 'is not a category name'],
    [{ ...ok, url: 'javascript:alert(1)' }, 'url: must be an http(s) page URL'],
    [{ ...ok, v: 2 }, 'v: must be 1'],
  ])('refuses %j, naming the field', (body, message) => {
    expect(err(body)).toContain(message)
  })

  it('refuses a category the site does not have', () => {
    expect(err({ ...ok, categories: { necessary: true, social: true } }, ['necessary', 'analytics'])).toBe(
      'categories.social: is not a category of this site (it has necessary, analytics)',
    )
  })
})

describe('minimal data when a site opts in', () => {
  it('truncates IPv4 to /24 and IPv6 to /48', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0')
    expect(truncateIp('::ffff:203.0.113.77')).toBe('203.0.113.0')
    expect(truncateIp('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::/48')
  })
  it('reduces a user agent to an engine family', () => {
    expect(browserClass('Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0')).toBe('firefox mobile')
    expect(browserClass('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36')).toBe('chromium')
  })
})
