// Danish. The GDPR's Danish terms (samtykke, trække tilbage, dataansvarlig, tilsynsmyndighed).
import type { Strings } from './nb'

export const settings = 'Indstillinger for cookies'

export const da: Strings = {
  title: 'Vi bruger cookies',
  text: 'Med dit samtykke bruger vi cookies og lignende teknologi til disse formål: {purposes}.',
  services: 'Tjenester fra tredjeparter: {services}.',
  and: ' og ',
  withdraw: 'Nødvendige cookies bruger vi altid. Du vælger selv, og du kan til enhver tid trække dit samtykke tilbage.',
  gpc: 'Din browser beder om, at du ikke spores (Global Privacy Control). Derfor slår vi ikke {category} til, når du accepterer alle, men du kan selv gøre det.',
  changed: 'Vi har ændret vores brug af cookies. Se dit valg igennem.',
  policy: 'Læs privatlivspolitikken',
  acceptAll: 'Accepter alle',
  rejectAll: 'Afvis alle',
  customize: 'Tilpas',
  save: 'Gem valg',
  settings,
  intro: 'Vælg, hvad vi må bruge cookies til. Intet er slået til, før du slår det til.',
  close: 'Luk',
  list: 'Tjenester og cookies ({n})',
  name: 'Navn',
  service: 'Tjeneste',
  provider: 'Udbyder',
  purpose: 'Formål',
  lifetime: 'Varighed',
  saved: 'Dit valg blev gemt {date}. Samtykke-ID: {id}',
  rightsTitle: 'Dine rettigheder',
  rights:
    'Du har ret til indsigt, berigtigelse, sletning, begrænsning af behandling og dataportabilitet samt ret til indsigelse. Du kan til enhver tid trække dit samtykke tilbage, lige så let som du gav det, og klage til den norske tilsynsmyndighed ({dt}).',
  controller: 'Dataansvarlig',
  orgNr: 'Org.nr.',
  blocked: 'Indholdet fra {host} indlæses kun, hvis du accepterer cookies til »{category}«.',
  allow: 'Tillad {category}',
  necessary: 'Nødvendige',
  necessaryInfo: 'Får webstedet til at virke og husker dit valg.',
  preferences: 'Funktionelle',
  preferencesInfo: 'Husker indstillinger og giver ekstra funktioner.',
  analytics: 'Statistik',
  analyticsInfo: 'Viser os, hvordan webstedet bruges.',
  marketing: 'Markedsføring',
  marketingInfo: 'Viser og måler annoncer, også på andre websteder, og viser video og sociale medier.',
}
