// @vitest-environment happy-dom
/** @jsxImportSource react */
// The components in a browser-like page, with the store from createConsent or the drop-in's window.samtykke.
// Runs with React 19 (project unit) and React 18 (project react18, vitest.config.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StrictMode, act, useEffect, version, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { createConsent, type Consent as Store, type SamtykkeConfig } from '@samtykke/core'
import { mountUI, type UI } from '@samtykke/ui'
import { Consent, ConsentProvider, ConsentSettingsButton, useConsent, type ConsentSource } from '.'
import type { SamtykkeGlobal } from '../../samtykke/src/types'

// Both stores fit `<ConsentProvider consent>` (checked by the type-check): the drop-in's and createConsent's.
export const fits: ConsentSource[] = [] as (SamtykkeGlobal | Store)[]

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** A jar shared by the stores of one test: two stores on it are two tabs of one site. */
const jar = () => {
  const values: Record<string, string[]> = {}
  return {
    read: (n: string) => values[n] ?? [],
    write: (n: string, v: string) => void (values[n] = [v]),
    remove: (n: string) => void delete values[n],
  }
}
const VIDEO = 'https://www.youtube-nocookie.com/embed/abc'
const config: SamtykkeConfig = { lang: 'nb' }

let root: Root
let stores: Store[] = []
const store = (j = jar(), c = config) => {
  const s = createConsent(c, { jar: j, gpc: false })
  stores.push(s)
  return s
}
const render = (ui: ReactNode) => act(() => root.render(ui))
const text = () => document.body.textContent
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent == name)!
const click = (name: string) => act(() => button(name).click())

let errors: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  document.body.innerHTML = '<div id="app"></div>'
  document.documentElement.lang = 'nb'
  root = createRoot(document.getElementById('app')!)
  errors = vi.spyOn(console, 'error')
})
afterEach(async () => {
  await act(() => root.unmount())
  for (const s of stores) s.destroy()
  stores = []
  delete (window as { samtykke?: unknown }).samtykke
  errors.mockRestore()
})

const Granted = () => (
  <p>
    granted:{' '}
    {Object.keys(useConsent().granted)
      .filter((c) => useConsent().granted[c])
      .join(',')}
  </p>
)

describe(`with React ${version}`, () => {
  it('useConsent() follows the store: a decision re-renders', async () => {
    const s = store()
    await render(
      <ConsentProvider consent={s}>
        <Granted />
      </ConsentProvider>,
    )
    expect(text()).toBe('granted: necessary')
    await act(() => s.set({ analytics: true }))
    expect(text()).toBe('granted: necessary,analytics')
  })

  it('a choice made in another tab re-renders the component', async () => {
    const shared = jar()
    const here = store(shared)
    const there = store(shared)
    await render(
      <ConsentProvider consent={here}>
        <Consent category="marketing">
          <iframe src={VIDEO} title="Film" />
        </Consent>
      </ConsentProvider>,
    )
    expect(document.querySelector('iframe')).toBeNull()
    // The other tab's store tells this one through a BroadcastChannel, opened a task after start-up.
    await act(() => new Promise((r) => setTimeout(r)))
    await act(
      () =>
        new Promise<void>((done) => {
          const off = here.$state.listen(() => (off(), done()))
          there.acceptAll()
        }),
    )
    expect(document.querySelector('iframe')?.src).toBe(VIDEO)
    expect(text()).not.toContain('Tillat')
  })

  it('StrictMode: its double effects leave one subscription to the one store, and none once unmounted', async () => {
    const s = store()
    const listeners = () => (s.$state as unknown as { lc: number }).lc
    await render(
      <StrictMode>
        <ConsentProvider consent={s}>
          <Consent category="analytics">
            <p>stats</p>
          </Consent>
        </ConsentProvider>
      </StrictMode>,
    )
    expect(listeners()).toBe(1)
    await act(() => s.acceptAll())
    expect(text()).toBe('stats')
    await act(() => root.unmount())
    expect(listeners()).toBe(0)
    root = createRoot(document.getElementById('app')!)
  })

  it('StrictMode with the npm packages as in the README: one store, one banner, the placeholder opens it', async () => {
    const s = store()
    let ui: UI | undefined
    function Site({ children }: { children: ReactNode }) {
      useEffect(() => {
        ui = mountUI(s)
        return () => ui!.destroy()
      }, [])
      return (
        <ConsentProvider consent={s} showPreferences={() => ui!.showPreferences()}>
          {children}
        </ConsentProvider>
      )
    }
    await render(
      <StrictMode>
        <Site>
          <Consent category="marketing">
            <p>video</p>
          </Consent>
        </Site>
      </StrictMode>,
    )
    expect(document.querySelectorAll('samtykke-ui')).toHaveLength(1)
    const dialogs = () => document.querySelector('samtykke-ui')!.shadowRoot!.querySelectorAll('dialog').length
    expect(dialogs()).toBe(0)
    await click('Innstillinger for informasjonskapsler')
    expect(dialogs()).toBe(1)
  })

  describe('<Consent>', () => {
    it('shows a placeholder that asks for exactly its category, and its children once that is allowed', async () => {
      const s = store()
      const open = vi.fn()
      await render(
        <ConsentProvider consent={s} showPreferences={open}>
          <Consent category="marketing">
            <iframe src={VIDEO} title="Film" />
          </Consent>
        </ConsentProvider>,
      )
      expect(document.querySelector('.samtykke-placeholder')?.getAttribute('lang')).toBe('nb')
      expect(document.querySelector('.samtykke-placeholder p')?.textContent).toBe(
        'Innholdet fra youtube-nocookie.com lastes bare hvis du godtar informasjonskapsler for «Markedsføring».',
      )
      await click('Innstillinger for informasjonskapsler')
      expect(open).toHaveBeenCalledTimes(1)
      await click('Tillat markedsføring')
      expect(s.get().granted).toEqual({ necessary: true, preferences: false, analytics: false, marketing: true })
      expect(s.get().record?.how).toBe('custom')
      expect(document.querySelector('iframe')?.src).toBe(VIDEO)
      expect(document.querySelector('.samtykke-placeholder')).toBeNull()
    })

    it('without an embed to name, says "this content"; a fallback of the site\'s own replaces it', async () => {
      await render(
        <ConsentProvider consent={store(jar(), { lang: 'nn', categories: { analytics: { label: { nn: 'Måling' } } } })}>
          <Consent category="analytics">
            <p>stats</p>
          </Consent>
          <Consent category="marketing" fallback={<p>no ads</p>}>
            <p>ads</p>
          </Consent>
        </ConsentProvider>,
      )
      expect(document.querySelector('.samtykke-placeholder p')?.textContent).toBe(
        'Dette innhaldet vert berre lasta om du godtek informasjonskapslar for «Måling».',
      )
      expect(button('Tillat måling')).toBeTruthy()
      expect(text()).toContain('no ads')
      expect(text()).not.toContain('stats')
    })

    it('with no samtykke on the page: renders the fallback and says in one console error what is missing', async () => {
      errors.mockImplementation(() => {})
      await render(
        <>
          <Consent category="analytics">
            <p>stats</p>
          </Consent>
          <Consent category="marketing" fallback={<p>no video</p>}>
            <p>video</p>
          </Consent>
          <ConsentSettingsButton />
        </>,
      )
      expect(document.querySelectorAll('.samtykke-placeholder')).toHaveLength(1)
      expect(text()).toContain('no video')
      expect(text()).not.toMatch(/stats|video$/)
      await click('Tillat statistikk')
      expect(text()).not.toContain('stats')
      expect(errors).toHaveBeenCalledTimes(1)
      expect(errors.mock.calls[0][0]).toMatch(
        /^samtykke: .*found no consent store.*put <script src="\/samtykke\/samtykke.js"> first in <head> \(window.samtykke is not defined\), or wrap the app in <ConsentProvider consent=\{createConsent\(config\)\}>/,
      )
    })
  })

  describe('with the drop-in: window.samtykke, no provider needed', () => {
    // What samtykke.js puts on window: the store, with the preference centre's door.
    const dropIn = () =>
      Object.assign(store(jar(), {}), { showPreferences: vi.fn() }) as Store &
        ConsentSource & { showPreferences: ReturnType<typeof vi.fn> }

    it('<Consent> and useConsent() read it and follow it', async () => {
      const s = ((window as { samtykke?: ConsentSource }).samtykke = dropIn())
      await render(
        <>
          <Granted />
          <Consent category="analytics">
            <p>stats</p>
          </Consent>
        </>,
      )
      expect(text()).toContain('granted: necessary')
      await click('Tillat statistikk')
      expect(text()).toBe('granted: necessary,analyticsstats')
      expect(s.has('analytics')).toBe(true)
      expect(errors).not.toHaveBeenCalled()
    })

    it("<ConsentSettingsButton> opens the preferences in the page's language, with data-samtykke-open", async () => {
      // The page's language is in its HTML before the drop-in runs (which resolves its config's language once).
      document.documentElement.lang = 'en'
      const s = ((window as { samtykke?: ConsentSource }).samtykke = dropIn())
      await render(<ConsentSettingsButton className="footer-link" />)
      const b = button('Cookie settings')
      expect(b.hasAttribute('data-samtykke-open')).toBe(true)
      expect(b.className).toBe('footer-link')
      await click('Cookie settings')
      expect(s.showPreferences).toHaveBeenCalledTimes(1)
    })

    it('<ConsentSettingsButton>: a click the drop-in already answered (preventDefault) opens it once', async () => {
      const s = ((window as { samtykke?: ConsentSource }).samtykke = dropIn())
      // The drop-in's own listener, on document, before React's.
      const early = (e: Event) =>
        (e.target as Element).closest('[data-samtykke-open]') && (e.preventDefault(), s.showPreferences())
      document.addEventListener('click', early, true)
      await render(<ConsentSettingsButton>Endre valg</ConsentSettingsButton>)
      await click('Endre valg')
      document.removeEventListener('click', early, true)
      expect(s.showPreferences).toHaveBeenCalledTimes(1)
    })
  })
})
