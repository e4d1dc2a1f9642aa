// What the scanner says about each vendor on samtykke's tracker list (packages/core/src/trackers), keyed by that
// list's own patterns: the host list decides the category (one list for the blocker, `mark` and `scan`), this table
// adds who, why and how long. vendors.test.ts fails when the core list gains a pattern this table does not cover.
import type { Text } from '@samtykke/core'

export interface Vendor {
  /** The service as a site lists it: `Google Analytics`. */
  service: string
  /** The company responsible for the data (EU entity where there is one). */
  provider: string
  purpose: Text
  /** How long the vendor keeps what it stores, as it documents it. */
  retention: Text
  policyUrl: string
  /** Patterns of core's TRACKERS (hosts) this vendor answers for. */
  hosts: string[]
  /** Patterns of core's TRACKER_COOKIES (first-party cookie and storage names) this vendor sets. */
  cookies: string[]
  /** Words that name this vendor in a site's declaration (service name or provider), lower case. */
  aliases: string[]
}

const GOOGLE = 'Google Ireland Limited'
const GOOGLE_POLICY = 'https://policies.google.com/privacy'

export const VENDORS: Vendor[] = [
  {
    service: 'Google Tag Manager',
    provider: GOOGLE,
    purpose: {
      nb: 'Laster inn andre sporingsskript (tagger) på nettstedet.',
      en: 'Loads other tracking scripts (tags) on the site.',
    },
    retention: { nb: 'Lagrer ikke selv', en: 'Stores nothing itself' },
    policyUrl: GOOGLE_POLICY,
    hosts: ['www.googletagmanager.com/'],
    cookies: ['_dc_gtm_*'],
    aliases: ['google tag manager', 'google analytics', 'gtm', 'gtag'],
  },
  {
    service: 'Google Analytics',
    provider: GOOGLE,
    purpose: {
      nb: 'Besøksstatistikk: hvilke sider som leses, hvor besøkende kommer fra.',
      en: 'Visitor statistics: which pages are read, where visitors come from.',
    },
    retention: { nb: 'Opptil 2 år', en: 'Up to 2 years' },
    policyUrl: GOOGLE_POLICY,
    hosts: ['*.google-analytics.com/', '*.analytics.google.com/', 'stats.g.doubleclick.net/'],
    cookies: ['_ga*', '_gid', '_gat*', 'AMP_TOKEN', '__utm*'],
    aliases: ['google analytics', 'ga4'],
  },
  {
    service: 'Microsoft Clarity',
    provider: 'Microsoft Ireland Operations Limited',
    purpose: {
      nb: 'Opptak av klikk og rulling, varmekart.',
      en: 'Session recordings of clicks and scrolling, heatmaps.',
    },
    retention: { nb: 'Opptil 1 år', en: 'Up to 1 year' },
    policyUrl: 'https://privacy.microsoft.com/privacystatement',
    hosts: ['*.clarity.ms/'],
    cookies: ['_clck', '_clsk'],
    aliases: ['clarity'],
  },
  {
    service: 'Hotjar',
    provider: 'Hotjar Ltd.',
    purpose: { nb: 'Varmekart, opptak av økter og spørreskjema.', en: 'Heatmaps, session recordings and surveys.' },
    retention: { nb: 'Opptil 1 år', en: 'Up to 1 year' },
    policyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
    hosts: ['*.hotjar.com/', '*.hotjar.io/'],
    cookies: ['_hj*', 'hjViewportId'],
    aliases: ['hotjar'],
  },
  {
    service: 'Matomo',
    provider: 'InnoCraft Ltd. (Matomo Cloud)',
    purpose: { nb: 'Besøksstatistikk.', en: 'Visitor statistics.' },
    retention: { nb: 'Opptil 13 måneder', en: 'Up to 13 months' },
    policyUrl: 'https://matomo.org/privacy-policy/',
    hosts: ['*.matomo.cloud/'],
    cookies: ['_pk_*', 'mtm_*'],
    aliases: ['matomo'],
  },
  {
    service: 'Vimeo',
    provider: 'Vimeo.com, Inc.',
    purpose: { nb: 'Innebygde videoer; Vimeo måler avspillingen.', en: 'Embedded videos; Vimeo measures playback.' },
    retention: { nb: 'Opptil 1 år', en: 'Up to 1 year' },
    policyUrl: 'https://vimeo.com/privacy',
    hosts: ['player.vimeo.com/'],
    cookies: [],
    aliases: ['vimeo'],
  },
  {
    service: 'Google Maps',
    provider: GOOGLE,
    purpose: { nb: 'Innebygde kart.', en: 'Embedded maps.' },
    retention: { nb: 'Opptil 6 måneder', en: 'Up to 6 months' },
    policyUrl: GOOGLE_POLICY,
    hosts: ['maps.googleapis.com/', 'maps.gstatic.com/', 'maps.google.*/', 'www.google.*/maps'],
    cookies: [],
    aliases: ['google maps', 'maps'],
  },
  {
    service: 'Google Ads',
    provider: GOOGLE,
    purpose: {
      nb: 'Måling av annonser og gjenmarkedsføring (Google Ads, DoubleClick).',
      en: 'Ad measurement and remarketing (Google Ads, DoubleClick).',
    },
    retention: { nb: 'Opptil 13 måneder', en: 'Up to 13 months' },
    policyUrl: GOOGLE_POLICY,
    hosts: ['*.doubleclick.net/', '*.googleadservices.com/', 'www.google.*/pagead/', 'www.google.*/ads/'],
    cookies: ['_gcl_*', '_gac_*', 'FPGCL*'],
    aliases: ['google ads', 'doubleclick', 'adwords', 'floodlight'],
  },
  {
    service: 'Google AdSense',
    provider: GOOGLE,
    purpose: { nb: 'Annonser på nettstedet.', en: 'Ads shown on the site.' },
    retention: { nb: 'Opptil 13 måneder', en: 'Up to 13 months' },
    policyUrl: GOOGLE_POLICY,
    hosts: ['*.googlesyndication.com/'],
    cookies: [],
    aliases: ['adsense', 'google ads'],
  },
  {
    service: 'Meta Pixel',
    provider: 'Meta Platforms Ireland Limited',
    purpose: {
      nb: 'Måling av annonser og gjenmarkedsføring på Facebook og Instagram.',
      en: 'Ad measurement and remarketing on Facebook and Instagram.',
    },
    retention: { nb: 'Opptil 3 måneder', en: 'Up to 3 months' },
    policyUrl: 'https://www.facebook.com/privacy/policy/',
    hosts: ['*.facebook.net/', '*.facebook.com/'],
    cookies: ['_fbp', '_fbc'],
    aliases: ['meta', 'facebook', 'instagram'],
  },
  {
    service: 'LinkedIn Insight Tag',
    provider: 'LinkedIn Ireland Unlimited Company',
    purpose: {
      nb: 'Måling av annonser og gjenmarkedsføring på LinkedIn.',
      en: 'Ad measurement and remarketing on LinkedIn.',
    },
    retention: { nb: 'Opptil 6 måneder', en: 'Up to 6 months' },
    policyUrl: 'https://www.linkedin.com/legal/privacy-policy',
    hosts: ['snap.licdn.com/', '*.ads.linkedin.com/'],
    cookies: ['li_*', '_guid'],
    aliases: ['linkedin'],
  },
  {
    service: 'TikTok Pixel',
    provider: 'TikTok Technology Limited',
    purpose: {
      nb: 'Måling av annonser og gjenmarkedsføring på TikTok.',
      en: 'Ad measurement and remarketing on TikTok.',
    },
    retention: { nb: 'Opptil 13 måneder', en: 'Up to 13 months' },
    policyUrl: 'https://www.tiktok.com/legal/privacy-policy-eea',
    hosts: ['*.tiktok.com/'],
    cookies: ['_tt*', 'ttcsid*'],
    aliases: ['tiktok'],
  },
  {
    service: 'Snap Pixel',
    provider: 'Snap B.V.',
    purpose: {
      nb: 'Måling av annonser og gjenmarkedsføring på Snapchat.',
      en: 'Ad measurement and remarketing on Snapchat.',
    },
    retention: { nb: 'Opptil 13 måneder', en: 'Up to 13 months' },
    policyUrl: 'https://values.snap.com/privacy/privacy-policy',
    hosts: ['*.sc-static.net/', 'tr.snapchat.com/'],
    cookies: ['_scid*', '_schn'],
    aliases: ['snap', 'snapchat'],
  },
  {
    service: 'Microsoft Advertising (UET)',
    provider: 'Microsoft Ireland Operations Limited',
    purpose: { nb: 'Måling av annonser og gjenmarkedsføring i Bing.', en: 'Ad measurement and remarketing on Bing.' },
    retention: { nb: 'Opptil 13 måneder', en: 'Up to 13 months' },
    policyUrl: 'https://privacy.microsoft.com/privacystatement',
    hosts: ['bat.bing.com/'],
    cookies: ['_uet*'],
    aliases: ['bing', 'microsoft advertising', 'uet'],
  },
  {
    service: 'Pinterest Tag',
    provider: 'Pinterest Europe Limited',
    purpose: {
      nb: 'Måling av annonser og gjenmarkedsføring på Pinterest.',
      en: 'Ad measurement and remarketing on Pinterest.',
    },
    retention: { nb: 'Opptil 1 år', en: 'Up to 1 year' },
    policyUrl: 'https://policy.pinterest.com/privacy-policy',
    hosts: ['s.pinimg.com/ct/', '*.pinterest.com/'],
    cookies: ['_pin_unauth', '_epik', '_derived_epik', '_pinterest_ct*'],
    aliases: ['pinterest'],
  },
  {
    service: 'X (Twitter) Pixel',
    provider: 'Twitter International Unlimited Company',
    purpose: {
      nb: 'Måling av annonser og gjenmarkedsføring på X (Twitter).',
      en: 'Ad measurement and remarketing on X (Twitter).',
    },
    retention: { nb: 'Opptil 2 år', en: 'Up to 2 years' },
    policyUrl: 'https://x.com/privacy',
    hosts: ['static.ads-twitter.com/', 'analytics.twitter.com/', 't.co/1/i/', 't.co/i/'],
    cookies: [],
    aliases: ['twitter', 'x pixel', 'x (twitter)'],
  },
  {
    service: 'YouTube',
    provider: GOOGLE,
    purpose: {
      nb: 'Innebygde videoer; Google får IP-adressen og kan lagre data i nettleseren.',
      en: 'Embedded videos; Google gets the IP address and may store data in the browser.',
    },
    retention: { nb: 'Opptil 2 år', en: 'Up to 2 years' },
    policyUrl: GOOGLE_POLICY,
    hosts: ['*.youtube.com/', '*.youtube-nocookie.com/', '*.ytimg.com/'],
    cookies: [],
    aliases: ['youtube'],
  },
]

/** Cookies and storage keys of consent tools: strictly necessary (they hold the visitor's choice). */
export const CONSENT_COOKIES: { name: string; tool: string }[] = [
  { name: 'cc_cookie', tool: 'vanilla-cookieconsent' },
  { name: 'CookieConsent', tool: 'Cookiebot' },
  { name: 'OptanonConsent', tool: 'OneTrust' },
  { name: 'OptanonAlertBoxClosed', tool: 'OneTrust' },
  { name: 'cookieyes-consent', tool: 'CookieYes' },
  { name: 'uc_settings', tool: 'Usercentrics' },
  { name: 'klaro', tool: 'Klaro' },
]

export const vendorForHost = (pattern: string) => VENDORS.find((v) => v.hosts.includes(pattern))
export const vendorForCookie = (pattern: string) => VENDORS.find((v) => v.cookies.includes(pattern))

/**
 * gtag.js and gtm.js serve three services from one host: the tag's id says which one a site loads. Google Ads' tag
 * (`AW-`, and Floodlight's `DC-`) waits for the category the tracker list gives Google Ads' own URL, as `samtykke mark`
 * marks it; the others for the category of gtag.js's host.
 */
const GOOGLE_TAG_IDS: { id: RegExp; service: string; categoryOf?: string }[] = [
  { id: /^G-/, service: 'Google Analytics' },
  { id: /^(AW|DC)-/, service: 'Google Ads', categoryOf: 'https://www.googleadservices.com/pagead/conversion.js' },
  { id: /^GTM-/, service: 'Google Tag Manager' },
]

/**
 * For a URL of Google's tag (www.googletagmanager.com) with an id: the service, and the URL whose category it takes.
 */
export function googleTag(url: string): { vendor: Vendor; categoryOf?: string } | undefined {
  let id: string
  try {
    const parsed = new URL(url)
    if (parsed.hostname != 'www.googletagmanager.com') return
    id = parsed.searchParams.get('id') ?? ''
  } catch {
    return
  }
  const tag = GOOGLE_TAG_IDS.find((t) => t.id.test(id))
  const vendor = tag && VENDORS.find((v) => v.service == tag.service)
  return vendor && { vendor, categoryOf: tag.categoryOf }
}
