// The UI's console messages. The same prefix as @samtykke/core's (core/src/errors.ts), where every other message is.

/** A language the site adds through config.texts lacks some keys (i18n/added.ts). */
export const missingTexts = (lang: string, keys: string[]) =>
  `samtykke: config.texts.${lang} has no ${keys.join(', ')}: shown in English. ` +
  'Give every key of the English table (docs/ui.md)'
