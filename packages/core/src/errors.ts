// Every message samtykke prints, in one place. Each names the field, the value and the fix.
// The drop-in fetches this text only when it has something to say (packages/samtykke/src/messages.ts): keep every
// English word here, and keep the other modules to names and values.

export const PREFIX = 'samtykke: '

const show = (v: unknown) => (typeof v == 'string' || Array.isArray(v) ? JSON.stringify(v) : String(v))

export const warn = (message: string) => console.warn(PREFIX + message)
export const error = (message: string) => console.error(PREFIX + message)

/** What a config field must be, by the name the validator gives it. */
const EXPECTED: Record<string, string> = {
  revision: 'up to 16 letters, digits, dots or dashes',
  lang: 'a language tag like "sv" or "de-AT"',
  categoryName: 'a lowercase letter, then up to 23 letters, digits, - or _ (like "videoEmbeds")',
  necessary: 'kept: necessary cookies cannot be turned off',
  category: 'an object, or false to drop it',
  services: 'a list of { name, cookies?: [{ name }] }',
  cookieName: 'up to 32 letters, digits, - or _',
  cookieDomain: 'a domain name like "example.no"',
  cookieDays: 'a number of days from 1 to 395',
  pattern: 'a host/path like "cdn.example.com/tag.js"',
}
const TYPES: Record<string, string> = {
  s: 'a string',
  n: 'a number',
  b: 'true or false',
  o: 'an object',
  a: 'an array',
}

/**
 * A config field with the wrong value. `expected`: a name from the table above, the types it takes as letters
 * (`sn`: a string or a number), or the list of values it may take.
 */
export const badField = (field: string, expected: string | string[], got: unknown) =>
  `config${field && '.' + field} must be ${
    Array.isArray(expected)
      ? 'one of ' + expected.join(', ')
      : (EXPECTED[expected] ?? [...expected].map((t) => TYPES[t]).join(' or '))
  } (got ${show(got)})`

export const unknownField = (field: string) => `config.${field} is not an option (ignored): check the spelling`

export const cookieUnreadable = (name: string, why: string) =>
  `the ${name} cookie was ignored (${why}): nothing is granted until the visitor chooses again`

export const cookieDomain = (domain: string, host: string) =>
  `config.cookie.domain ${show(domain)} does not cover ${show(host)}: the choice is kept for this host only`

export const storageUnavailable = (why: unknown) =>
  `cookies are unavailable (${show(why)}); the choice lasts for this page view only`

export const unknownCategory = (name: string, known: string[]) =>
  `set(): no category ${show(name)} (ignored); the categories are ${known}`

export const invalidConfig = (message: string) =>
  `${message}. Until it is fixed, samtykke uses its defaults: all trackers blocked, banner shown`

export const badConfigJson = (why: string) => invalidConfig(`config.#samtykke-config must be valid JSON (${why})`)

export const includedTwice = () => 'samtykke.js is included twice; the extra copy does nothing: remove it'

export const uiFailed = (src: string) => `could not load ${src}: put the samtykke-*.js files beside samtykke.js`

/** The reason in a refusal's body: samtykke serve's `{ "error": … }`, else the text (cut short: it may be a page). */
const reasonOf = (body: string) => {
  let reason
  try {
    reason = JSON.parse(body).error
  } catch {}
  return typeof reason == 'string' ? reason : body.trim().slice(0, 200) || 'no reason given'
}

/** The consent log answered a receipt with a 4xx that sending again cannot change: the receipt is dropped. */
export const receiptRefused = (url: string, status: number, body: string) =>
  `the consent log at ${url} refused a receipt (${status}: ${reasonOf(body)}); it is not sent again. Check ` +
  `receiptUrl, and that the log allows this site`

/** blockTrackers() (npm) found trackers that had loaded before it started: `more` of them are not named. */
export const lateTrackers = (named: string[], more: number) =>
  `blockTrackers() started after these trackers had loaded, so it could not hold them: ` +
  `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}. ` +
  'A module script runs after the HTML is parsed: mark these tags in the HTML (type="text/plain" ' +
  'data-category="…", data-src), ' +
  'at build time with samtykkeMark() (Vite) or markMiddleware() (Node) from @samtykke/mark'

const LANGUAGE: Record<string, string> = { nb: 'bokmål', en: 'English' }

/** The page or the config asks for a language samtykke has no texts for, and the site gives none (config/lang.ts). */
export const unknownLang = (tag: string, lang: string, fallback: string) =>
  `the language ${show(tag)} has no texts: the banner is in ${LANGUAGE[fallback]}. ` +
  `Give config.texts${lang ? '.' + lang : ''} (every key: docs/ui.md), or set config.lang`

export const unknownDataCategory = (category: string, known: string[]) =>
  `data-category=${show(category)} is not a category, so the element never loads: use one of ${known.join(', ')}`
