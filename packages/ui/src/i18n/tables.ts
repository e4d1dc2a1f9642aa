// The text tables, by language. The drop-in builds one UI chunk and one floating button per language, each with this
// module swapped for one that holds only its own language's texts (rollup.config.mjs): a visitor downloads one.
import type { Lang } from '@samtykke/core'
import type { Strings } from './nb'
import { nb, settings as nbSettings } from './nb'
import { nn, settings as nnSettings } from './nn'
import { en, settings as enSettings } from './en'
import { sv, settings as svSettings } from './sv'
import { da, settings as daSettings } from './da'
import { de, settings as deSettings } from './de'
import { fi, settings as fiSettings } from './fi'
import { pl, settings as plSettings } from './pl'
import { uk, settings as ukSettings } from './uk'
import { lt, settings as ltSettings } from './lt'
import { added } from './added'

/** The one language a drop-in chunk speaks, which the build makes a constant there; here, every language. */
export const ONLY: string | undefined = undefined

export const TABLES: Record<Lang, Strings> = { nb, nn, en, sv, da, de, fi, pl, uk, lt }
const SETTINGS: Record<string, string> = {
  nb: nbSettings,
  nn: nnSettings,
  en: enSettings,
  sv: svSettings,
  da: daSettings,
  de: deSettings,
  fi: fiSettings,
  pl: plSettings,
  uk: ukSettings,
  lt: ltSettings,
}

/** The table of `lang`; for a language the site adds, English under its texts (`own`). */
export const tableOf = (lang: string, own?: Partial<Strings>): Strings =>
  (TABLES as Record<string, Strings>)[lang] || added(lang, own)

/** The floating button's name in `lang` (English for a language the site adds): without the rest of the tables. */
export const settingsOf = (lang: string) => SETTINGS[lang] || enSettings
