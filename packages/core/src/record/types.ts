import type { How } from './hows'

export type { How } from './hows'

/** The visitor's decision, as kept in the `samtykke` cookie: provable, per category. */
export interface ConsentRecord {
  /** Format version. */
  v: 1
  /** Random consent ID: proof for the visitor and the site. */
  id: string
  /** Decision time, ms since the epoch (stored to the second). */
  time: number
  /** The policy revision the visitor decided on. */
  revision: string
  how: How
  /** Global Privacy Control was on when the decision was made. */
  gpc: boolean
  /** Every category known at decision time: true = granted. `necessary` is always true. */
  categories: Record<string, boolean>
}
