// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://www.innfram.test/butikk/kasse"}
// The two halves of the store: what the drop-in ships to every visitor (read) and what it fetches to change a choice
// (write).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readConsent } from './read'
import { addWriter } from './write'
import { resolveConfig } from '../config'
import { encodeRecord, type ConsentRecord } from '../record'

const clear = () =>
  document.cookie.split(';').forEach((kv) => (document.cookie = `${kv.split('=')[0].trim()}=;max-age=-1;path=/`))
afterEach(async () => {
  // A store that read a choice renews it from a timer (read.ts): let those run before the next test's cookies.
  await new Promise((r) => setTimeout(r))
  clear()
  localStorage.clear()
  vi.restoreAllMocks()
})

describe('the read half', () => {
  it('reads a stored choice and has no way to change it', () => {
    const [writer, core] = readConsent(resolveConfig({}))
    addWriter(writer, core).acceptAll()
    writer.destroy()
    const [view] = readConsent(resolveConfig({}))
    expect(view.decided).toBe(true)
    expect(view.has('marketing')).toBe(true)
    expect(Object.keys(view)).not.toContain('acceptAll')
    view.destroy()
  })
})

describe('renewing the stored choice on a visit (Safari and Brave keep a script-written cookie 7 days)', () => {
  const DAY = 864e5
  /** A choice made `days` ago, in the cookie. */
  const storeDecidedAgo = (days: number) => {
    const time = Math.floor((Date.now() - days * DAY) / 1e3) * 1e3
    const categories = { necessary: true, preferences: true, analytics: true, marketing: true }
    const record: ConsentRecord = {
      v: 1,
      id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
      time,
      revision: '1',
      how: 'all',
      gpc: false,
      categories,
    }
    return (document.cookie = `samtykke=${encodeRecord(record)};path=/`)
  }
  /** What the page writes to document.cookie from now on. */
  const writes = () => {
    const seen: string[] = []
    let proto: object | null = document
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto)
    const set = Object.getOwnPropertyDescriptor(proto!, 'cookie')!.set!
    vi.spyOn(document, 'cookie', 'set').mockImplementation(function (this: Document, v: string) {
      seen.push(v)
      set.call(this, v)
    })
    return seen
  }
  const later = () => new Promise((r) => setTimeout(r, 20))

  it('writes the record again after start-up, to expire cookie.days after the decision', async () => {
    storeDecidedAgo(150)
    const seen = writes()
    const [view] = readConsent(resolveConfig({}))
    expect(seen).toEqual([])
    await later()
    expect(seen).toHaveLength(1)
    const age = Number(/; Max-Age=(\d+)/.exec(seen[0])![1])
    expect(Math.abs(age - 32 * 86400)).toBeLessThan(5)
    // The attributes a server's renewal sends too (record/cookies.ts cookieLine).
    expect(seen[0]).toMatch(/^samtykke=1~1~[^;]+; Max-Age=\d+; Path=\/; SameSite=Lax; Secure$/)
    view.destroy()
  })

  it('counts from the choice in the cookie when it runs, not the one read at start-up', async () => {
    storeDecidedAgo(150)
    const seen = writes()
    const [view, core] = readConsent(resolveConfig({}))
    // The site's own code decides before the renewal runs (createConsent(...).set(...) at start-up).
    addWriter(view, core).set({ marketing: false })
    await later()
    const renewal = seen.filter((w) => /; Max-Age=\d+; Path/.test(w) && !/expires=/i.test(w)).at(-1)!
    const age = Number(/; Max-Age=(\d+)/.exec(renewal)![1])
    expect(Math.abs(age - 182 * 86400)).toBeLessThan(5)
    expect(renewal).toContain('marketing:0')
    view.destroy()
  })

  it('is off with cookie.renew: false, for a site whose server sends the cookie back', async () => {
    storeDecidedAgo(150)
    const seen = writes()
    const [view] = readConsent(resolveConfig({ cookie: { renew: false } }))
    await later()
    expect(seen).toEqual([])
    expect(view.decided).toBe(true)
    view.destroy()
  })

  it('writes nothing when there is no current choice', async () => {
    storeDecidedAgo(200)
    const seen = writes()
    const [view] = readConsent(resolveConfig({}))
    await later()
    expect([view.decided, view.get().ask, seen]).toEqual([false, 'expired', []])
    view.destroy()
  })
})

describe('the write half', () => {
  it('stores the choice in the cookie with js-cookie, readable by the next page view', () => {
    const [view, core] = readConsent(resolveConfig({}))
    const c = addWriter(view, core)
    c.set({ analytics: true })
    expect(document.cookie).toMatch(
      /(^|; )samtykke=1~1~[0-9a-z]+~[0-9a-f]{32}~3~0~necessary:1\.preferences:0\.analytics:1\.marketing:0/,
    )
    const [next] = readConsent(resolveConfig({}))
    expect([next.has('analytics'), next.has('marketing')]).toEqual([true, false])
    c.destroy()
    next.destroy()
  })

  it('deletes what a withdrawn category’s trackers stored, and nothing else', () => {
    const c = addWriter(
      ...readConsent(
        resolveConfig({
          categories: { marketing: { services: [{ name: 'Annonser', cookies: [{ name: 'innfram_ad' }] }] } },
        }),
      ),
    )
    c.acceptAll()
    for (const k of ['_ga=1', '_fbp=1', '_gcl_au=1', 'innfram_ad=1', 'handlekurv=3']) document.cookie = k + '; path=/'
    localStorage.setItem('_fbp', 'x')
    c.set({ marketing: false })
    expect(document.cookie).not.toMatch(/_fbp|_gcl_au|innfram_ad/)
    expect(document.cookie).toMatch(/_ga=1/)
    expect(document.cookie).toMatch(/handlekurv=3/)
    expect(document.cookie).toMatch(/samtykke=1~/)
    expect(localStorage.getItem('_fbp')).toBeNull()
    c.destroy()
  })

  it('reset() withdraws everything: the trackers’ cookies go with the consent cookie', () => {
    const c = addWriter(...readConsent(resolveConfig({})))
    c.acceptAll()
    document.cookie = '_ga=1; path=/'
    c.reset()
    expect(document.cookie).not.toMatch(/_ga|samtykke=/)
    expect(c.get().ask).toBe('first')
    c.destroy()
  })
})
