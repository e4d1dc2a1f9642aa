// @samtykke/ui — the Norwegian banner and preference centre. Named exports only; importing touches no DOM.
export { mountUI } from './mount'
export type { UI, MountOptions } from './mount'
export { reopenButton } from './reopen'
export { nb, nn, en, pickLang, i18n } from './i18n'
export type { Lang, Strings, I18n } from './i18n'
export { placeholderTexts } from './placeholder/texts'
export type { PlaceholderTexts } from './placeholder/texts'
