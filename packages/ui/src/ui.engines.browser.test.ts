// The banner and the preference centre in Swedish and German, in the engines besides Chromium (test/engines.ts):
// Firefox ESR and WebKit. The Chromium suite (ui.browser.test.ts) checks every language in detail; this one checks that
// a visitor in another language can choose, change and withdraw there too, reading only their own language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, uiButton, type EngineSite } from '../../../test/engines'
import { pageWithSamtykke } from '../../../test/browser'
import { ORIGIN } from '../../../test/site'
import fixture from '../test/fixture.json'
import type { Strings } from './i18n/nb'
import { sv } from './i18n/sv'
import { de } from './i18n/de'

const LANGS: [string, Strings][] = [
  ['sv-SE', sv],
  ['de-AT', de],
]
/** A page per language, each with its own consent cookie, so one site serves both. */
const files = Object.fromEntries(
  LANGS.map(([lang]) => [
    `/${lang}.html`,
    pageWithSamtykke({ config: { ...fixture, cookie: { name: 'samtykke_' + lang.slice(0, 2) } } }).replace(
      '<html lang="nb">',
      `<html lang="${lang}">`,
    ),
  ]),
)
/** What the banner and the preference centre show: the heading, and the buttons' names. */
const shown = (site: EngineSite) =>
  site.page.evaluate(() => {
    const root = document.querySelector('samtykke-ui')!.shadowRoot!
    const part = root.querySelector('dialog[open]') || root.querySelector('[role=region]')
    return [
      part?.querySelector('h2')?.textContent,
      ...[...(part?.querySelectorAll('button') ?? [])].map((b) => b.getAttribute('aria-label') || b.textContent),
    ]
  })
const floating = () => document.querySelector('samtykke-reopen')?.shadowRoot?.querySelector('button')
const dialogOpen = () => !!document.querySelector('samtykke-ui')?.shadowRoot?.querySelector('dialog[open]')
/** A category's switch in the open preference centre, found by the label the visitor reads. */
const switchFor = (label: string) =>
  [...(document.querySelector('samtykke-ui')?.shadowRoot?.querySelectorAll('dialog[open] label') ?? [])]
    .find((l) => l.textContent == label)
    ?.querySelector('input')

describe.each(ENGINES)('Swedish and German in $name', (engine) => {
  beforeAll(() => engine.launch())
  afterAll(() => engine.close())

  it("the banner and the preferences speak the page's language; a choice is made, changed, withdrawn", async () => {
    const site = await engine.open('examples/innfram', files)
    try {
      for (const [lang, t] of LANGS) {
        await site.page.goto(`${ORIGIN}/${lang}.html`)
        await site.page.waitFor(uiButton, t.acceptAll)
        expect(await shown(site), lang).toEqual([t.title, t.acceptAll, t.rejectAll, t.customize])
        expect(await site.page.evaluate(() => document.querySelector('samtykke-ui')!.getAttribute('lang')), lang).toBe(
          lang.slice(0, 2),
        )

        // The banner's "customize", one switch, "save".
        await site.page.clickWhen(uiButton, t.customize)
        await site.page.waitFor(dialogOpen)
        expect(await shown(site), lang).toEqual([t.settings, t.close, t.save, t.acceptAll, t.rejectAll])
        await site.page.clickWhen(switchFor, t.marketing)
        await site.page.clickWhen(uiButton, t.save)
        await site.page.waitFor(() => window.samtykke.decided)
        expect(
          await site.page.evaluate(() => [
            window.samtykke.get().record!.how,
            window.samtykke.has('analytics'),
            window.samtykke.has('marketing'),
          ]),
          lang,
        ).toEqual(['custom', false, true])

        // The floating button, named in the language, opens it again where the choice left it; Escape records nothing.
        await site.page.waitFor(
          () => document.querySelector('samtykke-reopen')?.shadowRoot?.querySelector('button')?.hidden === false,
        )
        expect(
          await site.page.evaluate(() =>
            document.querySelector('samtykke-reopen')!.shadowRoot!.querySelector('button')!.getAttribute('aria-label'),
          ),
          lang,
        ).toBe(t.settings)
        await site.page.clickWhen(floating)
        await site.page.waitFor(dialogOpen)
        expect(
          await site.page.evaluate(
            () =>
              (
                document
                  .querySelector('samtykke-ui')!
                  .shadowRoot!.querySelector('input[name=marketing]') as HTMLInputElement
              ).checked,
          ),
          lang,
        ).toBe(true)
        await site.page.press('Escape')
        await site.page.waitFor(() => !document.querySelector('samtykke-ui')!.shadowRoot!.querySelector('dialog[open]'))
        // And once more, to withdraw it all.
        await site.page.clickWhen(floating)
        await site.page.waitFor(dialogOpen)
        await site.page.clickWhen(uiButton, t.rejectAll)
        await site.page.waitFor(() => !window.samtykke.has('marketing'))
        expect(await site.page.evaluate(() => window.samtykke.get().record!.how), lang).toBe('none')
      }
      expect(site.errors).toEqual([])
    } finally {
      await site.close()
    }
  })
})
