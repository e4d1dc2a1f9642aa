// How a decision was given: a module of its own, so that the record's types and its codec both take it from here.

/**
 * How a decision was given, by its number in the record (0–3): the record, the receipt and the consent log read this
 * list.
 */
export const HOWS = ['all', 'none', 'custom', 'api'] as const

/**
 * How a decision was given: `all` (accept all), `none` (reject all), `custom` (the preference centre), `api` (the
 * site's code).
 */
export type How = (typeof HOWS)[number]
