// Puts the UI on the page: one shadow host first in <body> for the banner and the preference centre,
// placeholders over held embeds, declarations, and `data-samtykke-open` links. Consent lives in the store only.
/** @jsxRuntime classic */
/** @jsx h */
import { h, render } from 'preact'
import type { Choices, Consent, ConsentState } from '@samtykke/core'
import { i18n } from './i18n'
import { adopt } from './styles'
import { Banner } from './banner'
import { Preferences } from './preferences'
import { Declaration } from './declaration'
import { placeholders } from './placeholder'

export interface UI {
  /** Show the banner (also after a decision). */
  show(): void
  /** Open the preference centre. */
  showPreferences(): void
  /** Hide the banner and the preference centre. Records nothing. */
  hide(): void
  /** Remove everything the UI added to the page. */
  destroy(): void
}

export interface MountOptions {
  /** Where the UI's host element goes (first child). Default `document.body`. */
  root?: Element
}

/** The element that has focus, looking into shadow roots. */
const focused = () => {
  let el = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el as HTMLElement | null
}

export function mountUI(consent: Consent, options: MountOptions = {}): UI {
  const d = document
  const { config } = consent
  const text = i18n(config)
  const host = d.createElement('samtykke-ui')
  // The language of everything in the shadow root, the top-layer dialogs included (WCAG 3.1.2).
  host.lang = text.lang
  const root = host.attachShadow({ mode: 'open' })
  let banner = false
  let prefs = false
  let decided: boolean | undefined
  let opener: HTMLElement | null = null
  let state: ConsentState
  let start: Choices
  // Where focus was before it came into the UI (null: nowhere), for when what has it there goes away.
  let last: HTMLElement | null = null
  // Seen from the host, relatedTarget is where focus comes in from. (Moves inside the shadow root do not reach the
  // host in browsers; happy-dom sends them, hence the check.)
  host.addEventListener(
    'focusin',
    (e) => root.contains(e.relatedTarget as Node) || (last = e.relatedTarget as HTMLElement | null),
  )

  const draw = () => {
    const had = root.activeElement
    render(
      [
        banner && Banner(config, state, text, consent.acceptAll, consent.rejectAll, showPreferences, hide),
        prefs &&
          Preferences(
            config,
            state,
            start,
            text,
            (choices) => done(() => consent.set(choices, 'custom')),
            () => done(consent.acceptAll),
            () => done(consent.rejectAll),
            closePreferences,
          ),
      ],
      root,
    )
    pad()
    // What had focus is gone with what was drawn: put it somewhere once every subscriber (the floating button
    // among them) has seen the change that removed it. Also when the preference centre closes with focus outside
    // it (Escape after Tab went past its end, to the browser's controls or, in an app's web view, to nowhere).
    if (had ? !had.isConnected : !prefs && opener) setTimeout(refocus)
  }
  // Never leave a keyboard or screen reader user at the top of an empty <body>: the opener if it is still there,
  // else the floating button, else where they were before the UI took focus, else the start of the content.
  const refocus = (main = d.querySelector('main') || d.body) => {
    // The floating button is the first child of its shadow root (reopen/), hidden until a choice exists.
    const floating = d.querySelector('samtykke-reopen')?.shadowRoot?.firstChild as HTMLElement | undefined
    for (const el of [opener, floating, last, main]) {
      const now = focused()
      if (now && now != d.body && now.isConnected) break // the site, or a subscriber, has put it somewhere
      if (el == main && !main.hasAttribute('tabindex')) {
        // Focusable for now only: a tabindex left on <main> would show a focus ring on every click in it.
        main.tabIndex = -1
        main.addEventListener('blur', () => main.removeAttribute('tabindex'), { once: true })
      }
      el?.focus()
    }
    opener = null
  }
  // WCAG 2.4.11: while a banner is fixed at the bottom, the page gets room below its end and scrolls what gets
  // focus clear of the banner, so nothing on the page is left hidden behind it (whatever the banner's height).
  // The height is read when the browser lays the page out anyway: a ResizeObserver (`measured`) reports each element
  // it starts to observe before the next paint. Read at mount, it would lay out the whole page there and then.
  const pad = (measured?: unknown) => {
    const bar = root.querySelector<HTMLElement>('.bn:not(.center)')
    const style = d.documentElement.style
    if (bar && !measured) resized.observe(bar)
    else style.scrollPaddingBottom = style.paddingBottom = bar ? bar.offsetHeight + 'px' : ''
  }
  const resized = new ResizeObserver(pad)
  const done = (decide: () => void) => {
    decide()
    closePreferences()
  }
  function showPreferences() {
    if (prefs) return
    opener = focused()
    // The current choice; when asked again, the earlier one; else nothing on.
    start = (state.decided ? state.granted : state.previous) || {}
    prefs = true
    draw()
  }
  function closePreferences() {
    if (!prefs) return
    prefs = false
    // Close it before Preact removes it: removing an open modal dialog left the page inert for a moment in
    // Chromium, so the opener sometimes refused focus (1 run in 2 of the keyboard test).
    root.querySelector('dialog')?.close()
    draw()
  }
  function hide() {
    banner = false
    closePreferences()
    draw()
  }

  // In the page before the first render: a modal dialog can only open when connected.
  ;(options.root || d.body).prepend(host)
  const stop = consent.subscribe((s) => {
    state = s
    // A decision hides the banner; losing it (reset, new revision in another tab) brings it back.
    if (s.decided !== decided) banner = !(decided = s.decided)
    draw()
  })
  // After the first render: Preact would remove a fallback <style> it finds in an empty container.
  adopt(root, config.nonce)

  const filled = new WeakSet<Element>()
  const declarations = () =>
    d.querySelectorAll<HTMLElement>('[data-samtykke-declaration]').forEach((el) => {
      if (filled.has(el)) return
      filled.add(el)
      el.lang ||= text.lang
      el.textContent = '' // a fallback the site put there ("see our privacy policy")
      render(Declaration(config, text), el)
    })
  const [scan, unplace] = placeholders(consent, text, showPreferences)
  declarations()
  // Embeds and declarations added later (single-page apps, consent-gated widgets).
  const observer = new MutationObserver(() => (declarations(), scan()))
  observer.observe(d.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-src', 'data-category'],
  })

  const onClick = (e: Event) => {
    if ((e.target as Element).closest?.('[data-samtykke-open]')) {
      e.preventDefault()
      showPreferences()
    }
  }
  d.addEventListener('click', onClick)

  return {
    show() {
      banner = true
      draw()
    },
    showPreferences,
    hide,
    destroy() {
      stop()
      resized.disconnect()
      unplace()
      observer.disconnect()
      d.removeEventListener('click', onClick)
      render(null, root)
      pad() // gives the page its room back
      host.remove()
    },
  }
}
