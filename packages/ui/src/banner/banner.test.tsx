// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createConsent } from '../../../core/src/store'
import { memoryJar } from '../../../core/src/record/jar'
import type { SamtykkeConfig } from '@samtykke/core'
import fixture from '../../test/fixture.json'
import { mountUI, type UI } from '..'

const NOW = Date.UTC(2026, 10, 25, 9, 30)
let ui: UI | undefined
const start = (extra: SamtykkeConfig = {}, gpc = false) => {
  const consent = createConsent({ ...(fixture as SamtykkeConfig), ...extra }, { jar: memoryJar(), now: () => NOW, gpc })
  ui = mountUI(consent)
  return consent
}
const shadow = () => document.querySelector('samtykke-ui')!.shadowRoot!
const banner = () => shadow().querySelector<HTMLElement>('[aria-labelledby=sb]')
const buttons = () => [...banner()!.querySelectorAll('button')]
const click = (name: string) =>
  buttons()
    .find((b) => b.textContent == name)!
    .click()

afterEach(() => {
  ui?.destroy()
  document.body.innerHTML = ''
  document.documentElement.lang = ''
})

describe('the banner', () => {
  it('shows on a first visit as a named region, first in <body>, in bokmål', () => {
    document.body.innerHTML = '<a href="/">Hopp til innhold</a><main>Side</main>'
    start()
    expect(document.body.firstElementChild!.tagName).toBe('SAMTYKKE-UI')
    const b = banner()!
    expect(b.getAttribute('role')).toBe('region')
    expect(shadow().getElementById('sb')!.textContent).toBe('Vi bruker informasjonskapsler')
    expect(document.querySelector('samtykke-ui')!.getAttribute('lang')).toBe('nb')
  })

  it('offers three buttons of equal weight: Godta alle, Avvis alle, Tilpass', () => {
    start()
    expect(buttons().map((b) => b.textContent)).toEqual(['Godta alle', 'Avvis alle', 'Tilpass'])
    expect(new Set(buttons().map((b) => b.className)).size).toBe(1)
    expect(new Set(buttons().map((b) => b.tagName + b.type)).size).toBe(1)
  })

  it('names the purposes and the third parties, links to the privacy policy and says consent can be withdrawn', () => {
    start()
    const text = banner()!.textContent!
    expect(text).toContain('til disse formålene: funksjonelle, statistikk og markedsføring.')
    expect(text).toContain('Tjenester fra tredjeparter: Google Analytics, Meta-piksel og YouTube.')
    expect(text).toContain('trekke tilbake samtykket når som helst')
    expect(text).not.toContain('Samtykke,') // our own necessary cookie is not a third party
    expect(banner()!.querySelector('a')!.getAttribute('href')).toBe('/personvern')
  })

  it('"Avvis alle" records a refusal and the banner goes away', () => {
    const consent = start()
    click('Avvis alle')
    expect(consent.get().record).toMatchObject({
      how: 'none',
      categories: { necessary: true, preferences: false, analytics: false, marketing: false },
    })
    expect(banner()).toBeNull()
  })

  it('"Godta alle" grants every category and the banner goes away', () => {
    const consent = start()
    click('Godta alle')
    expect(consent.get().record).toMatchObject({ how: 'all', categories: { analytics: true, marketing: true } })
    expect(banner()).toBeNull()
  })

  it('"Tilpass" opens the preference centre without recording anything', () => {
    const consent = start()
    click('Tilpass')
    expect(shadow().querySelector('dialog[aria-labelledby=sp]')).not.toBeNull()
    expect(consent.decided).toBe(false)
  })

  it('is not shown when a choice exists, and comes back when the choice is forgotten', () => {
    const consent = start()
    consent.rejectAll()
    expect(banner()).toBeNull()
    consent.reset()
    expect(banner()).not.toBeNull()
  })

  it('can be shown and hidden by the site without recording anything', () => {
    const consent = start()
    consent.acceptAll()
    ui!.show()
    expect(banner()).not.toBeNull()
    ui!.hide()
    expect(banner()).toBeNull()
    expect(consent.get().record!.how).toBe('all')
  })

  it('tells a returning visitor when the policy has changed', () => {
    const jar = memoryJar()
    createConsent(fixture as SamtykkeConfig, { jar, now: () => NOW, gpc: false }).acceptAll()
    ui = mountUI(createConsent({ ...(fixture as SamtykkeConfig), revision: '2' }, { jar, now: () => NOW, gpc: false }))
    expect(banner()!.textContent).toContain('Vi har endret bruken av informasjonskapsler. Se over valget ditt.')
  })

  it('says plainly when Global Privacy Control keeps marketing off on "Godta alle", and only then', () => {
    const consent = start({}, true)
    expect(banner()!.textContent).toContain(
      'Nettleseren din ber om at du ikke spores (Global Privacy Control). ' +
        'Derfor slår vi ikke på markedsføring når du godtar alle, men du kan gjøre det selv.',
    )
    click('Godta alle')
    expect(consent.get().granted).toMatchObject({ analytics: true, marketing: false }) // what the line promises
    ui!.destroy()
    start()
    expect(banner()!.textContent).not.toContain('Global Privacy Control')
  })

  it('is a modal dialog when the site asks for one', () => {
    start({ modal: true })
    const d = shadow().querySelector('dialog')!
    expect(d.open).toBe(true)
    expect(shadow().activeElement).toBe(d) // the dialog, not "Godta alle": Enter must not accept by accident
    expect(d.querySelectorAll('button')).toHaveLength(3)
  })

  it('sits where the site asks', () => {
    start({ position: 'bottom-left' })
    expect(banner()!.classList).toContain('bottom-left')
  })

  it('uses no style attributes (a strict CSP would drop them) and styles its shadow root', () => {
    start()
    expect(shadow().querySelector('[style]')).toBeNull()
    expect(shadow().adoptedStyleSheets.length + shadow().querySelectorAll('style').length).toBe(1)
  })

  it('is removed completely by destroy()', () => {
    start()
    ui!.destroy()
    ui = undefined
    expect(document.querySelector('samtykke-ui')).toBeNull()
    expect(document.documentElement.getAttribute('style') || '').toBe('')
  })
})
