import type { ComponentChild } from 'preact'
import type { ResolvedConfig, Text } from '@samtykke/core'
import { pickLang, type Lang } from './lang'
import type { Strings } from './nb'
import { TABLES } from './tables'
import { nb } from './nb'
import { nn } from './nn'
import { en } from './en'

export { nb, nn, en, pickLang }
export type { Lang, Strings }

/** Everything a component needs to speak: the language and its texts with the site's overrides. */
export interface I18n {
  lang: Lang
  t: Strings
  /** Picks this language from a config text (`string | {nb, nn, en}`). */
  x(text?: Text): string
  /** A category's label: the config's, else ours, else its key. */
  label(name: string): string
}

export function i18n(config: ResolvedConfig): I18n {
  const lang = pickLang(config.lang)
  const t: Strings = { ...TABLES[lang], ...config.texts?.[lang] }
  const x = (text?: Text) => (typeof text == 'object' ? (text[lang] ?? text.nb ?? text.en ?? text.nn) : text) || ''
  return {
    lang,
    t,
    x,
    label: (n) => x(config.categories[n]?.label) || (n + 'Info' in t ? (t as Record<string, string>)[n] : n),
  }
}

/** Fills `{name}` slots with text or elements. */
export const fmt = (text: string, slots: Record<string, ComponentChild>): ComponentChild[] =>
  text.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? slots[part] : part))

/** `a, b og c` in the UI's language. */
// Not Intl.ListFormat: its first use loads ICU data, 100–175 ms of main thread on a 4× slowed CPU (bench/, Chromium).
export const list = (lang: string, items: string[]) =>
  items.map((item, i) => (i ? (i < items.length - 1 ? ', ' : lang == 'en' ? ' and ' : ' og ') : '') + item).join('')

export const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
