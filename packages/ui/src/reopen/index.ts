// The floating "cookie settings" button, in plain DOM: the drop-in fetches it (samtykke-reopen.<lang>.js, about 0.5 kB
// brotli) on every visit to a page without a settings link, so it must stay tiny (size-limit). No Preact, no tables,
// no stylesheet: styles are set through the CSSOM (allowed under a strict CSP, unlike style="" in markup), in an
// open shadow root, where a site's `button:focus{outline:none}` cannot take its focus ring away.
import type { ConsentView } from '@samtykke/core'
import { settingsOf } from '../i18n/tables'

const CSS =
  'position:fixed;z-index:2147483646;left:max(16px,env(safe-area-inset-left));' +
  'bottom:max(16px,env(safe-area-inset-bottom));padding:10px;line-height:0;border:2px solid #fff;border-radius:50%;' +
  'background:var(--samtykke-accent,#0b57d0);color:var(--samtykke-on-accent,#fff)'

export interface ReopenButton {
  /** Removes the button. */
  destroy(): void
}

/** Adds the button (shown once a choice exists); clicking it calls `open`. */
export function reopenButton(consent: ConsentView, open: () => void): ReopenButton {
  const { config } = consent
  // The drop-in never removes it: its chunk leaves out the way to.
  if (config.floatingButton === false) return __DROPIN__ ? ({} as ReopenButton) : { destroy() {} }
  const host = document.createElement('samtykke-reopen')
  const { lang } = config
  const root = host.attachShadow({ mode: 'open' })
  // A cookie with a bite and three crumbs; the crumbs wind against the outline, so they are holes. No end tags:
  // the HTML parser closes <svg> and <button> at the end of the string, and every byte here is paid on every visit.
  root.innerHTML =
    '<button><svg width=24 height=24 fill=currentColor>' +
    '<path d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zm-5 6h2v2h-2zm7 6h2v2h-2zm-5 1h2v2h-2z"/>'
  const button = root.firstChild as HTMLButtonElement
  button.setAttribute('aria-label', config.texts?.[lang]?.settings || settingsOf(lang))
  button.style.cssText = CSS
  button.onclick = open
  const stop = consent.subscribe((s) => (button.hidden = !s.decided))
  document.body.append(host)
  return __DROPIN__
    ? ({} as ReopenButton)
    : {
        destroy() {
          stop()
          host.remove()
        },
      }
}
