// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createConsent } from '../../../core/src/store'
import { memoryJar } from '../../../core/src/record/jar'
import type { Consent, SamtykkeConfig } from '@samtykke/core'
import fixture from '../../test/fixture.json'
import { mountUI, type UI } from '..'

let ui: UI
let consent: Consent
const VIDEO =
  '<iframe title="Film om Innfram" width="560" height="315" data-category="marketing" ' +
  'data-src="https://www.youtube-nocookie.com/embed/abc"></iframe>'
const mount = (body: string, jar = memoryJar()) => {
  document.body.innerHTML = `<main>${body}</main>`
  consent = createConsent(fixture as SamtykkeConfig, { jar, gpc: false })
  ui = mountUI(consent)
}
const placeholders = () => [...document.querySelectorAll<HTMLElement>('samtykke-placeholder')]
const buttons = (p: HTMLElement) => [...p.shadowRoot!.querySelectorAll('button')]
const tick = () => new Promise((r) => setTimeout(r))

// happy-dom logs "Iframe page loading is disabled" for each iframe without src: expected, and harmless.
afterEach(() => {
  ui.destroy()
  consent.destroy()
  document.body.innerHTML = ''
})

describe('a held embed', () => {
  it('gets a placeholder of the same size that says what it needs, and the iframe stays hidden', () => {
    mount(VIDEO)
    const [p] = placeholders()
    const iframe = document.querySelector('iframe')!
    expect(p.nextElementSibling).toBe(iframe)
    expect([p.style.width, p.style.height]).toEqual(['560px', '315px'])
    expect(iframe.style.display).toBe('none')
    expect(p.shadowRoot!.textContent).toContain(
      'Innholdet fra youtube-nocookie.com lastes bare hvis du godtar informasjonskapsler for «Markedsføring».',
    )
    expect(buttons(p).map((b) => b.textContent)).toEqual([
      'Tillat markedsføring',
      'Innstillinger for informasjonskapsler',
    ])
    expect(p.lang).toBe('nb')
  })

  it('"Tillat markedsføring" grants that category only, and the placeholder goes away', () => {
    mount(VIDEO)
    buttons(placeholders()[0])[0].click()
    expect(consent.get().record).toMatchObject({ how: 'custom', categories: { marketing: true, analytics: false } })
    expect(placeholders()).toHaveLength(0)
    expect(document.querySelector('iframe')!.style.display).toBe('')
  })

  it('goes away when the category is granted anywhere (banner, API, another tab)', () => {
    mount(VIDEO)
    consent.acceptAll()
    expect(placeholders()).toHaveLength(0)
  })

  it('offers the preference centre', () => {
    mount(VIDEO)
    buttons(placeholders()[0])[1].click()
    expect(document.querySelector('samtykke-ui')!.shadowRoot!.querySelector('dialog')).not.toBeNull()
    expect(consent.decided).toBe(false)
  })

  it('is left alone when its category is already granted', () => {
    const jar = memoryJar()
    createConsent(fixture as SamtykkeConfig, { jar, gpc: false }).set({ marketing: true }, 'custom')
    mount(VIDEO, jar)
    expect(placeholders()).toHaveLength(0)
    expect(document.querySelector('iframe')!.style.display).toBe('')
  })

  it('names the category of each embed and keeps an inline display the site set', () => {
    mount(
      '<iframe data-category="analytics" data-src="/dashboard" ' +
        'style="display:block" width="100%" height="400"></iframe>',
    )
    const [p] = placeholders()
    expect(p.style.width).toBe('100%')
    expect(p.shadowRoot!.textContent).toContain('«Statistikk»')
    consent.set({ analytics: true }, 'custom')
    expect(document.querySelector('iframe')!.style.display).toBe('block')
  })

  it('an embed added to the page later gets one too, and one removed loses it', async () => {
    mount('')
    document.querySelector('main')!.insertAdjacentHTML('beforeend', VIDEO)
    await tick()
    expect(placeholders()).toHaveLength(1)
    document.querySelector('iframe')!.remove()
    await tick()
    expect(placeholders()).toHaveLength(0)
  })

  it('destroy() puts the page back as it was', () => {
    mount(VIDEO)
    ui.destroy()
    expect(placeholders()).toHaveLength(0)
    expect(document.querySelector('iframe')!.style.display).toBe('')
    ui = mountUI(consent)
  })
})
