// @samtykke/core — the public API. Named exports only; importing this module touches no DOM.
export type {
  SamtykkeConfig,
  ResolvedConfig,
  CategoryConfig,
  ServiceConfig,
  CookieInfo,
  TrackerRule,
  ConsentModeConfig,
  Text,
  TextKey,
  Texts,
} from './config/types'
export type { Lang } from './config/lang'
export type { ConsentRecord, How } from './record/types'
export type { Consent, ConsentView, ConsentState, Choices, AskReason } from './store/types'
export type { ConsentEnv, Core } from './store/read'

export { resolveConfig, DEFAULT_ORDER } from './config'
export { LANGS, pickLang, textIn } from './config/lang'
export { encodeRecord, decodeRecord } from './record'
export { createConsent, readConsent, addWriter } from './store'
export { blockTrackers } from './blocker'
export type { Blocker } from './blocker'
export { consentMode } from './signals'
export { TRACKERS, TRACKERS_VERSION, matchTracker } from './trackers'
export type { Tracker } from './trackers'
export { TRACKER_COOKIES, nameMatch } from './trackers/cookies'
