import { describe, expect, it } from 'vitest'
import { classifyRequest } from './classify'
import { fixFor, markup } from './fix'
import type { RequestFinding } from './types'

const PAGE = 'https://www.butikk.no/'
const request = (url: string, initiator: string | null, tagUrl?: string): RequestFinding => ({
  phase: 'before-choice',
  url: url.replace(/=[^&]*/g, '='),
  host: new URL(url).hostname,
  type: 'script',
  page: PAGE,
  initiator,
  count: 1,
  ...(tagUrl && { tagUrl }),
  ...classifyRequest(url),
})

describe('the fix of a leak', () => {
  it('for a tag in the HTML: the exact markup that holds it', () => {
    const gtag = 'https://www.googletagmanager.com/gtag/js?id=G-1&l=dataLayer'
    expect(
      fixFor(
        { phase: 'before-choice', category: 'analytics', cause: `<script src> in ${PAGE} line 10`, tagUrl: gtag },
        [],
      ),
    ).toBe(
      `mark the <script> in ${PAGE} line 10 (its other attributes stay): <script type="text/plain" ` +
        `data-category="analytics" ` +
        `src="https://www.googletagmanager.com/gtag/js?id=G-1&amp;l=dataLayer"></script>; \`samtykke mark\` does ` +
        `this in built HTML`,
    )
    expect(markup('img', 'marketing', 'https://www.facebook.com/tr?id=1&ev=PageView')).toBe(
      '<img data-category="marketing" data-src="https://www.facebook.com/tr?id=1&amp;ev=PageView">',
    )
    expect(markup('iframe', 'marketing', 'https://www.youtube.com/embed/abc')).toBe(
      '<iframe data-category="marketing" data-src="https://www.youtube.com/embed/abc"></iframe>',
    )
    expect(markup('link', 'analytics', 'https://x.test/a.css')).toBe(
      '<link data-category="analytics" data-src="https://x.test/a.css">',
    )
  })

  it('for an inline script: the start tag to give it', () => {
    expect(
      fixFor({ phase: 'before-choice', category: 'marketing', cause: `inline script in ${PAGE} line 12` }, []),
    ).toBe(
      `mark the inline script in ${PAGE} line 12: <script type="text/plain" data-category="marketing"> (if it ` +
        `also does the page's own work, move that into a script of its own)`,
    )
  })

  it("for what a tracker's script did: the tag that loaded that script", () => {
    const fbevents = 'https://connect.facebook.net/en_US/fbevents.js'
    const requests = [request(fbevents, `inline script in ${PAGE} line 7`)]
    // _fbp, set by fbevents.js, which an inline snippet injected
    expect(fixFor({ phase: 'before-choice', category: 'marketing', cause: `${fbevents}:24` }, requests)).toMatch(
      /^mark the inline script in https:\/\/www\.butikk\.no\/ line 7: /,
    )
    // a beacon from gtag.js, which a tag in the HTML loaded
    const gtag = 'https://www.googletagmanager.com/gtag/js?id=G-9'
    expect(
      fixFor({ phase: 'before-choice', category: 'analytics', cause: `${gtag}:80` }, [
        request(gtag, `<script src> in ${PAGE} line 4`, gtag),
      ]),
    ).toContain(`<script type="text/plain" data-category="analytics" src="${gtag}"></script>`)
    // a tracker's script whose loader was not seen: its own tag
    expect(fixFor({ phase: 'before-choice', category: 'analytics', cause: `${gtag}:80` }, [])).toBe(
      `mark the tag that loads ${gtag}: <script type="text/plain" data-category="analytics" src="${gtag}"></script>`,
    )
  })

  it("for the site's own script or server: the file and line, or the answer, to change", () => {
    expect(
      fixFor({ phase: 'before-choice', category: 'analytics', cause: 'https://www.butikk.no/app.js:42' }, []),
    ).toBe(
      `change https://www.butikk.no/app.js line 42, which does it: mark the <script> that loads that file with ` +
        `type="text/plain" data-category="analytics", or have that code wait until samtykke.has('analytics')`,
    )
    expect(
      fixFor(
        { phase: 'after-reject', category: 'analytics', cause: 'Set-Cookie from https://www.butikk.no/api/visit' },
        [],
      ),
    ).toBe(
      "the answer to https://www.butikk.no/api/visit sets it: send that Set-Cookie only when the visitor's " +
        'samtykke cookie grants analytics',
    )
    expect(fixFor({ phase: 'before-choice', category: 'marketing', cause: null }, [])).toMatch(
      /^find what loads it \(the browser could not tell\) and mark that tag with data-category="marketing"/,
    )
  })
})
