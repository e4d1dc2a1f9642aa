// @samtykke/ui — the banner and preference centre, Norwegian first. Named exports only; importing touches no DOM.
export { mountUI } from './mount'
export type { UI, MountOptions } from './mount'
export { reopenButton } from './reopen'
export { nb, nn, en, sv, da, de, fi, pl, uk, lt, i18n } from './i18n'
export type { Strings, I18n } from './i18n'
export type { Lang } from '@samtykke/core'
export { placeholderTexts } from './placeholder/texts'
export type { PlaceholderTexts } from './placeholder/texts'
