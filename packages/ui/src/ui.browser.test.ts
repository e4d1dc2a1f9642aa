// The banner, the preference centre and the placeholders in real Chromium, loaded the way a site loads them
// (the built drop-in, which lazy-loads samtykke-ui.<lang>.js), driven by role and name as a visitor would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchChromium, openSite, pageWithSamtykke, ROOT, type Site, type SiteOptions } from '../../../test/browser'
import fixture from '../test/fixture.json'
import type { Strings } from './i18n/nb'
import { nb } from './i18n/nb'
import { nn } from './i18n/nn'
import { en } from './i18n/en'
import { sv } from './i18n/sv'
import { da } from './i18n/da'
import { de } from './i18n/de'
import { fi } from './i18n/fi'
import { pl } from './i18n/pl'
import { uk } from './i18n/uk'
import { lt } from './i18n/lt'

const AXE = ROOT + '/node_modules/axe-core/axe.min.js'
const VIDEO =
  '<iframe title="Film om Innfram" width="560" height="315" data-category="marketing" ' +
  'data-src="https://www.youtube-nocookie.com/embed/abc"></iframe>'
const FOOTER = '<footer><button type="button" data-samtykke-open>Informasjonskapsler</button></footer>'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const sites: Site[] = []
afterAll(() => Promise.all(sites.map((s) => s.close())))

/** A page with the fixture config; `lang` sets <html lang>. */
async function open({
  lang = 'nb',
  config = {},
  body = '',
  init,
  ...options
}: SiteOptions & { lang?: string; config?: object; body?: string; init?: () => void } = {}) {
  const html = pageWithSamtykke({
    config: { ...fixture, ...config },
    body: `<p><a href="/om">Om oss</a></p>${body}`,
  }).replace('<html lang="nb">', `<html lang="${lang}">`)
  const site = await openSite(browser, { ...options, files: { '/': html, ...options.files } })
  sites.push(site)
  if (init) await site.page.addInitScript(init)
  await site.page.goto('https://www.innfram.test/')
  return site
}
const state = (page: Page) => page.evaluate(() => (window as any).samtykke.get())
const banner = (page: Page, name = 'Vi bruker informasjonskapsler') => page.getByRole('region', { name })
const prefs = (page: Page, name = 'Innstillinger for informasjonskapsler') => page.getByRole('dialog', { name })
/** The focused element, looking into shadow roots: its role-ish description. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return el
      ? el.getAttribute('aria-label') ||
          (el.tagName == 'DIALOG'
            ? 'dialog'
            : el.tagName == 'INPUT'
              ? (el as HTMLInputElement).name
              : el.textContent!.trim())
      : null
  })
async function axe(page: Page) {
  await page.addScriptTag({ path: AXE })
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => JSON.stringify(n.target)).join(' ')}`)
  })
}

describe('the banner, by mouse', () => {
  it('shows on a first visit, names purposes and third parties, with three equal buttons', async () => {
    const { page } = await open()
    await expect.poll(() => banner(page).isVisible()).toBe(true)
    const text = await banner(page).textContent()
    expect(text).toContain('statistikk og markedsføring')
    expect(text).toContain('Google Analytics, Meta-piksel og YouTube')
    expect(text).toContain('trekke tilbake samtykket når som helst')
    expect(await banner(page).getByRole('link', { name: 'Les personvernerklæringen' }).getAttribute('href')).toBe(
      '/personvern',
    )
    const names = ['Godta alle', 'Avvis alle', 'Tilpass']
    const looks = await Promise.all(
      names.map((name) =>
        banner(page)
          .getByRole('button', { name, exact: true })
          .evaluate((b) => {
            const s = getComputedStyle(b)
            const r = b.getBoundingClientRect()
            return [
              Math.round(r.width),
              Math.round(r.height),
              s.backgroundColor,
              s.color,
              s.fontSize,
              s.fontWeight,
              s.borderTopWidth,
              s.borderTopColor,
            ].join()
          }),
      ),
    )
    expect(new Set(looks).size).toBe(1)
    expect(looks[0]).toContain(',rgb(11, 87, 208),rgb(255, 255, 255),') // white on the accent: 6.4:1
  })

  it('"Avvis alle" records a refusal; the banner goes and the floating button comes', async () => {
    const { page } = await open()
    const reopen = page.getByRole('button', { name: 'Innstillinger for informasjonskapsler' })
    expect(await reopen.isVisible()).toBe(false)
    await banner(page).getByRole('button', { name: 'Avvis alle' }).click()
    await expect.poll(() => banner(page).count()).toBe(0)
    const s = await state(page)
    expect(s.record.how).toBe('none')
    expect(s.granted).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false })
    await expect.poll(() => reopen.isVisible()).toBe(true)
  })

  it('does not cover the page: it takes no space in the flow and the page stays usable', async () => {
    const { page } = await open()
    await banner(page).waitFor()
    expect(
      await page
        .locator('samtykke-ui')
        .evaluate((h) => [h === document.body.firstElementChild, h.getBoundingClientRect().height]),
    ).toEqual([true, 0])
    await page.getByRole('link', { name: 'Om oss' }).click()
    await expect.poll(() => page.url()).toBe('https://www.innfram.test/om')
  })

  it('the floating button and any data-samtykke-open element open the preference centre at the choice', async () => {
    const { page } = await open({ body: FOOTER, config: { floatingButton: true } })
    await banner(page).getByRole('button', { name: 'Godta alle' }).click()
    await page.getByRole('button', { name: 'Innstillinger for informasjonskapsler' }).click()
    await prefs(page).waitFor()
    expect(await prefs(page).getByRole('switch', { name: 'Markedsføring' }).isChecked()).toBe(true)
    await prefs(page).getByRole('switch', { name: 'Markedsføring' }).uncheck()
    await prefs(page).getByRole('button', { name: 'Lagre valg' }).click()
    expect((await state(page)).granted).toMatchObject({ analytics: true, marketing: false })
    await page.getByRole('button', { name: 'Informasjonskapsler', exact: true }).click()
    await prefs(page).waitFor()
    expect(await prefs(page).textContent()).toMatch(
      /Valget ditt ble lagret \d+\. \w+ \d{4} kl\. \d\d:\d\d\. Samtykke-ID: [\w-]+/,
    )
  })
})

describe('the preference centre, by keyboard only', () => {
  it('a link the visitor tabs to on the page is never hidden behind the banner (WCAG 2.4.11)', async () => {
    const links = Array.from({ length: 30 }, (_, i) => `<p>Avsnitt ${i}. <a href="#a${i}">Lenke ${i}</a></p>`).join('')
    const { page } = await open({ body: links, context: { viewport: { width: 800, height: 600 } } })
    const { y: top, height } = (await banner(page).boundingBox())!
    // The room below the page is the banner's height, measured once the banner is laid out (before it is painted).
    await expect
      .poll(() =>
        page.evaluate(() => [
          document.documentElement.style.paddingBottom,
          document.documentElement.style.scrollPaddingBottom,
        ]),
      )
      .toEqual(Array(2).fill(Math.round(height) + 'px'))
    await page.keyboard.press('Tab') // into the banner first
    for (let i = 0; i < 4 + 1 + 30; i++) {
      await page.keyboard.press('Tab')
      const box = await page.evaluate(() => {
        const el = document.activeElement
        return el?.tagName == 'A' ? el.getBoundingClientRect().bottom : null
      })
      if (box != null) expect(box).toBeLessThanOrEqual(top)
    }
    // The room is given back once the banner goes.
    await banner(page).getByRole('button', { name: 'Avvis alle' }).click()
    expect(
      await page.evaluate(() => [
        document.documentElement.style.paddingBottom,
        document.documentElement.style.scrollPaddingBottom,
      ]),
    ).toEqual(['', ''])
  })

  it('Tab reaches the banner first; the dialog takes focus, never the page behind; Escape gives it back', async () => {
    const { page } = await open()
    await banner(page).waitFor()
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Les personvernerklæringen')
    for (const want of ['Godta alle', 'Avvis alle', 'Tilpass']) {
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe(want)
    }
    await page.keyboard.press('Enter')
    await prefs(page).waitFor()
    expect(await focused(page)).toBe('dialog')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Lukk')
    // Past either end focus goes where a native modal dialog sends it: to the browser's own controls (headless
    // has none: the document), never to the inert page behind; one more press brings it round again.
    const where = () =>
      page.evaluate(() =>
        document.activeElement?.tagName == 'SAMTYKKE-UI'
          ? 'dialog'
          : document.activeElement == document.body
            ? 'browser'
            : 'page',
      )
    await page.keyboard.press('Shift+Tab')
    expect(await where()).toBe('browser')
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toBe('Avvis alle')
    // Through every control once: focus never reaches the page, and comes round again.
    const seen: (string | null)[] = []
    for (let i = 0; i < 20 && !seen.includes('Lukk'); i++) {
      await page.keyboard.press('Tab')
      expect(await where()).not.toBe('page')
      seen.push(await focused(page))
    }
    expect(seen.at(-1)).toBe('Lukk')
    for (let i = 0; i < 20 && seen.at(-1) != 'Avvis alle'; i++) {
      await page.keyboard.press('Tab')
      seen.push(await focused(page))
    }
    expect(seen).toContain('analytics')
    // Space turns a switch on; Escape closes without recording it.
    while ((await focused(page)) != 'analytics') await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    expect(await prefs(page).getByRole('switch', { name: 'Statistikk' }).isChecked()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => prefs(page).count()).toBe(0)
    expect(await focused(page)).toBe('Tilpass')
    expect((await state(page)).decided).toBe(false)
  })

  it('a choice can be made and saved with the keyboard alone', async () => {
    const { page } = await open()
    await banner(page).waitFor()
    while ((await focused(page)) != 'Tilpass') await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await prefs(page).waitFor()
    while ((await focused(page)) != 'marketing') await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    while ((await focused(page)) != 'Lagre valg') await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await state(page)).decided).toBe(true)
    expect((await state(page)).record).toMatchObject({
      how: 'custom',
      categories: { analytics: false, marketing: true },
    })
    expect(await banner(page).count()).toBe(0)
  })

  it('the floating button gets focus back when the dialog closes', async () => {
    const { page } = await open()
    await banner(page).getByRole('button', { name: 'Avvis alle' }).click()
    const reopen = page.getByRole('button', { name: 'Innstillinger for informasjonskapsler' })
    await reopen.focus()
    await page.keyboard.press('Enter')
    await prefs(page).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => prefs(page).count()).toBe(0)
    expect(await focused(page)).toBe('Innstillinger for informasjonskapsler')
  })
})

describe('focus after a decision (keyboard)', () => {
  it('"Lagre valg" in a preference centre opened from "Tilpass": focus goes to the floating button', async () => {
    const { page } = await open()
    await banner(page).waitFor()
    while ((await focused(page)) != 'Tilpass') await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await prefs(page).waitFor()
    while ((await focused(page)) != 'Lagre valg') await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('Innstillinger for informasjonskapsler')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SAMTYKKE-REOPEN')
  })

  it('"Godta alle" in the banner: to the floating button', async () => {
    const { page } = await open()
    await banner(page).waitFor()
    while ((await focused(page)) != 'Godta alle') await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('Innstillinger for informasjonskapsler')
  })

  it('without the floating button: back to where the visitor was before the banner, else to <main>', async () => {
    const { page } = await open({ config: { floatingButton: false } })
    await banner(page).waitFor()
    // From a link on the page, Shift+Tab goes back into the banner, first in <body>.
    await page.getByRole('link', { name: 'Om oss' }).focus()
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toBe('Tilpass')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Enter') // "Avvis alle"
    await expect.poll(() => focused(page)).toBe('Om oss')

    const second = await open({ config: { floatingButton: false } })
    await banner(second.page).waitFor()
    await second.page.keyboard.press('Tab')
    while ((await focused(second.page)) != 'Godta alle') await second.page.keyboard.press('Tab')
    await second.page.keyboard.press('Enter')
    await expect.poll(() => second.page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN')
    // The next Tab goes on from the start of the content.
    await second.page.keyboard.press('Tab')
    expect(await focused(second.page)).toBe('Om oss')
  })
})

describe('Global Privacy Control', () => {
  it('the banner and the preference centre say that "Godta alle" leaves marketing off, and it does', async () => {
    const line =
      'Nettleseren din ber om at du ikke spores (Global Privacy Control). ' +
      'Derfor slår vi ikke på markedsføring når du godtar alle, men du kan gjøre det selv.'
    const { page } = await open({
      init: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    })
    await banner(page).waitFor()
    expect(await banner(page).textContent()).toContain(line)
    await banner(page).getByRole('button', { name: 'Tilpass' }).click()
    expect(await prefs(page).textContent()).toContain(line)
    await prefs(page).getByRole('button', { name: 'Godta alle' }).click()
    expect((await state(page)).granted).toMatchObject({ analytics: true, marketing: false })
  })

  it('no such line without it', async () => {
    const { page } = await open()
    await banner(page).waitFor()
    expect(await banner(page).textContent()).not.toContain('Global Privacy Control')
  })
})

describe('the switches while the preference centre is open', () => {
  it('keep what the visitor has set when the choice changes in another tab', async () => {
    const site = await open()
    const { page } = site
    await banner(page).getByRole('button', { name: 'Tilpass' }).click()
    await prefs(page).getByRole('switch', { name: 'Statistikk' }).check()
    // Another tab of the same site accepts everything.
    const other = await site.context.newPage()
    await other.goto('https://www.innfram.test/')
    await other.evaluate(() => (window as any).samtykke.acceptAll())
    await expect.poll(async () => (await state(page)).decided).toBe(true)
    await other.close()
    expect(await prefs(page).getByRole('switch', { name: 'Statistikk' }).isChecked()).toBe(true)
    expect(await prefs(page).getByRole('switch', { name: 'Markedsføring' }).isChecked()).toBe(false)
    await prefs(page).getByRole('button', { name: 'Lagre valg' }).click()
    expect((await state(page)).granted).toMatchObject({ analytics: true, marketing: false })
  })
})

describe('languages', () => {
  it('nynorsk on a nynorsk page', async () => {
    const { page } = await open({ lang: 'nn-NO' })
    const b = banner(page, 'Vi brukar informasjonskapslar')
    await b.waitFor()
    await b.getByRole('button', { name: 'Tilpass' }).click()
    const d = prefs(page, 'Innstillingar for informasjonskapslar')
    await d.getByRole('switch', { name: 'Marknadsføring' }).check()
    await d.getByRole('button', { name: 'Lagre val' }).click()
    expect((await state(page)).granted.marketing).toBe(true)
    expect(await page.locator('samtykke-ui').getAttribute('lang')).toBe('nn')
  })

  it('English on an English page', async () => {
    const { page } = await open({ lang: 'en-GB' })
    const b = banner(page, 'We use cookies')
    await b.getByRole('button', { name: 'Reject all' }).waitFor()
    await b.getByRole('button', { name: 'Accept all' }).click()
    expect((await state(page)).record.how).toBe('all')
    await page.getByRole('button', { name: 'Cookie settings' }).click()
    expect(await prefs(page, 'Cookie settings').getByRole('button', { name: 'Save choices' }).isVisible()).toBe(true)
  })
})

describe('every language, at 320 px', () => {
  // Icelandic stands for a language a site adds: the banner's texts only, the rest in English.
  const is = {
    ...en,
    title: 'Við notum vafrakökur',
    acceptAll: 'Samþykkja allt',
    rejectAll: 'Hafna öllu',
    customize: 'Sérsníða',
    settings: 'Stillingar fyrir vafrakökur',
    save: 'Vista val',
  }
  const TABLES: Record<string, Strings> = { nb, nn, en, sv, da, de, fi, pl, uk, lt, is }
  const page = (lang: string) =>
    pageWithSamtykke({
      config: { ...fixture, receiptUrl: '/api/samtykke', texts: { is } },
      body: `<p><a href="/om">${lang}</a></p>${VIDEO}`,
    }).replace('<html lang="nb">', `<html lang="${lang}">`)

  it('banner and preferences: axe finds nothing, nothing scrolls sideways at 320 px, receipts have lang', async () => {
    const site = await openSite(browser, {
      files: Object.fromEntries(Object.keys(TABLES).map((lang) => [`/${lang}.html`, page(lang)])),
    })
    sites.push(site)
    const receipts: string[] = []
    site.page.on(
      'request',
      (r) => r.method() == 'POST' && r.url().endsWith('/api/samtykke') && receipts.push(r.postData()!),
    )
    const narrow = () => site.page.setViewportSize({ width: 320, height: 568 })
    const wide = () => site.page.setViewportSize({ width: 1280, height: 720 })
    /** What scrolls sideways: the page, the banner, the dialog's body (its tables scroll in their own box, by
     * design). */
    const sideways = () =>
      site.page.evaluate(() => {
        const root = document.querySelector('samtykke-ui')!.shadowRoot!
        const over = (el: Element | null) => !!el && el.scrollWidth > el.clientWidth
        return [
          document.documentElement.scrollWidth > innerWidth && 'page',
          over(root.querySelector('.bn')) && 'banner',
          over(root.querySelector('dialog .bd')) && 'dialog',
        ].filter(Boolean)
      })
    const offscreen = (within: Locator) =>
      within
        .getByRole('button')
        .evaluateAll(
          (all) => all.map((b) => b.getBoundingClientRect()).filter((r) => r.left < 0 || r.right > innerWidth).length,
        )
    for (const [lang, t] of Object.entries(TABLES)) {
      await site.context.clearCookies()
      await wide()
      await site.page.goto(`https://www.innfram.test/${lang}.html`)
      const b = banner(site.page, t.title)
      await b.getByRole('button', { name: t.customize }).waitFor()
      await site.page.locator('samtykke-placeholder').getByRole('button').first().waitFor() // axe looks at it too
      expect(await site.page.locator('samtykke-ui').getAttribute('lang'), lang).toBe(lang)
      expect(await axe(site.page), lang).toEqual([])
      await narrow()
      expect(await sideways(), lang).toEqual([])
      expect(await offscreen(b), lang).toBe(0)
      await b.getByRole('button', { name: t.customize }).click()
      const d = prefs(site.page, t.settings)
      await d.waitFor()
      expect(await sideways(), lang).toEqual([])
      expect(await offscreen(d), lang).toBe(0)
      await wide()
      await d
        .locator('details')
        .first()
        .evaluate((el) => ((el as HTMLDetailsElement).open = true))
      expect(await axe(site.page), lang).toEqual([])
      await d.getByRole('button', { name: t.save }).click()
      await expect.poll(() => receipts.length).toBe(Object.keys(TABLES).indexOf(lang) + 1)
      expect(JSON.parse(receipts.at(-1)!), lang).toMatchObject({ how: 'custom', lang })
    }
    expect(site.errors).toEqual([])
  }, 240_000)
})

describe('contextual consent for a held embed', () => {
  it('a placeholder of the same size says what the video needs and allows it in place', async () => {
    const site = await open({ body: VIDEO })
    const { page } = site
    await banner(page).getByRole('button', { name: 'Tilpass' }).waitFor()
    const allow = page.getByRole('button', { name: 'Tillat markedsføring' })
    await allow.waitFor()
    const box = (await page.locator('samtykke-placeholder').boundingBox())!
    expect([box.width, box.height]).toEqual([564, 319]) // width="560" height="315" and the iframe's 2px border
    expect(await page.locator('samtykke-placeholder').textContent()).toBe('') // all of it is in its shadow root
    expect(
      await page
        .getByText(
          'Innholdet fra youtube-nocookie.com lastes bare hvis du godtar informasjonskapsler for «Markedsføring».',
        )
        .isVisible(),
    ).toBe(true)
    expect(await page.locator('iframe').isVisible()).toBe(false)
    await allow.click()
    await expect.poll(() => page.locator('samtykke-placeholder').count()).toBe(0)
    expect((await state(page)).granted).toMatchObject({ marketing: true, analytics: false })
    // The blocker loads it once marketing is allowed.
    await expect.poll(() => site.to('youtube-nocookie.com').length).toBeGreaterThan(0)
    expect(await page.locator('iframe').boundingBox()).toEqual(box) // no layout shift
  })
})

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`no violations on the banner, the preference centre and a placeholder (${colorScheme})`, async () => {
      const { page } = await open({ body: VIDEO + FOOTER, context: { colorScheme } })
      await page.getByRole('button', { name: 'Tillat markedsføring' }).waitFor()
      await banner(page).waitFor()
      expect(await axe(page)).toEqual([])
      await banner(page).getByRole('button', { name: 'Tilpass' }).click()
      await prefs(page).waitFor()
      await prefs(page)
        .locator('details')
        .first()
        .evaluate((d) => ((d as HTMLDetailsElement).open = true))
      expect(await axe(page)).toEqual([])
    })
  }

  it('no violations with the modal banner; the page behind is inert until a choice', async () => {
    const { page } = await open({ config: { modal: true } })
    const d = page.getByRole('dialog', { name: 'Vi bruker informasjonskapsler' })
    await d.waitFor()
    expect(await axe(page)).toEqual([])
    expect(await focused(page)).toBe('dialog')
    await expect(page.getByRole('link', { name: 'Om oss' }).click({ timeout: 500 })).rejects.toThrow()
    await d.getByRole('button', { name: 'Avvis alle' }).click()
    await expect.poll(() => d.count()).toBe(0)
    expect((await state(page)).record.how).toBe('none')
  })
})

describe('styling', () => {
  it('renders styled under a strict CSP, with no CSP violation', async () => {
    const site = await open({
      body: VIDEO,
      headers: {
        'Content-Security-Policy':
          "default-src 'self'; script-src 'self'; style-src 'self'; frame-src https://www.youtube-nocookie.com",
      },
      init: () => {
        ;(window as any).__csp = []
        document.addEventListener(
          'securitypolicyviolation',
          (e) => (window as any).__csp.push(e.violatedDirective + ' ' + e.blockedURI),
          true,
        )
      },
    })
    const { page } = site
    await banner(page).getByRole('button', { name: 'Tilpass' }).click()
    await prefs(page).waitFor()
    await prefs(page).getByRole('button', { name: 'Avvis alle' }).click()
    const reopenButton = page
      .locator('samtykke-reopen')
      .getByRole('button', { name: 'Innstillinger for informasjonskapsler' })
    await reopenButton.waitFor()
    const styled = await page
      .getByRole('button', { name: 'Tillat markedsføring' })
      .evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).minHeight])
    expect(styled).toEqual(['rgb(11, 87, 208)', '44px'])
    const reopen = await reopenButton.evaluate((b) => [getComputedStyle(b).position, getComputedStyle(b).borderRadius])
    expect(reopen).toEqual(['fixed', '50%'])
    expect(await page.evaluate(() => (window as any).__csp)).toEqual([])
    expect(site.console.filter((m) => /Content.Security.Policy/i.test(m.text))).toEqual([])
    expect(site.errors).toEqual([])
  })

  it('reflows at 320 px: nothing scrolls sideways, every button is on screen, the dialog scrolls inside', async () => {
    const { page } = await open({ context: { viewport: { width: 320, height: 568 } } })
    await banner(page).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    for (const name of ['Godta alle', 'Avvis alle', 'Tilpass']) {
      const b = (await banner(page).getByRole('button', { name }).boundingBox())!
      expect(b.x).toBeGreaterThanOrEqual(0)
      expect(b.x + b.width).toBeLessThanOrEqual(320)
      expect(b.height).toBeGreaterThanOrEqual(24)
    }
    expect((await banner(page).boundingBox())!.height).toBeLessThanOrEqual(568)
    await banner(page).getByRole('button', { name: 'Tilpass' }).click()
    const d = (await prefs(page).boundingBox())!
    expect(d.x).toBeGreaterThanOrEqual(0)
    expect(d.x + d.width).toBeLessThanOrEqual(320)
    expect(d.y + d.height).toBeLessThanOrEqual(568)
    const save = (await prefs(page).getByRole('button', { name: 'Lagre valg' }).boundingBox())!
    expect(save.y + save.height).toBeLessThanOrEqual(568)
    await prefs(page).getByRole('switch', { name: 'Markedsføring' }).check()
    await prefs(page).getByRole('button', { name: 'Lagre valg' }).click()
    expect((await state(page)).granted.marketing).toBe(true)
  })

  it("keeps every button clear of a phone's home indicator and notch under viewport-fit=cover", async () => {
    const { page, context } = await open({ context: { viewport: { width: 390, height: 844 } } })
    await page.evaluate(() =>
      document
        .querySelector('meta[name=viewport]')!
        .setAttribute('content', 'width=device-width, initial-scale=1, viewport-fit=cover'),
    )
    const cdp = await context.newCDPSession(page)
    const clear = async (
      w: number,
      h: number,
      insets: { top: number; bottom: number; left: number; right: number },
    ) => {
      await page.setViewportSize({ width: w, height: h })
      await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets })
      const boxes = []
      for (const name of ['Godta alle', 'Avvis alle', 'Tilpass'])
        boxes.push((await banner(page).getByRole('button', { name }).boundingBox())!)
      return boxes.every(
        (b) => b.x >= insets.left && b.x + b.width <= w - insets.right && b.y + b.height <= h - insets.bottom,
      )
    }
    // An iPhone held upright (home indicator below), then on its side (iOS keeps an inset on both sides).
    expect(await clear(390, 844, { top: 47, bottom: 34, left: 0, right: 0 })).toBe(true)
    expect(await clear(844, 390, { top: 0, bottom: 21, left: 47, right: 47 })).toBe(true)
    await banner(page).getByRole('button', { name: 'Avvis alle' }).click()
    const reopen = (await page.getByRole('button', { name: 'Innstillinger for informasjonskapsler' }).boundingBox())!
    expect(reopen.x).toBeGreaterThanOrEqual(47)
    expect(reopen.y + reopen.height).toBeLessThanOrEqual(390 - 21)
  })

  it('honours prefers-reduced-motion', async () => {
    const motion = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await open({ context: { reducedMotion } })
      await banner(page).getByRole('button', { name: 'Tilpass' }).click()
      return prefs(page)
        .getByRole('switch', { name: 'Statistikk' })
        .evaluate((s) => getComputedStyle(s, '::before').transitionDuration)
    }
    expect(await motion('reduce')).toBe('0s')
    expect(await motion('no-preference')).not.toBe('0s')
  })

  it('follows the theme a site sets with --samtykke-* properties', async () => {
    const { page } = await open({
      files: { '/theme.css': ':root{--samtykke-accent:#7a1f00;--samtykke-radius:0px}' },
      lang: 'nb',
    })
    await page.evaluate(() => {
      const l = document.createElement('link')
      l.rel = 'stylesheet'
      l.href = '/theme.css'
      document.head.append(l)
      return new Promise((r) => (l.onload = r))
    })
    const look = await banner(page)
      .getByRole('button', { name: 'Godta alle' })
      .evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderRadius])
    expect(look).toEqual(['rgb(122, 31, 0)', '0px'])
  })
})

describe('the cookie declaration', () => {
  it('fills data-samtykke-declaration with tables from the config', async () => {
    const { page } = await open({ body: '<h2>Informasjonskapsler vi bruker</h2><div data-samtykke-declaration></div>' })
    const table = page.getByRole('table', { name: /^Statistikk/ })
    await table.waitFor()
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Navn',
      'Tjeneste',
      'Leverandør',
      'Formål',
      'Lagringstid',
    ])
    expect(await table.getByRole('row').nth(1).textContent()).toBe(
      '_gaGoogle AnalyticsGoogle Ireland Ltd.Skiller besøkende fra hverandre2 år',
    )
  })
})
