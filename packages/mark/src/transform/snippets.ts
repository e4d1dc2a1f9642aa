// Inline tracker snippets, recognised statement by statement. Data, like the core's tracker list: each vendor names
// one URL of its own, and its category is whatever the core's list (plus the site's `trackers`) says for that URL,
// so the runtime blocker, `mark` and `scan` never disagree. Sources: the vendors' install instructions (README:
// Adding a tracker).

/** One vendor's inline snippet. */
export interface Snippet {
  /** The vendor, as reports name it. */
  name: string
  /** A URL the vendor's tag loads: its category is the one the tracker list gives this URL. */
  url: string
  /**
   * The vendor's loader: a function expression called at once (`(function(){…})()`, `!function(){…}()`) whose text
   * matches this. It starts the tag.
   */
  loader?: RegExp
  /**
   * Other statements that start the tag (queue a hit for it). A script is marked only when it has a start.
   * Matched against the statement's text with its whitespace removed.
   */
  starts: RegExp[]
  /** Statements that only prepare for the tag (a queue, a helper function): allowed beside a start. */
  prepares?: RegExp[]
}

/** Where Google Ads' requests go: gtag.js loaded for an AW-/DC- id waits for this URL's category (marketing). */
export const ADS_URL = 'https://www.googleadservices.com/pagead/conversion.js'

// A queue call that is not a consent call (consent calls have to run before consent, so they are the page's own work).
const call = (fn: string, verbs: string) => new RegExp(`^(window\\.)?${fn}\\((['"])(${verbs})\\2`)

export const SNIPPETS: Snippet[] = [
  {
    // Google Ads and Floodlight through gtag.js: the same snippet, with AW-/DC- ids. Checked before the
    // analytics one; both share the Google tag's preparations.
    name: 'Google Ads tag (gtag.js)',
    url: ADS_URL,
    starts: [
      /^(window\.)?gtag\((['"])(config|event)\2,(['"])(AW|DC)-/,
      /^(window\.)?gtag\((['"])event\2,.*send_to['"]?:(['"])(AW|DC)-/,
    ],
  },
  {
    name: 'Google tag (gtag.js)',
    url: 'https://www.googletagmanager.com/gtag/js',
    starts: [call('gtag', 'config|event|set|get')],
    prepares: [
      /^(window\.|var|let|const)?dataLayer=(window\.)?dataLayer\|\|\[\];?$/,
      /^functiongtag\(\)\{(window\.)?dataLayer\.push\(arguments\);?\}$/,
      /^(window\.)?gtag\((['"])js\2/,
    ],
  },
  {
    name: 'Google Tag Manager',
    url: 'https://www.googletagmanager.com/gtm.js',
    loader: /googletagmanager\.com\/gtm\.js/,
    starts: [],
    prepares: [/^(window\.|var|let|const)?dataLayer=(window\.)?dataLayer\|\|\[\];?$/],
  },
  {
    name: 'Universal Analytics (analytics.js)',
    url: 'https://www.google-analytics.com/analytics.js',
    loader: /google-analytics\.com\/analytics\.js/,
    starts: [call('ga', 'create|send|require|set')],
  },
  {
    // The classic asynchronous snippet: a `_gaq` queue, then a loader that picks ssl./www. by the page's protocol.
    name: 'Google Analytics (ga.js)',
    url: 'https://www.google-analytics.com/ga.js',
    loader: /google-analytics\.com\/ga\.js/,
    starts: [],
    prepares: [
      /^(window\.|var|let|const)?_gaq=(window\.)?_gaq\|\|\[\];?$/,
      /^(window\.|var|let|const)?_gaq=\[\[/,
      /^(window\.)?_gaq\.push\(\[/,
    ],
  },
  {
    name: 'Meta pixel',
    url: 'https://connect.facebook.net/en_US/fbevents.js',
    loader: /connect\.facebook\.net\/[\w-]+\/fbevents\.js/,
    starts: [call('fbq', 'init|track|trackCustom|trackSingle|trackSingleCustom|set|dataProcessingOptions')],
  },
  {
    // The JavaScript SDK (Like buttons, comments, login): its loader, and the init function the SDK calls once it has
    // loaded, which therefore waits with it. sdk.js, or all.js as older WordPress plugins print it.
    name: 'Facebook JavaScript SDK',
    url: 'https://connect.facebook.net/en_US/sdk.js',
    loader: /connect\.facebook\.net\/[\w-]+\/(sdk|all)(\/debug)?\.js/,
    starts: [],
    prepares: [/^(window\.)?fbAsyncInit=(async)?(function\b|\(\)=>)/],
  },
  {
    name: 'LinkedIn Insight Tag',
    url: 'https://snap.licdn.com/li.lms-analytics/insight.min.js',
    loader: /snap\.licdn\.com\/li\.lms-analytics\/insight\.min\.js/,
    starts: [/^(window\.)?lintrk\(/],
    prepares: [
      /^(window\.|var|let|const)?_linkedin_partner_id=["']?\w+["']?;?$/,
      /^window\._linkedin_data_partner_ids=window\._linkedin_data_partner_ids\|\|\[\];?$/,
      /^window\._linkedin_data_partner_ids\.push\(_linkedin_partner_id\);?$/,
    ],
  },
  {
    name: 'TikTok pixel',
    url: 'https://analytics.tiktok.com/i18n/pixel/events.js',
    loader: /TiktokAnalyticsObject|analytics\.tiktok\.com\/i18n\/pixel/,
    starts: [/^(window\.)?ttq\.(load|page|track|identify)\(/],
  },
  {
    name: 'Hotjar',
    url: 'https://static.hotjar.com/c/hotjar-1.js',
    loader: /static\.hotjar\.com\/c\/hotjar-/,
    starts: [/^(window\.)?hj\((['"])(event|identify|stateChange|trigger)\2/],
  },
  {
    name: 'Microsoft Advertising UET',
    url: 'https://bat.bing.com/bat.js',
    loader: /bat\.bing\.com\/bat\.js/,
    starts: [/^(window\.)?uetq\.push\((['"])(event|pageLoad)\2/],
    prepares: [/^(window\.|var|let|const)?uetq=(window\.)?uetq\|\|\[\];?$/],
  },
  {
    name: 'Microsoft Clarity',
    url: 'https://www.clarity.ms/tag/x',
    loader: /clarity\.ms\/tag\//,
    starts: [call('clarity', 'set|identify|event|upgrade')],
  },
  {
    name: 'Snap pixel',
    url: 'https://sc-static.net/scevent.min.js',
    loader: /sc-static\.net\/scevent\.min\.js/,
    starts: [call('snaptr', 'init|track')],
  },
  {
    name: 'Matomo Cloud',
    url: 'https://cdn.matomo.cloud/x/matomo.js',
    loader: /\.matomo\.cloud\//,
    starts: [],
    prepares: [
      /^(window\.|var|let|const)?_paq=(window\._paq=)?(window\.)?_paq\|\|\[\];?$/,
      /^(window\.)?_paq\.push\(\[/,
    ],
  },
  {
    name: 'Pinterest tag',
    url: 'https://s.pinimg.com/ct/core.js',
    loader: /s\.pinimg\.com\/ct\/core\.js/,
    starts: [call('pintrk', 'load|page|track')],
  },
  {
    name: 'X (Twitter) pixel',
    url: 'https://static.ads-twitter.com/uwt.js',
    loader: /static\.ads-twitter\.com\/uwt\.js/,
    starts: [call('twq', 'init|config|event|track')],
  },
]
