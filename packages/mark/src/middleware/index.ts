// The Connect/Express middleware: marks `text/html` responses on their way out. Only HTML is held back (it has to
// be whole to be parsed); every other response streams through untouched. Mount it before the routes that render
// or serve pages, and after (inside) any compression middleware, so that it sees the HTML uncompressed.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { markBytes, type MarkOptions, type MarkResult } from '../transform'

export interface MiddlewareOptions extends MarkOptions {
  /** Called for each marked response; the default prints each warning once per URL. */
  onReport?: (url: string, result: Omit<MarkResult, 'html'>) => void
}

type Next = (err?: unknown) => void

/**
 * `app.use(markMiddleware())`: HTML responses (content-type text/html, not compressed) are buffered, marked and sent
 * with a corrected content-length; anything else passes through as it streams. The marking is deterministic, so an
 * ETag the page already has still names one body.
 */
export function markMiddleware(options: MiddlewareOptions = {}) {
  const warned = new Set<string>()
  const {
    onReport = (url: string, r: Omit<MarkResult, 'html'>) => {
      if (r.warnings.length && !warned.has(url)) {
        warned.add(url)
        for (const w of r.warnings) console.warn(`samtykke mark: ${url}:${w.line}:${w.column} warning: ${w.message}`)
      }
    },
    ...markOptions
  } = options

  return function samtykkeMark(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const { write, end, writeHead } = res
    let mode: 'wait' | 'hold' | 'pass' = 'wait'
    const chunks: Buffer[] = []
    const restore = () => Object.assign(res, { write, end, writeHead })
    const decide = () => {
      if (mode != 'wait') return
      const type = String(res.getHeader('content-type') ?? '')
      const coding = String(res.getHeader('content-encoding') ?? 'identity').toLowerCase()
      const html = /^\s*text\/html\b/i.test(type) && coding == 'identity' && req.method != 'HEAD' && res.statusCode != 204 && res.statusCode != 304
      mode = html ? 'hold' : 'pass'
      if (!html) restore()
    }
    const take = (chunk: unknown, encoding?: unknown) => {
      if (chunk == null || typeof chunk == 'function') return
      chunks.push(typeof chunk == 'string' ? Buffer.from(chunk, typeof encoding == 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array))
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
      } else if (headers) for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v)
      decide()
      return mode == 'pass' ? (writeHead as (...a: unknown[]) => ServerResponse).call(res, res.statusCode, ...(message ? [message] : [])) : res
    } as ServerResponse['writeHead']

    res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown) {
      decide()
      if (mode == 'pass') return (write as (...a: unknown[]) => boolean).call(res, chunk, encoding, cb)
      take(chunk, encoding)
      const done = typeof encoding == 'function' ? encoding : cb
      if (typeof done == 'function') process.nextTick(done as () => void)
      return true
    } as ServerResponse['write']

    res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown) {
      decide()
      if (mode == 'pass') return (end as (...a: unknown[]) => ServerResponse).call(res, chunk, encoding, cb)
      take(chunk, encoding)
      restore()
      const r = markBytes(Buffer.concat(chunks), markOptions)
      onReport(req.url ?? '', r)
      res.setHeader('content-length', r.bytes.length)
      res.removeHeader('transfer-encoding')
      const done = [chunk, encoding, cb].find((f) => typeof f == 'function') as (() => void) | undefined
      return (end as (...a: unknown[]) => ServerResponse).call(res, r.bytes, ...(done ? [done] : []))
    } as ServerResponse['end']

    next()
  }
}
