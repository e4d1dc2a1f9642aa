// The sites a log serves, as an API user gives them: a bad origin or config is a ServeError with a code to catch.
import { describe, expect, it } from 'vitest'
import { ServeError } from '../index'
import { configFromText, makeSite } from './site'

describe('makeSite and configFromText', () => {
  it('refuse an origin that is no http(s) URL: BAD_SITE, the message without the prefix', () => {
    expect(() => makeSite({ origin: 'www.innfram.no' })).toThrow(ServeError)
    expect(() => makeSite({ origin: 'www.innfram.no' })).toThrow(
      expect.objectContaining({ code: 'BAD_SITE', message: 'site origin "www.innfram.no" is not a URL; give it as https://www.example.no' }),
    )
    expect(() => makeSite({ origin: 'ftp://www.innfram.no' })).toThrow(
      expect.objectContaining({ code: 'BAD_SITE', message: 'site origin ftp://www.innfram.no must be http(s)' }),
    )
    expect(makeSite({ origin: 'https://www.innfram.no/om-oss' }).origin).toBe('https://www.innfram.no')
  })

  it('refuse a config that is not one: BAD_CONFIG, naming the site or the file and what is wrong', () => {
    expect(() => makeSite({ origin: 'https://www.innfram.no', config: { categories: { Analytics: {} } } as never })).toThrow(
      expect.objectContaining({ name: 'ServeError', code: 'BAD_CONFIG', message: expect.stringMatching(/^the config of https:\/\/www\.innfram\.no: .*Analytics/) }),
    )
    expect(() => configFromText('<html><script id="samtykke-config">{oops</script>', 'site/index.html')).toThrow(
      expect.objectContaining({
        code: 'BAD_CONFIG',
        message: expect.stringMatching(/^site\/index\.html is not a samtykke config \(JSON, or an HTML page with <script id="samtykke-config">\): /),
      }),
    )
    expect(configFromText('<script id="samtykke-config">{"revision":"1"}</script>', 'x.html')).toEqual({ revision: '1' })
  })
})
