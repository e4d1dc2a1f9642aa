// Swedish. The GDPR's Swedish terms (samtycke, återkalla, personuppgiftsansvarig, tillsynsmyndighet); "kakor", as
// Swedish authorities call cookies.
import type { Strings } from './nb'

export const settings = 'Inställningar för kakor'

export const sv: Strings = {
  title: 'Vi använder kakor',
  text: 'Med ditt samtycke använder vi kakor (cookies) och liknande tekniker för dessa ändamål: {purposes}.',
  services: 'Tjänster från tredje part: {services}.',
  and: ' och ',
  withdraw: 'Nödvändiga kakor använder vi alltid. Du väljer själv, och du kan när som helst återkalla ditt samtycke.',
  gpc: 'Din webbläsare ber om att du inte spåras (Global Privacy Control). Därför slår vi inte på {category} när du godkänner alla, men du kan göra det själv.',
  changed: 'Vi har ändrat hur vi använder kakor. Se över ditt val.',
  policy: 'Läs integritetspolicyn',
  acceptAll: 'Godkänn alla',
  rejectAll: 'Avvisa alla',
  customize: 'Anpassa',
  save: 'Spara val',
  settings,
  intro: 'Välj vad vi får använda kakor till. Ingenting är påslaget förrän du slår på det.',
  close: 'Stäng',
  list: 'Tjänster och kakor ({n})',
  name: 'Namn',
  service: 'Tjänst',
  provider: 'Leverantör',
  purpose: 'Ändamål',
  lifetime: 'Lagringstid',
  saved: 'Ditt val sparades {date}. Samtyckes-ID: {id}',
  rightsTitle: 'Dina rättigheter',
  rights:
    'Du har rätt till tillgång, rättelse, radering, begränsning av behandling och dataportabilitet, och rätt att göra invändningar. Du kan när som helst återkalla ditt samtycke, lika enkelt som du gav det, och lämna klagomål till den norska tillsynsmyndigheten ({dt}).',
  controller: 'Personuppgiftsansvarig',
  orgNr: 'Org.nr',
  blocked: 'Innehållet från {host} läses bara in om du godkänner kakor för ”{category}”.',
  allow: 'Tillåt {category}',
  necessary: 'Nödvändiga',
  necessaryInfo: 'Får webbplatsen att fungera och kommer ihåg ditt val.',
  preferences: 'Funktionella',
  preferencesInfo: 'Kommer ihåg inställningar och ger extra funktioner.',
  analytics: 'Statistik',
  analyticsInfo: 'Visar oss hur webbplatsen används.',
  marketing: 'Marknadsföring',
  marketingInfo: 'Visar och mäter annonser, även på andra webbplatser, och visar video och sociala medier.',
}
