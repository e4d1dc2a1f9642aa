// The consent store: one nanostores atom, fed by the cookie, written by decisions, kept in step across tabs.
// Two halves (./read, ./write) so the drop-in can ship the read half to every visitor and fetch the other on demand.
import type { ResolvedConfig, SamtykkeConfig } from '../config/types'
import type { Consent } from './types'
import { resolveConfig } from '../config'
import { readConsent, type ConsentEnv } from './read'
import { addWriter } from './write'
import { resend } from '../sync/outbox'

export type { Consent, ConsentView, ConsentState, Choices } from './types'
export type { ConsentEnv, Core } from './read'
export { readConsent } from './read'
export { addWriter } from './write'

export function createConsent(input: SamtykkeConfig | ResolvedConfig = {}, env: ConsentEnv = {}): Consent {
  const config = (input as ResolvedConfig)?.order ? (input as ResolvedConfig) : resolveConfig(input)
  const consent = addWriter(...readConsent(config, env))
  // Receipts an earlier page view could not deliver go again (the drop-in fetches samtykke-outbox.js for this).
  if (typeof document == 'object' && !env.jar) resend()
  return consent
}
