// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sendReceipt } from '.'
import { OUTBOX, resend } from './outbox'
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
/** The consent log as fetch sees it: answers with `status`, or fails as the network does. */
const log = (status: number | 'offline', body: string | null = null) =>
  vi.fn((_url: string, _init: RequestInit) =>
    status == 'offline'
      ? Promise.reject(new TypeError('Failed to fetch'))
      : Promise.resolve(new Response(body, { status })),
  )
const settle = () => new Promise((r) => setTimeout(r, 0))
const waiting = () => JSON.parse(localStorage.getItem(OUTBOX) || '[]')

beforeEach(() => localStorage.clear())
afterEach(() => vi.unstubAllGlobals())

describe('proof of consent', () => {
  it('posts the receipt as JSON typed text/plain (no CORS preflight), with keepalive to outlive the page', async () => {
    const fetch = log(201)
    vi.stubGlobal('fetch', fetch)
    sendReceipt('https://api.example.no/samtykke', record, 'sv')
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('https://api.example.no/samtykke')
    expect(init).toMatchObject({ method: 'POST', keepalive: true })
    expect(typeof init.body).toBe('string')
    expect(JSON.parse(init.body as string)).toEqual({
      ...record,
      time: '2026-11-25T12:00:00.000Z',
      url: location.href,
      lang: 'sv',
    })
    await settle()
    expect(localStorage.getItem(OUTBOX)).toBeNull()
  })

  it.each([
    ['offline', 'offline'],
    ['503 from the log', 503],
  ] as const)('keeps a receipt that did not arrive (%s) and sends it again on a later page view', async (_, answer) => {
    vi.stubGlobal('fetch', log(answer))
    sendReceipt('/api/samtykke', record, 'nb')
    await settle()
    expect(waiting()).toHaveLength(1)
    // The marker the drop-in's head looks for, instead of opening localStorage on every page view.
    expect(document.cookie).toContain('samtykke_outbox=1')
    // The next page view, with the log back.
    const fetch = log(204)
    vi.stubGlobal('fetch', fetch)
    resend()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(JSON.parse(fetch.mock.calls[0][1].body as string).id).toBe(record.id)
    await settle()
    expect(localStorage.getItem(OUTBOX)).toBeNull()
    expect(document.cookie).not.toContain('samtykke_outbox')
  })

  it('a receipt the log refuses for good (4xx) is said once on the next page view, with why, and dropped', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const refusal = JSON.stringify({
      error:
        'samtykke serve: origin https://www.example.no may not send receipts here; ' +
        'start the server with --site https://www.example.no',
    })
    vi.stubGlobal('fetch', log(403, refusal))
    sendReceipt('https://logg.example.no/v1/receipts', record, 'nb')
    await settle()
    // The page view that sent it keeps it, as it keeps one that did not arrive (its code carries no message).
    expect(waiting()).toHaveLength(1)
    const fetch = log(403, refusal)
    vi.stubGlobal('fetch', fetch)
    resend()
    await expect.poll(() => warn.mock.calls.length).toBe(1)
    expect(warn.mock.calls[0][0]).toBe(
      'samtykke: the consent log at https://logg.example.no/v1/receipts refused a receipt (403: samtykke serve: ' +
        'origin https://www.example.no may not send receipts here; ' +
        'start the server with --site https://www.example.no); ' +
        'it is not sent again. Check receiptUrl, and that the log allows this site',
    )
    expect(localStorage.getItem(OUTBOX)).toBeNull()
    expect(document.cookie).not.toContain('samtykke_outbox')
    resend()
    expect(fetch).toHaveBeenCalledTimes(1)
    // A refusal that is not JSON is quoted as it is, cut short.
    vi.stubGlobal('fetch', log(404, '<html>' + 'x'.repeat(500)))
    sendReceipt('/api/samtykke', record, 'nb')
    await settle()
    resend()
    await expect.poll(() => warn.mock.calls.length).toBe(2)
    expect(warn.mock.calls[1][0]).toMatch(/refused a receipt \(404: <html>x{194}\); it is not sent again/)
    warn.mockRestore()
  })

  it.each([408, 429, 500, 503])(
    'keeps a receipt answered %i (sending it again may work), and says nothing',
    async (status) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      vi.stubGlobal('fetch', log(status, '{"error":"later"}'))
      sendReceipt('/api/samtykke', record, 'nb')
      resend()
      await settle()
      await settle()
      expect(waiting()).toHaveLength(1)
      expect(warn).not.toHaveBeenCalled()
      warn.mockRestore()
    },
  )

  it('gives a receipt up after five page views without an answer, and keeps at most 20', async () => {
    const fetch = log('offline')
    vi.stubGlobal('fetch', fetch)
    sendReceipt('/api/samtykke', record, 'nb')
    for (let i = 0; i < 6; i++) resend()
    await settle()
    expect(fetch).toHaveBeenCalledTimes(5)
    expect(localStorage.getItem(OUTBOX)).toBeNull()
    for (let i = 0; i < 25; i++)
      sendReceipt('/api/samtykke', { ...record, id: 'a1b2c3d4e5f6a7b8c9d0e1' + String(i).padStart(2, '0') }, 'nb')
    await settle()
    const kept = waiting()
    expect(kept).toHaveLength(20)
    expect(JSON.parse(kept[19][1]).id).toMatch(/24$/)
  })

  it('never throws with no fetch, storage off or the network failing; the receipt waits for a next view', async () => {
    vi.stubGlobal('fetch', undefined)
    expect(() => sendReceipt('/api/samtykke', record, 'nb')).not.toThrow()
    expect(waiting()).toHaveLength(1)
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    // Storage switched off: reaching localStorage throws (Chromium with cookies blocked, sandboxed frames).
    const off = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    const fetch = log('offline')
    vi.stubGlobal('fetch', fetch)
    expect(() => sendReceipt('/api/samtykke', record, 'nb')).not.toThrow()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(() => resend()).not.toThrow()
    expect(off).toHaveBeenCalled()
    off.mockRestore()
    await new Promise((r) => setTimeout(r, 10))
    process.off('unhandledRejection', unhandled)
    expect(unhandled).not.toHaveBeenCalled()
  })

  it('ignores an outbox it cannot read, instead of failing', () => {
    const fetch = log(204)
    vi.stubGlobal('fetch', fetch)
    for (const junk of ['{', '"x"', '[1,[2]]', '{"a":1}']) {
      localStorage.setItem(OUTBOX, junk)
      expect(() => resend()).not.toThrow()
    }
    expect(fetch).not.toHaveBeenCalled()
  })
})
