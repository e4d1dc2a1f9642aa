/** @jsxImportSource react */
// On the server: Node, no window, no document (the unit project's default environment). Whatever the components
// render here touches neither; what they render is what the browser's first render must match (hydrate.test.tsx).
import { describe, expect, it } from 'vitest'
import { renderToString } from 'react-dom/server'
import { consentFromCookie, encodeRecord } from '@samtykke/core'
import { Consent, ConsentProvider, ConsentSettingsButton } from '.'

const cookie = (categories: Record<string, boolean>) =>
  encodeRecord({
    v: 1,
    id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
    time: Date.now() - 864e5,
    revision: '1',
    how: 'custom',
    gpc: false,
    categories,
  })
const page = (
  initial?: Parameters<typeof ConsentProvider>[0]['initial'],
  config?: Parameters<typeof ConsentProvider>[0]['config'],
) =>
  renderToString(
    <ConsentProvider initial={initial} config={config}>
      <Consent category="marketing">
        <iframe src="https://www.youtube-nocookie.com/embed/abc" title="Film" />
      </Consent>
      <ConsentSettingsButton />
    </ConsentProvider>,
  )

describe('server rendering', () => {
  it('runs where there is no window or document', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    expect(() => page()).not.toThrow()
  })

  it('a first visit: the placeholder, in bokmål unless the config says otherwise, and no embed in the HTML', () => {
    const html = page()
    expect(html).not.toContain('<iframe')
    expect(html).toContain(
      '<div class="samtykke-placeholder" lang="nb"><p>Innholdet fra youtube-nocookie.com lastes bare hvis du godtar ' +
        'informasjonskapsler for «Markedsføring».</p>',
    )
    expect(html).toContain('<button type="button" data-samtykke-open="">Innstillinger for informasjonskapsler</button>')
    expect(page(undefined, { lang: 'en', categories: { marketing: { label: 'Ads and video' } } })).toContain(
      'for “Ads and video”.',
    )
  })

  it("a returning visitor who allowed marketing, read from the request's cookie: the embed is in the HTML", () => {
    const yes = consentFromCookie(
      {},
      cookie({ necessary: true, preferences: false, analytics: false, marketing: true }),
    )
    expect(page(yes)).toContain('<iframe src="https://www.youtube-nocookie.com/embed/abc"')
    const no = consentFromCookie({}, cookie({ necessary: true, preferences: false, analytics: true, marketing: false }))
    expect(page(no)).not.toContain('<iframe')
  })
})
