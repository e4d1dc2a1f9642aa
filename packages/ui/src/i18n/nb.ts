// Bokmål: the default language. Every key can be overridden per language through `config.texts`.
import type { TextKey } from '@samtykke/core'

/** The floating button's name: a named export so the drop-in's tiny bundle takes this string, not the table. */
export const settings = 'Innstillinger for informasjonskapsler'

// Named too, like `settings`: @samtykke/react's placeholder takes these by name, not the whole table.
export const blocked = 'Innholdet fra {host} lastes bare hvis du godtar informasjonskapsler for «{category}».'
export const allow = 'Tillat {category}'
export const necessary = 'Nødvendige'
export const preferences = 'Funksjonelle'
export const analytics = 'Statistikk'
export const marketing = 'Markedsføring'
/** For content whose host is not known (@samtykke/react's `<Consent>`); the UI's placeholders always know it. */
export const blockedContent = 'Dette innholdet lastes bare hvis du godtar informasjonskapsler for «{category}».'
/** What a placeholder says (ui/placeholder/texts.ts): unused by the UI chunk, so it never ships there. */
export const placeholder = {
  blocked,
  blockedContent,
  allow,
  settings,
  labels: { necessary, preferences, analytics, marketing },
}

export const nb: Strings = {
  title: 'Vi bruker informasjonskapsler',
  text: 'Med ditt samtykke bruker vi informasjonskapsler (cookies) og lignende teknologi til disse formålene: {purposes}.',
  services: 'Tjenester fra tredjeparter: {services}.',
  and: ' og ',
  withdraw:
    'Nødvendige informasjonskapsler bruker vi alltid. Du velger selv, og du kan trekke tilbake samtykket når som helst.',
  gpc: 'Nettleseren din ber om at du ikke spores (Global Privacy Control). Derfor slår vi ikke på {category} når du godtar alle, men du kan gjøre det selv.',
  changed: 'Vi har endret bruken av informasjonskapsler. Se over valget ditt.',
  policy: 'Les personvernerklæringen',
  acceptAll: 'Godta alle',
  rejectAll: 'Avvis alle',
  customize: 'Tilpass',
  save: 'Lagre valg',
  settings,
  intro: 'Velg hva vi kan bruke informasjonskapsler til. Ingenting er på før du slår det på.',
  close: 'Lukk',
  list: 'Tjenester og informasjonskapsler ({n})',
  name: 'Navn',
  service: 'Tjeneste',
  provider: 'Leverandør',
  purpose: 'Formål',
  lifetime: 'Lagringstid',
  saved: 'Valget ditt ble lagret {date}. Samtykke-ID: {id}',
  rightsTitle: 'Dine rettigheter',
  rights:
    'Du har rett til innsyn, retting, sletting, begrensning og dataportabilitet, og til å protestere. Du kan trekke tilbake samtykket når som helst, like enkelt som du ga det, og klage til {dt}.',
  controller: 'Behandlingsansvarlig',
  orgNr: 'Org.nr.',
  blocked,
  allow,
  necessary,
  necessaryInfo: 'Får nettstedet til å virke og husker valget ditt.',
  preferences,
  preferencesInfo: 'Husker innstillinger og gir ekstra funksjoner.',
  analytics,
  analyticsInfo: 'Viser oss hvordan nettstedet brukes.',
  marketing,
  marketingInfo: 'Viser og måler annonser, også på andre nettsteder, og viser video og sosiale medier.',
}

/** The texts of one language: every key (core's TextKey), in every language. `and` joins the last two of a list. */
export type Strings = Record<TextKey, string>
