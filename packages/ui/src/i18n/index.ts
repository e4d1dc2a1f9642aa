import type { ComponentChild } from 'preact'
import { textIn, type ResolvedConfig, type Text } from '@samtykke/core'
import type { Strings } from './nb'
import { ONLY, tableOf } from './tables'

export { nb } from './nb'
export { nn } from './nn'
export { en } from './en'
export { sv } from './sv'
export { da } from './da'
export { de } from './de'
export { fi } from './fi'
export { pl } from './pl'
export { uk } from './uk'
export { lt } from './lt'
export type { Strings }

/** Everything a component needs to speak: the language and its texts with the site's overrides. */
export interface I18n {
  /** The visitor's language (the resolved `config.lang`): one of samtykke's, or one the site adds through texts. */
  lang: string
  t: Strings
  /** Picks this language from a config text (`string | { nb, en, … }`). */
  x(text?: Text): string
  /** A category's label: the config's, else ours, else its key. */
  label(name: string): string
  /** A label inside a sentence: lower case first, except in German, whose nouns keep their capital. */
  low(label: string): string
}

export function i18n(config: ResolvedConfig): I18n {
  const lang = ONLY || config.lang
  const own = config.texts?.[lang]
  const t: Strings = { ...tableOf(lang, own), ...own }
  const x = textIn(lang)
  return {
    lang,
    t,
    x,
    label: (n) => x(config.categories[n]?.label) || (n + 'Info' in t ? (t as Record<string, string>)[n] : n),
    low: (s) => (lang == 'de' ? s : s.charAt(0).toLowerCase() + s.slice(1)),
  }
}

/** Fills `{name}` slots with text or elements. */
export const fmt = (text: string, slots: Record<string, ComponentChild>): ComponentChild[] =>
  text.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? slots[part] : part))

/** `a, b og c` in the UI's language: `and` is the table's (` og `, ` and `, ` und `…). */
// Not Intl.ListFormat: its first use loads ICU data, 100–175 ms of main thread on a 4× slowed CPU (bench/, Chromium).
export const list = (and: string, items: string[]) =>
  items.map((item, i) => (i ? (i < items.length - 1 ? ', ' : and) : '') + item).join('')
