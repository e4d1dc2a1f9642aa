// The outbox's chunk (dist/samtykke-outbox.js): fetched by samtykke.js after the page is parsed, only when a receipt
// is still waiting for the consent log (core/src/sync/outbox.ts). It sends each one again.
import { resend } from '../../core/src/sync/outbox'

resend()
