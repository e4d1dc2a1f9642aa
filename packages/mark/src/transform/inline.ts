// Inline scripts: is this one a vendor's snippet and nothing else? Parsed with acorn, judged statement by statement,
// so a script that also does the page's own work is never marked (it would stop running until consent) and never
// half-edited: it is reported instead.
import { parse, type Node } from 'acorn'
import { SNIPPETS, type Snippet } from './snippets'
import * as messages from '../messages'

export interface InlineVerdict {
  /** The vendors whose snippet this script is, when it is nothing else: mark it. */
  mark?: Snippet[]
  /** Why it is left as it is although it starts or mentions a tracker: line within the script (1-based) and reason. */
  warn?: { line: number; column: number; message: string }
}

/** Quoted or protocol-relative URLs in a script's text: candidates for the tracker list. */
const URLS = /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}(?:\/[^\s"'`<>\\)]*)?/gi

/**
 * The script's text with `\/` read as `/`, as JSON printed into a page writes URLs
 * (`"https:\/\/connect.facebook.net\/…"`, WordPress plugins' way), and a map back: `at(i)` is the offset in the
 * script of offset `i` in the text read.
 */
function unescaped(code: string): { text: string; at: (i: number) => number } {
  const escapes: number[] = [] // offsets, in the text read, of each `/` that was `\/`
  const text = code.replace(/\\\//g, (_, i: number) => {
    escapes.push(i - escapes.length)
    return '/'
  })
  // How many escapes come before `i`: a binary search, as a crafted script can have many URLs and many escapes.
  const before = (i: number) => {
    let lo = 0
    let hi = escapes.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (escapes[mid] < i) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return { text, at: (i) => i + before(i) }
}

/** A statement that uses a URL as a source: sets a `src`, makes an element or an image, writes markup, or fetches. */
const SOURCE_USE = new RegExp(
  [
    /\.src=|setAttribute\((['"])src\1|createElement\(|newImage\b|document\.write(ln)?\(/,
    /\bimport\(|fetch\(|sendBeacon\(|getScript\(|XMLHttpRequest|<(script|iframe|img)\b/,
  ]
    .map((r) => r.source)
    .join('|'),
  'i',
)
/** A statement that only holds a URL: a link to open or follow (a share button), or data (an object or list, JSON). */
const HOLDS = [
  /window\.open\(|\.href=|location=|\bhref=|\/shar(er|eArticle)|\/intent\/tweet|\/pin\/create\//i,
  /^(var|let|const)?[\w$.]+=(JSON\.parse\()?['"]?[[{]/,
]

/** Whether the statement `text` (whitespace removed) only holds its URLs, without loading any (see above). */
const onlyHolds = (text: string) => !SOURCE_USE.test(text) && HOLDS.some((r) => r.test(text))

/** The top-level statement that holds offset `i` (statements are in order: a binary search), if any. */
function statementAt(body: Node[], i: number): Node | undefined {
  let lo = 0
  let hi = body.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (body[mid].end <= i) lo = mid + 1
    else if (body[mid].start > i) hi = mid - 1
    else return body[mid]
  }
  return undefined
}

/** A function expression called at once, as vendors' loaders are: `(function(){…})()`, `!function(){…}()`. */
function iife(st: Node): boolean {
  let target = (st as any).expression
  if (st.type != 'ExpressionStatement' || !target) return false
  if (target.type == 'UnaryExpression') target = target.argument
  return target.type == 'CallExpression' && /^(Arrow)?FunctionExpression$/.test(target.callee.type)
}

/** The line and column of offset `i` in `text`, 1-based. */
export function lineOf(text: string, i: number): { line: number; column: number } {
  let line = 1
  let lastNewline = -1
  for (let j = text.indexOf('\n'); j != -1 && j < i; j = text.indexOf('\n', j + 1)) {
    line++
    lastNewline = j
  }
  return { line, column: i - lastNewline }
}

/** A statement's text with `\/` read as `/` and whitespace removed, as the snippets' patterns expect it. */
const squeezed = (text: string) => text.replace(/\s+/g, '')
const statementText = (code: string, statement: Node) =>
  squeezed(unescaped(code.slice(statement.start, statement.end)).text)

/** A tracker URL in the script, and its offset in the script as written. */
interface Found {
  url: string
  at: number
}

/**
 * The script's top-level statements: the vendors whose snippets start here, the first such statement, the first other.
 */
function sortStatements(code: string, body: Node[]): { vendors: Set<Snippet>; first?: Node; other?: Node } {
  const vendors = new Set<Snippet>()
  let other: Node | undefined
  let first: Node | undefined
  for (const statement of body) {
    if (statement.type == 'EmptyStatement') continue
    const text = statementText(code, statement)
    // A statement that starts a tag belongs to that vendor; one that only prepares (a queue, a helper) to any.
    const starter = SNIPPETS.find(
      (s) => (s.loader && iife(statement) && s.loader.test(text)) || s.starts.some((r) => r.test(text)),
    )
    if (starter) {
      vendors.add(starter)
      first ??= statement
    } else if (!SNIPPETS.some((s) => s.prepares?.some((r) => r.test(text)))) other ??= statement
  }
  return { vendors, first, other }
}

/**
 * No snippet, but tracker URLs: say "loads" only of a URL the script uses as a source; of one it only holds, say that
 * it names it.
 */
function urlWarning(
  code: string,
  body: Node[],
  urls: Found[],
  otherText: string | undefined,
  category: (url: string) => string | undefined,
): InlineVerdict {
  const holds = new Map<Node, boolean>()
  const loaded = urls.find((found) => {
    const statement = statementAt(body, found.at)
    if (!statement) return true
    if (!holds.has(statement)) holds.set(statement, onlyHolds(statementText(code, statement)))
    return !holds.get(statement)
  })
  const shown = loaded ?? urls[0]
  const message = loaded
    ? messages.inlineMixed(shown.url, otherText)
    : messages.inlineNames(shown.url, category(shown.url)!)
  return { warn: { ...lineOf(code, shown.at), message } }
}

/**
 * Judges one inline script. `category(url)` is the tracker list's answer for a URL (undefined: no tracker).
 */
export function judgeInline(
  code: string,
  module: boolean,
  category: (url: string) => string | undefined,
): InlineVerdict {
  // Cheap first look: nothing here names a tracker or a snippet, so there is nothing to judge.
  const read = unescaped(code)
  const urls: Found[] = [...read.text.matchAll(URLS)]
    .filter((m) => category(m[0]))
    .map((m) => ({ url: m[0], at: read.at(m.index!) }))
  const flat = squeezed(read.text)
  const hint = SNIPPETS.some((s) => s.loader?.test(flat))
  const calls = /\b(gtag|fbq|ttq\.\w+|snaptr|lintrk|clarity|uetq\.push|pintrk|twq|hj|ga)\s*\(/.exec(code)
  if (!urls.length && !hint && !calls) return {}

  let body: Node[]
  try {
    const sourceType = module ? 'module' : 'script'
    const program = parse(code, {
      ecmaVersion: 'latest',
      sourceType,
      allowReturnOutsideFunction: true,
      allowHashBang: true,
    })
    body = (program as unknown as { body: Node[] }).body
  } catch (error) {
    const at = urls[0] ? lineOf(code, urls[0].at) : calls ? lineOf(code, calls.index) : { line: 1, column: 1 }
    const what = urls[0]?.url ?? (calls ? calls[1] + '()' : 'a tracker snippet')
    return { warn: { ...at, message: messages.inlineUnparsed(what, error) } }
  }

  const { vendors, first, other } = sortStatements(code, body)
  if (first && !other) return { mark: [...vendors] }
  const otherText = other && code.slice(other.start, Math.min(other.end, other.start + 40)).replace(/\s+/g, ' ')
  if (first) {
    const what = [...vendors].map((s) => s.name).join(' and ') + ' snippet'
    return { warn: { ...lineOf(code, first.start), message: messages.inlineMixed(what, otherText) } }
  }
  if (!urls.length) return {}
  return urlWarning(code, body, urls, otherText, category)
}
