import { afterEach, describe, expect, it, vi } from 'vitest'
import { TRACKERS, TRACKERS_VERSION, matchTracker, siteOf } from '.'
import { TRACKER_COOKIES, nameMatch } from './cookies'

describe('matchTracker', () => {
  afterEach(() => vi.unstubAllGlobals())

  it.each([
    // the tags the issue names
    ['https://www.googletagmanager.com/gtag/js?id=G-TEST123', 'analytics'],
    ['https://www.googletagmanager.com/gtm.js?id=GTM-ABC', 'analytics'],
    ['https://www.googletagmanager.com/ns.html?id=GTM-ABC', 'analytics'],
    ['https://region1.google-analytics.com/g/collect?v=2', 'analytics'],
    ['https://www.google-analytics.com/analytics.js', 'analytics'],
    ['https://google-analytics.com/collect', 'analytics'],
    ['https://region1.analytics.google.com/g/collect', 'analytics'],
    ['https://stats.g.doubleclick.net/g/collect', 'analytics'],
    ['https://www.clarity.ms/tag/abc', 'analytics'],
    ['https://k.clarity.ms/collect', 'analytics'],
    ['https://static.hotjar.com/c/hotjar-123.js?sv=6', 'analytics'],
    ['https://innfram.matomo.cloud/matomo.php', 'analytics'],
    ['https://cdn.matomo.cloud/innfram.matomo.cloud/matomo.js', 'analytics'],
    ['https://player.vimeo.com/video/123', 'analytics'],
    ['https://www.google.com/maps/embed?pb=1', 'preferences'],
    ['https://maps.googleapis.com/maps/api/js?key=x', 'preferences'],
    ['https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/', 'marketing'],
    ['https://td.doubleclick.net/td/rul/1', 'marketing'],
    ['https://www.googleadservices.com/pagead/conversion_async.js', 'marketing'],
    ['https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js', 'marketing'],
    ['https://www.google.com/pagead/1p-user-list/1/', 'marketing'],
    ['https://connect.facebook.net/en_US/fbevents.js', 'marketing'],
    ['https://www.facebook.com/tr/?id=1&ev=PageView', 'marketing'],
    ['https://snap.licdn.com/li.lms-analytics/insight.min.js', 'marketing'],
    ['https://px.ads.linkedin.com/collect/?pid=1', 'marketing'],
    ['https://analytics.tiktok.com/i18n/pixel/events.js', 'marketing'],
    ['https://sc-static.net/scevent.min.js', 'marketing'],
    ['https://tr.snapchat.com/p', 'marketing'],
    ['https://bat.bing.com/bat.js', 'marketing'],
    ['https://s.pinimg.com/ct/core.js', 'marketing'],
    ['https://ct.pinterest.com/v3/?event=init', 'marketing'],
    // Pinterest's widgets: pinit.js, the Pin-it button image, its frames and its log (all of pinterest.com, as for
    // facebook.com)
    ['https://assets.pinterest.com/js/pinit.js', 'marketing'],
    ['https://assets.pinterest.com/images/pidgets/pinit_fg_en_rect_gray_20.png', 'marketing'],
    ['https://widgets.pinterest.com/v3/pidgets/boards/x/pins/', 'marketing'],
    ['https://log.pinterest.com/?type=pidget', 'marketing'],
    ['https://www.pinterest.com/ext/embed.html?id=1', 'marketing'],
    ['https://static.ads-twitter.com/uwt.js', 'marketing'],
    ['https://t.co/1/i/adsct?p=1', 'marketing'],
    ['https://www.youtube.com/embed/abc', 'marketing'],
    ['https://www.youtube-nocookie.com/embed/abc', 'marketing'],
    ['https://i.ytimg.com/vi/abc/hqdefault.jpg', 'marketing'],
    // www.google.* covers Google's country domains, and only those
    ['https://www.google.no/pagead/1p-user-list/1/', 'marketing'],
    ['https://www.google.co.uk/ads/ga-audiences', 'marketing'],
    ['https://www.google.com.au/maps/embed', 'preferences'],
    ['https://www.google.evil.no/pagead/x', undefined],
    ['https://www.google.com.evil.no/pagead/x', undefined],
    // path prefixes: only the tracking paths of shared hosts
    ['https://www.google.com/recaptcha/api.js', undefined],
    ['https://t.co/abcdef', undefined],
    ['https://s.pinimg.com/images/logo.png', undefined],
    // host case and the trailing-dot spelling of the same host
    ['https://WWW.GoogleTagManager.com/gtag/js', 'analytics'],
    ['https://www.googletagmanager.com./gtag/js', 'analytics'],
    ['//www.googletagmanager.com/gtag/js', undefined], // relative without a page: nothing to resolve against
    // look-alikes are not the vendor
    ['https://evil-google-analytics.com.example/g/collect', undefined],
    ['https://googletagmanager.com.evil.no/gtag/js', undefined],
    ['https://notgoogle-analytics.com/collect', undefined],
    ['https://facebook.com.evil.no/tr', undefined],
    ['https://xbat.bing.com/bat.js', undefined],
    // not http(s), and not URLs at all
    ['data:text/javascript,1', undefined],
    ['blob:https://www.googletagmanager.com/1', undefined],
    ['/js/app.js', undefined],
    ['', undefined],
  ])('%s → %s', (url, category) => {
    expect(matchTracker(url)).toBe(category)
  })

  it('accepts URL objects', () => {
    expect(matchTracker(new URL('https://connect.facebook.net/en_US/fbevents.js'))).toBe('marketing')
  })

  it('never matches the page’s own site, even for a rule that names it', () => {
    vi.stubGlobal('location', new URL('https://www.innfram.test/side'))
    vi.stubGlobal('document', { baseURI: 'https://www.innfram.test/side' })
    const rules = [{ pattern: '*.innfram.test/', category: 'marketing' }]
    expect(matchTracker('https://cdn.innfram.test/app.js', rules)).toBeUndefined()
    expect(matchTracker('/js/app.js', rules)).toBeUndefined()
    // relative and protocol-relative URLs resolve against the page
    expect(matchTracker('//www.googletagmanager.com/gtag/js')).toBe('analytics')
    expect(matchTracker('https://www.googletagmanager.com/gtag/js')).toBe('analytics')
  })

  it('tells a site under a country’s second level (co.uk, com.au) from Google’s country domains', () => {
    vi.stubGlobal('location', new URL('https://www.example.co.uk/'))
    vi.stubGlobal('document', { baseURI: 'https://www.example.co.uk/' })
    expect(matchTracker('https://www.google.co.uk/pagead/1p-conversion/123/')).toBe('marketing')
    expect(matchTracker('https://cdn.example.co.uk/app.js', [{ pattern: '*.example.co.uk/', category: 'marketing' }])).toBeUndefined()
    vi.stubGlobal('location', new URL('https://shop.example.com.au/'))
    vi.stubGlobal('document', { baseURI: 'https://shop.example.com.au/' })
    expect(matchTracker('https://www.google.com.au/ads/ga-audiences')).toBe('marketing')
    expect(siteOf('www.innfram.no')).toBe('innfram.no')
    expect(siteOf('static.innfram.no')).toBe('innfram.no')
  })

  it('checks the site’s rules before the built-in list: allow-list with necessary, or move a host', () => {
    expect(matchTracker('https://www.googletagmanager.com/gtm.js', [{ pattern: 'www.googletagmanager.com/gtm.js', category: 'marketing' }])).toBe(
      'marketing',
    )
    expect(matchTracker('https://player.vimeo.com/video/1', [{ pattern: 'player.vimeo.com/', category: 'necessary' }])).toBe('necessary')
    expect(matchTracker('https://cdn.example.com/widget.js', [{ pattern: 'cdn.example.com/widget', category: 'analytics' }])).toBe('analytics')
    expect(matchTracker('https://cdn.example.com/other.js', [{ pattern: 'cdn.example.com/widget', category: 'analytics' }])).toBeUndefined()
  })
})

describe('the built-in list', () => {
  it('is versioned and uses only the default categories', () => {
    expect(TRACKERS_VERSION).toMatch(/^\d{4}\.\d+\.\d+$/)
    expect(new Set(TRACKERS.map((t) => t.category))).toEqual(new Set(['analytics', 'preferences', 'marketing']))
  })

  it('has well-formed patterns, each needed (no rule hidden by an earlier one)', () => {
    for (const { pattern } of TRACKERS) {
      expect(pattern).toMatch(/^(\*\.)?[a-z0-9.-]+(\.\*)?\/[\w./-]*$/)
      const host = pattern.split('/')[0].replace(/^\*\./, 'x.').replace(/\.\*$/, '.no')
      const url = 'https://' + host + '/' + pattern.split('/').slice(1).join('/')
      expect(TRACKERS.find((t) => matchTracker(url, [{ pattern: t.pattern, category: '?' }]) == '?')?.pattern, url).toBe(pattern)
    }
  })

  it('names the first-party cookies the issue lists', () => {
    const has = (cat: string, name: string) => TRACKER_COOKIES[cat].some((p) => nameMatch(name, p))
    for (const n of ['_ga', '_ga_TEST123', '_gid', '_clck', '_hjSessionUser_1', '_pk_id.1.abcd']) expect(has('analytics', n), n).toBe(true)
    for (const n of ['_gcl_au', '_gcl_aw', '_fbp', '_fbc', 'li_fat_id', '_ttp', '_scid', '_uetsid', '_pin_unauth']) expect(has('marketing', n), n).toBe(true)
    expect(has('analytics', 'samtykke')).toBe(false)
    expect(has('marketing', '_ga')).toBe(false)
  })
})

describe('nameMatch', () => {
  it.each([
    ['_ga', '_ga', true],
    ['_ga_X', '_ga', false],
    ['_ga_X', '_ga_*', true],
    ['_ga', '_ga_*', false],
    ['_gcl_au', '_gcl_*', true],
  ])('%s against %s → %s', (n, p, r) => expect(nameMatch(n, p)).toBe(r))
})
