// Keeping other tabs in step, and sending proof of each decision.
import type { ConsentRecord } from '../record/types'
import { post } from './outbox'

/**
 * Calls `onChange` when another tab of this site may have changed the choice: a BroadcastChannel message,
 * or this tab coming back into view (covers frozen tabs that missed the message). Returns [notify, stop].
 */
export function tabSync(name: string, onChange: () => void): [() => void, () => void] {
  let channel: BroadcastChannel | undefined
  // Opening the channel is one of the larger costs of start-up in <head> (Chromium profile): open it in a later
  // task, off the parser's critical path. A message missed before that is caught by the visibility check.
  const timer = setTimeout(() => {
    if (self.BroadcastChannel) (channel = new BroadcastChannel(name)).onmessage = onChange
  })
  const onVisible = () => document.hidden || onChange()
  document.addEventListener('visibilitychange', onVisible)
  return [
    () => channel?.postMessage(1),
    () => (clearTimeout(timer), channel?.close(), document.removeEventListener('visibilitychange', onVisible)),
  ]
}

/**
 * A decision as the site keeps it for proof (GDPR art. 7(1)): the record, its time as ISO 8601, the page, and the
 * language the visitor was asked in (config/lang.ts), which names the log's snapshot of what they were shown. This is
 * the body the consent log (`samtykke serve`, @samtykke/server) takes at `POST /v1/receipts`, field for field.
 */
export interface Receipt extends Omit<ConsentRecord, 'time'> {
  /** The decision time, ISO 8601 (`2026-12-03T08:00:00.000Z`). */
  time: string
  /** The page the decision was made on; the log keeps its origin and path, not its query. */
  url: string
  /** The language the banner was shown in (samtykke always sends it; other clients may leave it out). */
  lang?: string
  /** Not sent by samtykke; taken from other clients: a receipt ID (the log's idempotency key), where it was shown. */
  rid?: string
  surface?: string
}

/**
 * Posts the receipt as JSON, and keeps it until the log acknowledges it (./outbox): a receipt that does not arrive is
 * sent again on a later page view. Never throws: proof must not break the page.
 */
export function sendReceipt(url: string, r: ConsentRecord, lang: string): void {
  post(url, JSON.stringify({ ...r, time: new Date(r.time).toISOString(), url: location.href, lang } satisfies Receipt))
}
