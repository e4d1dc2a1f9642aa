// Receipts that have not reached the consent log yet. Each is kept in localStorage until the log acknowledges it
// (a 2xx), and sent again on a later page view: a beacon that is lost (offline, the log restarting, the page closed
// before the answer) would otherwise leave a decision without proof. The log takes consent ID + decision time as the
// receipt's idempotency key, so a receipt sent twice is stored once.

import { receiptRefused, warn } from '../errors'

/** The localStorage key. */
export const OUTBOX = 'samtykke:outbox'
/**
 * A cookie that says a receipt is waiting, so that the drop-in's head script can tell from the cookies it reads anyway,
 * instead of opening localStorage (a synchronous call, about 1 ms, on every page view), whether to fetch
 * samtykke-outbox.js.
 */
export const WAITING = 'samtykke_outbox'
/** Page views a receipt is tried on before it is given up. */
const TRIES = 5
/** At most this many receipts wait: a log that never answers must not fill the visitor's storage. */
const MAX = 20

/** [url, body, tries so far] */
type Entry = [string, string, number]

// Storage may be off, full or throwing (Safari's private mode, sandboxed frames): then the receipt is sent once, as
// before there was an outbox, and nothing breaks. Anything under the key that is not a list reads as empty; entries
// that are not receipts are skipped by resend.
const read = (): Entry[] => {
  try {
    return [...JSON.parse(localStorage[OUTBOX])]
  } catch {
    return []
  }
}
/** Changes the list as it is now (another tab may have changed it since this one read it), and the marker cookie. */
const edit = (body: string, entry?: Entry | false) => {
  try {
    const list = [...read().filter((e) => e?.[1] != body), ...(entry ? [entry] : [])].slice(-MAX)
    list[0] ? (localStorage[OUTBOX] = JSON.stringify(list)) : localStorage.removeItem(OUTBOX)
    document.cookie = `${WAITING}=1;path=/;max-age=${list[0] ? 3e6 : -1}`
  } catch {}
}

/**
 * Posts `body` to `url` and keeps it in the outbox until the answer is a 2xx. A fetch with keepalive outlives the page
 * like sendBeacon, and, unlike it, says whether the log took the receipt. The body is text/plain: no CORS preflight.
 * Never throws: proof must not break the page. Resolves to the answer when it is no 2xx (for resend), else to nothing.
 */
export function post(url: string, body: string, tries = 0): Promise<Response | void> | void {
  edit(body, tries < TRIES && [url, body, tries + 1])
  try {
    if (tries < TRIES)
      return fetch(url, { method: 'POST', body, keepalive: true }).then(
        (r) => (r.ok ? edit(body) : r),
        () => {},
      )
  } catch {}
}

/**
 * A refusal that sending again cannot change: a 4xx, but a timeout (408) or a rate limit (429). It is printed once,
 * with the log's reason, and the receipt is dropped.
 */
const refused = (url: string, body: string) => (r: Response | void) =>
  r &&
  r.status < 500 &&
  r.status != 408 &&
  r.status != 429 &&
  (edit(body),
  r.text().then(
    (reason) => warn(receiptRefused(url, r.status, reason)),
    () => {},
  ))

/**
 * Sends every waiting receipt again (on a page view after the one that could not send it). A receipt the log refused
 * is said here, once, and dropped: the page view that sent it first (the UI chunk's code) only keeps it, as it keeps
 * one that did not arrive, so that the UI chunk carries no message.
 */
export function resend(): void {
  // Nothing sent: the marker goes (another tab may have delivered what waited).
  edit('')
  for (const e of read()) if (typeof e?.[1] == 'string') post(e[0], e[1], e[2] | 0)?.then(refused(e[0], e[1]))
}
