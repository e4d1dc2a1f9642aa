// The three equivalent pages the benchmark loads: same content, same categories (necessary, analytics,
// marketing), same two services (Google Analytics 4 and the Meta pixel), same Norwegian texts.
// Each tool is wired the way its own documentation says.

export const GA_ID = 'G-INNFRAM01'
export const PIXEL_ID = '000000000000000'

export const TEXT = {
  title: 'Vi bruker informasjonskapsler',
  description:
    'Vi vil gjerne bruke Google Analytics til å se hvordan nettstedet brukes, og Meta-pikselen til å måle markedsføring. Det gjør vi bare hvis du sier ja. Du kan endre valget når som helst.',
  acceptAll: 'Godta alle',
  rejectAll: 'Avvis alle',
  customise: 'Tilpass',
  save: 'Lagre valg',
  close: 'Lukk',
  prefsTitle: 'Innstillinger for informasjonskapsler',
  necessary: { title: 'Nødvendige', description: 'Husker valget ditt. Kan ikke slås av.' },
  analytics: { title: 'Statistikk', description: 'Google Analytics: hvilke sider som besøkes, anonymisert og samlet.' },
  marketing: {
    title: 'Markedsføring',
    description: 'Meta-pikselen: måler annonser og lar oss nå deg på Facebook og Instagram.',
  },
  ga: 'Google Analytics',
  meta: 'Meta-piksel',
}

/** The page content, identical for every tool. */
const CONTENT = `<header class="top"><a href="/" class="logo">INNFRAM</a><nav><a href="/">Tjenester</a> <a href="/">Kunder</a> <a href="/">Kontakt</a></nav></header>
<main>
  <section class="hero">
    <h1>Nettsider som gjør jobben</h1>
    <p>Vi er et digitalt byrå i Hamar. Vi lager nettsider, nettbutikker og kampanjer for bedrifter i Innlandet og resten av landet.</p>
    <p><a class="cta" href="/">Ta kontakt</a></p>
  </section>
  <section class="grid">
    <article><h2>Nettsider</h2><p>Raske, universelt utformede sider som er enkle å oppdatere.</p></article>
    <article><h2>Nettbutikk</h2><p>Fra første produkt til tusen ordre i uka, med betaling og frakt som virker.</p></article>
    <article><h2>Markedsføring</h2><p>Annonser og innhold som treffer, målt med tall du forstår.</p></article>
  </section>
  <section>
    <h2>Slik jobber vi</h2>
    <p>Vi starter med et kort møte der vi finner ut hva dere trenger. Deretter lager vi en skisse, bygger siden og lærer dere å bruke den. Vi blir med videre så lenge dere vil.</p>
    <p>Alle prosjekter får en fast kontaktperson og en tydelig pris før vi begynner.</p>
  </section>
</main>
<footer><p>INNFRAM AS · Kirkebakken 3, 2317 Hamar · <a href="/personvern.html">Personvern</a></p></footer>`

const STYLE = `<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d1d1b}
.top{display:flex;justify-content:space-between;align-items:center;padding:1rem 1.5rem;border-bottom:1px solid #ddd}
.logo{font-weight:800;letter-spacing:.08em;color:#1d1d1b;text-decoration:none}
nav a{margin-left:1rem;color:#1d1d1b}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
.hero{padding:3rem 0}.hero h1{font-size:2.4rem;line-height:1.1;margin:0 0 1rem}
.cta{display:inline-block;background:#0b5fff;color:#fff;padding:.7rem 1.2rem;border-radius:.4rem;text-decoration:none}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
.grid article{border:1px solid #ddd;border-radius:.5rem;padding:1rem}
footer{padding:2rem 1.5rem;border-top:1px solid #ddd;font-size:.9rem}
</style>`

/** Google's gtag snippet, held back until the given attributes let it run. */
const gtag = (
  attrs,
  srcAttr = 'src',
) => `<script ${attrs} async ${srcAttr}="https://www.googletagmanager.com/gtag/js?id=${GA_ID}"></script>
<script ${attrs}>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', '${GA_ID}');
</script>`

/** Meta's pixel base code, held back the same way. */
const pixel = (attrs) => `<script ${attrs}>
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '${PIXEL_ID}');
fbq('track', 'PageView');
</script>`

const html = ({ head, body = '' }) => `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>INNFRAM – digitalt byrå i Hamar</title>
${head}
${STYLE}
</head>
<body>
${CONTENT}
${body}
</body>
</html>
`

// samtykke: config block, then the drop-in, first in <head>; the banner UI is fetched lazily.
const samtykkeConfig = {
  revision: 1,
  lang: 'nb',
  privacyPolicyUrl: '/personvern.html',
  categories: {
    necessary: { reason: TEXT.necessary.description },
    preferences: false,
    analytics: {
      label: TEXT.analytics.title,
      description: TEXT.analytics.description,
      services: [
        {
          name: TEXT.ga,
          provider: 'Google Ireland Limited',
          cookies: [
            { name: '_ga', lifetime: '2 år' },
            { name: '_ga_*', lifetime: '2 år' },
          ],
        },
      ],
    },
    marketing: {
      label: TEXT.marketing.title,
      description: TEXT.marketing.description,
      services: [
        {
          name: TEXT.meta,
          provider: 'Meta Platforms Ireland Limited',
          cookies: [{ name: '_fbp', lifetime: '3 måneder' }],
        },
      ],
    },
  },
}

const samtykke = () =>
  html({
    head: `<script type="application/json" id="samtykke-config">${JSON.stringify(samtykkeConfig)}</script>
<script src="/samtykke/samtykke.js"></script>
${gtag('type="text/plain" data-category="analytics"')}
${pixel('type="text/plain" data-category="marketing"')}`,
  })

// vanilla-cookieconsent v3: stylesheet in <head>, the UMD bundle and CookieConsent.run() at the end of <body>.
// hideFromBots is off because the benchmark's browser is automated (navigator.webdriver), which it would otherwise
// skip.
const ccConfig = `{
  revision: 1,
  hideFromBots: false,
  cookie: { name: 'cc_cookie', expiresAfterDays: 182 },
  guiOptions: { consentModal: { layout: 'box', position: 'bottom right' }, preferencesModal: { layout: 'box' } },
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: { autoClear: { cookies: [{ name: /^_ga/ }] }, services: { ga: { label: ${JSON.stringify(TEXT.ga)} } } },
    marketing: { autoClear: { cookies: [{ name: /^_fb[pc]$/ }] }, services: { meta: { label: ${JSON.stringify(TEXT.meta)} } } },
  },
  language: {
    default: 'nb',
    translations: {
      nb: {
        consentModal: {
          title: ${JSON.stringify(TEXT.title)},
          description: ${JSON.stringify(TEXT.description)},
          acceptAllBtn: ${JSON.stringify(TEXT.acceptAll)},
          acceptNecessaryBtn: ${JSON.stringify(TEXT.rejectAll)},
          showPreferencesBtn: ${JSON.stringify(TEXT.customise)},
          footer: '<a href="/personvern.html">Personvern</a>',
        },
        preferencesModal: {
          title: ${JSON.stringify(TEXT.prefsTitle)},
          acceptAllBtn: ${JSON.stringify(TEXT.acceptAll)},
          acceptNecessaryBtn: ${JSON.stringify(TEXT.rejectAll)},
          savePreferencesBtn: ${JSON.stringify(TEXT.save)},
          closeIconLabel: ${JSON.stringify(TEXT.close)},
          sections: [
            { title: ${JSON.stringify(TEXT.necessary.title)}, description: ${JSON.stringify(TEXT.necessary.description)}, linkedCategory: 'necessary' },
            { title: ${JSON.stringify(TEXT.analytics.title)}, description: ${JSON.stringify(TEXT.analytics.description)}, linkedCategory: 'analytics' },
            { title: ${JSON.stringify(TEXT.marketing.title)}, description: ${JSON.stringify(TEXT.marketing.description)}, linkedCategory: 'marketing' },
          ],
        },
      },
    },
  },
}`

const cookieconsent = () =>
  html({
    head: `<link rel="stylesheet" href="/vendor/vanilla-cookieconsent/cookieconsent.css">
${gtag('type="text/plain" data-category="analytics"')}
${pixel('type="text/plain" data-category="marketing"')}`,
    body: `<script src="/vendor/vanilla-cookieconsent/cookieconsent.umd.js"></script>
<script>CookieConsent.run(${ccConfig})</script>`,
  })

// Klaro 0.7: the config as a global, then klaro.js (CSS and translations included) with `defer`, in <head>.
// Klaro marks tags by service name: type="text/plain" data-type="text/javascript" data-name="…" (data-src for src).
const klaroConfig = `{
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 182,
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  hideLearnMore: false,
  noticeAsModal: false,
  groupByPurpose: true,
  lang: 'no',
  translations: {
    no: {
      privacyPolicyUrl: '/personvern.html',
      consentNotice: { title: ${JSON.stringify(TEXT.title)}, description: ${JSON.stringify(TEXT.description)}, learnMore: ${JSON.stringify(TEXT.customise)} },
      consentModal: { title: ${JSON.stringify(TEXT.prefsTitle)}, description: ${JSON.stringify(TEXT.description)} },
      ok: ${JSON.stringify(TEXT.acceptAll)},
      acceptAll: ${JSON.stringify(TEXT.acceptAll)},
      decline: ${JSON.stringify(TEXT.rejectAll)},
      acceptSelected: ${JSON.stringify(TEXT.save)},
      save: ${JSON.stringify(TEXT.save)},
      close: ${JSON.stringify(TEXT.close)},
      purposes: {
        analytics: { title: ${JSON.stringify(TEXT.analytics.title)}, description: ${JSON.stringify(TEXT.analytics.description)} },
        marketing: { title: ${JSON.stringify(TEXT.marketing.title)}, description: ${JSON.stringify(TEXT.marketing.description)} },
      },
      'google-analytics': { description: 'Statistikk over bruken av nettstedet.' },
      'meta-pixel': { description: 'Måling av annonser på Facebook og Instagram.' },
    },
  },
  services: [
    { name: 'google-analytics', title: ${JSON.stringify(TEXT.ga)}, purposes: ['analytics'], cookies: [/^_ga(_.*)?$/], required: false, optOut: false, onlyOnce: true },
    { name: 'meta-pixel', title: ${JSON.stringify(TEXT.meta)}, purposes: ['marketing'], cookies: [/^_fb[pc]$/], required: false, optOut: false, onlyOnce: true },
  ],
}`

const klaro = () =>
  html({
    head: `<script>var klaroConfig = ${klaroConfig}</script>
<script defer src="/vendor/klaro/klaro.js"></script>
${gtag('type="text/plain" data-type="text/javascript" data-name="google-analytics"', 'data-src')}
${pixel('type="text/plain" data-type="text/javascript" data-name="meta-pixel"')}`,
  })

/** The tools, in table order. `files` maps a served path prefix to a folder (relative to the repo). */
export const TOOLS = [
  {
    id: 'samtykke',
    name: 'samtykke',
    pkg: 'packages/samtykke',
    page: samtykke,
    prefix: '/samtykke/',
    dir: 'packages/samtykke/dist',
  },
  {
    id: 'cookieconsent',
    name: 'vanilla-cookieconsent',
    pkg: 'node_modules/vanilla-cookieconsent',
    page: cookieconsent,
    prefix: '/vendor/vanilla-cookieconsent/',
    dir: 'node_modules/vanilla-cookieconsent/dist',
  },
  {
    id: 'klaro',
    name: 'Klaro',
    pkg: 'node_modules/klaro',
    page: klaro,
    prefix: '/vendor/klaro/',
    dir: 'node_modules/klaro/dist',
  },
]
