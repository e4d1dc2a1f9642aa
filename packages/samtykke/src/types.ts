// What the drop-in puts on `window`, for a site's own TypeScript: `npm i -D samtykke`, then
// `/// <reference types="samtykke" />` in a file of the site (or "types": ["samtykke"] in its tsconfig.json).
// Types only: built into dist/samtykke.d.ts with the core types it names.
import type { Choices, ConsentView, How } from '../../core/src/index'

/** `window.samtykke`: the consent API, with the changing methods asynchronous, and the UI's two doors. */
export interface SamtykkeGlobal extends ConsentView {
  /** Accept every category. Resolves once the choice is stored (the first change fetches the write half). */
  acceptAll(): Promise<void>
  /** Refuse every category but `necessary`. Resolves once the choice is stored. */
  rejectAll(): Promise<void>
  /** Change the named categories; the rest keep what is in effect. Resolves once the choice is stored. */
  set(choices: Choices, how?: How): Promise<void>
  /** Forget the decision (deletes the cookie); the banner asks again. */
  reset(): Promise<void>
  /** Show the banner. */
  show(): void
  /** Open the preference centre. */
  showPreferences(): void
}

declare global {
  interface Window {
    /** Set by samtykke.js, which comes first in `<head>`. */
    samtykke: SamtykkeGlobal
  }
}
