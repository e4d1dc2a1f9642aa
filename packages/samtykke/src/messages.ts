// The drop-in's console messages, fetched only when there is one to print. In samtykke.js the build puts this
// module's placeholders in place of core/src/errors.ts (rollup.config.mjs): a message is kept as its name and values,
// and its English text (samtykke-messages.js, beside samtykke.js) is fetched the first time one is printed. A visitor
// whose page has nothing to report never downloads it.
import { uiFailed } from '../../core/src/errors'

type Texts = Record<string, (...values: any[]) => string>
type W = Window & { samtykkeMessages?: Texts }

// Each placeholder's values, kept as they are (an Error, a list) until the text arrives: the string carries an index.
const made: [string, unknown[]][] = []
// The file beside this one: captured while this script runs, the only time currentScript names it.
const me = document.currentScript as HTMLScriptElement | null

export const PREFIX = 'samtykke: '

/** A placeholder for the message `name`: a string, so it can be joined into other messages as the text would be. */
export const placeholder = (name: string) => (...values: unknown[]) => `\x01${made.push([name, values]) - 1}\x02`

/** The text; without it (the file could not be fetched), the message's name and values, enough to find it in errors.ts. */
const fill = (s: string, texts?: Texts): string =>
  s.replace(/\x01(\d+)\x02/g, (_, i) => {
    const [name, values] = made[+i]
    const inner = (v: unknown) => typeof v == 'string' && v.includes('\x01')
    const v = values.map((v) => (inner(v) ? fill(v as string, texts) : v))
    return texts ? texts[name](...v) : `${name}(${values.map((x, i) => (inner(x) ? v[i] : typeof x == 'string' ? JSON.stringify(x) : String(x)))})`
  })

type Level = 'warn' | 'error'
const queue: [Level, string][] = []
// 0: the text not asked for yet; 1: on its way; 2: here, or could not be fetched (then every message goes bare).
let text = 0

const flush = () => {
  for (const [level, message] of queue.splice(0)) console[level](PREFIX + fill(message, (window as W).samtykkeMessages))
}

const say = (level: Level) => (message: string) => {
  // A message with no placeholder in it needs no text: it goes at once (uiFailed: the folder may be unreachable).
  if (!message.includes('\x01')) return console[level](PREFIX + message)
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

export const warn = say('warn')
export const error = say('error')
// Said when a chunk (this one included) could not be fetched, so it cannot wait for one.
export { uiFailed }
