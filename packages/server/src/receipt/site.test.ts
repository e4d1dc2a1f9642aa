// The sites a log serves, as an API user gives them: a bad origin or config is a ServeError with a code to catch; and
// what the log keeps of each language a site's banner speaks: a receipt names the language the visitor saw, and links
// to
// the snapshot of what was shown in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '@samtykke/core'
import { configFromText, makeSite } from './site'
import { ServeError } from '../index'
import { startServer, type RunningServer } from '../server'
import { backends, post, receipt } from '../../test/helpers'

const SITE = 'http://localhost:8080'
const CONFIG = {
  revision: '2026-11-25',
  lang: 'nb',
  categories: {
    preferences: false as const,
    analytics: { label: { nb: 'Statistikk', sv: 'Statistik', en: 'Statistics' } },
    marketing: { label: 'Markedsføring' },
  },
  texts: { is: { title: 'Við notum vafrakökur' } },
}

describe('snapshots per language', () => {
  it("one per language a visitor can be shown, the site's own first, each with the banner's texts in it", () => {
    const { snapshots } = makeSite({ origin: SITE, config: CONFIG })
    expect(snapshots.map((s) => s.lang)).toEqual([...new Set(['nb', ...LANGS, 'is'])])
    const labels = (lang: string) =>
      (snapshots.find((s) => s.lang == lang)!.content.categories as { label?: string }[]).map((c) => c.label)
    expect(labels('sv')).toEqual([undefined, 'Statistik', 'Markedsføring'])
    expect(labels('nn')).toEqual([undefined, 'Statistikk', 'Markedsføring']) // bokmål for a Norwegian reader
    expect(labels('de')).toEqual([undefined, 'Statistics', 'Markedsføring']) // English for anyone else
    expect(snapshots.find((s) => s.lang == 'is')!.content.texts).toEqual({ title: 'Við notum vafrakökur' })
    expect(new Set(snapshots.map((s) => s.hash)).size).toBe(snapshots.length)
  })

  it('a site whose page speaks German only: German first', () => {
    expect(makeSite({ origin: SITE, config: { lang: 'de-AT' } }).snapshots[0].lang).toBe('de')
  })
})

describe('a receipt links to the snapshot of its language', () => {
  let s: RunningServer
  beforeAll(async () => {
    const backend = await backends[0][1]()
    s = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      sites: [{ origin: SITE, config: CONFIG }],
      token: 'test-token-0123456789',
      warn: () => {},
    })
  })
  afterAll(() => s?.close())

  it.each([['sv'], ['uk'], ['is'], [undefined]])('lang %s', async (lang) => {
    const r = receipt(lang ? { lang } : {})
    expect((await post(s.url, r, { origin: SITE })).status).toBe(201)
    const row = (await s.db.query('SELECT lang, snapshot_hash FROM receipts WHERE consent_id = $1', [r.id])).rows[0]
    const snapshot = (await s.db.query('SELECT lang, content FROM snapshots WHERE hash = $1', [row.snapshot_hash]))
      .rows[0]
    expect([row.lang, snapshot.lang]).toEqual([lang ?? null, lang ?? 'nb'])
  })
})

describe('makeSite and configFromText', () => {
  it('refuse an origin that is no http(s) URL: BAD_SITE, the message without the prefix', () => {
    expect(() => makeSite({ origin: 'www.innfram.no' })).toThrow(ServeError)
    expect(() => makeSite({ origin: 'www.innfram.no' })).toThrow(
      expect.objectContaining({
        code: 'BAD_SITE',
        message: 'site origin "www.innfram.no" is not a URL; give it as https://www.example.no',
      }),
    )
    expect(() => makeSite({ origin: 'ftp://www.innfram.no' })).toThrow(
      expect.objectContaining({ code: 'BAD_SITE', message: 'site origin ftp://www.innfram.no must be http(s)' }),
    )
    expect(makeSite({ origin: 'https://www.innfram.no/om-oss' }).origin).toBe('https://www.innfram.no')
  })

  it('refuse a config that is not one: BAD_CONFIG, naming the site or the file and what is wrong', () => {
    expect(() =>
      makeSite({ origin: 'https://www.innfram.no', config: { categories: { Analytics: {} } } as never }),
    ).toThrow(
      expect.objectContaining({
        name: 'ServeError',
        code: 'BAD_CONFIG',
        message: expect.stringMatching(/^the config of https:\/\/www\.innfram\.no: .*Analytics/),
      }),
    )
    expect(() => configFromText('<html><script id="samtykke-config">{oops</script>', 'site/index.html')).toThrow(
      expect.objectContaining({
        code: 'BAD_CONFIG',
        message: expect.stringMatching(
          /^site\/index\.html is not a samtykke config \(JSON, or an HTML page with <script id="samtykke-config">\): /,
        ),
      }),
    )
    expect(configFromText('<script id="samtykke-config">{"revision":"1"}</script>', 'x.html')).toEqual({
      revision: '1',
    })
  })
})
