// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { consentMode, googleConsent, type ConsentMode } from '.'
import { fakeConfig, fakeConsent } from '../../test/consent'

const w = window as any
/** dataLayer as plain arrays; fails if an entry is not an Arguments object (gtag.js ignores arrays). */
const layer = () =>
  (w.dataLayer as unknown[]).map((a) => {
    expect(Object.prototype.toString.call(a)).toBe('[object Arguments]')
    return Array.from(a as ArrayLike<unknown>)
  })
const DENIED = googleConsent({})

describe('consentMode', () => {
  const stops: ConsentMode[] = []
  const stop = (s: ConsentMode) => stops.push(s)
  beforeEach(() => {
    for (const k of ['dataLayer', 'gtag', 'uetq', 'fbq', 'clarity', 'ttq']) delete w[k]
  })
  afterEach(() => stops.splice(0).forEach((s) => s.destroy()))

  it('puts the denied default first, then the optional settings, and nothing else for a new visitor', () => {
    stop(consentMode(fakeConsent(fakeConfig({ consentMode: { adsDataRedaction: true, urlPassthrough: true } }))))
    expect(layer()).toEqual([
      ['consent', 'default', { ...DENIED, security_storage: 'granted', wait_for_update: 500 }],
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true],
    ])
    expect(Object.values(DENIED)).toEqual(Array(6).fill('denied'))
  })

  it('keeps what the page pushed before and uses the site’s wait and regions', () => {
    w.dataLayer = [{ event: 'early' }]
    stop(consentMode(fakeConsent(fakeConfig({ consentMode: { waitForUpdate: 800, region: ['NO', 'SE'] } }))))
    expect(w.dataLayer[0]).toEqual({ event: 'early' })
    expect(Array.from(w.dataLayer[1])).toEqual([
      'consent',
      'default',
      { ...DENIED, security_storage: 'granted', wait_for_update: 800, region: ['NO', 'SE'] },
    ])
  })

  it('treats an undefined consentMode as on, and false as off', () => {
    stop(consentMode(fakeConsent(fakeConfig({ consentMode: undefined }))))
    expect(layer()).toHaveLength(1)
    delete w.dataLayer
    delete w.gtag
    stop(consentMode(fakeConsent(fakeConfig({ consentMode: false }))))
    expect(w.dataLayer).toBeUndefined()
    expect(w.gtag).toBeUndefined()
  })

  it('sends a returning visitor’s choice as an update straight after the default, never a second default', () => {
    stop(consentMode(fakeConsent(fakeConfig(), { analytics: true })))
    const l = layer()
    expect(l.map((a) => a[1])).toEqual(['default', 'update'])
    expect(l[1][2]).toEqual({ ...DENIED, analytics_storage: 'granted' })
  })

  it('maps every decision to Google’s consent types', () => {
    const c = fakeConsent()
    stop(consentMode(c))
    c.set({ marketing: true })
    c.set({ preferences: true, marketing: false })
    c.acceptAll()
    c.rejectAll()
    const updates = layer()
      .filter((a) => a[1] == 'update')
      .map((a) => a[2])
    expect(updates).toEqual([
      { ...DENIED, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' },
      { ...DENIED, functionality_storage: 'granted', personalization_storage: 'granted' },
      Object.fromEntries(Object.keys(DENIED).map((k) => [k, 'granted'])),
      DENIED,
    ])
  })

  it('tells Google when a first visitor rejects, so tags stop waiting', () => {
    const c = fakeConsent()
    stop(consentMode(c))
    c.rejectAll()
    expect(layer().map((a) => a[1])).toEqual(['default', 'update'])
  })

  describe('the Google Tag Manager event (gtmEvent)', () => {
    /** dataLayer as GTM reads it: Consent Mode's commands by name, events as pushed. */
    const seen = () =>
      (w.dataLayer as unknown[]).map((a) =>
        (a as { event?: string }).event
          ? a
          : Array.from(a as ArrayLike<unknown>)
              .slice(0, 2)
              .join(' '),
      )
    const all = (on: boolean) => ({ necessary: true, preferences: on, analytics: on, marketing: on })

    it('follows each Consent Mode update with samtykke_consent and what is granted', () => {
      const c = fakeConsent(fakeConfig({ gtmEvent: true }))
      stop(consentMode(c))
      expect(seen()).toEqual(['consent default'])
      c.set({ analytics: true })
      c.acceptAll()
      c.rejectAll()
      expect(seen()).toEqual([
        'consent default',
        'consent update',
        { event: 'samtykke_consent', samtykke: { ...all(false), analytics: true } },
        'consent update',
        { event: 'samtykke_consent', samtykke: all(true) },
        'consent update',
        { event: 'samtykke_consent', samtykke: all(false) },
      ])
    })

    it('gives a returning visitor’s stored choice at start-up, right after its update, and only once', () => {
      stop(consentMode(fakeConsent(fakeConfig({ gtmEvent: true }), { analytics: true })))
      document.dispatchEvent(new Event('DOMContentLoaded', { bubbles: true }))
      expect(seen()).toEqual([
        'consent default',
        'consent update',
        { event: 'samtykke_consent', samtykke: { ...all(false), analytics: true } },
      ])
    })

    it('tells GTM of a change to a category of the site’s own, which Google’s types do not name', () => {
      const config = fakeConfig({ gtmEvent: true, order: [...fakeConfig().order, 'social'] })
      const c = fakeConsent(config, { analytics: true })
      stop(consentMode(c))
      c.set({ social: true })
      expect(seen().slice(-2)).toEqual([
        'consent update',
        { event: 'samtykke_consent', samtykke: { ...all(false), analytics: true, social: true } },
      ])
    })

    it('takes the site’s name for the event', () => {
      const c = fakeConsent(fakeConfig({ gtmEvent: 'cookie_consent_update' }))
      stop(consentMode(c))
      c.acceptAll()
      expect(seen()[2]).toEqual({ event: 'cookie_consent_update', samtykke: all(true) })
    })

    it('pushes nothing of the kind unless asked, nor with Consent Mode off', () => {
      const c = fakeConsent()
      stop(consentMode(c))
      c.acceptAll()
      expect(seen()).toEqual(['consent default', 'consent update'])
      delete w.dataLayer
      delete w.gtag
      const off = fakeConsent(fakeConfig({ gtmEvent: true, consentMode: false }))
      stop(consentMode(off))
      off.acceptAll()
      expect(w.dataLayer).toBeUndefined()
    })
  })

  it('uses the page’s own gtag when it defined one first', () => {
    const seen: unknown[] = []
    w.gtag = (...a: unknown[]) => seen.push(a)
    stop(consentMode(fakeConsent()))
    expect(seen).toEqual([['consent', 'default', expect.objectContaining({ ad_storage: 'denied' })]])
  })

  it('sets up the UET queue with a denied default and updates it', () => {
    const c = fakeConsent()
    stop(consentMode(c))
    c.set({ marketing: true })
    expect(w.uetq).toEqual([
      'consent',
      'default',
      { ad_storage: 'denied' },
      'consent',
      'update',
      { ad_storage: 'granted' },
    ])
  })

  it('signals Meta, Clarity and TikTok when their globals exist, again once the page has parsed', () => {
    const calls: unknown[][] = []
    const c = fakeConsent()
    stop(consentMode(c))
    w.fbq = (...a: unknown[]) => calls.push(['fbq', ...a])
    w.clarity = (...a: unknown[]) => calls.push(['clarity', ...a])
    w.ttq = {
      holdConsent: () => calls.push(['ttq.hold']),
      grantConsent: () => calls.push(['ttq.grant']),
      revokeConsent: () => calls.push(['ttq.revoke']),
    }
    document.dispatchEvent(new Event('DOMContentLoaded', { bubbles: true }))
    expect(calls).toEqual([
      ['fbq', 'consent', 'revoke'],
      ['clarity', 'consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' }],
      ['ttq.hold'],
    ])
    calls.length = 0
    c.set({ analytics: true, marketing: true })
    expect(calls).toEqual([
      ['fbq', 'consent', 'grant'],
      ['clarity', 'consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }],
      ['ttq.grant'],
    ])
    calls.length = 0
    c.set({ marketing: false })
    expect(calls).toContainEqual(['fbq', 'consent', 'revoke'])
    expect(calls).toContainEqual(['ttq.revoke'])
  })

  it('stops updating once stopped', () => {
    const c = fakeConsent()
    consentMode(c).destroy()
    c.acceptAll()
    expect(layer()).toHaveLength(1)
    const fbq = vi.fn()
    w.fbq = fbq
    document.dispatchEvent(new Event('DOMContentLoaded', { bubbles: true }))
    expect(fbq).not.toHaveBeenCalled()
  })
})
