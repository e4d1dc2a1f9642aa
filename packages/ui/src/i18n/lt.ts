// Lithuanian. The GDPR's Lithuanian terms (BDAR: sutikimas, atšaukti sutikimą, duomenų valdytojas, priežiūros
// institucija); "slapukai". A label put into a sentence stands in quotes, in the nominative.
import type { Strings } from './nb'

export const settings = 'Slapukų nustatymai'

export const lt: Strings = {
  title: 'Naudojame slapukus',
  text: 'Gavę jūsų sutikimą, slapukus ir panašias technologijas naudojame šiais tikslais: {purposes}.',
  services: 'Trečiųjų šalių paslaugos: {services}.',
  and: ' ir ',
  withdraw: 'Būtinuosius slapukus naudojame visada. Sprendžiate patys ir bet kada galite atšaukti savo sutikimą.',
  gpc: 'Jūsų naršyklė prašo jūsų nesekti (Global Privacy Control). Todėl, kai priimate visus, kategorija „{category}“ lieka išjungta, bet galite ją įjungti patys.',
  changed: 'Pakeitėme, kaip naudojame slapukus. Peržiūrėkite savo pasirinkimą.',
  policy: 'Skaityti privatumo politiką',
  acceptAll: 'Priimti visus',
  rejectAll: 'Atmesti visus',
  customize: 'Tinkinti',
  save: 'Išsaugoti pasirinkimą',
  settings,
  intro: 'Pasirinkite, kam galime naudoti slapukus. Niekas neįjungta, kol to neįjungsite patys.',
  close: 'Uždaryti',
  list: 'Paslaugos ir slapukai ({n})',
  name: 'Pavadinimas',
  service: 'Paslauga',
  provider: 'Teikėjas',
  purpose: 'Tikslas',
  lifetime: 'Saugojimo laikas',
  saved: 'Jūsų pasirinkimas išsaugotas {date}. Sutikimo ID: {id}',
  rightsTitle: 'Jūsų teisės',
  rights:
    'Turite teisę susipažinti su savo duomenimis, reikalauti juos ištaisyti ar ištrinti, apriboti jų tvarkymą, taip pat teisę į duomenų perkeliamumą ir teisę nesutikti. Bet kada galite atšaukti sutikimą taip pat lengvai, kaip jį davėte, ir pateikti skundą Norvegijos priežiūros institucijai ({dt}).',
  controller: 'Duomenų valdytojas',
  orgNr: 'Įm. k.',
  blocked: 'Turinys iš {host} įkeliamas, tik jei sutinkate su kategorijos „{category}“ slapukais.',
  allow: 'Leisti „{category}“',
  necessary: 'Būtinieji',
  necessaryInfo: 'Užtikrina, kad svetainė veiktų, ir įsimena jūsų pasirinkimą.',
  preferences: 'Funkcionalumas',
  preferencesInfo: 'Įsimena nustatymus ir suteikia papildomų funkcijų.',
  analytics: 'Statistika',
  analyticsInfo: 'Parodo mums, kaip naudojamasi svetaine.',
  marketing: 'Rinkodara',
  marketingInfo: 'Rodo ir matuoja reklamas, taip pat kitose svetainėse, ir rodo vaizdo įrašus bei socialinius tinklus.',
}
