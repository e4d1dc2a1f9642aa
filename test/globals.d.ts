// What the fake tags put on window, for browser tests that evaluate in the page. (`window.samtykke` is typed by the
// drop-in's own packages/samtykke/src/types.ts.)
import type {} from '../packages/samtykke/src/types'

declare global {
  interface Window {
    __ran?: string[]
    /** dataLayer as the fake gtag.js found it: gtag's commands as arrays, pushed objects (GTM events) as they are. */
    __gtagSaw?: unknown[][]
  }
}
export {}
