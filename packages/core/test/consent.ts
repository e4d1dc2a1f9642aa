// A Consent stand-in for the unit tests of the blocker and the signals (the real store is tested on its own).
import type { ResolvedConfig } from '../src/config/types'
import type { Consent, ConsentState, Choices } from '../src/store/types'

export const FAKE_ORDER = ['necessary', 'preferences', 'analytics', 'marketing']

/** A resolved config with the four default categories; `over` replaces top-level keys. */
export function fakeConfig(over: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    revision: '1',
    lang: 'nb',
    order: FAKE_ORDER,
    categories: Object.fromEntries(FAKE_ORDER.map((c) => [c, {}])),
    cookie: { name: 'samtykke', days: 182, renew: true },
    ...over,
  }
}

/**
 * A consent store that keeps its state in memory: `granted` given = a returning visitor with that stored choice.
 * Listeners get (state, prev) on every change and (state) once on subscribe, like the real store.
 */
export function fakeConsent(config: ResolvedConfig = fakeConfig(), granted?: Choices): Consent {
  const make = (g: Choices | undefined): ConsentState => ({
    decided: !!g,
    granted: Object.fromEntries(config.order.map((c) => [c, c == 'necessary' || !!g?.[c]])),
    record: null,
    previous: null,
    gpc: false,
  })
  let state = make(granted)
  const listeners = new Set<(s: ConsentState, p?: ConsentState) => void>()
  const put = (g: Choices | undefined) => {
    const prev = state
    state = make(g)
    for (const l of listeners) l(state, prev)
  }
  const all = (v: boolean) => Object.fromEntries(config.order.map((c) => [c, v]))
  return {
    config,
    $state: undefined as unknown as Consent['$state'],
    get: () => state,
    has: (c) => !!state.granted[c],
    get decided() {
      return state.decided
    },
    acceptAll: () => put(all(true)),
    rejectAll: () => put(all(false)),
    set: (choices) => put({ ...state.granted, ...choices }),
    reset: () => put(undefined),
    subscribe(l) {
      listeners.add(l)
      l(state)
      return () => listeners.delete(l)
    },
    destroy: () => listeners.clear(),
  }
}
