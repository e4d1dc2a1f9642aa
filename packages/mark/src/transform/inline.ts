// Inline scripts: is this one a vendor's snippet and nothing else? Parsed with acorn, judged statement by statement,
// so a script that also does the page's own work is never marked (it would stop running until consent) and never
// half-edited: it is reported instead.
import { parse, type Node } from 'acorn'
import { SNIPPETS, type Snippet } from './snippets'
import * as m from '../messages'

export interface InlineVerdict {
  /** The vendors whose snippet this script is, when it is nothing else: mark it. */
  mark?: Snippet[]
  /** Why it is left as it is although it starts or mentions a tracker: line within the script (1-based) and reason. */
  warn?: { line: number; column: number; message: string }
}

/** Quoted or protocol-relative URLs in a script's text: candidates for the tracker list. */
const URLS = /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}(?:\/[^\s"'`<>\\)]*)?/gi

/** A function expression called at once, as vendors' loaders are: `(function(){…})()`, `!function(){…}()`. */
function iife(st: Node): boolean {
  let e = (st as any).expression
  if (st.type != 'ExpressionStatement' || !e) return false
  if (e.type == 'UnaryExpression') e = e.argument
  return e.type == 'CallExpression' && /^(Arrow)?FunctionExpression$/.test(e.callee.type)
}

/** The line and column of offset `i` in `text`, 1-based. */
export function lineOf(text: string, i: number): { line: number; column: number } {
  let line = 1,
    last = -1
  for (let j = text.indexOf('\n'); j != -1 && j < i; j = text.indexOf('\n', j + 1)) line++, (last = j)
  return { line, column: i - last }
}

/**
 * Judges one inline script. `category(url)` is the tracker list's answer for a URL (undefined: no tracker).
 */
export function judgeInline(code: string, module: boolean, category: (url: string) => string | undefined): InlineVerdict {
  // Cheap first look: nothing here names a tracker or a snippet, so there is nothing to judge.
  const urls = [...code.matchAll(URLS)].filter((m) => category(m[0]))
  const squeezed = (s: string) => s.replace(/\s+/g, '')
  const flat = squeezed(code)
  const hint = SNIPPETS.some((s) => s.loader?.test(flat))
  const calls = /\b(gtag|fbq|ttq\.\w+|snaptr|lintrk|clarity|uetq\.push|pintrk|twq|hj|ga)\s*\(/.exec(code)
  if (!urls.length && !hint && !calls) return {}

  let body: Node[]
  try {
    body = (parse(code, { ecmaVersion: 'latest', sourceType: module ? 'module' : 'script', allowReturnOutsideFunction: true, allowHashBang: true }) as unknown as { body: Node[] }).body
  } catch (e) {
    const at = urls[0] ? lineOf(code, urls[0].index!) : calls ? lineOf(code, calls.index) : { line: 1, column: 1 }
    const what = urls[0]?.[0] ?? (calls ? calls[1] + '()' : 'a tracker snippet')
    return { warn: { ...at, message: m.inlineUnparsed(what, e) } }
  }

  const found = new Set<Snippet>()
  let other: Node | undefined
  let first: Node | undefined
  for (const st of body) {
    if (st.type == 'EmptyStatement') continue
    const text = squeezed(code.slice(st.start, st.end))
    // A statement that starts a tag belongs to that vendor; one that only prepares (a queue, a helper) to any.
    const starter = SNIPPETS.find((s) => (s.loader && iife(st) && s.loader.test(text)) || s.starts.some((r) => r.test(text)))
    if (starter) found.add(starter), (first ??= st)
    else if (!SNIPPETS.some((s) => s.prepares?.some((r) => r.test(text)))) other ??= st
  }

  if (first && !other) return { mark: [...found] }
  if (first || urls.length) {
    const what = found.size ? [...found].map((s) => s.name).join(' and ') + ' snippet' : urls[0][0]
    const where = first ? first.start : urls[0].index!
    return {
      warn: {
        ...lineOf(code, where),
        message: m.inlineMixed(what, other && code.slice(other.start, Math.min(other.end, other.start + 40)).replace(/\s+/g, ' ')),
      },
    }
  }
  return {}
}
