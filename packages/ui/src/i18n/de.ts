// German, addressing the visitor as "Sie". The GDPR's German terms (Einwilligung, widerrufen, Verantwortlicher,
// Aufsichtsbehörde). Nouns keep their capital in running text (the UI lower-cases labels in every other language).
import type { Strings } from './nb'

export const settings = 'Cookie-Einstellungen'

export const de: Strings = {
  title: 'Wir verwenden Cookies',
  text: 'Mit Ihrer Einwilligung verwenden wir Cookies und ähnliche Technologien für diese Zwecke: {purposes}.',
  services: 'Dienste von Drittanbietern: {services}.',
  and: ' und ',
  withdraw:
    'Notwendige Cookies verwenden wir immer. Sie entscheiden selbst und können Ihre Einwilligung jederzeit widerrufen.',
  gpc: 'Ihr Browser bittet darum, Sie nicht zu verfolgen (Global Privacy Control). Deshalb aktivieren wir {category} nicht, wenn Sie alle akzeptieren, aber Sie können es selbst einschalten.',
  changed: 'Wir haben geändert, wie wir Cookies verwenden. Bitte prüfen Sie Ihre Auswahl.',
  policy: 'Datenschutzerklärung lesen',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customize: 'Anpassen',
  save: 'Auswahl speichern',
  settings,
  intro: 'Wählen Sie, wofür wir Cookies verwenden dürfen. Nichts ist aktiv, bevor Sie es einschalten.',
  close: 'Schließen',
  list: 'Dienste und Cookies ({n})',
  name: 'Name',
  service: 'Dienst',
  provider: 'Anbieter',
  purpose: 'Zweck',
  lifetime: 'Speicherdauer',
  saved: 'Ihre Auswahl wurde am {date} gespeichert. Einwilligungs-ID: {id}',
  rightsTitle: 'Ihre Rechte',
  rights:
    'Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Datenübertragbarkeit sowie ein Widerspruchsrecht. Sie können Ihre Einwilligung jederzeit widerrufen, so einfach, wie Sie sie erteilt haben, und Beschwerde bei der norwegischen Aufsichtsbehörde ({dt}) einlegen.',
  controller: 'Verantwortlicher',
  orgNr: 'Org.-Nr.',
  blocked: 'Inhalte von {host} werden nur geladen, wenn Sie Cookies für „{category}“ akzeptieren.',
  allow: '{category} erlauben',
  necessary: 'Notwendig',
  necessaryInfo: 'Damit die Website funktioniert und sich Ihre Auswahl merkt.',
  preferences: 'Präferenzen',
  preferencesInfo: 'Speichern Einstellungen und ermöglichen zusätzliche Funktionen.',
  analytics: 'Statistik',
  analyticsInfo: 'Zeigt uns, wie die Website genutzt wird.',
  marketing: 'Marketing',
  marketingInfo: 'Zeigt und misst Werbung, auch auf anderen Websites, und zeigt Videos und soziale Medien.',
}
