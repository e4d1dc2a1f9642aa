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
const err = (body: unknown, categories?: string[]) =>
  (checkReceipt(typeof body == 'string' ? body : JSON.stringify(body), { now, categories }) as { error: string }).error

describe('a receipt as the core sends it', () => {
  it('is taken, keyed by consent ID and decision time, with the page path but not its query', () => {
    const r = checkReceipt(JSON.stringify(ok), { now })
    expect(r).toMatchObject({
      key: '0123456789abcdef01234567@2026-12-03T08:00:00.000Z',
      how: 'custom',
      gpc: true,
      origin: 'https://www.innfram.no',
      path: '/tjenester/',
    })
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

  // What the database cannot store, or would store as something other than what the chain hashed (issue 17).
  it.each([
    ['revision', { ...ok, revision: '2026\u000011' }, 'revision: contains a control character (U+0000 at 4)'],
    ['revision', { ...ok, revision: 'x\ud800' }, 'revision: contains a lone UTF-16 surrogate (U+D800 at 1)'],
    ['id', { ...ok, id: '0123456789abcdef\u0000' }, 'id: contains a control character (U+0000 at 16)'],
    ['url', { ...ok, url: 'https://www.innfram.no/a\u0000b' }, 'url: contains a control character (U+0000'],
    ['url', { ...ok, url: 'https://www.innfram.no/\udc00' }, 'url: contains a lone UTF-16 surrogate (U+DC00'],
    ['lang', { ...ok, lang: 'nb\u001b' }, 'lang: contains a control character (U+001B'],
    ['surface', { ...ok, surface: '\ud83d' }, 'surface: contains a lone UTF-16 surrogate (U+D83D'],
    ['rid', { ...ok, rid: 'r-12345678\u007f' }, 'rid: contains a control character (U+007F'],
    ['how', { ...ok, how: 'all\u0000' }, 'how: contains a control character'],
    [
      'a category name',
      { ...ok, categories: { necessary: true, 'a\u0000': true } },
      'categories: a category name contains a control character',
    ],
    [
      'time in year 0000',
      { ...ok, time: '0000-01-01T00:00:00.000Z' },
      'time: is before 2000 (got 0000-01-01T00:00:00.000Z)',
    ],
    ['time in year 0001', { ...ok, time: '0001-06-01T00:00:00Z' }, 'time: is before 2000'],
    ['time in 1899', { ...ok, time: '1899-12-31T23:00:00+01:00' }, 'time: is before 2000'],
    ['time just before 2000', { ...ok, time: '1999-12-31T23:59:59.999Z' }, 'time: is before 2000'],
  ])('refuses %s, which the database could not store as it is, naming the field', (_what, body, message) => {
    expect(err(body)).toContain(message)
  })

  it.each([
    [
      'a semicolon formula as revision',
      { ...ok, revision: 'x;=1+1;' },
      'revision: must be up to 16 letters, digits, _ . or - as in the site\'s config (got "x;=1+1;")',
    ],
    ['HTML as revision', { ...ok, revision: '<img src=x>' }, 'revision: must be up to 16 letters'],
    [
      'a revision longer than the config allows',
      { ...ok, revision: 'r'.repeat(17) },
      'revision: must be up to 16 letters',
    ],
  ])("refuses %s: a revision follows the core's rule for the config's revision", (_what, body, message) => {
    expect(err(body)).toContain(message)
  })

  it('takes a paired surrogate (an emoji) where text is free, a decision time in 2000, and a numeric revision', () => {
    expect(checkReceipt({ ...ok, url: 'https://www.innfram.no/\ud83d\ude00' }, { now })).toMatchObject({
      path: '/%F0%9F%98%80',
    })
    expect(checkReceipt({ ...ok, time: '2000-01-01T00:00:00Z' }, { now })).toMatchObject({
      decidedAt: Date.UTC(2000, 0, 1),
    })
    expect(checkReceipt({ ...ok, revision: 3 }, { now })).toMatchObject({ revision: '3' })
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
    expect(
      browserClass('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'),
    ).toBe('chromium')
  })
})
