// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sendReceipt } from '.'
import type { ConsentRecord } from '../record/types'

const record: ConsentRecord = {
  v: 1,
  id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
  time: Date.UTC(2026, 10, 25, 12),
  revision: '3',
  how: 'custom',
  gpc: false,
  categories: { necessary: true, analytics: true, marketing: false },
}

afterEach(() => vi.unstubAllGlobals())

describe('proof of consent', () => {
  it('posts the receipt with sendBeacon, as JSON typed text/plain (no CORS preflight)', () => {
    const beacon = vi.fn(() => true)
    const fetch = vi.fn()
    vi.stubGlobal('navigator', { sendBeacon: beacon })
    vi.stubGlobal('fetch', fetch)
    sendReceipt('https://api.example.no/samtykke', record)
    expect(fetch).not.toHaveBeenCalled()
    const [url, body] = beacon.mock.calls[0] as unknown as [string, string]
    expect(url).toBe('https://api.example.no/samtykke')
    expect(typeof body).toBe('string')
    expect(JSON.parse(body)).toEqual({ ...record, time: '2026-11-25T12:00:00.000Z', url: location.href })
  })

  it('falls back to fetch with keepalive when sendBeacon refuses or is missing', () => {
    for (const nav of [{ sendBeacon: () => false }, {}]) {
      const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })))
      vi.stubGlobal('navigator', nav)
      vi.stubGlobal('fetch', fetch)
      sendReceipt('/api/samtykke', record)
      expect(fetch).toHaveBeenCalledWith('/api/samtykke', expect.objectContaining({ method: 'POST', keepalive: true }))
    }
  })

  it('never throws and leaves no unhandled rejection when both fail', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    vi.stubGlobal('navigator', { sendBeacon: () => { throw new TypeError('Illegal invocation') } })
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    expect(() => sendReceipt('/api/samtykke', record)).not.toThrow()
    vi.stubGlobal('fetch', () => { throw new TypeError('fetch is not a function') })
    expect(() => sendReceipt('/api/samtykke', record)).not.toThrow()
    await new Promise((r) => setTimeout(r, 10))
    process.off('unhandledRejection', unhandled)
    expect(unhandled).not.toHaveBeenCalled()
  })
})
