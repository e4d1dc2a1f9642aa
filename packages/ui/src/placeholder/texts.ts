// What a placeholder says, for placeholders drawn outside the UI chunk (@samtykke/react's `<Consent>`): the few strings
// it needs, taken by name from the language files, so such a bundle carries about a tenth of the tables' text.
import type { SamtykkeConfig, Text } from '@samtykke/core'
import { placeholder as nb } from '../i18n/nb'
import { placeholder as nn } from '../i18n/nn'
import { placeholder as en } from '../i18n/en'

// samtykke's own placeholder words in bokmål, nynorsk and English: an app carries these three (about 0.4 kB).
// Another language (sv, de…, or one the site adds) speaks English under the site's `texts` for it: each of the other
// seven would add about 110 B to every React app that has the placeholder, whatever its language.
const TEXTS: Record<string, typeof nb> = { nb, nn, en }

export interface PlaceholderTexts {
  lang: string
  /** What the content needs: `host` when it is known (an embed's), else "this content". */
  blocked(category: string, host?: string): string
  /** The button that allows the category here. */
  allow(category: string): string
  /** The button that opens the preference centre. */
  settings: string
}

/** Fills `{name}` slots with text. */
const fill = (text: string, slots: Record<string, string | undefined>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '')

/**
 * A placeholder's texts in `lang`, with the site's `texts` and category labels, as the UI's own placeholder words
 * them. Takes the site's config as given (the server may not have resolved it) or resolved.
 */
export function placeholderTexts(
  config: Pick<SamtykkeConfig, 'texts' | 'categories'> = {},
  lang: string,
): PlaceholderTexts {
  const own = TEXTS[lang] || en
  const over: Record<string, string | undefined> = config.texts?.[lang] ?? {}
  const labels: Record<string, string> = own.labels
  // As the core's textIn, kept apart: importing it brings the whole core into an app that has only @samtykke/react
  // and the drop-in (2 kB); texts.test.ts holds the two in agreement.
  const x = (text?: Text) =>
    (typeof text == 'object'
      ? (text[lang] ?? text[lang == 'nn' ? 'nb' : 'en'] ?? text.nb ?? text.en ?? text.nn)
      : text) || ''
  // As i18n's `low`: a label inside a sentence starts in lower case, except in German, whose nouns keep their capital.
  const lower = (s: string) => (lang == 'de' ? s : s.charAt(0).toLowerCase() + s.slice(1))
  // As i18n's `label`: the config's, else the site's override or ours for a known category, else its key.
  const label = (n: string) =>
    x((config.categories?.[n] || undefined)?.label) || (n in labels || n + 'Info' in over ? (over[n] ?? labels[n]) : n)
  return {
    lang,
    blocked: (category, host) =>
      fill(host ? (over.blocked ?? own.blocked) : (over.blockedContent ?? own.blockedContent), {
        host: host!,
        category: label(category),
      }),
    allow: (category) => fill(over.allow ?? own.allow, { category: lower(label(category)) }),
    settings: over.settings ?? own.settings,
  }
}
