// One local server for the scanner's browser tests: the test sites (by host name) and every third-party host (fakes
// from test/fakes.mjs), over http and https on one port. Chromium sends every host here by --host-resolver-rules, so
// nothing reaches the internet; `*.invalid` does not resolve at all.
import { createServer as createNet, type Server } from 'node:net'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import { generateCACertificate } from 'mockttp'
import { fakeFor } from '../../../test/fakes.mjs'
import { firstPartyFile } from '../../../test/site'

export interface TestSite {
  /** Pages and files by path → body (HTML unless the path says otherwise). */
  files?: Record<string, string>
  /** A folder (from the repository's root) served for paths not in `files`, e.g. `examples/innfram`. */
  root?: string
}

export interface TestServer {
  port: number
  /** Chromium switches that send every host to this server. */
  browserArgs: string[]
  /** Requests the fakes answered, as `host/path`. */
  thirdParty: string[]
  close(): Promise<void>
}

const DEST: Record<string, string> = {
  script: 'script',
  image: 'image',
  iframe: 'document',
  document: 'document',
  style: 'stylesheet',
}

/** `sites`: registrable domain (`butikk.test`) → what it serves, on any of its hosts. */
export async function startServer(sites: Record<string, TestSite>): Promise<TestServer> {
  const thirdParty: string[] = []
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '')
    const url = new URL(
      req.url ?? '/',
      `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${host}`,
    )
    const domain = Object.keys(sites).find((d) => host == d || host.endsWith('.' + d))
    if (!domain) {
      thirdParty.push(host + url.pathname)
      const fake = fakeFor(url, DEST[String(req.headers['sec-fetch-dest'])] ?? 'other')
      res.writeHead(fake.status ?? 200, { 'content-type': fake.contentType, 'access-control-allow-origin': '*' })
      return res.end(req.method == 'HEAD' ? undefined : fake.body)
    }
    const p = url.pathname
    if (p == '/never') return // a page that never finishes
    if (p == '/loop') return res.writeHead(302, { location: '/loop' }).end()
    if (p.startsWith('/status/'))
      return res.writeHead(Number(p.slice(8)), { 'content-type': 'text/html' }).end('<h1>Feil</h1>')
    if (req.method == 'POST') return res.writeHead(204).end()
    const { status, type, body } = firstPartyFile(p, sites[domain])
    res.writeHead(status, { 'content-type': p.endsWith('.xml') && status == 200 ? 'application/xml' : type })
    res.end(body)
  }
  const { key, cert } = await generateCACertificate({ subject: { commonName: 'samtykke scan test' } })
  const plain = http.createServer(handler)
  const tls = https.createServer({ key, cert }, handler)
  // One port, both protocols: a TLS ClientHello starts with 0x16.
  const server: Server = createNet({ pauseOnConnect: true }, (socket) => {
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null
      if (!first) return socket.destroy()
      socket.unshift(first)
      ;(first[0] == 0x16 ? tls : plain).emit('connection', socket)
    })
    socket.resume()
    socket.pause()
  })
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as { port: number }
  return {
    port,
    browserArgs: [`--host-resolver-rules=MAP *.invalid ~NOTFOUND, MAP * 127.0.0.1:${port}, EXCLUDE localhost`],
    thirdParty,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy()
        server.close(() => ok())
      }),
  }
}

/** Runs the command in this process and keeps what it printed. */
export async function runScan(
  run: (argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }) => Promise<number>,
  argv: string[],
) {
  let stdout = '',
    stderr = ''
  const code = await run(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) })
  return { code, stdout, stderr, json: () => JSON.parse(stdout) }
}
