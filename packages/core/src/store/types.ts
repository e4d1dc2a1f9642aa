import type { ReadableAtom } from 'nanostores'
import type { ResolvedConfig } from '../config/types'
import type { ConsentRecord, How } from '../record/types'

/** Why the visitor is being asked (undefined once decided). */
export type AskReason = 'first' | 'revision' | 'expired' | 'new-category' | 'invalid'

export interface ConsentState {
  /** A current, valid decision exists: the banner need not be shown. */
  decided: boolean
  /** What is in effect now, per category. Undecided = only `necessary`. */
  granted: Record<string, boolean>
  /** The current decision, or null. */
  record: ConsentRecord | null
  /** When asking again: the earlier choice, the starting point for the preference centre (never in effect). */
  previous: Record<string, boolean> | null
  ask?: AskReason
  /** Global Privacy Control is on in this browser. */
  gpc: boolean
}

export type Choices = Partial<Record<string, boolean>>

/** The consent API, read-only: what the blocker and Consent Mode need, and all a returning visit runs. */
export interface ConsentView {
  readonly config: ResolvedConfig
  /** The nanostores atom behind it all. */
  readonly $state: ReadableAtom<ConsentState>
  get(): ConsentState
  /** Is this category granted now? `necessary` is always true; unknown names are false. */
  has(category: string): boolean
  readonly decided: boolean
  /** Called now and on every change. Returns an unsubscribe function. */
  subscribe(listener: (state: ConsentState, prev?: ConsentState) => void): () => void
  /** Stop cross-tab sync and listeners. */
  destroy(): void
}

/** The consent API: the one source of truth the blocker, Consent Mode, the UI and the site read and write. */
export interface Consent extends ConsentView {
  acceptAll(): void
  rejectAll(): void
  /** Record a choice for the named categories; the others keep what is in effect now (denied if undecided). */
  set(choices: Choices, how?: How): void
  /** Forget the decision (deletes the cookie): the visitor is asked again. */
  reset(): void
}
