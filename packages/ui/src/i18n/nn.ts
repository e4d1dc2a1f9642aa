// Nynorsk.
import type { Strings } from './nb'

export const settings = 'Innstillingar for informasjonskapslar'

// Named too, like `settings`: @samtykke/react's placeholder takes these by name, not the whole table.
export const blocked = 'Innhaldet frå {host} vert berre lasta om du godtek informasjonskapslar for «{category}».'
export const allow = 'Tillat {category}'
export const necessary = 'Nødvendige'
export const preferences = 'Funksjonelle'
export const analytics = 'Statistikk'
export const marketing = 'Marknadsføring'
/** For content whose host is not known (@samtykke/react's `<Consent>`); the UI's placeholders always know it. */
export const blockedContent = 'Dette innhaldet vert berre lasta om du godtek informasjonskapslar for «{category}».'
/** What a placeholder says (ui/placeholder/texts.ts): unused by the UI chunk, so it never ships there. */
export const placeholder = {
  blocked,
  blockedContent,
  allow,
  settings,
  labels: { necessary, preferences, analytics, marketing },
}

export const nn: Strings = {
  title: 'Vi brukar informasjonskapslar',
  text: 'Med samtykket ditt brukar vi informasjonskapslar (cookies) og liknande teknologi til desse føremåla: {purposes}.',
  services: 'Tenester frå tredjepartar: {services}.',
  and: ' og ',
  withdraw:
    'Nødvendige informasjonskapslar brukar vi alltid. Du vel sjølv, og du kan trekkje tilbake samtykket når som helst.',
  gpc: 'Nettlesaren din ber om at du ikkje vert spora (Global Privacy Control). Difor slår vi ikkje på {category} når du godtek alle, men du kan gjere det sjølv.',
  changed: 'Vi har endra bruken av informasjonskapslar. Sjå over valet ditt.',
  policy: 'Les personvernerklæringa',
  acceptAll: 'Godta alle',
  rejectAll: 'Avvis alle',
  customize: 'Tilpass',
  save: 'Lagre val',
  settings,
  intro: 'Vel kva vi kan bruke informasjonskapslar til. Ingenting er på før du slår det på.',
  close: 'Lukk',
  list: 'Tenester og informasjonskapslar ({n})',
  name: 'Namn',
  service: 'Teneste',
  provider: 'Leverandør',
  purpose: 'Føremål',
  lifetime: 'Lagringstid',
  saved: 'Valet ditt vart lagra {date}. Samtykke-ID: {id}',
  rightsTitle: 'Rettane dine',
  rights:
    'Du har rett til innsyn, retting, sletting, avgrensing og dataportabilitet, og til å protestere. Du kan trekkje tilbake samtykket når som helst, like enkelt som du gav det, og klage til {dt}.',
  controller: 'Behandlingsansvarleg',
  orgNr: 'Org.nr.',
  blocked,
  allow,
  necessary,
  necessaryInfo: 'Får nettstaden til å verke og hugsar valet ditt.',
  preferences,
  preferencesInfo: 'Hugsar innstillingar og gjev ekstra funksjonar.',
  analytics,
  analyticsInfo: 'Viser oss korleis nettstaden vert brukt.',
  marketing,
  marketingInfo: 'Viser og måler annonsar, også på andre nettstader, og viser video og sosiale medium.',
}
