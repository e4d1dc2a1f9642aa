// The Connect/Express middleware: marks `text/html` responses on their way out. Only HTML is held back (it has to
// be whole to be parsed); every other response streams through untouched. Mount it before the routes that render
// or serve pages, and after (inside) any compression middleware, so that it sees the HTML uncompressed.
// It never throws into the route: a page it cannot mark (too large, or anything else) goes out as it came, and is
// logged once.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { MAX_BYTES } from '../folder'
import { markBytes, type MarkOptions, type MarkResult } from '../transform'
import * as messages from '../messages'
import { onceEach, pathOf } from './once'

export interface MiddlewareOptions extends MarkOptions {
  /** Called for each marked response; the default prints each warning once per page (path without query). */
  onReport?: (url: string, result: Omit<MarkResult, 'html'>) => void
  /**
   * A page larger than this (bytes) is not held back: what came so far is sent, the rest streams through, unmarked,
   * logged once. Default 32 MiB.
   */
  maxBytes?: number
}

type Next = (err?: unknown) => void
type Report = Omit<MarkResult, 'html'>

/** Logs each line once while it is among the 1,000 most recent (a line names the page, without its query). */
function logger(): (line: string) => void {
  const first = onceEach(1000)
  return (line) => {
    if (first(line)) console.warn(messages.PREFIX + line)
  }
}

/** Marks `body`, or says why it went out as it is: never throws. */
function markOrKeep(
  body: Buffer,
  path: string,
  options: MarkOptions,
  log: (line: string) => void,
): Buffer | (Report & { bytes: Buffer }) {
  try {
    return markBytes(body, options)
  } catch (error) {
    log(messages.servedUnmarked(path, error))
    return body
  }
}

/**
 * `app.use(markMiddleware())`: HTML responses (content-type text/html, not compressed) are buffered, marked and sent
 * with a corrected content-length; anything else passes through as it streams. The marking is deterministic, so an
 * ETag the page already has still names one body.
 */
export function markMiddleware(options: MiddlewareOptions = {}) {
  const log = logger()
  const warned = onceEach(1000)
  const {
    onReport = (url: string, result: Report) => {
      if (!result.warnings.length || !warned(pathOf(url))) return
      for (const warning of result.warnings) {
        console.warn(messages.PREFIX + messages.located(pathOf(url), warning.line, warning.column, warning.message))
      }
    },
    maxBytes = MAX_BYTES,
    ...markOptions
  } = options

  return function samtykkeMark(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const url = req.url ?? ''
    const path = pathOf(url)
    const { write, end } = res
    const held = holdHtml(req, res)
    if (!held) return next()

    res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown) {
      if (held.mode() == 'pass') return (write as (...args: unknown[]) => boolean).call(res, chunk, encoding, cb)
      held.take(chunk, encoding)
      const done = (typeof encoding == 'function' ? encoding : cb) as (() => void) | undefined
      if (held.size() <= maxBytes) {
        if (done) process.nextTick(done)
        return true
      }
      // Too large to hold: what came so far goes out as it was, and the rest streams through.
      log(messages.servedLarge(path, maxBytes))
      return (write as (...args: unknown[]) => boolean).call(res, held.release(), done)
    } as ServerResponse['write']

    res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown) {
      if (held.mode() == 'pass') return (end as (...args: unknown[]) => ServerResponse).call(res, chunk, encoding, cb)
      held.take(chunk, encoding)
      const done = [chunk, encoding, cb].find((arg) => typeof arg == 'function') as (() => void) | undefined
      const body = held.release()
      let out: Buffer = body
      if (body.length > maxBytes) log(messages.servedLarge(path, maxBytes))
      else {
        const marked = markOrKeep(body, path, markOptions, log)
        if (!Buffer.isBuffer(marked)) {
          out = marked.bytes
          try {
            onReport(url, marked)
          } catch (error) {
            log(messages.reportThrew(path, error))
          }
        }
      }
      if (out != body) {
        res.setHeader('content-length', out.length)
        res.removeHeader('transfer-encoding')
      }
      return (end as (...args: unknown[]) => ServerResponse).call(res, out, ...(done ? [done] : []))
    } as ServerResponse['end']

    next()
  }
}

/**
 * Takes over `res.writeHead` until the response's type is known; for an HTML response, the body is collected by
 * `take` until `release` puts the original methods back and hands it over. Undefined for a HEAD request, which has
 * no body to mark.
 */
function holdHtml(req: IncomingMessage, res: ServerResponse) {
  if (req.method == 'HEAD') return undefined
  const { write, end, writeHead } = res
  let mode: 'wait' | 'hold' | 'pass' = 'wait'
  let chunks: Buffer[] = []
  let size = 0
  const restore = () => Object.assign(res, { write, end, writeHead })
  const decide = () => {
    if (mode != 'wait') return
    const type = String(res.getHeader('content-type') ?? '')
    const coding = String(res.getHeader('content-encoding') ?? 'identity').toLowerCase()
    const html =
      /^\s*text\/html\b/i.test(type) && coding == 'identity' && res.statusCode != 204 && res.statusCode != 304
    mode = html ? 'hold' : 'pass'
    if (!html) restore()
  }

  // Headers given to writeHead are applied now and sent with the body, once its length is known.
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const message = typeof rest[0] == 'string' ? (rest.shift() as string) : undefined
    const headers = rest[0] as OutgoingHttpHeaders | (string | string[])[] | undefined
    res.statusCode = status
    if (message) res.statusMessage = message
    if (Array.isArray(headers)) {
      const flat = headers.flat()
      for (let i = 0; i < flat.length; i += 2) res.setHeader(flat[i], flat[i + 1])
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value)
    }
    decide()
    return mode == 'pass'
      ? (writeHead as (...args: unknown[]) => ServerResponse).call(res, res.statusCode, ...(message ? [message] : []))
      : res
  } as ServerResponse['writeHead']

  return {
    /** `hold` while the body is collected, `pass` once it is known not to be HTML, or has been released. */
    mode() {
      decide()
      return mode
    },
    take(chunk: unknown, encoding?: unknown) {
      if (chunk == null || typeof chunk == 'function') return
      const charset = typeof encoding == 'string' ? (encoding as BufferEncoding) : 'utf8'
      const bytes = typeof chunk == 'string' ? Buffer.from(chunk, charset) : Buffer.from(chunk as Uint8Array)
      chunks.push(bytes)
      size += bytes.length
    },
    size: () => size,
    /** The body so far; from now on, everything passes through. */
    release() {
      const body = Buffer.concat(chunks)
      chunks = []
      mode = 'pass'
      restore()
      return body
    },
  }
}
