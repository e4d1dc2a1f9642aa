// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createConsent } from '../../../core/src/store'
import { memoryJar } from '../../../core/src/record/jar'
import type { SamtykkeConfig } from '@samtykke/core'
import fixture from '../fixture.json'
import { mountUI, nb, nn, en, pickLang, type UI } from '..'
import { list } from '.'

let ui: UI | undefined
const mount = (extra: SamtykkeConfig = {}, gpc = false) => {
  ui = mountUI(createConsent({ ...(fixture as SamtykkeConfig), ...extra }, { jar: memoryJar(), gpc }))
  return document.querySelector('samtykke-ui')!.shadowRoot!
}
const texts = (root: ParentNode) =>
  [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') || b.textContent)

afterEach(() => {
  ui?.destroy()
  document.body.innerHTML = ''
  document.documentElement.lang = ''
})

describe('choosing the language', () => {
  it.each([
    ['nb', 'nb'],
    ['no', 'nb'],
    ['nb-NO', 'nb'],
    ['NO', 'nb'],
    ['', 'nb'],
    ['de', 'nb'],
    ['sv-SE', 'nb'],
    ['nn', 'nn'],
    ['nn-NO', 'nn'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
  ])('<html lang="%s"> gives %s', (lang, want) => {
    document.documentElement.lang = lang
    expect(pickLang()).toBe(want)
  })

  it('config.lang wins over the page', () => {
    document.documentElement.lang = 'en'
    expect(pickLang('nn')).toBe('nn')
  })

  it('speaks nynorsk on a nynorsk page, and says so with lang', () => {
    document.documentElement.lang = 'nn-NO'
    const root = mount()
    const banner = root.querySelector<HTMLElement>('[role=region]')!
    expect(document.querySelector<HTMLElement>('samtykke-ui')!.lang).toBe('nn') // the shadow root's content, dialogs included, inherits it
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

describe('the texts', () => {
  it('every language has every text, and no text is left empty', () => {
    for (const table of [nn, en]) expect(Object.keys(table).sort()).toEqual(Object.keys(nb).sort())
    for (const table of [nb, nn, en]) expect(Object.values(table).every((t) => t.trim().length > 0)).toBe(true)
  })

  it('lists read as running text: "a, b og c", in English "a, b and c"', () => {
    expect([0, 1, 2, 3].map((n) => list('nb', ['a', 'b', 'c'].slice(0, n)))).toEqual(['', 'a', 'a og b', 'a, b og c'])
    expect(list('en', ['a', 'b', 'c'])).toBe('a, b and c')
  })

  it('bokmål and nynorsk use their own word for cookies in running text', () => {
    const all = (t: object) => Object.values(t).join(' ')
    expect(all(nb)).not.toMatch(/informasjonskapslar/)
    expect(all(nn)).not.toMatch(/informasjonskapsler/)
    expect(all(nn)).toMatch(/tenester/i)
    expect(all(nn)).toMatch(/føremål/)
    expect(all(nn)).not.toMatch(/\b(ikke|hvordan|hva|jeg|fra)\b/)
    expect(nn.marketing).toBe('Marknadsføring')
    expect(nn.save).toBe('Lagre val')
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
      'Nettlesaren din ber om at du ikkje vert spora (Global Privacy Control). Difor slår vi ikkje på marknadsføring når du godtek alle, men du kan gjere det sjølv.',
    )
    ui!.destroy()
    document.documentElement.lang = 'en'
    root = mount({ categories: { marketing: { label: { en: 'Advertising' } } } }, true)
    expect(root.textContent).toContain(
      'Your browser asks sites not to track you (Global Privacy Control). So we do not turn on advertising when you accept all, but you can do it yourself.',
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
})
