// @vitest-environment happy-dom
/** @jsxImportSource react */
// The browser's first render against the server's HTML: the same markup (no hydration warning, nothing replaced),
// then the store takes over. The store is there before React, as samtykke.js is first in <head>.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, version } from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import {
  consentFromCookie,
  createConsent,
  encodeRecord,
  type Consent as Store,
  type ConsentState,
} from '@samtykke/core'
import { Consent, ConsentProvider, ConsentSettingsButton, type ConsentSource } from '.'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const VIDEO = 'https://www.youtube-nocookie.com/embed/abc'
const cookie = (marketing: boolean) =>
  encodeRecord({
    v: 1,
    id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
    time: Date.now() - 864e5,
    revision: '1',
    how: 'custom',
    gpc: false,
    categories: { necessary: true, preferences: false, analytics: false, marketing },
  })
const App = ({ initial }: { initial?: ConsentState }) => (
  <ConsentProvider initial={initial}>
    <main>
      <Consent category="marketing">
        <iframe src={VIDEO} title="Film" />
      </Consent>
      <ConsentSettingsButton />
    </main>
  </ConsentProvider>
)

let root: Root | undefined
let store: Store | undefined
afterEach(async () => {
  await act(() => root?.unmount())
  store?.destroy()
  delete (window as { samtykke?: unknown }).samtykke
  document.documentElement.lang = ''
})

/**
 * Serves the page as the server would for a visitor with `value` in the cookie (what it passes as `initial` when
 * `withInitial`), then hydrates it in a browser where samtykke.js has read the same cookie. Returns what changed.
 */
async function visit(value: string | undefined, withInitial: boolean) {
  const html = renderToString(<App initial={withInitial ? consentFromCookie({}, value) : undefined} />)
  document.body.innerHTML = `<div id="app">${html}</div>`
  const app = document.getElementById('app')!
  store = createConsent({}, { jar: { read: () => (value ? [value] : []), write() {}, remove() {} }, gpc: false })
  ;(window as { samtykke?: ConsentSource }).samtykke = Object.assign(store, { showPreferences() {} })
  const before = app.querySelector('main')!.firstElementChild
  const errors = vi.spyOn(console, 'error')
  const recoverable = vi.fn()
  const changes: MutationRecord[] = []
  const watch = new MutationObserver((r) => changes.push(...r))
  watch.observe(app, { subtree: true, childList: true, characterData: true, attributes: true })
  await act(async () => {
    root = hydrateRoot(app, <App initial={withInitial ? consentFromCookie({}, value) : undefined} />, {
      onRecoverableError: recoverable,
    })
  })
  changes.push(...watch.takeRecords())
  watch.disconnect()
  const logged = errors.mock.calls.map((c) => String(c[0]))
  errors.mockRestore()
  return { app, before, changes, logged, recoverable }
}

describe(`hydrating with React ${version}`, () => {
  it("a first visit: the server's placeholder is kept as it is, with no warning", async () => {
    const { app, before, changes, logged, recoverable } = await visit(undefined, true)
    expect(logged).toEqual([])
    expect(recoverable).not.toHaveBeenCalled()
    expect(changes).toEqual([])
    expect(app.querySelector('.samtykke-placeholder')).toBe(before)
  })

  it("a returning visitor who allowed the video, `initial` from the cookie: the server's iframe stays", async () => {
    const { app, before, changes, logged, recoverable } = await visit(cookie(true), true)
    expect(logged).toEqual([])
    expect(recoverable).not.toHaveBeenCalled()
    expect(changes).toEqual([])
    expect(app.querySelector('iframe')).toBe(before)
  })

  it("without `initial`: the server's placeholder hydrates quietly, then the store shows the video", async () => {
    const { app, logged, recoverable } = await visit(cookie(true), false)
    expect(logged).toEqual([])
    expect(recoverable).not.toHaveBeenCalled()
    expect(app.querySelector('iframe')?.src).toBe(VIDEO)
    expect(app.querySelector('.samtykke-placeholder')).toBeNull()
  })

  it("a page in English with no lang in the config: hydrates in the server's bokmål, then speaks English", async () => {
    document.documentElement.lang = 'en'
    const { app, logged, recoverable } = await visit(undefined, true)
    expect(logged).toEqual([])
    expect(recoverable).not.toHaveBeenCalled()
    expect(app.querySelector('.samtykke-placeholder')?.getAttribute('lang')).toBe('en')
    expect(app.querySelector('button[data-samtykke-open]')?.textContent).toBe('Cookie settings')
  })
})
