// The drop-in's console messages, fetched only when there is one to print. In samtykke.js the build puts this
// module's placeholders in place of core/src/errors.ts (rollup.config.mjs): a message is kept as its name and values,
// and its English text (samtykke-messages.js, beside samtykke.js) is fetched the first time one is printed. A visitor
// whose page has nothing to report never downloads it.
import { uiFailed } from '../../core/src/errors'

type Texts = Record<string, (...values: any[]) => string>
type W = Window & { samtykkeMessages?: Texts }
/** A message waiting for its text: its name and values, kept as they are (an Error, a list). */
type Pending = [string, unknown[]]
type Level = 'warn' | 'error'

// The file beside this one: captured while this script runs, the only time currentScript names it.
const me = document.currentScript as HTMLScriptElement | null

export const PREFIX = 'samtykke: '

/** A placeholder for the message `name`. Typed as the string it stands for: core's modules pass it to warn/error. */
export const placeholder =
  (name: string) =>
  (...values: unknown[]) =>
    [name, values] as unknown as string

const queue: [Level, Pending][] = []
// 0: the text not asked for yet; 1: on its way; 2: here, or could not be fetched (then every message goes bare).
let text = 0

/**
 * The text; without it (the file could not be fetched), the message's name and values, enough to find it in errors.ts.
 */
const flush = (texts = (window as W).samtykkeMessages) => {
  for (const [level, [name, values]] of queue.splice(0))
    console[level](
      PREFIX +
        (texts
          ? texts[name](...values)
          : `${name}(${values.map((v) => (v instanceof Error ? v : JSON.stringify(v)))})`),
    )
}

const say = (level: Level) => (message: string | Pending) => {
  // A plain string needs no text: it goes at once (uiFailed: the folder may be unreachable).
  if (typeof message == 'string') return console[level](PREFIX + message)
  queue.push([level, message])
  if (text == 2) return flush()
  if (text) return
  text = 1
  const s = document.createElement('script')
  s.src = new URL('samtykke-messages.js', me?.src || location.href).href
  s.async = true
  s.nonce = me?.nonce || ''
  s.onload = () => ((text = 2), flush())
  s.onerror = () => ((text = 2), console.error(PREFIX + uiFailed(s.src)), flush())
  document.head.append(s)
}

export const warn = say('warn') as (message: string) => void
export const error = say('error') as (message: string) => void
// Said when a chunk (this one included) could not be fetched, so it cannot wait for one.
export { uiFailed }
