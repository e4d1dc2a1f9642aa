// Driving the consent tool on the page: which one it is, and making a choice with it (samtykke's and
// vanilla-cookieconsent's APIs, DuckDuckGo's autoconsent rules for others, or the site's own selectors).
import type { Page } from 'playwright-core'
import { runAutoconsent } from './autoconsent'
import { msg, ScanError } from './errors'

/** The consent tool on the page, if the scanner knows how to make a choice with it. */
export async function detectTool(page: Page): Promise<string | null> {
  try {
    return await page.evaluate(() => {
      const win = window as unknown as {
        samtykke?: { acceptAll?: unknown }
        CookieConsent?: { acceptCategory?: unknown }
      }
      if (typeof win.samtykke?.acceptAll == 'function') return 'samtykke'
      if (typeof win.CookieConsent?.acceptCategory == 'function') return 'vanilla-cookieconsent'
      return null
    })
  } catch {
    return null
  }
}

/** Makes the choice; returns a note when it may not have worked. */
export async function choose(
  page: Page,
  which: 'accept' | 'reject',
  tool: string,
  selector: string | undefined,
  timeout: number,
): Promise<string | undefined> {
  if (selector) {
    const el = page.locator(selector).first()
    try {
      await el.click({ timeout: Math.min(timeout, 5000) })
    } catch {
      throw new ScanError('SELECTOR_NOT_FOUND', msg.selectorNotFound(which, selector, page.url()))
    }
    return
  }
  if (tool == 'samtykke')
    await page.evaluate((choice) => {
      const api = (window as unknown as { samtykke: { acceptAll(): Promise<void>; rejectAll(): Promise<void> } })
        .samtykke
      return choice == 'accept' ? api.acceptAll() : api.rejectAll()
    }, which)
  else if (tool == 'vanilla-cookieconsent')
    await page.evaluate((choice) => {
      const cc = (window as unknown as { CookieConsent: { acceptCategory(c: string | string[]): void } }).CookieConsent
      cc.acceptCategory(choice == 'accept' ? 'all' : [])
    }, which)
  else if (tool.startsWith('autoconsent')) {
    const outcome = await runAutoconsent(page, which == 'accept' ? 'optIn' : 'optOut', Math.min(timeout, 10_000))
    if (!outcome.result)
      return (
        `autoconsent could not ${which} on ${page.url()} (${outcome.cmp ?? 'no banner found'}); ` +
        'scanned anyway: give --accept/--reject selectors'
      )
  }
}

/** The name samtykke's config gives its own cookie, if the page says. */
export const consentCookieOf = (page: Page): Promise<string | undefined> =>
  page
    .evaluate(
      () =>
        (window as unknown as { samtykke: { config?: { cookie?: { name?: string } } } }).samtykke.config?.cookie?.name,
    )
    // A page that navigated away meanwhile: the default name is the best guess.
    .catch(() => undefined)
