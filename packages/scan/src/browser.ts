// Which browser: --browser PATH, else CHROMIUM_PATH, else Debian's Chromium, else Chrome where it usually is.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { msg, ScanError } from './errors'

export const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
]

/** The browser's path, or a ScanError that says how to get one. */
export function findBrowser(given = process.env.CHROMIUM_PATH, candidates = CANDIDATES): string {
  if (given) {
    if (!existsSync(given)) throw new ScanError('NO_BROWSER', msg.browserMissing(given))
    return given
  }
  const found = candidates.find((c) => existsSync(c))
  if (!found)
    throw new ScanError(
      'NO_BROWSER',
      msg.noChromium(candidates.filter((c) => c.startsWith('/usr') || c.startsWith('/opt'))),
    )
  return found
}

export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Cross-site iframes in the page's own process, so that one CDP session sees their requests and initiators.
  '--disable-site-isolation-trials',
  // navigator.webdriver false: consent tools hide from bots (vanilla-cookieconsent's hideFromBots), visitors they show
  // to.
  '--disable-blink-features=AutomationControlled',
]

export async function launch(path: string | undefined, extra: string[] = []): Promise<Browser> {
  const executablePath = findBrowser(path)
  try {
    // Signals are the CLI's: it closes the browser itself and says so.
    return await chromium.launch({
      executablePath,
      headless: true,
      args: [...BROWSER_ARGS, ...extra],
      ignoreDefaultArgs: ['--enable-automation'],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
  } catch (error) {
    throw new ScanError('NO_BROWSER', msg.launchFailed(executablePath, String((error as Error).message).split('\n')[0]))
  }
}
