// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsent } from '../../../core/src/store'
import { memoryJar } from '../../../core/src/record/jar'
import type { Consent, SamtykkeConfig } from '@samtykke/core'
import fixture from '../../test/fixture.json'
import { mountUI, type UI } from '..'

const NOW = Date.UTC(2026, 10, 25, 10, 30)
const env = (jar = memoryJar(), gpc = false) => ({ jar, now: () => NOW, gpc })
let ui: UI
let consent: Consent
const open = (extra: SamtykkeConfig = {}, jar = memoryJar()) => {
  consent = createConsent({ ...(fixture as SamtykkeConfig), ...extra }, env(jar))
  ui = mountUI(consent)
  ui.showPreferences()
  return dialog()!
}
const shadow = () => document.querySelector('samtykke-ui')!.shadowRoot!
const dialog = () => shadow().querySelector<HTMLDialogElement>('dialog[aria-labelledby=sp]')
const switches = () =>
  Object.fromEntries([...dialog()!.querySelectorAll<HTMLInputElement>('[role=switch]')].map((i) => [i.name, i]))
const checked = () => Object.fromEntries(Object.entries(switches()).map(([n, i]) => [n, i.checked]))
const button = (name: string) =>
  [...dialog()!.querySelectorAll('button')].find((b) => b.textContent == name || b.getAttribute('aria-label') == name)!
/** What the browser fires at a modal dialog on Escape (and on other close requests, such as Android's back button). */
const cancel = (d: HTMLDialogElement) => d.dispatchEvent(new Event('cancel', { cancelable: true }))

afterEach(() => {
  ui.destroy()
  consent.destroy()
  document.body.innerHTML = ''
})

describe('the preference centre', () => {
  it('is a named modal dialog', () => {
    // showModal(): the browser exposes it as a modal dialog and makes the page behind inert.
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal')
    const d = open()
    expect(showModal.mock.contexts).toEqual([d])
    showModal.mockRestore()
    expect(shadow().getElementById(d.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Innstillinger for informasjonskapsler',
    )
    expect(d.open).toBe(true)
  })

  it('has a switch per category with Norwegian names; nothing optional is pre-ticked', () => {
    open()
    const s = switches()
    expect(Object.keys(s)).toEqual(['necessary', 'preferences', 'analytics', 'marketing'])
    expect(Object.values(s).map((i) => i.closest('label')!.textContent)).toEqual([
      'Nødvendige',
      'Funksjonelle',
      'Statistikk',
      'Markedsføring',
    ])
    expect(checked()).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false })
    expect(s.necessary.disabled).toBe(true)
    expect(Object.values(s).every((i) => i.type == 'checkbox')).toBe(true)
  })

  it('explains each category, and why the necessary ones need no consent', () => {
    const d = open()
    const describe = (n: string) =>
      shadow().getElementById(switches()[n].getAttribute('aria-describedby')!)!.textContent
    expect(describe('necessary')).toContain('nettstedet ikke virker uten dem')
    expect(describe('analytics')).toContain('hvordan nettstedet brukes')
    expect(d.textContent).toContain('Lagre valg')
  })

  it('lists the services and cookies of a category in an expandable list', () => {
    open()
    const details = switches().analytics.closest('.ct')!.querySelector('details')!
    expect(details.querySelector('summary')!.textContent).toBe('Tjenester og informasjonskapsler (1)')
    const rows = [...details.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((c) => c.textContent),
    )
    expect([...details.querySelectorAll('th')].map((h) => h.textContent)).toEqual([
      'Navn',
      'Tjeneste',
      'Leverandør',
      'Formål',
      'Lagringstid',
    ])
    expect(rows).toEqual([
      ['_ga', 'Google Analytics', 'Google Ireland Ltd.', 'Skiller besøkende fra hverandre', '2 år'],
      ['_ga_*', 'Google Analytics', 'Google Ireland Ltd.', 'Holder rede på økten', '2 år'],
    ])
    expect(details.querySelector('a')!.href).toBe('https://policies.google.com/privacy')
  })

  it('"Lagre valg" records exactly the switches that are on, as a custom choice', () => {
    open()
    switches().analytics.click()
    button('Lagre valg').click()
    expect(consent.get().record).toMatchObject({
      how: 'custom',
      categories: { necessary: true, preferences: false, analytics: true, marketing: false },
    })
    expect(dialog()).toBeNull()
  })

  it('"Lagre valg" without touching anything records a refusal, not a consent', () => {
    open()
    button('Lagre valg').click()
    expect(consent.get().record!.categories).toEqual({
      necessary: true,
      preferences: false,
      analytics: false,
      marketing: false,
    })
  })

  it('"Godta alle" and "Avvis alle" work here too', () => {
    open()
    button('Godta alle').click()
    expect(consent.get().record!.how).toBe('all')
    ui.showPreferences()
    button('Avvis alle').click()
    expect(consent.get().record).toMatchObject({ how: 'none', categories: { marketing: false } })
  })

  it('starts from the current choice', () => {
    const jar = memoryJar()
    createConsent(fixture as SamtykkeConfig, env(jar)).set({ marketing: true }, 'custom')
    open({}, jar)
    expect(checked()).toEqual({ necessary: true, preferences: false, analytics: false, marketing: true })
  })

  it('starts from the earlier choice when the visitor is asked again', () => {
    const jar = memoryJar()
    createConsent(fixture as SamtykkeConfig, env(jar)).set({ analytics: true }, 'custom')
    open({ revision: '2' }, jar)
    expect(consent.decided).toBe(false)
    expect(checked()).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false })
  })

  it('keeps the switches the visitor has set when the choice changes elsewhere (another tab, the API)', () => {
    open()
    switches().analytics.click()
    consent.set({ marketing: true }) // from elsewhere, while the dialog is open
    ui.show() // any redraw at all
    expect(checked()).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false })
    button('Lagre valg').click()
    expect(consent.get().record!.categories).toEqual({
      necessary: true,
      preferences: false,
      analytics: true,
      marketing: false,
    })
  })

  it('starts again from the choice in effect each time it opens', () => {
    open()
    switches().analytics.click()
    button('Lukk').click()
    consent.set({ marketing: true })
    ui.showPreferences()
    expect(checked()).toEqual({ necessary: true, preferences: false, analytics: false, marketing: true })
  })

  it('says when Global Privacy Control keeps marketing off on "Godta alle"', () => {
    consent = createConsent(fixture as SamtykkeConfig, env(memoryJar(), true))
    ui = mountUI(consent)
    ui.showPreferences()
    expect(dialog()!.textContent).toContain(
      'Nettleseren din ber om at du ikke spores (Global Privacy Control). ' +
        'Derfor slår vi ikke på markedsføring når du godtar alle, men du kan gjøre det selv.',
    )
    ui.destroy()
    consent.destroy()
    expect(open().textContent).not.toContain('Global Privacy Control')
  })

  it('Escape closes it without recording anything, and focus returns where it was', async () => {
    document.body.innerHTML = '<button id=opener>Innstillinger</button>'
    consent = createConsent(fixture as SamtykkeConfig, env())
    ui = mountUI(consent)
    const opener = document.getElementById('opener')!
    opener.focus()
    ui.showPreferences()
    expect(shadow().activeElement).toBe(dialog())
    switches().marketing.click()
    cancel(dialog()!)
    expect(dialog()).toBeNull()
    expect(consent.decided).toBe(false)
    await new Promise((r) => setTimeout(r)) // focus moves once every subscriber has seen the change
    expect(document.activeElement).toBe(opener)
  })

  it('the close button closes it without recording anything', () => {
    open()
    button('Lukk').click()
    expect(dialog()).toBeNull()
    expect(consent.get().record).toBeNull()
  })

  it('shows the consent ID and the date of the current choice', () => {
    open()
    button('Avvis alle').click()
    ui.showPreferences()
    const { id } = consent.get().record!
    // The time of day depends on the machine's time zone; the format does not.
    expect(dialog()!.textContent).toMatch(
      new RegExp(`Valget ditt ble lagret 25\\. november 2026 kl\\. \\d\\d:30\\. Samtykke-ID: ${id}`),
    )
  })

  it("states the visitor's rights, the controller and where to complain", () => {
    const text = open().textContent!
    for (const right of [
      'innsyn',
      'retting',
      'sletting',
      'begrensning',
      'protestere',
      'dataportabilitet',
      'trekke tilbake samtykket',
      'klage til Datatilsynet',
    ])
      expect(text).toContain(right)
    expect(text).toContain(
      'Behandlingsansvarlig: Innfram AS, Storgata 1, 0155 Oslo, Org.nr. 912 345 678, ' +
        'personvern@innfram.test, +47 22 00 00 00',
    )
    expect(dialog()!.querySelector('a[href="mailto:personvern@innfram.test"]')).not.toBeNull()
  })

  it('opens from any element marked data-samtykke-open', () => {
    document.body.innerHTML = '<footer><a href="#" data-samtykke-open><span>Informasjonskapsler</span></a></footer>'
    consent = createConsent(fixture as SamtykkeConfig, env())
    ui = mountUI(consent)
    consent.acceptAll()
    document.querySelector('span')!.click()
    expect(dialog()).not.toBeNull()
  })
})
