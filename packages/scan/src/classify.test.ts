import { describe, expect, it } from 'vitest'
import { classifyName, classifyRequest, siteOf, stripQuery } from './classify'
import { lookupOcd, ocdEntries, parseCsv } from './ocd'

describe('classifyRequest', () => {
  it('names the vendor and the core list rule that matched', () => {
    expect(classifyRequest('https://region1.google-analytics.com/g/collect?v=2&tid=G-1')).toEqual({
      category: 'analytics',
      vendor: 'Google Analytics',
      source: 'samtykke tracker list: *.google-analytics.com/',
    })
    expect(classifyRequest('https://connect.facebook.net/en_US/fbevents.js')).toMatchObject({
      category: 'marketing',
      vendor: 'Meta Pixel',
    })
    // first match wins, as in the blocker: stats.g.doubleclick.net is analytics, the rest of doubleclick marketing
    expect(classifyRequest('https://stats.g.doubleclick.net/g/collect')).toMatchObject({
      category: 'analytics',
      vendor: 'Google Analytics',
    })
    expect(classifyRequest('https://td.doubleclick.net/td/rul/1')).toMatchObject({
      category: 'marketing',
      vendor: 'Google Ads',
    })
  })

  it('names gtag.js by its id: G- Google Analytics, AW- and DC- Google Ads, GTM- Tag Manager', () => {
    const gtag = (id: string) => classifyRequest(`https://www.googletagmanager.com/gtag/js?id=${id}&l=dataLayer`).vendor
    expect(gtag('G-ABC123')).toBe('Google Analytics')
    expect(gtag('AW-123456789')).toBe('Google Ads')
    expect(gtag('DC-1234567')).toBe('Google Ads')
    expect(gtag('GTM-ABCDE')).toBe('Google Tag Manager')
    expect(classifyRequest('https://www.googletagmanager.com/gtm.js?id=GTM-ABCDE').vendor).toBe('Google Tag Manager')
    expect(classifyRequest('https://www.googletagmanager.com/gtag/js').vendor).toBe('Google Tag Manager')
    expect(classifyRequest('https://www.googletagmanager.com/gtag/js?id=G-ABC123')).toMatchObject({
      category: 'analytics',
      source: 'samtykke tracker list: www.googletagmanager.com/',
    })
    // Google Ads' tag waits for Google Ads' category, as `samtykke mark` marks it
    expect(classifyRequest('https://www.googletagmanager.com/gtag/js?id=AW-123456789')).toEqual({
      category: 'marketing',
      vendor: 'Google Ads',
      source: 'samtykke tracker list: *.googleadservices.com/ (gtag.js for a Google Ads id)',
    })
  })

  it('leaves a host no list knows unknown', () => {
    expect(classifyRequest('https://cdn.jsdelivr.net/npm/x.js')).toEqual({ category: null, vendor: null, source: null })
  })
})

describe('classifyName', () => {
  it('uses the core cookie list first, then the Open Cookie Database, and says which', () => {
    expect(classifyName('_ga_TEST123')).toMatchObject({
      category: 'analytics',
      vendor: 'Google Analytics',
      source: 'samtykke tracker list: cookie _ga*',
    })
    expect(classifyName('_fbp')).toMatchObject({ category: 'marketing', vendor: 'Meta Pixel' })
    const yt = classifyName('YSC', { domain: '.youtube.com', thirdParty: false })
    expect(yt.category).toBe('preferences') // OCD: Functional
    expect(yt.source).toMatch(/^Open Cookie Database: YSC \(Youtube, Functional, id [0-9a-f-]+\)$/)
  })

  it('knows the consent cookie as strictly necessary, under the name the site gave it', () => {
    expect(classifyName('samtykke').category).toBe('necessary')
    expect(classifyName('minvalg', { consentCookie: 'minvalg' }).category).toBe('necessary')
    expect(classifyName('cc_cookie')).toMatchObject({ category: 'necessary', vendor: 'vanilla-cookieconsent' })
  })

  it("knows samtykke's own outbox cookie and key, there while the consent log is down, as strictly necessary", () => {
    expect(classifyName('samtykke_outbox')).toEqual({
      category: 'necessary',
      vendor: 'samtykke',
      source: 'samtykke: says a consent receipt waits to be sent to the consent log',
    })
    expect(classifyName('samtykke:outbox')).toEqual({
      category: 'necessary',
      vendor: 'samtykke',
      source: 'samtykke: consent receipts waiting to be sent to the consent log',
    })
    expect(classifyName('minvalg', { consentCookie: 'minvalg' })).toMatchObject({
      category: 'necessary',
      vendor: 'samtykke',
    })
  })

  it('classifies a third-party cookie by its domain when the name is not known', () => {
    expect(classifyName('xyz123', { domain: '.doubleclick.net', thirdParty: true })).toMatchObject({
      category: 'marketing',
      vendor: 'Google Ads',
    })
    expect(classifyName('xyz123', { domain: '.doubleclick.net', thirdParty: false }).category).toBeNull()
  })

  it('never guesses: an unknown name stays unknown', () => {
    expect(classifyName('handlekurv_v2')).toEqual({ category: null, vendor: null, source: null })
  })
})

describe('the Open Cookie Database copy', () => {
  it('is all there, with quoted fields read right', () => {
    expect(ocdEntries().length).toBeGreaterThan(2200)
    expect(parseCsv('a,"b, ""c""",d\n1,2,3')).toEqual([
      ['a', 'b, "c"', 'd'],
      ['1', '2', '3'],
    ])
    expect(lookupOcd('_hjSessionUser_123')?.wildcard).toBe(true)
  })
})

describe('siteOf and stripQuery', () => {
  it('follows the Public Suffix List', () => {
    expect(siteOf('www.example.co.uk')).toBe('example.co.uk')
    expect(siteOf('shop.innfram.no')).toBe('innfram.no')
    expect(siteOf('.facebook.com')).toBe('facebook.com')
    expect(siteOf('foo.github.io')).toBe('foo.github.io') // a private suffix: each user's own site
  })

  it('keeps the query keys and drops their values', () => {
    expect(stripQuery('https://www.facebook.com/tr/?id=123&ev=PageView#x')).toBe('https://www.facebook.com/tr/?id=&ev=')
    expect(stripQuery('https://x.test/a.js')).toBe('https://x.test/a.js')
  })
})
