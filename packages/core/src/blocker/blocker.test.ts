// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://www.innfram.test/", "settings": {"disableJavaScriptFileLoading": true, "disableIframePageLoading": true, "disableCSSFileLoading": true}}
// The blocker's logic in a simulated DOM. That nothing leaves a real browser is proven in blocker.browser.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { blockTrackers, type Blocker } from '.'
import { fakeConfig, fakeConsent } from '../../test/consent'
import type { ResolvedConfig } from '../config/types'
import type { Choices } from '../store/types'

const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-TEST123'
const PIXEL = 'https://www.facebook.com/tr/?id=1&ev=PageView'
const YOUTUBE = 'https://www.youtube.com/embed/abc'
const tick = () => new Promise((r) => setTimeout(r, 0))

let blocker: Blocker | undefined
const start = (granted?: Choices, over: Partial<ResolvedConfig> = {}) => {
  const consent = fakeConsent(fakeConfig(over), granted)
  blocker = blockTrackers(consent)
  return consent
}

beforeEach(() => {
  document.head.innerHTML = ''
  document.body.innerHTML = ''
})
afterEach(() => {
  blocker?.destroy()
  blocker = undefined
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('elements created by script', () => {
  it('holds a pixel set through new Image().src, and loads it once marketing is granted', () => {
    const c = start()
    const img = new Image()
    img.src = PIXEL
    expect(img.hasAttribute('src')).toBe(false)
    expect(img.dataset).toMatchObject({ category: 'marketing', src: PIXEL })
    c.set({ analytics: true })
    expect(img.hasAttribute('src')).toBe(false)
    c.set({ marketing: true })
    expect(img.getAttribute('src')).toBe(PIXEL)
  })

  it('leaves an iframe in place as a marked one without src, which the UI finds', () => {
    start()
    const f = document.createElement('iframe')
    f.setAttribute('src', YOUTUBE)
    document.body.append(f)
    expect(document.querySelector('iframe[data-category="marketing"][data-src]:not([src])')).toBe(f)
    expect(f.dataset.src).toBe(YOUTUBE)
  })

  it('keeps a held script element, so its onload and listeners still fire after release', () => {
    const c = start()
    const s = document.createElement('script')
    s.src = GTAG
    s.async = true
    document.head.append(s)
    expect(s.hasAttribute('src')).toBe(false)
    c.set({ analytics: true })
    expect(document.head.lastElementChild).toBe(s)
    expect(s.getAttribute('src')).toBe(GTAG)
  })

  it('holds preload hints and other <link>s to trackers', () => {
    start()
    const l = document.createElement('link')
    l.rel = 'preload'
    l.href = 'https://connect.facebook.net/en_US/fbevents.js'
    expect(l.hasAttribute('href')).toBe(false)
    expect(l.dataset.category).toBe('marketing')
  })

  it('never touches first-party or relative URLs, nor trackers already granted', () => {
    start({ analytics: true })
    const a = new Image()
    a.src = '/img/logo.png'
    const b = document.createElement('script')
    b.src = 'https://cdn.innfram.test/app.js'
    const g = document.createElement('script')
    g.setAttribute('src', GTAG)
    expect(a.getAttribute('src')).toBe('/img/logo.png')
    expect(b.getAttribute('src')).toBe('https://cdn.innfram.test/app.js')
    expect(g.getAttribute('src')).toBe(GTAG)
    expect(a.hasAttribute('data-category') || b.hasAttribute('data-category') || g.hasAttribute('data-category')).toBe(
      false,
    )
  })

  it('lets a later first-party src replace a held tracker URL for good', () => {
    const c = start()
    const img = new Image()
    img.src = PIXEL
    img.src = '/img/ok.png'
    c.acceptAll()
    expect(img.getAttribute('src')).toBe('/img/ok.png')
  })

  it('counts a built-in category the site dropped as marketing', async () => {
    const c = start(undefined, { order: ['necessary', 'analytics', 'marketing'] })
    const f = document.createElement('iframe')
    f.src = 'https://www.google.com/maps/embed?pb=1'
    expect(f.dataset.category).toBe('marketing')
    c.set({ marketing: true })
    await tick()
    expect(f.getAttribute('src')).toBe('https://www.google.com/maps/embed?pb=1')
  })

  it('follows the site’s own rules: allow-listed hosts load, added hosts wait', () => {
    start(undefined, {
      trackers: [
        { pattern: 'player.vimeo.com/', category: 'necessary' },
        { pattern: 'widgets.example.com/chat', category: 'preferences' },
      ],
    })
    const v = document.createElement('iframe')
    v.src = 'https://player.vimeo.com/video/1'
    const w = document.createElement('script')
    w.src = 'https://widgets.example.com/chat.js'
    expect(v.getAttribute('src')).toBe('https://player.vimeo.com/video/1')
    expect(w.dataset.category).toBe('preferences')
  })
})

describe('network calls', () => {
  it('answers a tracker fetch with an empty 204 and never sends it; other fetches go through', async () => {
    const real = vi.fn(async () => new Response('ok'))
    vi.stubGlobal('fetch', real)
    const c = start()
    const r = await fetch('https://region1.google-analytics.com/g/collect?v=2', { method: 'POST' })
    expect(r.status).toBe(204)
    await fetch(new Request('https://www.facebook.com/tr/?id=1'))
    expect(real).not.toHaveBeenCalled()
    await fetch('/api/handlekurv')
    expect(real).toHaveBeenCalledTimes(1)
    c.set({ analytics: true })
    await fetch('https://region1.google-analytics.com/g/collect?v=2')
    expect(real).toHaveBeenCalledTimes(2)
  })

  it('drops a tracker beacon and tells the caller it was queued', () => {
    const real = vi.fn(() => true)
    Object.defineProperty(Navigator.prototype, 'sendBeacon', { value: real, configurable: true, writable: true })
    start()
    expect(navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2')).toBe(true)
    expect(real).not.toHaveBeenCalled()
    navigator.sendBeacon('/api/logg', 'x')
    expect(real).toHaveBeenCalledWith('/api/logg', 'x')
  })

  it('never sends a tracker XHR, and sends the rest', () => {
    const send = vi.spyOn(XMLHttpRequest.prototype, 'send').mockImplementation(() => {})
    vi.spyOn(XMLHttpRequest.prototype, 'open').mockImplementation(() => {})
    start()
    const x = new XMLHttpRequest()
    x.open('POST', 'https://k.clarity.ms/collect')
    x.send('data')
    expect(send).not.toHaveBeenCalled()
    // the same object reused for a first-party call
    x.open('GET', '/api/ok')
    x.send()
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('rewrites tracker tags that document.write would add into held, marked ones', () => {
    const write = vi.spyOn(document, 'write').mockImplementation(() => {})
    start()
    document.write(
      `<script async src="${GTAG}"></script>`,
      `<img height=1 src='${PIXEL}'>`,
      '<script src="/js/egen.js"></script>',
    )
    expect(write.mock.calls[0]).toEqual([
      `<script type=text/plain data-category=analytics async data-src="${GTAG}"></script>`,
      `<img data-category=marketing height=1 data-src='${PIXEL}'>`,
      '<script src="/js/egen.js"></script>',
    ])
  })
})

describe('marked elements', () => {
  const page = () => {
    document.body.innerHTML =
      `
      <script type="text/plain" data-category="analytics" data-service="GA" src="${GTAG}" onload="window.loaded=1">` +
      `</script>
      <script type="text/plain" data-category="analytics">window.inline = 1</script>
      <img data-category="marketing" data-src="${PIXEL}">
      <picture><source data-category="marketing" data-srcset="https://i.ytimg.com/vi/a/1.webp"><img alt=""></picture>
      <iframe data-category="marketing" data-src="${YOUTUBE}"></iframe>`
  }

  it('waits for the category, then swaps each script for a fresh one with every attribute', async () => {
    page()
    const c = start()
    await tick()
    expect(document.querySelectorAll('script[type="text/plain"]')).toHaveLength(2)
    c.set({ analytics: true })
    await tick()
    const [ext, inline] = document.querySelectorAll('script')
    expect(ext.getAttribute('type')).toBeNull()
    expect(ext.getAttribute('src')).toBe(GTAG)
    expect(ext.getAttribute('onload')).toBe('window.loaded=1')
    expect(ext.dataset.service).toBe('GA')
    // ordered, like the parser: that it waits for the previous one to load is shown in Chromium
    expect(ext.async).toBe(false)
    expect(inline.getAttribute('type')).toBeNull()
    expect(inline.text).toBe('window.inline = 1')
    expect(document.querySelector('img[data-src]')!.hasAttribute('src')).toBe(false)
  })

  it('loads images, sources and frames when granted, and only then', async () => {
    page()
    const c = start()
    expect(document.querySelector('iframe')!.hasAttribute('src')).toBe(false)
    c.set({ marketing: true })
    expect(document.querySelector('iframe')!.hasAttribute('src')).toBe(false)
    await tick()
    expect(document.querySelector('iframe')!.getAttribute('src')).toBe(YOUTUBE)
    expect(document.querySelector('img[data-src]')!.getAttribute('src')).toBe(PIXEL)
    expect(document.querySelector('source')!.getAttribute('srcset')).toBe('https://i.ytimg.com/vi/a/1.webp')
  })

  it('runs a returning visitor’s granted scripts at once, async ones without waiting', async () => {
    document.body.innerHTML = `
      <script type="text/plain" data-category="analytics" async src="https://static.hotjar.com/c/hotjar-1.js"></script>
      <script type="text/plain" data-category="analytics">window.b = 1</script>`
    start({ analytics: true })
    await tick()
    expect(document.querySelectorAll('script[type="text/plain"]')).toHaveLength(0)
    expect(document.querySelector('script')!.async).toBe(true)
  })

  it('handles marked and unmarked elements the page adds later', async () => {
    const c = start()
    const box = document.createElement('div')
    // innerHTML bypasses the src setters: the MutationObserver converts what it inserts
    box.innerHTML =
      `<iframe src="${YOUTUBE}"></iframe>` +
      '<img data-category="analytics" data-src="https://www.google-analytics.com/x.gif">'
    document.body.append(box)
    await tick()
    const f = box.querySelector('iframe')!
    expect(f.hasAttribute('src')).toBe(false)
    expect(f.dataset).toMatchObject({ category: 'marketing', src: YOUTUBE })
    c.set({ analytics: true })
    expect(box.querySelector('img')!.getAttribute('src')).toBe('https://www.google-analytics.com/x.gif')
    c.set({ marketing: true })
    await tick()
    expect(f.getAttribute('src')).toBe(YOUTUBE)
  })

  it('warns about a category the site does not have', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    document.body.innerHTML = `<iframe data-category="statistikk" data-src="${YOUTUBE}"></iframe>`
    start()
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^samtykke: data-category="statistikk" is not a category, so the element never loads: use one of necessary, preferences, analytics, marketing$/,
      ),
    )
  })

  it('with autoBlock: false, still honours marked elements but lets unmarked trackers through', async () => {
    document.body.innerHTML = `<iframe data-category="marketing" data-src="${YOUTUBE}"></iframe>`
    const c = start(undefined, { autoBlock: false })
    const img = new Image()
    img.src = PIXEL
    expect(img.getAttribute('src')).toBe(PIXEL)
    c.acceptAll()
    await tick()
    expect(document.querySelector('iframe')!.getAttribute('src')).toBe(YOUTUBE)
  })
})

describe('withdrawal', () => {
  // Deleting what the withdrawn trackers stored is the store's job: store/write.test.ts.
  it('reloads when the site asks for it, so scripts that already run stop', () => {
    const reload = vi.fn()
    vi.stubGlobal('location', { hostname: 'www.innfram.test', pathname: '/', reload })
    const c = start({ analytics: true, marketing: true }, { reloadOnWithdraw: true })
    c.set({ marketing: false })
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('does not reload by default, nor on a choice that withdraws nothing', () => {
    const reload = vi.fn()
    vi.stubGlobal('location', { hostname: 'www.innfram.test', pathname: '/', reload })
    const c = start({ analytics: true }, {})
    c.acceptAll()
    c.rejectAll()
    expect(reload).not.toHaveBeenCalled()
    blocker!.destroy()
    const d = start({ analytics: true }, { reloadOnWithdraw: true })
    d.set({ marketing: true })
    expect(reload).not.toHaveBeenCalled()
  })
})

describe('destroy', () => {
  it('puts every patched API back', () => {
    const before = [
      Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!.set,
      Element.prototype.setAttribute,
      XMLHttpRequest.prototype.open,
      Document.prototype.write,
    ]
    start()
    expect(Element.prototype.setAttribute).not.toBe(before[1])
    blocker!.destroy()
    blocker = undefined
    expect([
      Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!.set,
      Element.prototype.setAttribute,
      XMLHttpRequest.prototype.open,
      Document.prototype.write,
    ]).toEqual(before)
    const img = new Image()
    img.src = PIXEL
    expect(img.getAttribute('src')).toBe(PIXEL)
  })
})
