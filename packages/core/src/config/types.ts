import type { Lang } from './lang'

/** A text given once, or per language: `{ nb, nn, en }`, any of samtykke's languages, or one the site adds (`is`). */
export type Text = string | ({ [L in Lang]?: string } & { [lang: string]: string | undefined })

/**
 * The keys of the UI's text tables (packages/ui/src/i18n): every language has each of them, and `config.texts` may
 * override any. Listed here so that a misspelt key in `texts` is a type error.
 */
export type TextKey =
  | 'title'
  | 'text'
  | 'services'
  | 'and'
  | 'withdraw'
  | 'gpc'
  | 'changed'
  | 'policy'
  | 'acceptAll'
  | 'rejectAll'
  | 'customize'
  | 'save'
  | 'settings'
  | 'intro'
  | 'close'
  | 'list'
  | 'name'
  | 'service'
  | 'provider'
  | 'purpose'
  | 'lifetime'
  | 'saved'
  | 'rightsTitle'
  | 'rights'
  | 'controller'
  | 'orgNr'
  | 'blocked'
  | 'allow'
  | 'necessary'
  | 'necessaryInfo'
  | 'preferences'
  | 'preferencesInfo'
  | 'analytics'
  | 'analyticsInfo'
  | 'marketing'
  | 'marketingInfo'

/** Texts for one language, some keys or all. */
export type Texts = { [K in TextKey]?: string }

/**
 * One cookie or storage key a service sets: shown in the preference centre and the declaration, deleted on withdrawal.
 */
export interface CookieInfo {
  /** Exact name, or a pattern with `*` for any suffix: `_ga_*`. */
  name: string
  /** Who sets it, when not the service's provider. */
  provider?: string
  purpose?: Text
  /** Plain text: `2 år`, `24 timer`, `Økt`. */
  lifetime?: Text
  /** `localStorage` keys are listed and removed like cookies. Default `cookie`. */
  type?: 'cookie' | 'localStorage'
}

/** A service that runs under a category: Google Analytics, Meta pixel, YouTube… */
export interface ServiceConfig {
  name: string
  provider?: string
  purpose?: Text
  /** Link to the provider's privacy policy. */
  policyUrl?: string
  cookies?: CookieInfo[]
}

export interface CategoryConfig {
  label?: Text
  description?: Text
  /** For `necessary` only: why these are strictly necessary (shown instead of a switch). */
  reason?: Text
  services?: ServiceConfig[]
}

/** A tracker rule: requests whose URL matches `pattern` are held until `category` is granted. */
export interface TrackerRule {
  /** `host/path-prefix`; a leading `*.` matches any subdomain; `www.google.*` any Google country domain. */
  pattern: string
  category: string
}

export interface ConsentModeConfig {
  /** Milliseconds Google's tags wait for our update. Default 500. */
  waitForUpdate?: number
  adsDataRedaction?: boolean
  urlPassthrough?: boolean
  /** ISO 3166-2 regions the default applies to; omitted = everywhere. */
  region?: string[]
}

/** The site's configuration: one object for the core, the blocker and the UI. */
export interface SamtykkeConfig {
  /** Policy revision: change it and every visitor is asked again. Default `1`. */
  revision?: string | number
  /**
   * Categories in display order. The defaults are `necessary`, `preferences`, `analytics`, `marketing`;
   * give an object to relabel one, `false` to drop an optional one, or a new key to add one (`social`).
   */
  categories?: Record<string, CategoryConfig | false>
  cookie?: {
    /** Default `samtykke`. */
    name?: string
    /** E.g. `example.no` so one choice covers `www.example.no` and `shop.example.no`. */
    domain?: string
    /** How long a choice lasts before the visitor is asked again, in days. Default 182 (six months), at most 395. */
    days?: number
    /**
     * Write the choice again on each visit, so that Safari and Brave, which keep a cookie a script writes for 7 days,
     * keep it while the visitor comes back within a week. Default true; false when the site's server sends the
     * cookie back itself (a script's write would cap it again).
     */
    renew?: boolean
  }
  /** Send a JSON receipt of each decision here (fetch with keepalive; kept in the outbox until a 2xx). */
  receiptUrl?: string
  /** Honour Global Privacy Control: marketing starts denied. Default true. */
  gpc?: boolean

  /** Block known trackers that are not marked. Default true. */
  autoBlock?: boolean
  /** Extra tracker rules, checked before the built-in list; `category: 'necessary'` allows a host. */
  trackers?: TrackerRule[]
  /** Google Consent Mode v2 signals; `false` turns them off. */
  consentMode?: ConsentModeConfig | false
  /**
   * Google Tag Manager: push `{ event: 'samtykke_consent', samtykke: { necessary: true, analytics: …, … } }` to
   * `dataLayer` right after each Consent Mode update (a returning visitor's stored choice at start-up, then every
   * change). `true` for that name, or the event's name. Needs Consent Mode (on by default). Default off.
   */
  gtmEvent?: boolean | string
  /** Reload the page when a granted category is withdrawn, so running scripts stop. Default false. */
  reloadOnWithdraw?: boolean

  /** UI options, read by @samtykke/ui (listed here so one object configures everything). */
  /**
   * The UI's language, as a language tag (`sv`, `de-AT`, `nb-NO`). Default: the page's `<html lang>`. samtykke speaks
   * nb, nn, en, sv, da, de, fi, pl, uk and lt; another language needs its texts in `texts`.
   */
  lang?: Lang | (string & {})
  /**
   * UI texts per language: overrides for samtykke's own languages (`{ "nn": { "acceptAll": "…" } }`), or a whole
   * table for a language the site adds (`{ "is": { …every key… } }`; a key it lacks is shown in English).
   */
  texts?: { [L in Lang]?: Texts } & { [lang: string]: Texts | undefined }
  privacyPolicyUrl?: string
  controller?: { name?: string; address?: string; email?: string; phone?: string; orgNr?: string }
  /**
   * The floating button that reopens the preference centre: `true` always, `false` never. Unset (the default): the
   * drop-in shows it only on pages with no `data-samtykke-open` link; with the npm packages, call `reopenButton()`.
   */
  floatingButton?: boolean
  /** Show the banner as a modal dialog (page inert until a choice). Default false. */
  modal?: boolean
  /** Nonce for the `<style>` and `<script>` elements samtykke adds, under a strict CSP. */
  nonce?: string
  /** Where the banner sits: `bottom` (default), `bottom-left`, `bottom-right`, `center`. */
  position?: 'bottom' | 'bottom-left' | 'bottom-right' | 'center'
}

/** A config after validation and defaults. */
export interface ResolvedConfig extends Omit<SamtykkeConfig, 'categories' | 'cookie' | 'revision' | 'lang'> {
  revision: string
  /** The language the visitor sees: `config.lang` or the page's, as one samtykke or `texts` speaks (pickLang). */
  lang: string
  /** Category names in display order; `necessary` first. */
  order: string[]
  categories: Record<string, CategoryConfig>
  cookie: { name: string; domain?: string; days: number; renew: boolean }
}
