// What the fake tags put on window, for browser tests that evaluate in the page. (`window.samtykke` is typed by the
// drop-in's own packages/samtykke/src/types.ts.)
import type {} from '../packages/samtykke/src/types'

declare global {
  interface Window {
    __ran?: string[]
    __gtagSaw?: unknown[][]
  }
}
export {}
