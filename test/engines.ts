// The engines besides Chromium, behind one face, so that a check is written once and runs in each: Firefox ESR
// (firefox.ts: puppeteer-core over WebDriver BiDi) and WebKit (webkit.ts: WebKitGTK's own WebDriver, through a proxy).
// Only what those checks need: a fresh site with an empty cookie jar, a page to drive, and what left it.
import type { Browser, ElementHandle, JSHandle } from 'puppeteer-core'
import { launchFirefox, openFirefoxSite } from './firefox'
import { launchWebKit, openWebKitSite, type Key, type WebKit, type WebKitElement } from './webkit'

export type { Key } from './webkit'

export interface EnginePage {
  goto(url: string): Promise<unknown>
  reload(): Promise<unknown>
  /** Runs `fn` (or a script) in the page; arguments and result are JSON. */
  evaluate<R, A extends unknown[]>(fn: string | ((...args: A) => R), ...args: A): Promise<Awaited<R>>
  /** Polls `fn` in the page until it returns something truthy (10 s at most, as expect.poll in the browser project). */
  waitFor<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Promise<void>
  /** Waits until `find` returns an element (shadow roots allowed), then clicks it as a person would. */
  clickWhen<A extends unknown[]>(find: (...args: A) => Element | null | undefined, ...args: A): Promise<void>
  /** Presses a key as a person would: `Tab`, `Shift+Tab`, `Enter`, `Escape`, `Space`. */
  press(key: Key): Promise<void>
}

export interface EngineSite {
  page: EnginePage
  /** Every request that left for a third-party host, in order. (WebKit's reach the harness 20–50 ms late.) */
  thirdParty: string[]
  /** Uncaught errors in the page. */
  errors: string[]
  close(): Promise<void>
}

export interface Engine {
  name: string
  launch(): Promise<void>
  /** A fresh site: `/samtykke/*` from the built drop-in, pages given in `files` (path → HTML), the rest from `root`. */
  open(root: string, files?: Record<string, string>): Promise<EngineSite>
  close(): Promise<void>
}

/** How long a wait for what must happen may take: a busy machine may take its time (vitest.config.ts's expect.poll). */
const TIMEOUT = 10_000

/** What both drivers' pages offer, loosely typed: the face passes arguments through to them. */
interface Driven {
  goto(url: string): Promise<unknown>
  reload(): Promise<unknown>
  evaluate(...a: unknown[]): Promise<never>
  waitForFunction(...a: unknown[]): Promise<unknown>
}

/** The engine's site behind the common face; `click` clicks what the driver's waitForFunction returned. */
function face(
  site: { page: object; thirdParty: string[]; errors: string[]; close(): Promise<void> },
  click: (found: unknown) => Promise<void>,
  press: (key: Key) => Promise<void>,
): EngineSite {
  const page = site.page as Driven
  return {
    thirdParty: site.thirdParty,
    errors: site.errors,
    close: site.close,
    page: {
      goto: (url) => page.goto(url),
      reload: () => page.reload(),
      evaluate: (fn, ...args) => page.evaluate(fn, ...args),
      // Polled from here, not with the driver's waitForFunction: puppeteer's, in Firefox over BiDi, now and then put
      // "Permission denied to access property "length"" among the page's errors while a cross-origin iframe loaded
      // (1 run in 3 of mark.engines.browser.test.ts; 0 in 4 polled this way).
      waitFor: async (fn, ...args) => {
        const until = Date.now() + TIMEOUT
        // Only whether it is truthy comes back (an element does not cross as JSON).
        const truthy = `!!(${fn.toString()}).apply(null, ${JSON.stringify(args)})`
        while (!(await page.evaluate(truthy))) {
          if (Date.now() > until)
            throw new Error(`waitFor: still falsy after ${TIMEOUT} ms: ${fn.toString().slice(0, 200)}`)
          await new Promise((r) => setTimeout(r, 50))
        }
      },
      clickWhen: async (find, ...args) => click(await page.waitForFunction(find, { timeout: TIMEOUT }, ...args)),
      press,
    },
  }
}

function firefox(): Engine {
  let browser: Browser | undefined
  return {
    name: 'Firefox ESR',
    launch: async () => void (browser = await launchFirefox()),
    close: async () => browser?.close(),
    open: async (root, files) => {
      const site = await openFirefoxSite(browser!, root, files)
      const press = async (key: Key) => {
        if (key != 'Shift+Tab') return site.page.keyboard.press(key == 'Space' ? ' ' : key)
        await site.page.keyboard.down('Shift')
        await site.page.keyboard.press('Tab')
        await site.page.keyboard.up('Shift')
      }
      return face(site, (handle) => ((handle as JSHandle).asElement() as ElementHandle<Element>).click(), press)
    },
  }
}

function webkit(): Engine {
  let browser: WebKit | undefined
  return {
    name: 'WebKit',
    launch: async () => void (browser = await launchWebKit()),
    close: async () => browser?.close(),
    open: async (root, files) => {
      const site = await openWebKitSite(browser!, root, files)
      return face(
        site,
        (element) => (element as WebKitElement).click(),
        (key) => site.page.press(key),
      )
    },
  }
}

export const ENGINES: Engine[] = [firefox(), webkit()]

/** The UI's button with this exact text, inside its shadow root (a `clickWhen` finder). */
export const uiButton = (text: string) =>
  [...(document.querySelector('samtykke-ui')?.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (b) => b.textContent?.trim() == text,
  )
