// The consent store: one nanostores atom, fed by the cookie, written by decisions, kept in step across tabs.
// Two halves (./read, ./write) so the drop-in can ship the read half to every visitor and fetch the other on demand.
import type { ResolvedConfig, SamtykkeConfig } from '../config/types'
import type { Consent, ConsentState } from './types'
import { resolveConfig } from '../config'
import { readConsent, type ConsentEnv } from './read'
import { memoryJar } from '../record/cookies'
import { addWriter } from './write'
import { resend } from '../sync/outbox'

export type { Consent, ConsentView, ConsentState, Choices } from './types'
export type { ConsentEnv } from './read'

const resolved = (input: SamtykkeConfig | ResolvedConfig) =>
  (input as ResolvedConfig)?.order ? (input as ResolvedConfig) : resolveConfig(input)

export function createConsent(input: SamtykkeConfig | ResolvedConfig = {}, env: ConsentEnv = {}): Consent {
  const config = resolved(input)
  const consent = addWriter(...readConsent(config, env))
  // Receipts an earlier page view could not deliver go again (the drop-in fetches samtykke-outbox.js for this).
  if (typeof document == 'object' && !env.jar) resend()
  return consent
}

/**
 * The state a page starts with when its request carried this consent cookie: for a server render, read by the
 * browser's own rules (format, revision, lifetime, categories), so the server renders what the browser's store then
 * holds. `cookie`: the cookie's value, or a function that gets a cookie's value by name (Next.js:
 * `(name) => jar.get(name)?.value` with `const jar = await cookies()`). None or invalid: undecided, only `necessary`.
 */
export function consentFromCookie(
  input: SamtykkeConfig | ResolvedConfig,
  cookie?: string | ((name: string) => string | undefined),
  env: Omit<ConsentEnv, 'jar'> = {},
): ConsentState {
  const config = resolved(input)
  const { name } = config.cookie
  const value = typeof cookie == 'function' ? cookie(name) : cookie
  const [view] = readConsent(config, { gpc: false, ...env, jar: memoryJar(value ? { [name]: [value] } : {}) })
  view.destroy()
  return view.get()
}
