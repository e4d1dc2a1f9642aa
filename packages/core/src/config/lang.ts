// Which language samtykke speaks: one rule for the drop-in (which UI chunk to fetch), the UI, the receipt and the log.
// withDefaults (./index.ts) applies it once, so `config.lang` of a resolved config is the language the visitor sees.
import type { SamtykkeConfig, Text } from './types'
import { unknownLang, warn } from '../errors'

/** The languages samtykke has texts for (packages/ui/src/i18n): bokmål first, the default. */
export const LANGS = ['nb', 'nn', 'en', 'sv', 'da', 'de', 'fi', 'pl', 'uk', 'lt'] as const
export type Lang = (typeof LANGS)[number]

/**
 * The language the UI speaks and the receipt records: `config.lang`, else the page's `<html lang>`, as its language
 * subtag in lower case (`sv-SE` → `sv`, `de_AT` → `de`, `NO` and `nb-NO` → `nb`), when samtykke has texts for it or
 * the site gives them (`config.texts.is`). Any other language falls back, with a warning: to bokmål on a Norwegian
 * page — one whose `<html lang>` is Norwegian (`no`, `nb`, `nn`, with or without a region) or missing, as samtykke
 * takes a page that does not say — else to English. Nothing stated anywhere: bokmål, silently. A language it returns
 * gives itself back.
 */
export function pickLang({ lang, texts }: Pick<SamtykkeConfig, 'lang' | 'texts'>): string {
  const page = globalThis.document?.documentElement.lang || ''
  const tag = lang || page
  // Two or three letters: no such name is on Object.prototype, so texts[l] finds only the site's own.
  const l = /^[a-z]{2,3}(?![^-_])/i.exec(tag)?.[0].toLowerCase().replace(/^no$/, 'nb') || ''
  if (LANGS.includes(l as Lang) || texts?.[l]) return l
  const fallback = /^(n[bno](?![^-_])|$)/i.test(page) ? 'nb' : 'en'
  if (tag) warn(unknownLang(tag, l, fallback))
  return fallback
}

/**
 * Reads config texts in `lang`: a text given once, or per language (`{ nb, en, de }`) in `lang`, else in the nearest
 * language given — bokmål for a Norwegian reader, English for anyone else — else in any of the three.
 */
export const textIn = (lang: string) => (text: Text | undefined) =>
  (typeof text == 'object'
    ? (text[lang] ?? text[lang == 'nn' ? 'nb' : 'en'] ?? text.nb ?? text.en ?? text.nn)
    : text) || ''
