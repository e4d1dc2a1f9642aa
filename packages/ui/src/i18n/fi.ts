// Finnish. The GDPR's Finnish terms (suostumus, peruuttaa, rekisterinpitäjä, valvontaviranomainen); "evästeet".
// Labels stand in the nominative wherever they are put into a sentence.
import type { Strings } from './nb'

export const settings = 'Evästeasetukset'

export const fi: Strings = {
  title: 'Käytämme evästeitä',
  text: 'Käytämme suostumuksellasi evästeitä ja vastaavia tekniikoita näihin tarkoituksiin: {purposes}.',
  services: 'Kolmansien osapuolten palvelut: {services}.',
  and: ' ja ',
  withdraw: 'Välttämättömiä evästeitä käytämme aina. Sinä päätät, ja voit peruuttaa suostumuksesi milloin tahansa.',
  gpc: 'Selaimesi pyytää, ettei sinua seurata (Global Privacy Control). Siksi {category} ei kytkeydy päälle, kun hyväksyt kaikki, mutta voit kytkeä sen päälle itse.',
  changed: 'Olemme muuttaneet evästeiden käyttöä. Tarkista valintasi.',
  policy: 'Lue tietosuojaseloste',
  acceptAll: 'Hyväksy kaikki',
  rejectAll: 'Hylkää kaikki',
  customize: 'Mukauta',
  save: 'Tallenna valinnat',
  settings,
  intro: 'Valitse, mihin saamme käyttää evästeitä. Mikään ei ole käytössä ennen kuin otat sen käyttöön.',
  close: 'Sulje',
  list: 'Palvelut ja evästeet ({n})',
  name: 'Nimi',
  service: 'Palvelu',
  provider: 'Tarjoaja',
  purpose: 'Tarkoitus',
  lifetime: 'Säilytysaika',
  saved: 'Valintasi tallennettiin {date}. Suostumuksen tunnus: {id}',
  rightsTitle: 'Oikeutesi',
  rights:
    'Sinulla on oikeus saada pääsy tietoihisi ja oikeus tietojen oikaisemiseen, poistamiseen, käsittelyn rajoittamiseen ja siirtämiseen järjestelmästä toiseen sekä oikeus vastustaa käsittelyä. Voit peruuttaa suostumuksesi milloin tahansa yhtä helposti kuin annoit sen ja tehdä valituksen Norjan valvontaviranomaiselle ({dt}).',
  controller: 'Rekisterinpitäjä',
  orgNr: 'Org.nro',
  blocked: 'Sisältö osoitteesta {host} ladataan vain, jos hyväksyt luokan ”{category}” evästeet.',
  allow: 'Salli {category}',
  necessary: 'Välttämättömät',
  necessaryInfo: 'Pitävät sivuston toiminnassa ja muistavat valintasi.',
  preferences: 'Toiminnalliset',
  preferencesInfo: 'Muistavat asetukset ja tuovat lisätoimintoja.',
  analytics: 'Tilastot',
  analyticsInfo: 'Näyttävät meille, miten sivustoa käytetään.',
  marketing: 'Markkinointi',
  marketingInfo: 'Näyttää ja mittaa mainoksia myös muilla sivustoilla sekä näyttää videoita ja sosiaalista mediaa.',
}
