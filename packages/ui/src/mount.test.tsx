// @vitest-environment happy-dom
// Where focus goes when the element that had it disappears with the banner or the preference centre.
import { afterEach, describe, expect, it } from 'vitest'
import { createConsent } from '../../core/src/store'
import { memoryJar } from '../../core/src/record/jar'
import type { Consent, SamtykkeConfig } from '@samtykke/core'
import fixture from '../test/fixture.json'
import { mountUI, reopenButton, type ReopenButton, type UI } from '.'

let ui: UI
let consent: Consent
let floating: ReopenButton | undefined
/** A page with a link, a <main> and optionally the floating button, as the drop-in puts it. */
const start = ({ reopen = true, main = true } = {}) => {
  const page = main ? '<main><h1>Side</h1></main>' : '<div>Side</div>'
  document.body.innerHTML = `<p><a href="/om" id="om">Om oss</a></p>${page}`
  consent = createConsent(fixture as SamtykkeConfig, { jar: memoryJar(), gpc: false })
  if (reopen) floating = reopenButton(consent, () => ui.showPreferences())
  ui = mountUI(consent)
}
const shadow = () => document.querySelector('samtykke-ui')!.shadowRoot!
const within = (selector: string, name: string) =>
  [...shadow().querySelectorAll<HTMLButtonElement>(selector + ' button')].find((b) => b.textContent == name)!
const reopen = () => document.querySelector('samtykke-reopen')!.shadowRoot!.querySelector('button')!
/** The focused element, looking into shadow roots. */
const focused = () => {
  let el = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el
}
/** Focus moves once the change is done (a microtask later, so every subscriber has seen it). */
const settle = () => new Promise((r) => setTimeout(r))
/** As a keyboard user does it: focus the button, then activate it. */
const press = (b: HTMLButtonElement) => (b.focus(), b.click())

afterEach(() => {
  floating?.destroy()
  floating = undefined
  ui.destroy()
  consent.destroy()
  document.body.innerHTML = ''
})

describe('focus after a decision', () => {
  it('"Godta alle" in the banner: focus goes to the floating button, not to <body>', async () => {
    start()
    press(within('[role=region]', 'Godta alle'))
    await settle()
    expect(focused()).toBe(reopen())
  })

  it('"Lagre valg" in a preference centre opened from "Tilpass": to the floating button', async () => {
    start()
    press(within('[role=region]', 'Tilpass'))
    press(within('dialog', 'Lagre valg'))
    await settle()
    expect(consent.decided).toBe(true)
    expect(focused()).toBe(reopen())
  })

  it('without a floating button: back to the element that had focus before the banner took it', async () => {
    start({ reopen: false })
    document.getElementById('om')!.focus()
    press(within('[role=region]', 'Tilpass'))
    press(within('dialog', 'Avvis alle'))
    await settle()
    expect(focused()).toBe(document.getElementById('om'))
  })

  it('with nowhere to go back to: the start of <main>, which gives its tabindex back when left', async () => {
    start({ reopen: false })
    press(within('[role=region]', 'Avvis alle'))
    await settle()
    const main = document.querySelector('main')!
    expect(focused()).toBe(main)
    document.getElementById('om')!.focus()
    expect(main.hasAttribute('tabindex')).toBe(false)
  })

  it('with no <main> either: <body> itself, never a removed element', async () => {
    start({ reopen: false, main: false })
    press(within('[role=region]', 'Avvis alle'))
    await settle()
    expect(focused()).toBe(document.body)
  })

  it('an opener that is still there gets focus back (Escape from "Tilpass" returns to "Tilpass")', async () => {
    start()
    const customize = within('[role=region]', 'Tilpass')
    press(customize)
    shadow()
      .querySelector('dialog')!
      .dispatchEvent(new Event('cancel', { cancelable: true })) // what Escape fires
    await settle()
    expect(focused()).toBe(customize)
  })

  it('does not take focus from where the site or the visitor put it', async () => {
    start()
    const om = document.getElementById('om')!
    om.focus()
    consent.acceptAll() // from the API, say a site's own button; the banner goes, focus was never in it
    await settle()
    expect(focused()).toBe(om)
  })
})
