// Where the components find consent: the provider's store, else the drop-in's window.samtykke, read only in the
// browser (in effects, snapshots and event handlers), never while rendering on the server. The server, and the
// browser while it hydrates, render from `initial` (what the server read from the cookie) or from "undecided", so
// both render the same; the store takes over right after.
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useSyncExternalStore,
  type ReactElement,
  type ReactNode,
} from 'react'
import type { Choices, ConsentState, ConsentView, How, SamtykkeConfig } from '@samtykke/core'
import { noConsent } from './errors'

/** What the components read and call: the drop-in's `window.samtykke`, or a store from `createConsent`. */
export interface ConsentSource extends Omit<ConsentView, 'destroy'> {
  set(choices: Choices, how?: How): unknown
  /** Opens the preference centre (the drop-in's `window.samtykke` has it). */
  showPreferences?(): void
}

export interface ConsentProviderProps {
  /**
   * The store, from `createConsent`: created once, outside React (not in a component, which StrictMode renders
   * twice). Default: the drop-in's `window.samtykke`.
   */
  consent?: ConsentSource
  /** Opens the preference centre, e.g. `ui.showPreferences` from `mountUI`. Default: the store's `showPreferences`. */
  showPreferences?: () => void
  /**
   * The state the server read from the request's cookie (`consentFromCookie` from `@samtykke/core`): the server and the
   * browser's first render then show a returning visitor's choice, and nothing changes at hydration.
   */
  initial?: ConsentState
  /** The site's config, for what is rendered before the store is there (on the server): labels, texts, `lang`. */
  config?: SamtykkeConfig
  children?: ReactNode
}

type Ctx = Omit<ConsentProviderProps, 'children'>
const Context = createContext<Ctx>({})

/** Gives the components below a consent store, and what the server knows of it. Optional with the drop-in. */
export const ConsentProvider = ({ children, ...value }: ConsentProviderProps): ReactElement =>
  createElement(Context.Provider, { value }, children)

/** Before any store has answered: nothing but `necessary`. */
const UNDECIDED: ConsentState = {
  decided: false,
  granted: { necessary: true },
  record: null,
  previous: null,
  ask: 'first',
  gpc: false,
}

export const useSource = () => useContext(Context)

/** The store, in the browser only. */
export const find = (c: Ctx): ConsentSource | undefined =>
  c.consent ?? (typeof window == 'object' ? (window as { samtykke?: ConsentSource }).samtykke : undefined)

const off = () => {}
const never = () => off

/** False on the server and while hydrating, true from then on (and at once for what mounts later). */
export const useHydrated = () =>
  useSyncExternalStore(
    never,
    () => true,
    () => false,
  )

/** `read(store)` now and on every change; `server` on the server and while hydrating. */
function useStore<T>(read: (s?: ConsentSource) => T, server: (s: ConsentState) => T): T {
  const c = useSource()
  const subscribe = useCallback((changed: () => void) => find(c)?.subscribe(() => changed()) ?? off, [c.consent])
  useEffect(() => void (find(c) || noConsent()), [c.consent])
  return useSyncExternalStore(
    subscribe,
    () => read(find(c)),
    () => server(c.initial ?? UNDECIDED),
  )
}

/** The consent state (`decided`, `granted`, `record`…), kept up to date, also with choices made in other tabs. */
export const useConsent = (): ConsentState =>
  useStore(
    (s) => s?.get() ?? UNDECIDED,
    (s) => s,
  )

/** Is `category` granted? */
export const useAllowed = (category: string) =>
  useStore(
    (s) => !!s?.has(category),
    (s) => s.granted[category] == true,
  )

/** Opens the preference centre. */
export const openPreferences = (c: Ctx) => (c.showPreferences ? c.showPreferences() : find(c)?.showPreferences?.())

/** Grants `category` from a placeholder. The drop-in's promise rejects when its UI chunk fails, which it has said. */
export function allow(c: Ctx, category: string) {
  const s = find(c)
  if (s) Promise.resolve(s.set({ [category]: true }, 'custom')).catch(off)
  else noConsent()
}
