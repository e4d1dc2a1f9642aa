// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsent } from '../../../core/src/store'
import { memoryJar } from '../../../core/src/record/jar'
import type { Consent, SamtykkeConfig } from '@samtykke/core'
import { reopenButton, type ReopenButton } from '..'

let consent: Consent
let reopen: ReopenButton | undefined
const add = (config: SamtykkeConfig = {}, open = vi.fn()) => {
  consent = createConsent(config, { jar: memoryJar(), gpc: false })
  reopen = reopenButton(consent, open)
  return open
}
const button = () => document.querySelector('samtykke-reopen')?.shadowRoot!.querySelector('button')

afterEach(() => {
  reopen?.destroy()
  consent.destroy()
  document.documentElement.lang = ''
})

describe('the floating button', () => {
  it('appears once a choice exists, named "Innstillinger for informasjonskapsler"', () => {
    add()
    expect(button()!.hidden).toBe(true)
    consent.rejectAll()
    expect(button()!.hidden).toBe(false)
    expect(button()!.getAttribute('aria-label')).toBe('Innstillinger for informasjonskapsler')
  })

  it('opens the preference centre when clicked', () => {
    const open = add()
    consent.acceptAll()
    button()!.click()
    expect(open).toHaveBeenCalledOnce()
  })

  it('speaks the page language, and the site can rename it', () => {
    document.documentElement.lang = 'nn'
    add()
    expect(button()!.getAttribute('aria-label')).toBe('Innstillingar for informasjonskapslar')
    reopen!.destroy()
    add({ lang: 'en', texts: { en: { settings: 'Privacy "choices"' } } })
    expect(button()!.getAttribute('aria-label')).toBe('Privacy "choices"')
  })

  it('is not added when the site turns it off', () => {
    add({ floatingButton: false })
    consent.acceptAll()
    expect(button()).toBeUndefined()
  })

  it('is removed by destroy()', () => {
    add()
    reopen!.destroy()
    expect(document.querySelector('samtykke-reopen')).toBeNull()
  })
})
