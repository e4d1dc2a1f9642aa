// Polish. The GDPR's Polish terms (RODO: zgoda, wycofać zgodę, administrator, organ nadzorczy); "pliki cookie".
// Category labels are nouns whose accusative is their nominative ("Zezwól na marketing"); no gendered verb forms.
import type { Strings } from './nb'

export const settings = 'Ustawienia plików cookie'

export const pl: Strings = {
  title: 'Używamy plików cookie',
  text: 'Za Twoją zgodą używamy plików cookie i podobnych technologii w następujących celach: {purposes}.',
  services: 'Usługi podmiotów trzecich: {services}.',
  and: ' i ',
  withdraw:
    'Niezbędnych plików cookie używamy zawsze. Decyzja należy do Ciebie i w każdej chwili możesz wycofać zgodę.',
  gpc: 'Twoja przeglądarka prosi, by Cię nie śledzić (Global Privacy Control). Dlatego gdy akceptujesz wszystkie, kategoria {category} pozostaje wyłączona, ale możesz ją włączyć samodzielnie.',
  changed: 'Zmieniliśmy sposób korzystania z plików cookie. Sprawdź swój wybór.',
  policy: 'Przeczytaj politykę prywatności',
  acceptAll: 'Akceptuj wszystkie',
  rejectAll: 'Odrzuć wszystkie',
  customize: 'Dostosuj',
  save: 'Zapisz wybór',
  settings,
  intro: 'Wybierz, do czego możemy używać plików cookie. Nic nie jest włączone, dopóki tego nie włączysz.',
  close: 'Zamknij',
  list: 'Usługi i pliki cookie ({n})',
  name: 'Nazwa',
  service: 'Usługa',
  provider: 'Dostawca',
  purpose: 'Cel',
  lifetime: 'Okres przechowywania',
  saved: 'Twój wybór zapisano {date}. Identyfikator zgody: {id}',
  rightsTitle: 'Twoje prawa',
  rights:
    'Masz prawo dostępu do swoich danych oraz prawo do ich sprostowania, usunięcia, ograniczenia przetwarzania i przenoszenia, a także prawo do sprzeciwu. Zgodę możesz wycofać w każdej chwili, równie łatwo, jak ją wyrażono, i wnieść skargę do norweskiego organu nadzorczego ({dt}).',
  controller: 'Administrator danych',
  orgNr: 'Nr org.',
  blocked: 'Treści z {host} wczytają się tylko wtedy, gdy zaakceptujesz pliki cookie z kategorii „{category}”.',
  allow: 'Zezwól na {category}',
  necessary: 'Niezbędne',
  necessaryInfo: 'Zapewniają działanie strony i zapamiętują Twój wybór.',
  preferences: 'Preferencje',
  preferencesInfo: 'Zapamiętują ustawienia i udostępniają dodatkowe funkcje.',
  analytics: 'Statystyki',
  analyticsInfo: 'Pokazują nam, jak strona jest używana.',
  marketing: 'Marketing',
  marketingInfo: 'Wyświetla i mierzy reklamy, także na innych stronach, oraz wyświetla filmy i media społecznościowe.',
}
