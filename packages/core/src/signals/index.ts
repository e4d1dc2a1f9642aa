// Consent signals for tags that read them: Google Consent Mode v2 (gtag.js, GTM), Microsoft UET and Clarity,
// Meta and TikTok. They come on top of blocking, never instead: with samtykke's defaults Google's tags still
// load only after consent ("basic" Consent Mode). DOM access happens only inside consentMode().
import type { ConsentView, ConsentState } from '../store/types'

type G = Record<string, boolean>
type Fn = (...a: any[]) => any
const v = (b: unknown) => (b ? 'granted' : 'denied')

/** Google's consent types for what is granted now. */
export const googleConsent = (g: G) => ({
  ad_storage: v(g.marketing),
  ad_user_data: v(g.marketing),
  ad_personalization: v(g.marketing),
  analytics_storage: v(g.analytics),
  functionality_storage: v(g.preferences),
  personalization_storage: v(g.preferences),
})

export interface ConsentMode {
  /** Stops the updates. What was sent stays sent. */
  destroy(): void
}

/**
 * Sends the signals. Call it synchronously first in `<head>`, before any Google tag or `dataLayer.push`:
 * the `default` must be the first thing in `dataLayer`.
 */
export function consentMode(consent: ConsentView): ConsentMode {
  const c = consent.config.consentMode ?? {}
  // The drop-in never stops it (below).
  if (c === false) return __DROPIN__ ? ({} as ConsentMode) : { destroy() {} }
  const w = window as any
  w.dataLayer = w.dataLayer || []
  // gtag.js reads Arguments objects only: a pushed array would be ignored.
  const gtag: Fn = (w.gtag =
    w.gtag ||
    function () {
      w.dataLayer.push(arguments)
    })
  gtag('consent', 'default', {
    ...googleConsent({}),
    security_storage: 'granted',
    wait_for_update: c.waitForUpdate ?? 500,
    ...(c.region && { region: c.region }),
  })
  if (c.adsDataRedaction) gtag('set', 'ads_data_redaction', true)
  if (c.urlPassthrough) gtag('set', 'url_passthrough', true)
  // Microsoft documents a queue that UET reads when it loads: the default goes first.
  ;(w.uetq = w.uetq || []).push('consent', 'default', { ad_storage: 'denied' })

  // Google Tag Manager's event: `true` or its name (`true[0]` is undefined: true gives the default name).
  const e = consent.config.gtmEvent as string | undefined
  let last: string | undefined
  const vendors = ({ granted: g, decided }: ConsentState) => {
    w.fbq?.('consent', g.marketing ? 'grant' : 'revoke')
    w.clarity?.('consentv2', { ad_Storage: v(g.marketing), analytics_Storage: v(g.analytics) })
    w.ttq?.[g.marketing ? 'grantConsent' : decided ? 'revokeConsent' : 'holdConsent']?.()
  }
  const off = consent.subscribe((s) => {
    // Keyed on every category, not only those Google knows: a change to a site's own one (`social`) is news to GTM.
    const g = s.granted,
      u = googleConsent(g),
      k = JSON.stringify(g) + s.decided
    // A returning visitor's choice is an `update` right away (never a second `default`); later, every decision is one.
    // Then, when the site asks for it, the event for Google Tag Manager's triggers (docs/gtm.md).
    if (last ? k != last : s.decided)
      (gtag('consent', 'update', u),
        w.uetq.push('consent', 'update', { ad_storage: u.ad_storage }),
        vendors(s),
        e && w.dataLayer.push({ samtykke: g, event: e[0] ? e : 'samtykke_consent' }))
    last = k
  })
  // The Meta, TikTok and Clarity snippets usually come after us: tell them once they exist.
  const late = () => vendors(consent.get())
  addEventListener('DOMContentLoaded', late)
  // The drop-in never stops it.
  return __DROPIN__
    ? ({} as ConsentMode)
    : {
        destroy() {
          off()
          removeEventListener('DOMContentLoaded', late)
        },
      }
}
