import { describe, expect, it } from 'vitest'
import { classifyName, classifyRequest } from './classify'
import { compareDeclaration, draftDeclaration } from './declaration'
import type { CookieFinding, RequestFinding, ScanResult, StorageFinding } from './types'

const PAGE = 'https://www.innfram.no/'

function result({
  cookies = [],
  storage = [],
  requests = [],
}: {
  cookies?: string[]
  storage?: string[]
  requests?: string[]
}): ScanResult {
  const cookie = (name: string): CookieFinding => ({
    phase: 'after-reject',
    name,
    domain: 'www.innfram.no',
    path: '/',
    expires: -1,
    lifetime: 'Økt',
    httpOnly: false,
    secure: true,
    sameSite: 'Lax',
    party: 'first',
    page: PAGE,
    setBy: null,
    ...classifyName(name),
  })
  const key = (name: string): StorageFinding => ({
    phase: 'after-reject',
    type: 'localStorage',
    name,
    host: 'www.innfram.no',
    party: 'first',
    page: PAGE,
    setBy: null,
    ...classifyName(name),
  })
  const request = (url: string): RequestFinding => ({
    phase: 'after-accept',
    url,
    host: new URL(url).hostname,
    type: 'script',
    page: PAGE,
    initiator: null,
    count: 1,
    ...classifyRequest(url),
  })
  return {
    url: PAGE,
    site: 'innfram.no',
    startedAt: '',
    ms: 0,
    tool: 'samtykke',
    phases: ['before-choice', 'after-reject', 'after-accept'],
    notes: [],
    pages: [],
    cookies: cookies.map(cookie),
    storage: storage.map(key),
    requests: requests.map(request),
    leaks: [],
  }
}

describe('the declaration check', () => {
  it("needs no line for samtykke's own cookie and keys: a consent log that is down does not fail CI", () => {
    const seen = result({ cookies: ['samtykke', 'samtykke_outbox'], storage: ['samtykke:outbox'] })
    expect(compareDeclaration(seen, { categories: { necessary: {} } })).toEqual([])
    // under the name the site gave its consent cookie, too
    expect(
      compareDeclaration(result({ cookies: ['minvalg'] }), { cookie: { name: 'minvalg' }, categories: {} }),
    ).toEqual([])
    // anything else still has to be declared
    expect(compareDeclaration(result({ cookies: ['handlekurv'] }), { categories: {} }).map((u) => u.name)).toEqual([
      'handlekurv',
    ])
  })
})

describe('the draft declaration', () => {
  it('names the service gtag.js loads by its id, not "Google Tag Manager"', () => {
    const draft = draftDeclaration(
      result({
        requests: [
          'https://www.googletagmanager.com/gtag/js?id=G-ABC123',
          'https://www.googletagmanager.com/gtag/js?id=AW-123456789',
        ],
      }),
    )
    expect(draft.categories.analytics.services!.map((s) => s.name)).toEqual(['Google Analytics'])
    expect(draft.categories.marketing.services!.map((s) => s.name)).toEqual(['Google Ads'])
    expect(draft.categories.analytics.services!.find((s) => s.name == 'Google Analytics')).toMatchObject({
      provider: 'Google Ireland Limited',
    })
  })

  it("lists samtykke's own outbox with its consent cookie, as necessary", () => {
    const draft = draftDeclaration(result({ cookies: ['samtykke', 'samtykke_outbox'], storage: ['samtykke:outbox'] }))
    expect(draft.categories.necessary.services).toEqual([
      expect.objectContaining({
        name: 'Samtykke',
        cookies: [
          { name: 'samtykke', lifetime: 'Økt' },
          { name: 'samtykke_outbox', lifetime: 'Økt' },
          { name: 'samtykke:outbox', lifetime: 'Til den slettes', type: 'localStorage' },
        ],
      }),
    ])
  })
})
