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
export type { ConsentEnv } from './store/read'

export {
  resolveConfig,
  DEFAULT_ORDER,
  REVISION,
  CATEGORY_NAME,
  SERVICE_ID,
  DAY,
  DEFAULT_DAYS,
  MAX_DAYS,
} from './config'
export { LANGS, pickLang, textIn } from './config/lang'
export { encodeRecord, decodeRecord, HOWS, MAX_LENGTH } from './record'
export { renewCookie } from './record/renew'
export type { RenewConfig } from './record/renew'
export type { Receipt } from './sync'
export { createConsent, consentFromCookie } from './store'
export { blockTrackers } from './blocker/late'
export type { Blocker } from './blocker'
export { consentMode } from './signals'
export type { ConsentMode } from './signals'
export { TRACKERS, TRACKERS_VERSION, matchTracker } from './trackers'
export type { Tracker } from './trackers'
export { TRACKER_COOKIES, nameMatch } from './trackers/cookies'
export { OUTBOX as OUTBOX_KEY, WAITING as OUTBOX_COOKIE } from './sync/outbox'
