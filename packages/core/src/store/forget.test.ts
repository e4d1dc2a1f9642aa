// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://www.innfram.test/butikk/kasse"}
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cookieDomains, cookiePaths, forget } from './forget'
import { fakeConfig } from '../../test/consent'

describe('cookieDomains', () => {
  it.each([
    ['www.innfram.test', ['', '.www.innfram.test', '.innfram.test']],
    ['a.b.innfram.test', ['', '.a.b.innfram.test', '.b.innfram.test', '.innfram.test']],
    ['innfram.test', ['', '.innfram.test']],
    ['localhost', ['']],
  ])('%s → %j', (host, list) => expect(cookieDomains(host)).toEqual(list))
})

describe('cookiePaths', () => {
  it.each([
    ['/', ['/']],
    ['/butikk', ['/', '/butikk', '/butikk/']],
    ['/butikk/kasse/', ['/', '/butikk', '/butikk/', '/butikk/kasse', '/butikk/kasse/']],
  ])('%s → %j', (path, list) => expect(cookiePaths(path)).toEqual(list))
})

describe('forget', () => {
  afterEach(() => vi.restoreAllMocks())

  /** Every cookie write, to see which names were expired where. */
  const writes = () => {
    const seen: string[] = []
    let o = document
    while (!Object.getOwnPropertyDescriptor(o, 'cookie')) o = Object.getPrototypeOf(o)
    const d = Object.getOwnPropertyDescriptor(o, 'cookie')!
    vi.spyOn(document, 'cookie', 'set').mockImplementation(function (this: Document, v: string) {
      seen.push(v)
      d.set!.call(this, v)
    })
    return seen
  }

  it('expires a withdrawn category’s cookies on every domain and path they can live on, and keeps the rest', () => {
    document.cookie = '_ga=GA1.1.1; path=/'
    document.cookie = '_ga_TEST123=GS1; path=/'
    document.cookie = '_fbp=fb.1; path=/'
    document.cookie = 'samtykke=v1; path=/'
    document.cookie = 'handlekurv=3; path=/'
    const seen = writes()
    forget(['analytics'], fakeConfig())
    const expired = (n: string) => seen.filter((w) => w.startsWith(n + '=;max-age=-1'))
    expect(expired('_ga')).toHaveLength(3 * 5)
    expect(expired('_ga')).toContain('_ga=;max-age=-1;path=/;domain=.innfram.test')
    expect(expired('_ga')).toContain('_ga=;max-age=-1;path=/butikk/')
    expect(expired('_ga_TEST123')).toHaveLength(15)
    expect(expired('_fbp')).toHaveLength(0)
    expect(document.cookie).toContain('_fbp=fb.1')
    expect(document.cookie).toContain('samtykke=v1')
    expect(document.cookie).toContain('handlekurv=3')
    expect(document.cookie).not.toContain('_ga')
  })

  it('removes the site’s declared cookies and localStorage keys (each name from both), not the consent one', () => {
    document.cookie = 'chat_id=1; path=/'
    document.cookie = 'mitt_samtykke=1; path=/'
    localStorage.setItem('_hjSession_1', 'x')
    localStorage.setItem('chat_history', 'x')
    localStorage.setItem('chat_id', 'x')
    const config = fakeConfig({
      cookie: { name: 'mitt_samtykke', days: 182, renew: true },
      categories: {
        ...fakeConfig().categories,
        analytics: {
          services: [
            {
              name: 'Chat',
              cookies: [{ name: 'chat_id' }, { name: 'chat_h*', type: 'localStorage' }, { name: 'mitt_*' }],
            },
          ],
        },
      },
    })
    forget(['analytics'], config)
    expect(document.cookie).not.toContain('chat_id')
    expect(document.cookie).toContain('mitt_samtykke=1')
    expect(localStorage.getItem('_hjSession_1')).toBeNull()
    expect(localStorage.getItem('chat_history')).toBeNull()
    // names are looked for in both stores
    expect(localStorage.getItem('chat_id')).toBeNull()
  })
})
