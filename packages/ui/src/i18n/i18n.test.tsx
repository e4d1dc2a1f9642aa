// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsent } from '../../../core/src/store'
import { memoryJar } from '../../../core/src/record/jar'
import { LANGS, pickLang } from '../../../core/src/config/lang'
import type { SamtykkeConfig } from '@samtykke/core'
import fixture from '../../test/fixture.json'
import { mountUI, reopenButton, nb, nn, en, sv, da, de, fi, pl, uk, lt, type Strings, type UI } from '..'
import { list } from '.'

const TABLES: Record<string, Strings> = { nb, nn, en, sv, da, de, fi, pl, uk, lt }

let ui: UI | undefined
const mount = (extra: SamtykkeConfig = {}, gpc = false) => {
  ui = mountUI(createConsent({ ...(fixture as SamtykkeConfig), ...extra }, { jar: memoryJar(), gpc }))
  return document.querySelector('samtykke-ui')!.shadowRoot!
}
const texts = (root: ParentNode) =>
  [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') || b.textContent)
/** Every console.warn while `f` runs. */
const warnings = (f: () => void) => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  try {
    f()
    return warn.mock.calls.map((c) => String(c[0]))
  } finally {
    warn.mockRestore()
  }
}

afterEach(() => {
  ui?.destroy()
  ui = undefined
  document.body.innerHTML = ''
  document.documentElement.lang = ''
})

describe('choosing the language', () => {
  it.each([
    ['nb', 'nb'],
    ['no', 'nb'],
    ['nb-NO', 'nb'],
    ['NO', 'nb'],
    ['no-NO', 'nb'],
    ['', 'nb'],
    ['nn', 'nn'],
    ['nn-NO', 'nn'],
    ['NN_no', 'nn'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
    ['sv', 'sv'],
    ['sv-SE', 'sv'],
    ['sv-FI', 'sv'],
    ['da-DK', 'da'],
    ['de', 'de'],
    ['de-AT', 'de'],
    ['de_CH', 'de'],
    ['DE-de', 'de'],
    ['fi-FI', 'fi'],
    ['pl-PL', 'pl'],
    ['uk-UA', 'uk'],
    ['UK', 'uk'],
    ['lt-LT', 'lt'],
  ])('<html lang="%s"> gives %s, and says nothing', (lang, want) => {
    document.documentElement.lang = lang
    expect(warnings(() => expect(pickLang({})).toBe(want))).toEqual([])
  })

  it('config.lang wins over the page, in any case and with a region', () => {
    document.documentElement.lang = 'en'
    expect(pickLang({ lang: 'nn' })).toBe('nn')
    expect(pickLang({ lang: 'SV-se' })).toBe('sv')
    expect(pickLang({ lang: 'pl_PL' })).toBe('pl')
  })

  it('a language it cannot speak falls back to English, with one warning naming the language and the fallback', () => {
    document.documentElement.lang = 'fr-CA'
    expect(warnings(() => expect(pickLang({})).toBe('en'))).toEqual([
      'samtykke: the language "fr-CA" has no texts: the banner is in English. ' +
        'Give config.texts.fr (every key: docs/ui.md), or set config.lang',
    ])
    document.documentElement.lang = 'es'
    expect(warnings(() => expect(pickLang({ lang: 'is' })).toBe('en'))).toEqual([
      expect.stringContaining('"is" has no texts: the banner is in English. Give config.texts.is (every key'),
    ])
  })

  it('on a Norwegian page (no, nb or nn, with any region, or no lang at all) it falls back to bokmål', () => {
    for (const page of ['nb', 'no', 'nn-NO', 'NB_no', '']) {
      document.documentElement.lang = page
      expect(warnings(() => expect(pickLang({ lang: 'is' })).toBe('nb'))).toEqual([
        expect.stringContaining('the language "is" has no texts: the banner is in bokmål.'),
      ])
    }
    // A Norwegian-looking region or a longer name does not make a page Norwegian.
    for (const page of ['se-NO', 'nob', 'nbx', 'en-x-nb']) {
      document.documentElement.lang = page
      expect(warnings(() => expect(pickLang({ lang: 'is' })).toBe('en'))).toHaveLength(1)
    }
  })

  it('a language the site gives texts for is spoken, and nothing is said', () => {
    document.documentElement.lang = 'is-IS'
    expect(warnings(() => expect(pickLang({ texts: { is: { title: 'Við notum vafrakökur' } } })).toBe('is'))).toEqual(
      [],
    )
    // Its own properties only: a tag named like something every object has is just an unknown language.
    document.documentElement.lang = 'constructor'
    expect(warnings(() => expect(pickLang({ texts: {} })).toBe('en'))).toHaveLength(1)
  })

  it('a language it picked picks itself again (the resolved config keeps it)', () => {
    for (const page of ['de-AT', 'se-NO', 'fr', 'is', '']) {
      document.documentElement.lang = page
      const config = { texts: { is: { title: 'Við notum vafrakökur' } } }
      let lang = ''
      warnings(() => (lang = pickLang(config)))
      document.documentElement.lang = 'uk'
      expect(warnings(() => expect(pickLang({ ...config, lang })).toBe(lang))).toEqual([])
    }
  })

  it('the resolved config carries the language, so the UI, the floating button and the receipt agree', () => {
    document.documentElement.lang = 'de-AT'
    const consent = createConsent({}, { jar: memoryJar(), gpc: false })
    expect(consent.config.lang).toBe('de')
    const floating = reopenButton(consent, () => {})
    consent.rejectAll()
    expect(
      document.querySelector('samtykke-reopen')!.shadowRoot!.querySelector('button')!.getAttribute('aria-label'),
    ).toBe('Cookie-Einstellungen')
    floating.destroy()
    consent.destroy()
  })

  it('speaks nynorsk on a nynorsk page, and says so with lang', () => {
    document.documentElement.lang = 'nn-NO'
    const root = mount()
    const banner = root.querySelector<HTMLElement>('[role=region]')!
    // the shadow root's content, dialogs included, inherits it
    expect(document.querySelector<HTMLElement>('samtykke-ui')!.lang).toBe('nn')
    expect(banner.textContent).toContain('Vi brukar informasjonskapslar')
    expect(banner.textContent).toContain('desse føremåla: funksjonelle, statistikk og marknadsføring')
    expect(texts(banner)).toEqual(['Godta alle', 'Avvis alle', 'Tilpass'])
    ui!.showPreferences()
    const dialog = root.querySelector('dialog')!
    expect(texts(dialog)).toEqual(['Lukk', 'Lagre val', 'Godta alle', 'Avvis alle'])
    expect(dialog.textContent).toContain('Innstillingar for informasjonskapslar')
    expect(dialog.textContent).toContain('Marknadsføring')
    expect(dialog.textContent).toContain('Tenester og informasjonskapslar (2)')
    expect(dialog.textContent).toContain('Hugsar valet ditt om informasjonskapslar') // the config's own nn text
  })

  it('speaks English on an English page', () => {
    document.documentElement.lang = 'en-GB'
    const root = mount()
    expect(texts(root)).toEqual(['Accept all', 'Reject all', 'Customise'])
    expect(root.textContent).toContain('for these purposes: functional, statistics and marketing.')
  })
})

/** The `{slots}` of a text, in order. */
const slots = (text: string) => text.match(/\{\w+\}/g) ?? []
/** The words of a table's text that are its own (slots and names taken out), to look for in a page. */
const words = (text: string) =>
  text
    .split(/\{\w+\}|Global Privacy Control|Datatilsynet/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3)

describe('the texts', () => {
  it.each(Object.keys(TABLES))('%s has every key bokmål has, none empty, with the same slots', (lang) => {
    const table = TABLES[lang]
    expect(Object.keys(table).sort()).toEqual(Object.keys(nb).sort())
    for (const [key, text] of Object.entries(table)) {
      expect(text.trim(), `${lang}.${key}`).not.toBe('')
      expect(slots(text).sort(), `${lang}.${key}`).toEqual(slots(nb[key as keyof Strings]).sort())
    }
  })

  // Texts that are the same words in bokmål or English, read and meant so (Danish and bokmål share many).
  const SAME: Record<string, string[]> = {
    sv: ['lifetime'],
    da: ['services', 'and', 'name', 'service', 'purpose', 'orgNr', 'necessary', 'marketing'],
    de: ['name', 'marketing'],
    pl: ['marketing'],
  }
  it.each(Object.keys(TABLES).filter((l) => !['nb', 'nn', 'en'].includes(l)))(
    '%s takes no text from bokmål or English but the same words',
    (lang) => {
      const copied = Object.keys(nb).filter((k) =>
        [nb, en].some((o) => o[k as keyof Strings] == TABLES[lang][k as keyof Strings]),
      )
      expect(copied).toEqual(SAME[lang] ?? [])
    },
  )

  it('the languages of the tables are the languages samtykke says it speaks', () => {
    expect(Object.keys(TABLES).sort()).toEqual([...LANGS].sort())
  })

  it('each language uses its own word for cookies', () => {
    const all = (t: object) => Object.values(t).join(' ')
    expect(all(sv)).toMatch(/\bkakor\b/)
    expect(all(da)).toMatch(/\bcookies\b/)
    expect(all(de)).toMatch(/\bCookies\b/)
    expect(all(fi)).toMatch(/evästeitä/)
    expect(all(pl)).toMatch(/plików cookie/)
    expect(all(uk)).toMatch(/файли cookie/)
    expect(all(lt)).toMatch(/slapukus/)
    expect(all(nb)).not.toMatch(/informasjonskapslar/)
    expect(all(nn)).not.toMatch(/informasjonskapsler/)
    expect(all(nn)).toMatch(/tenester/i)
    expect(all(nn)).toMatch(/føremål/)
    expect(all(nn)).not.toMatch(/\b(ikke|hvordan|hva|jeg|fra)\b/)
    expect(nn.marketing).toBe('Marknadsføring')
    expect(nn.save).toBe('Lagre val')
  })

  it('each language names consent, its withdrawal and the complaint to Datatilsynet in its own GDPR words', () => {
    const terms: Record<string, RegExp[]> = {
      sv: [
        /samtycke/,
        /återkalla/,
        /klagomål till den norska tillsynsmyndigheten \(\{dt\}\)/,
        /^Personuppgiftsansvarig$/,
      ],
      da: [
        /samtykke/,
        /trække dit samtykke tilbage/,
        /klage til den norske tilsynsmyndighed \(\{dt\}\)/,
        /^Dataansvarlig$/,
      ],
      de: [
        /Einwilligung/,
        /widerrufen/,
        /Beschwerde bei der norwegischen Aufsichtsbehörde \(\{dt\}\)/,
        /^Verantwortlicher$/,
      ],
      fi: [/suostumu/, /peruuttaa/, /valituksen Norjan valvontaviranomaiselle \(\{dt\}\)/, /^Rekisterinpitäjä$/],
      pl: [
        /zgod/,
        /wycofać zgodę|Zgodę możesz wycofać/,
        /skargę do norweskiego organu nadzorczego \(\{dt\}\)/,
        /^Administrator danych$/,
      ],
      uk: [/згод/, /відкликати згоду/, /скаргу до норвезького наглядового органу \(\{dt\}\)/, /^Контролер даних$/],
      lt: [
        /sutikim/,
        /atšaukti .*sutikimą/,
        /skundą Norvegijos priežiūros institucijai \(\{dt\}\)/,
        /^Duomenų valdytojas$/,
      ],
    }
    for (const [lang, [consent, withdraw, complaint, controller]] of Object.entries(terms)) {
      const t = TABLES[lang]
      expect(t.text + t.withdraw, lang).toMatch(consent)
      expect(t.withdraw, lang).toMatch(withdraw)
      expect(t.rights, lang).toMatch(withdraw)
      expect(t.rights, lang).toMatch(complaint)
      expect(t.controller, lang).toMatch(controller)
    }
  })

  it('lists read as running text, joined by the language\'s own "and"', () => {
    expect([0, 1, 2, 3].map((n) => list(nb.and, ['a', 'b', 'c'].slice(0, n)))).toEqual(['', 'a', 'a og b', 'a, b og c'])
    expect(['en', 'sv', 'da', 'de', 'fi', 'pl', 'uk', 'lt'].map((l) => list(TABLES[l].and, ['a', 'b', 'c']))).toEqual([
      'a, b and c',
      'a, b och c',
      'a, b og c',
      'a, b und c',
      'a, b ja c',
      'a, b i c',
      'a, b і c',
      'a, b ir c',
    ])
  })

  it('the site can override any text, per language, and a category label from its config', () => {
    const root = mount({
      texts: {
        nb: { title: 'Informasjonskapsler hos Innfram', rejectAll: 'Bare nødvendige' },
        nn: { title: 'ikkje denne' },
      },
      categories: {
        ...(fixture as SamtykkeConfig).categories,
        analytics: { label: { nb: 'Analyse', en: 'Analysis' } },
      },
    })
    expect(root.getElementById('sb')!.textContent).toBe('Informasjonskapsler hos Innfram')
    expect(texts(root)).toEqual(['Godta alle', 'Bare nødvendige', 'Tilpass'])
    expect(root.textContent).toContain('funksjonelle, analyse og markedsføring')
  })

  it("the Global Privacy Control line in nynorsk and English, with the site's own name for marketing", () => {
    document.documentElement.lang = 'nn'
    let root = mount({}, true)
    expect(root.textContent).toContain(
      'Nettlesaren din ber om at du ikkje vert spora (Global Privacy Control). ' +
        'Difor slår vi ikkje på marknadsføring når du godtek alle, men du kan gjere det sjølv.',
    )
    ui!.destroy()
    document.documentElement.lang = 'en'
    root = mount({ categories: { marketing: { label: { en: 'Advertising' } } } }, true)
    expect(root.textContent).toContain(
      'Your browser asks sites not to track you (Global Privacy Control). ' +
        'So we do not turn on advertising when you accept all, but you can do it yourself.',
    )
  })

  it('no Global Privacy Control line on a site without marketing: there is nothing it holds back', () => {
    expect(mount({ categories: { marketing: false } }, true).textContent).not.toContain('Global Privacy Control')
  })

  it('a custom category gets its label from the config', () => {
    const root = mount({
      categories: {
        social: { label: { nb: 'Sosiale medier', nn: 'Sosiale medium' }, description: 'Deling og innebygde innlegg.' },
      },
    })
    expect(root.textContent).toContain('markedsføring og sosiale medier.')
    ui!.showPreferences()
    const label = root.querySelector('input[name=social]')!.closest('label')!
    expect(label.textContent).toBe('Sosiale medier')
    expect(root.querySelector('dialog')!.textContent).toContain('Deling og innebygde innlegg.')
  })

  it('a config text falls back to bokmål for a Norwegian reader and to English for anyone else', () => {
    const categories = {
      analytics: { label: { nb: 'Analyse', en: 'Analysis' } },
      marketing: { label: { nb: 'Reklame', en: 'Advertising', sv: 'Reklam' } },
    }
    const purposes = (lang: string) => (
      (document.documentElement.lang = lang),
      ui?.destroy(),
      mount({ categories }).querySelector('p')!.textContent
    )
    expect(purposes('nn')).toContain('funksjonelle, analyse og reklame')
    expect(purposes('sv')).toContain('funktionella, analysis och reklam')
    expect(purposes('pl')).toContain('preferencje, analysis i advertising')
  })
})

/** The whole UI in one language: banner (with the GPC line), preference centre, a placeholder, a declaration. */
function everything(lang: string, extra: SamtykkeConfig = {}) {
  document.documentElement.lang = lang
  document.body.innerHTML =
    '<iframe width="560" height="315" data-category="marketing" ' +
    'data-src="https://www.youtube-nocookie.com/embed/abc"></iframe><div data-samtykke-declaration></div>'
  // Service names only: the site's own texts would be in the site's languages, not ours.
  const config: SamtykkeConfig = {
    privacyPolicyUrl: '/personvern',
    controller: { name: 'Innfram AS', orgNr: '912 345 678' },
    categories: {
      analytics: { services: [{ name: 'Google Analytics', cookies: [{ name: '_ga' }] }] },
      marketing: { services: [{ name: 'YouTube', cookies: [{ name: 'YSC' }] }] },
    },
    ...extra,
  }
  const consent = createConsent(config, { jar: memoryJar(), gpc: true })
  ui = mountUI(consent)
  ui.showPreferences()
  const root = document.querySelector('samtykke-ui')!.shadowRoot!
  root.querySelectorAll('details').forEach((d) => (d.open = true))
  const placeholder = document.querySelector('samtykke-placeholder')!.shadowRoot!
  return [root, placeholder, document.querySelector('[data-samtykke-declaration]')!].map((n) => n.textContent).join(' ')
}

describe('the whole UI in each language', () => {
  it.each(LANGS.filter((l) => l != 'nb'))('%s: every text is its own, with no bokmål or English text left', (lang) => {
    const t = TABLES[lang]
    const shown = everything(lang)
    for (const key of [
      'title',
      'withdraw',
      'gpc',
      'policy',
      'acceptAll',
      'rejectAll',
      'customize',
      'save',
      'settings',
      'intro',
      'rightsTitle',
      'controller',
      'preferencesInfo',
      'marketingInfo',
    ] as const)
      for (const w of words(t[key])) expect(shown, `${lang}.${key}`).toContain(w.replace(/\{\w+\}/g, ''))
    for (const other of [nb, en].filter((o) => o != t))
      for (const [key, text] of Object.entries(other))
        for (const w of words(text))
          if (!Object.values(t).join(' ').includes(w)) expect(shown, `${lang}: ${key} "${w}"`).not.toContain(w)
  })

  it('German keeps its nouns capitalised in sentences; the other languages write the labels in lower case', () => {
    expect(everything('de')).toContain('für diese Zwecke: Präferenzen, Statistik und Marketing.')
    ui!.destroy()
    const shown = everything('de')
    expect(shown).toContain('Deshalb aktivieren wir Marketing nicht')
    expect(shown).toContain('Marketing erlauben')
    ui!.destroy()
    expect(everything('sv')).toContain('för dessa ändamål: funktionella, statistik och marknadsföring.')
    ui!.destroy()
    expect(everything('uk')).toContain('для таких цілей: функціональність, статистика і маркетинг.')
  })

  it("the date of the choice is written the language's way", () => {
    for (const [lang, date] of [
      ['de', /gespeichert/],
      ['fi', /tallennettiin \d+\. \p{L}+ \d{4}/u],
      ['lt', /išsaugotas \d{4} m\./],
    ] as const) {
      document.documentElement.lang = lang
      const consent = createConsent({}, { jar: memoryJar(), gpc: false })
      consent.rejectAll()
      ui = mountUI(consent)
      ui.showPreferences()
      expect(document.querySelector('samtykke-ui')!.shadowRoot!.textContent).toMatch(date)
      ui.destroy()
      consent.destroy()
    }
  })
})

/** Icelandic, as a site would add it: every key. */
const IS: Strings = {
  title: 'Við notum vafrakökur',
  text: 'Með samþykki þínu notum við vafrakökur og svipaða tækni í þessum tilgangi: {purposes}.',
  services: 'Þjónusta þriðju aðila: {services}.',
  and: ' og ',
  withdraw:
    'Nauðsynlegar vafrakökur eru alltaf notaðar. Þú ræður, og þú getur dregið samþykkið til baka hvenær sem er.',
  gpc:
    'Vafrinn þinn biður um að ekki sé fylgst með þér (Global Privacy Control). ' +
    'Því kveikjum við ekki á {category} þegar þú samþykkir allt, en þú getur kveikt á því.',
  changed: 'Við höfum breytt notkun okkar á vafrakökum. Farðu yfir valið þitt.',
  policy: 'Lesa persónuverndarstefnuna',
  acceptAll: 'Samþykkja allt',
  rejectAll: 'Hafna öllu',
  customize: 'Sérsníða',
  save: 'Vista val',
  settings: 'Stillingar fyrir vafrakökur',
  intro: 'Veldu í hvað við megum nota vafrakökur. Ekkert er virkt fyrr en þú kveikir á því.',
  close: 'Loka',
  list: 'Þjónusta og vafrakökur ({n})',
  name: 'Heiti',
  service: 'Þjónusta',
  provider: 'Veitandi',
  purpose: 'Tilgangur',
  lifetime: 'Geymslutími',
  saved: 'Valið þitt var vistað {date}. Auðkenni samþykkis: {id}',
  rightsTitle: 'Réttindi þín',
  rights:
    'Þú átt rétt á aðgangi, leiðréttingu, eyðingu, takmörkun vinnslu og flutningi gagna og rétt til að andmæla. ' +
    'Þú getur dregið samþykkið til baka hvenær sem er, jafn auðveldlega og þú veittir það, ' +
    'og kvartað til norsku persónuverndarstofnunarinnar ({dt}).',
  controller: 'Ábyrgðaraðili',
  orgNr: 'Kt.',
  blocked: 'Efni frá {host} hleðst aðeins ef þú samþykkir vafrakökur fyrir „{category}“.',
  allow: 'Leyfa {category}',
  necessary: 'Nauðsynlegar',
  necessaryInfo: 'Láta vefinn virka og muna valið þitt.',
  preferences: 'Virkni',
  preferencesInfo: 'Muna stillingar og bæta við eiginleikum.',
  analytics: 'Tölfræði',
  analyticsInfo: 'Sýna okkur hvernig vefurinn er notaður.',
  marketing: 'Markaðssetning',
  marketingInfo: 'Birta og mæla auglýsingar, líka á öðrum vefjum, og sýna myndbönd og samfélagsmiðla.',
}

describe('a language the site adds', () => {
  it('texts.is with every key and lang "is" give an Icelandic UI, and nothing is said', () => {
    let shown = ''
    expect(warnings(() => (shown = everything('de', { lang: 'is', texts: { is: IS } })))).toEqual([])
    expect(document.querySelector<HTMLElement>('samtykke-ui')!.lang).toBe('is')
    expect(shown).toContain(
      'Með samþykki þínu notum við vafrakökur og svipaða tækni í þessum tilgangi: virkni, tölfræði og markaðssetning.',
    )
    for (const other of [nb, en, de])
      for (const w of ['title', 'acceptAll', 'rejectAll', 'customize', 'rights'] as const)
        expect(shown).not.toContain(other[w])
    for (const key of [
      'acceptAll',
      'rejectAll',
      'customize',
      'save',
      'settings',
      'rightsTitle',
      'marketingInfo',
    ] as const)
      expect(shown).toContain(IS[key])
  })

  it('a key it lacks is shown in English, and the missing keys are named once', () => {
    const { rejectAll, rightsTitle, ...some } = IS
    let root: ShadowRoot | undefined
    const said = warnings(() => {
      root = mount({ lang: 'is', texts: { is: some } })
      ui!.showPreferences()
      ui!.hide()
      ui!.show()
    })
    expect(said).toEqual([
      'samtykke: config.texts.is has no rejectAll, rightsTitle: shown in English. ' +
        'Give every key of the English table (docs/ui.md)',
    ])
    expect(texts(root!.querySelector('[role=region]')!)).toEqual(['Samþykkja allt', 'Reject all', 'Sérsníða'])
  })

  it('its floating button takes its name from its texts, else the English one', () => {
    for (const [texts, name] of [
      [IS, IS.settings],
      [{ title: IS.title }, 'Cookie settings'],
    ] as const) {
      const consent = createConsent({ lang: 'is', texts: { is: texts } }, { jar: memoryJar(), gpc: false })
      const floating = reopenButton(consent, () => {})
      consent.acceptAll()
      expect(
        document.querySelector('samtykke-reopen')!.shadowRoot!.querySelector('button')!.getAttribute('aria-label'),
      ).toBe(name)
      floating.destroy()
      consent.destroy()
    }
  })
})
