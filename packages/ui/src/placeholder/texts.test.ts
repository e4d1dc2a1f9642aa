// The words of a placeholder drawn outside the UI chunk (@samtykke/react) are those of the UI's own placeholder.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { SamtykkeConfig, Texts } from '@samtykke/core'
import { resolveConfig as resolve } from '@samtykke/core'
import { fmt, i18n } from '../i18n'
import { placeholderTexts } from './texts'

const langs = ['nb', 'nn', 'en'] as const
const said = (parts: unknown[]) => parts.join('')

describe('placeholderTexts', () => {
  it("says what the UI's placeholder says, in every language, with any labels and overrides a site gives", () => {
    const text = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.record(
        { nb: fc.string({ minLength: 1 }), nn: fc.string({ minLength: 1 }), en: fc.string({ minLength: 1 }) },
        { requiredKeys: [] },
      ),
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...langs),
        fc.option(text, { nil: undefined }),
        fc.dictionary(fc.constantFrom('blocked', 'allow', 'settings', 'marketing'), fc.string({ minLength: 1 })),
        // A category of the site's own, named through `texts` (with its description, as the UI's table has them) or
        // not.
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        fc.constantFrom('marketing', 'analytics', 'social'),
        (lang, label, override, social, category) => {
          const texts = { ...override, ...(social && { social, socialInfo: 'Deling' }) }
          const config: SamtykkeConfig = {
            lang,
            categories: { marketing: label ? { label } : {}, social: {} },
            texts: { [lang]: texts as Texts },
          }
          const ui = i18n(resolve(config))
          const ours = placeholderTexts(config, lang)
          const name = ui.label(category)
          expect(ours.blocked(category, 'youtube.com')).toBe(
            said(fmt(ui.t.blocked, { host: 'youtube.com', category: name })),
          )
          expect(ours.allow(category)).toBe(said(fmt(ui.t.allow, { category: ui.low(name) })))
          expect(ours.settings).toBe(ui.t.settings)
        },
      ),
    )
  })

  it('for content with no host to name, says "this content" in each language', () => {
    expect(langs.map((lang) => placeholderTexts({}, lang).blocked('analytics'))).toEqual([
      'Dette innholdet lastes bare hvis du godtar informasjonskapsler for «Statistikk».',
      'Dette innhaldet vert berre lasta om du godtek informasjonskapslar for «Statistikk».',
      'This content loads only if you accept cookies for “Statistics”.',
    ])
  })

  it("in any other language, speaks English under the site's own texts for it", () => {
    const t = placeholderTexts({ texts: { is: { allow: 'Leyfa {category}' } } }, 'is')
    expect(t.allow('analytics')).toBe('Leyfa statistics')
    expect(t.blocked('analytics')).toBe('This content loads only if you accept cookies for “Statistics”.')
    const sv = placeholderTexts(
      { texts: { sv: { blocked: 'Innehållet från {host} kräver ”{category}”.', analytics: 'Statistik' } } },
      'sv',
    )
    expect(sv.blocked('analytics', 'youtube.com')).toBe('Innehållet från youtube.com kräver ”Statistik”.')
    expect(sv.lang).toBe('sv')
  })
})
