// The third engine: WebKit, as Debian's WebKitGTK (the engine of Safari and of every browser on iOS), driven over
// WebDriver classic by its own WebKitWebDriver with MiniBrowser, under Xvfb. No browser download: Debian's
// webkit2gtk-driver and xvfb packages (scripts/ensure-browsers.mjs).
//
// WebDriver classic cannot intercept requests, so every request goes through an in-process MITM proxy (mockttp):
// same rules as test/browser.ts and test/firefox.ts (test/site.ts). First-party pages come from disk under https://www.innfram.test,
// the built drop-in at /samtykke/, and every other host is answered by a fake (test/fakes.mjs) and logged. The proxy
// never passes a request on, so no test can reach a real host.
//
// How it is wired, and why:
// - The proxy goes to MiniBrowser as its own `--proxy=http://…` argument, not as the W3C `proxy` capability: given
//   `sslProxy`, WebKitGTK 2.50 opens TLS to the proxy itself (a handshake without SNI arrives at the proxy port and
//   is reset), so no https page loads. `--proxy` makes it tunnel https with CONNECT, which the proxy intercepts.
// - `acceptInsecureCerts` lets the page accept the proxy's certificates (made on the fly from a throwaway CA).
// - One proxy, one WebKitWebDriver and one MiniBrowser per site: a fresh, empty cookie jar and storage every time
//   (checked: MiniBrowser under automation keeps nothing on disk), and no late request of a closed site counted in
//   the next one. A site opens in about half a second.
// - WebKitGTK has no headless mode: one Xvfb per launchWebKit().
//
// What is recorded of the page's own errors: WebKitWebDriver has neither BiDi (`webSocketUrl` fails to match) nor a
// log endpoint, and MiniBrowser's `--enable-write-console-messages-to-stdout=true` printed nothing under the driver
// (neither on its stdout nor its stderr). So the harness puts a small recorder first in every first-party HTML page it
// serves (before the page's own scripts, so before samtykke). It reports, by a beacon to a first-party path that the
// harness answers itself:
// - `errors`: uncaught exceptions (`error` events on window) and unhandled promise rejections, in first-party
//   documents (the top page and first-party frames). An error thrown by a third-party script (a fake) is
//   cross-origin, so the browser reports it muted ("Script error."), without its message. Not seen: errors in
//   third-party frames, and what the browser logs without an exception (a CSP violation, a failed load). A first-party
//   TLS failure at the proxy is added here too.
// - `console`: calls of console.warn and console.error by the page's scripts (the recorder wraps them); not the
//   browser's own console messages.
// Reports are beacons, so they arrive a moment after the error: assert on them after a pause.
//
// Likewise a third-party request is logged when it reaches the proxy, 20–50 ms after the page sends it (a new host
// costs a CONNECT and a TLS handshake), not at once as in the Chromium and Firefox harnesses, which see it inside the
// browser: wait a little before asserting that a request went out.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { generateCACertificate, getLocal, type CompletedRequest, type Mockttp } from 'mockttp'
import { fakeFor } from './fakes.mjs'
import { firstPartyFile, freePort, isFirstParty } from './site'

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver'
export const XVFB = process.env.XVFB_PATH || '/usr/bin/Xvfb'

/** The harness's own first-party path for the recorder's reports: answered by the proxy, never by the site. */
const REPORT = '/__webkit-harness/report'

export interface WebKit {
  /** The X display MiniBrowser draws on (Xvfb's). */
  display: string
  ca: { key: string; cert: string }
  close(): Promise<void>
}

const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})
function track(child: ChildProcess) {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}
async function stop(child: ChildProcess, ms = 2000) {
  if (child.exitCode != null || child.signalCode != null) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), ms)
  await exited
  clearTimeout(timer)
}

/** Starts Xvfb on a free display, and makes the proxy's throwaway CA. */
export async function launchWebKit(): Promise<WebKit> {
  for (const [name, path, env, pkg] of [
    ['WebKitWebDriver', WEBKIT_DRIVER, 'WEBKIT_DRIVER_PATH', 'webkit2gtk-driver'],
    ['Xvfb', XVFB, 'XVFB_PATH', 'xvfb'],
  ])
    if (!existsSync(path))
      throw new Error(
        `${name} not found at ${path}: run \`node scripts/ensure-browsers.mjs\` (Debian: apt-get install -y ${pkg}) or set ${env}`,
      )
  const [ca, display] = await Promise.all([
    generateCACertificate({ subject: { commonName: 'samtykke test CA' } }),
    startXvfb(),
  ])
  return {
    display: display.name,
    ca,
    close: () => stop(display.process),
  }
}

/** Xvfb picks a free display and writes its number to the fd given with -displayfd. */
function startXvfb(): Promise<{ name: string; process: ChildProcess }> {
  const xvfb = track(
    spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    }),
  )
  let stderr = ''
  xvfb.stderr!.on('data', (d) => (stderr += d))
  return new Promise((resolvePromise, reject) => {
    let out = ''
    const fd = xvfb.stdio[3] as NodeJS.ReadableStream
    fd.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolvePromise({ name: ':' + out.trim(), process: xvfb })
    })
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr.trim()}`)))
    xvfb.once('error', reject)
  })
}

/**
 * What a request is for, from its Sec-Fetch-Dest header (WebKit sends it, also through the proxy), else from its
 * URL. It only picks the fake's body; a fake that any request gets counts in `thirdParty` all the same.
 */
function kindOf(req: CompletedRequest, url: URL) {
  const dest = req.headers['sec-fetch-dest']
  if (dest == 'script' || dest == 'image') return dest
  if (dest == 'iframe' || dest == 'frame' || dest == 'document') return 'document'
  if (dest == 'style') return 'stylesheet'
  if (dest) return ''
  return /\.js$|\/gtag\/js$/.test(url.pathname)
    ? 'script'
    : /\/embed\//.test(url.pathname)
      ? 'document'
      : /^\/tr\/?$/.test(url.pathname)
        ? 'image'
        : ''
}

/**
 * The recorder put first in every first-party HTML page (see the top of this file). It keeps the browser's own
 * sendBeacon, so that a blocker that wraps sendBeacon later never sees (nor holds) the reports.
 */
const RECORDER = `<script>(function(){var send=navigator.sendBeacon.bind(navigator),url=${JSON.stringify(REPORT)};
function report(kind,text){try{send(url,JSON.stringify({kind:kind,text:String(text)}))}catch(e){}}
addEventListener('error',function(e){if(e.target&&e.target!==window)return;report('pageerror',e.error&&e.error.stack?e.error+'\\n'+e.error.stack:e.message)});
addEventListener('unhandledrejection',function(e){report('pageerror','Unhandled rejection: '+(e.reason&&e.reason.stack?e.reason+'\\n'+e.reason.stack:e.reason))});
['warn','error'].forEach(function(t){var o=console[t];console[t]=function(){report(t,Array.prototype.map.call(arguments,String).join(' '));return o.apply(this,arguments)}});
})()</script>`

function withRecorder(html: string) {
  const head = /<head(\s[^>]*)?>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html)
  if (!head) return RECORDER + html
  const at = head.index + head[0].length
  return html.slice(0, at) + RECORDER + html.slice(at)
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'

export interface WebKitElement {
  /** WebDriver's element id. */
  id: string
  /** A WebDriver element click: scrolls it into view and clicks its centre, as a person would. */
  click(): Promise<void>
}

export interface WebKitPage {
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>
  reload(): Promise<void>
  /**
   * Runs `fn` in the page with JSON-able `args` and returns its (awaited, JSON-able) result. A string is evaluated as
   * a script in the page's global scope.
   */
  evaluate<R, A extends unknown[]>(fn: string | ((...args: A) => R), ...args: A): Promise<Awaited<R>>
  /** Polls `fn` in the page until it returns something truthy, and returns that; an element comes back as a handle. */
  waitForFunction<A extends unknown[]>(
    fn: (...args: A) => unknown,
    options?: { timeout?: number },
    ...args: A
  ): Promise<WebKitElement>
  /** Clicks the first element in the document (not in a shadow root) that matches a CSS selector. */
  click(selector: string): Promise<void>
  /** Presses a key as a person would (WebDriver key actions): `Tab`, `Shift+Tab`, `Enter`, `Escape`, `Space`. */
  press(key: Key): Promise<void>
}

/** The keys the checks press. */
export type Key = 'Tab' | 'Shift+Tab' | 'Enter' | 'Escape' | 'Space'
/** WebDriver's code points for them (W3C WebDriver, "keyboard actions"). */
const KEYS: Record<string, string> = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Space: '\uE00D',
  Shift: '\uE008',
}

export interface WebKitSite {
  page: WebKitPage
  /** Every request that left for a third-party host, in order. */
  thirdParty: string[]
  /** Uncaught errors and unhandled rejections in first-party documents (see the top of this file). */
  errors: string[]
  /** The page's console.warn and console.error calls. */
  console: string[]
  close(): Promise<void>
}

/**
 * A fresh browser (empty cookie jar) behind a fresh proxy: `/samtykke/*` from packages/samtykke/dist, pages given in
 * `files` (path → HTML), the rest from `root`.
 */
export async function openWebKitSite(
  webkit: WebKit,
  root: string,
  files: Record<string, string> = {},
): Promise<WebKitSite> {
  const thirdParty: string[] = []
  const errors: string[] = []
  const messages: string[] = []

  const proxy: Mockttp = getLocal({ https: webkit.ca, http2: false, suggestChanges: false, recordTraffic: false })
  await proxy.start()
  await proxy.forAnyRequest().thenCallback(async (req) => {
    const url = new URL(req.url)
    if (!isFirstParty(url.hostname)) {
      thirdParty.push(url.href)
      const fake = fakeFor(url, kindOf(req, url))
      return {
        statusCode: fake.status ?? 200,
        headers: { 'content-type': fake.contentType, 'access-control-allow-origin': '*' },
        body: fake.body,
      }
    }
    if (req.method == 'POST') {
      if (url.pathname == REPORT) {
        const { kind, text } = JSON.parse((await req.body.getText()) ?? '{}') as { kind: string; text: string }
        ;(kind == 'pageerror' ? errors : messages).push(text)
      }
      return { statusCode: 204 }
    }
    const { status, type, body } = firstPartyFile(url.pathname, { files, root })
    return {
      statusCode: status,
      headers: { 'content-type': type },
      body: type.startsWith('text/html') ? withRecorder(body.toString()) : body,
    }
  })
  // A connection that fails its TLS handshake with the proxy carries no request the proxy could log, yet the browser
  // meant to reach that host: logged as an attempt, so that a certificate problem can never hide a request.
  await proxy.on('tls-client-error', (f) => {
    const host = f.destination?.hostname ?? f.tlsMetadata.sniHostname ?? '?'
    const line = `https://${host}/ (TLS handshake with the test proxy failed: ${f.failureCause})`
    if (!isFirstParty(host)) thirdParty.push(line)
    else errors.push(line)
  })
  // A WebSocket to anywhere is a request too: logged when third-party, and refused.
  await proxy.on('websocket-request', (req) => {
    const url = new URL(req.url)
    if (!isFirstParty(url.hostname)) thirdParty.push(url.href)
  })
  await proxy.forAnyWebSocket().thenRejectConnection(403)

  let driver: ChildProcess | undefined
  let session: string | undefined
  try {
    const port = await freePort()
    driver = track(
      spawn(WEBKIT_DRIVER, [`--port=${port}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, DISPLAY: webkit.display },
      }),
    )
    let driverErr = ''
    driver.stderr!.on('data', (d) => (driverErr = (driverErr + d).slice(-4000)))
    const base = `http://127.0.0.1:${port}`
    const wd = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const json = (await r.json()) as { value: unknown }
      if (!r.ok) {
        const e = json.value as { error?: string; message?: string }
        throw new Error(`WebDriver ${method} ${path}: ${e?.error}: ${e?.message}`)
      }
      return json.value
    }
    for (let i = 0; ; i++) {
      try {
        await fetch(base + '/status')
        break
      } catch (e) {
        if (i > 250 || driver.exitCode != null)
          throw new Error(`WebKitWebDriver did not start: ${driverErr.trim() || e}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    const created = (await wd('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          acceptInsecureCerts: true,
          pageLoadStrategy: 'normal',
          timeouts: { script: 30_000, pageLoad: 20_000, implicit: 0 },
          'webkitgtk:browserOptions': { args: ['--automation', `--proxy=http://127.0.0.1:${proxy.port}`] },
        },
      },
    })) as { sessionId: string }
    session = created.sessionId
    const S = `/session/${session}`

    const toElement = (v: unknown): WebKitElement | undefined => {
      const id = v && typeof v == 'object' ? (v as Record<string, string>)[ELEMENT] : undefined
      if (!id) return undefined
      return {
        id,
        async click() {
          // WebKitWebDriver scrolls an element into view before clicking it, but with the page's own scroll-behavior:
          // under `scroll-behavior: smooth` it checks before the scroll is done, finds the element out of view and
          // answers "element not interactable". So scroll it to the middle at once first, as a person would.
          await wd('POST', `${S}/execute/sync`, {
            script: `arguments[0].scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' })`,
            args: [v],
          })
          await wd('POST', `${S}/element/${id}/click`, {})
        },
      }
    }
    /** Runs `body` (a function expression's source) in the page with execute/async, so a promise is awaited. */
    const run = async (body: string, args: unknown[]) => {
      const out = (await wd('POST', `${S}/execute/async`, {
        script: `var done = arguments[arguments.length - 1], args = Array.prototype.slice.call(arguments, 0, -1);
Promise.resolve().then(function () { return (${body}).apply(null, args) }).then(
  function (v) { done({ value: v === undefined ? null : v }) },
  function (e) { done({ error: String(e && e.stack ? e + '\\n' + e.stack : e) }) })`,
        args,
      })) as { value?: unknown; error?: string }
      if (out.error != null) throw new Error('Evaluation failed in WebKit: ' + out.error)
      return out.value
    }
    const source = (fn: string | ((...a: never[]) => unknown)) =>
      typeof fn == 'string' ? `function () { return (0, eval)(${JSON.stringify(fn)}) }` : fn.toString()

    const page: WebKitPage = {
      goto: async (url) => void (await wd('POST', `${S}/url`, { url })),
      reload: async () => void (await wd('POST', `${S}/refresh`, {})),
      evaluate: (fn, ...args) => run(source(fn as never), args) as never,
      async waitForFunction(fn, { timeout = 5000 } = {}, ...args) {
        const poll = `function () {
  var fn = ${fn.toString()}, args = arguments, deadline = Date.now() + ${timeout};
  return new Promise(function (resolve, reject) {
    (function tick() {
      var v;
      try { v = fn.apply(null, args) } catch (e) { return reject(e) }
      if (v) return resolve(v);
      if (Date.now() > deadline) return reject(new Error('waitForFunction: still falsy after ${timeout} ms'));
      setTimeout(tick, 50);
    })();
  });
}`
        const value = await run(poll, args)
        return (toElement(value) ?? value) as WebKitElement
      },
      async click(selector) {
        const found = await wd('POST', `${S}/element`, { using: 'css selector', value: selector })
        await toElement(found)!.click()
      },
      async press(key) {
        const keys = key.split('+').map((k) => KEYS[k])
        const actions = [
          ...keys.map((value) => ({ type: 'keyDown', value })),
          ...keys.reverse().map((value) => ({ type: 'keyUp', value })),
        ]
        await wd('POST', `${S}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] })
        await wd('DELETE', `${S}/actions`)
      },
    }
    const opened = driver
    return {
      page,
      thirdParty,
      errors,
      console: messages,
      async close() {
        await wd('DELETE', S).catch(() => {})
        await stop(opened)
        await proxy.stop()
      },
    }
  } catch (e) {
    if (driver) await stop(driver)
    await proxy.stop()
    throw e
  }
}
