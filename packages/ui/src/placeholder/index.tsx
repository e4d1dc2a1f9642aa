// Contextual consent for held embeds: an iframe the blocker left as `data-src` gets a placeholder of the same size
// that says what it needs and lets the visitor allow it there. It goes away once the category is granted.
/** @jsxRuntime classic */
/** @jsx h */
import { h, render } from 'preact'
import type { Consent } from '@samtykke/core'
import { fmt, type I18n } from '../i18n'
import { adopt } from '../styles'

export function Placeholder(
  host: string,
  category: string,
  { t, label, low }: I18n,
  onAllow: () => void,
  onOpen: () => void,
) {
  const name = label(category)
  return (
    <div class="ph">
      <p>{fmt(t.blocked, { host, category: name })}</p>
      <div class="bs">
        <button class="b" onClick={onAllow}>
          {fmt(t.allow, { category: low(name) })}
        </button>
        <button class="b" onClick={onOpen}>
          {t.settings}
        </button>
      </div>
    </div>
  )
}

// The size the iframe takes now (borders included), so nothing moves when one replaces the other; a relative
// size (width="100%") stays relative; the attribute when the page is not laid out.
const px = (v: string | null, measured: number) => (v && !+v ? v : measured ? measured + 'px' : v ? v + 'px' : '')

/**
 * Keeps a placeholder before every held iframe: returns `scan` (call it when the page changes; it also runs on
 * every consent change) and a function that removes them all.
 */
export function placeholders(consent: Consent, i18n: I18n, open: () => void) {
  const held = new Map<HTMLIFrameElement, [Element, string]>()
  const release = (f: HTMLIFrameElement) => {
    const [el, display] = held.get(f)!
    render(null, el.shadowRoot!)
    el.remove()
    f.style.display = display
    held.delete(f)
  }
  const scan = () => {
    document.querySelectorAll<HTMLIFrameElement>('iframe[data-category][data-src]').forEach((f) => {
      const category = f.dataset.category!
      if (held.has(f) || consent.has(category)) return
      const el = document.createElement('samtykke-placeholder')
      el.lang = i18n.lang
      const box = f.getBoundingClientRect()
      el.style.width = px(f.getAttribute('width'), box.width)
      el.style.height = px(f.getAttribute('height'), box.height)
      el.style.maxWidth = '100%'
      const root = el.attachShadow({ mode: 'open' })
      let host = ''
      try {
        host = new URL(f.dataset.src!, location.href).hostname.replace(/^www\./, '')
      } catch {}
      render(
        Placeholder(host, category, i18n, () => consent.set({ [category]: true }, 'custom'), open),
        root,
      )
      // After the first render: Preact would remove a fallback <style> it finds in an empty container.
      adopt(root, consent.config.nonce)
      held.set(f, [el, f.style.display])
      f.style.display = 'none'
      f.before(el)
    })
    held.forEach((_, f) => (!f.isConnected || consent.has(f.dataset.category!)) && release(f))
  }
  const stop = consent.subscribe(scan)
  return [
    scan,
    () => {
      stop()
      held.forEach((_, f) => release(f))
    },
  ] as const
}
