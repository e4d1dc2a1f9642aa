// samtykke.js — the drop-in. Include it synchronously, first in <head>. It blocks trackers and sets the
// Consent Mode defaults at once, exposes window.samtykke, and fetches the rest (samtykke-ui.<lang>.js, beside it:
// the UI and the write half of the store) only when it is needed: a first visit, a held embed, a declaration,
// or a change of choice. A returning visitor's page downloads this file and nothing else (docs/adr/0004).
import type { Choices, Consent, ConsentView, How, ResolvedConfig, SamtykkeConfig } from '../../core/src/index'
// Module by module, not the package index: the index also brings the write half, js-cookie with it.
import { validConfig, withDefaults } from '../../core/src/config'
import { readConsent, type Core } from '../../core/src/store/read'
import { blockTrackers } from '../../core/src/blocker'
import { consentMode } from '../../core/src/signals'
import { WAITING } from '../../core/src/sync/outbox'
import { PREFIX, badConfigJson, error, includedTwice, uiFailed, warn } from '../../core/src/errors'
import { placeholder } from './messages'
import type { reopenButton } from '../../ui/src/reopen'
import type { SamtykkeGlobal } from './types'
import { LANGS } from '../../core/src/config/lang'

/**
 * The head's config failed its quick check: samtykke-messages.js runs the full one for the message (messages-text.ts).
 */
const checkedConfig = placeholder('checkedConfig')

interface UI {
  show(): void
  showPreferences(): void
}
/** What the lazy chunk hands over (ui.ts). */
export interface Chunk {
  addWriter(view: ConsentView, core: Core): Consent
  mountUI(consent: Consent): UI
}
type W = Omit<Window, 'samtykke'> & {
  samtykke?: SamtykkeGlobal
  samtykkeUI?: Chunk
  samtykkeReopen?: typeof reopenButton
}

const w = window as W
const d = document

if (w.samtykke) warn(includedTwice())
else start(d.currentScript as HTMLScriptElement | null)

/** The config: the JSON block, then the script tag's data-* attributes on top. */
function readConfig(script: HTMLScriptElement | null): unknown {
  let config: Record<string, any> = {}
  const block = d.getElementById('samtykke-config')
  if (block) {
    try {
      config = JSON.parse(block.textContent || '{}')
    } catch (e) {
      error(badConfigJson((e as Error).message))
      return {}
    }
  }
  // Not an object (`null`, a list): let validation name it rather than fail on it here.
  if (typeof config != 'object' || !config || Array.isArray(config)) return config
  const data = script?.dataset ?? {}
  for (const key of ['revision', 'lang', 'privacyPolicyUrl', 'receiptUrl'])
    if (data[key] != null) config[key] = data[key]
  for (const key of ['modal', 'floatingButton', 'autoBlock']) if (data[key] != null) config[key] = data[key] != 'false'
  if (data.cookieDomain) config.cookie = { ...config.cookie, domain: data.cookieDomain }
  // Scripts and styles samtykke adds carry the page's nonce, so a strict CSP needs no exception.
  config.nonce ??= script?.nonce || undefined
  return config
}

function start(script: HTMLScriptElement | null) {
  const input = readConfig(script)
  const ok = validConfig(input)
  // Invalid: the safest behaviour is the defaults, so every known tracker stays blocked and the visitor is asked.
  if (!ok) error(checkedConfig(input))
  const config: ResolvedConfig = withDefaults(ok ? (input as SamtykkeConfig) : {})
  const [view, core] = readConsent(config)
  consentMode(view)
  blockTrackers(view)

  const base = script?.src || location.href
  // A chunk in the visitor's language: the UI's, the floating button's. A language the site adds through texts gets
  // the `own` ones: English under the site's texts.
  const chunk = (name: string) =>
    `samtykke-${name}.${(LANGS as readonly string[]).includes(config.lang) ? config.lang : 'own'}.js`
  /** Runs `f` once the page is parsed. */
  const parsed = (f: () => void) => (d.readyState == 'loading' ? d.addEventListener('DOMContentLoaded', f) : f())
  /** Adds a chunk that lives beside this file; the page's nonce goes with it. */
  const load = (name: string, onload?: () => void, onerror?: (e: Error) => void) => {
    const s = d.createElement('script')
    s.src = new URL(name, base).href
    s.async = true
    s.nonce = config.nonce || ''
    s.onload = onload!
    s.onerror = () => (error(uiFailed(s.src)), onerror?.(Error(PREFIX + uiFailed(s.src))))
    d.head.append(s)
  }
  let consent: Consent | undefined
  let ui: Promise<[UI, Consent]> | undefined
  // One UI chunk per language: a visitor downloads the texts of one.
  const loadUI = () =>
    (ui ??= new Promise((resolve, reject) => {
      const mount = () => {
        consent ??= w.samtykkeUI!.addWriter(view, core)
        resolve([w.samtykkeUI!.mountUI(consent), consent])
      }
      const ready = () => parsed(mount)
      if (w.samtykkeUI) ready()
      else load(chunk('ui'), ready, (e) => ((ui = undefined), reject(e)))
    }))
  const withUI = (f: (u: UI) => void) => () =>
    void loadUI().then(
      ([u]) => f(u),
      () => {},
    )
  const open = withUI((u) => u.showPreferences())
  const fetchUI = withUI(() => {})
  // A choice is in effect at once: the blocker releases what it allows and the signals go out now. Storing it needs
  // the write half, which comes with the UI chunk: calls made before it arrives are stored in the order they were
  // made, and each resolves once its choice is stored. If the chunk cannot be fetched, the choice still holds for
  // this page view (nothing more than was chosen), and the call rejects.
  const decide = (granted?: Record<string, boolean>, how?: How) => {
    const before = core.apply(granted)
    return loadUI().then(() => core.save!(granted, how!, before))
  }

  // The read API (has, get, subscribe, decided…) comes from the store itself, as the object's prototype.
  w.samtykke = Object.setPrototypeOf(
    {
      show: withUI((u) => u.show()),
      showPreferences: open,
      acceptAll: () => decide(core.grant(true), 'all'),
      rejectAll: () => decide(core.grant(false), 'none'),
      set: (choices: Choices, how?: How) => decide(core.grant(choices), how),
      reset: () => decide(),
    },
    view,
  ) as unknown as SamtykkeGlobal

  // A first visit needs the banner: fetch it in parallel with the page, from the next task. Adding a <script> is
  // one of the dearest steps of start-up (Chromium starts the request there and then: 1–4 ms of main thread, 4–12 ms
  // at 4× throttling), and the banner waits for the page to be parsed anyway.
  if (!view.decided) setTimeout(fetchUI)

  // Links and buttons marked data-samtykke-open work before the UI is loaded.
  d.addEventListener('click', (e) => {
    const opener = (e.target as Element | null)?.closest?.('[data-samtykke-open]')
    if (opener) {
      e.preventDefault()
      open()
    }
  })

  const onReady = () => {
    // The UI also draws placeholders over held embeds and fills declarations: fetch it when the page has any.
    const heldEmbed = [...d.querySelectorAll<HTMLElement>('iframe[data-category][data-src]')].some(
      (f) => !view.has(f.dataset.category!),
    )
    if (heldEmbed || d.querySelector('[data-samtykke-declaration]')) fetchUI()
    // The floating button, to change the choice at any time: by default only where the page has no link for it.
    // Fetched now, also on a first visit: when the visitor chooses in the banner, focus moves to it.
    if (config.floatingButton ?? !d.querySelector('[data-samtykke-open]'))
      load(chunk('reopen'), () => w.samtykkeReopen!(view, open))
    // A receipt that has not reached the consent log yet goes again (core/src/sync/outbox.ts).
    if (d.cookie.includes(WAITING + '=')) load('samtykke-outbox.js')
  }
  parsed(onReady)
}
