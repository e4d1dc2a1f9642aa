// The drop-in as a site uses it: one script tag first in <head>, config from a JSON block or data-* attributes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Request } from 'playwright-core'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '@samtykke/server'
import { launchChromium, openSite, pageWithSamtykke, ORIGIN, ROOT } from '../../../test/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

const uiRequests = (requests: Request[]) => requests.filter((r) => /\/samtykke\/samtykke-ui\.\w+\.js$/.test(r.url()))
/** The paths of the chunks a page fetched (samtykke-ui.*.js, samtykke-reopen.*.js). */
const chunks = (requests: Request[]) =>
  requests.map((r) => new URL(r.url()).pathname).filter((p) => /samtykke-(ui|reopen)\./.test(p))
const track = (site: Awaited<ReturnType<typeof openSite>>) => {
  const requests: Request[] = []
  site.page.on('request', (r) => requests.push(r))
  return requests
}
/**
 * Holds the UI chunk's request until the returned function is called: then it is served, or with `fail`, the network
 * fails.
 */
const holdUIChunk = async (site: Awaited<ReturnType<typeof openSite>>, fail = false) => {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  const body = readFileSync(ROOT + '/packages/samtykke/dist/samtykke-ui.nb.js', 'utf8')
  await site.context.route(
    '**/samtykke-ui.nb.js',
    async (route) => (
      await held,
      fail ? route.abort('internetdisconnected') : route.fulfill({ contentType: 'text/javascript', body })
    ),
  )
  return release
}
/** A returning visitor's cookie: everything refused, yesterday. */
const rejectedYesterday = () => {
  const yesterday = Math.floor(Date.now() / 1000 - 86400).toString(36)
  return {
    name: 'samtykke',
    value: `1~1~${yesterday}~aaaaaaaaaaaaaaaaaaaaaaaa~1~0~necessary:1.preferences:0.analytics:0.marketing:0`,
    url: ORIGIN,
  }
}
/** What the drop-in says when one of its files does not load. */
const notLoaded = (url: string) => `samtykke: could not load ${url}: put the samtykke-*.js files beside samtykke.js`
/** How a config error ends: what samtykke does until it is fixed. */
const UNTIL_FIXED = 'Until it is fixed, samtykke uses its defaults: all trackers blocked, banner shown'
/** One analytics tag and one marketing tag, marked. */
const marked =
  '<script type="text/plain" data-category="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-TEST123">' +
  '</script>\n' +
  '<script type="text/plain" data-category="marketing" src="https://connect.facebook.net/en_US/fbevents.js"></script>'
// A tag manager inserting gtag.js at run time: the preload scanner can't see it, so only the blocker stands in the way.
const dynamicGtag =
  "<script>var s=document.createElement('script');" +
  "s.src='https://www.googletagmanager.com/gtag/js?id=G-TEST123';document.head.appendChild(s)</script>"

describe('samtykke.js', () => {
  it('works with no config at all: Norwegian banner, trackers held', async () => {
    const site = await openSite(browser, { files: { '/': pageWithSamtykke({ body: dynamicGtag }) } })
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    expect(site.to('googletagmanager.com')).toEqual([])
    expect(site.console).toEqual([])
    await site.close()
  })

  it('included twice, is harmless: one warning, one banner, one Consent Mode default', async () => {
    const twice = pageWithSamtykke({ head: '<script src="/samtykke/samtykke.js"></script>' })
    const site = await openSite(browser, { files: { '/': twice } })
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    expect(await site.page.getByRole('button', { name: 'Godta alle' }).count()).toBe(1)
    const defaults = await site.page.evaluate(
      () => (window as any).dataLayer.filter((a: IArguments) => a[0] == 'consent' && a[1] == 'default').length,
    )
    expect(defaults).toBe(1)
    // The text of a message comes in its own file (samtykke-messages.js), fetched when there is one: wait for it.
    await expect
      .poll(() => site.console.map((m) => m.text))
      .toEqual(['samtykke: samtykke.js is included twice; the extra copy does nothing: remove it'])
    await site.page.getByRole('button', { name: 'Godta alle' }).click()
    expect(await site.page.evaluate(() => window.samtykke.has('marketing'))).toBe(true)
    await site.close()
  })

  it('with a broken JSON block: one precise error, everything blocked, the banner shown', async () => {
    const html = pageWithSamtykke({ body: dynamicGtag }).replace(
      '<script src="/samtykke',
      '<script type="application/json" id="samtykke-config">{ "revision": 2, }</script>\n<script src="/samtykke',
    )
    const site = await openSite(browser, { files: { '/': html } })
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Avvis alle' }).waitFor()
    await expect.poll(() => site.console.length).toBe(1)
    expect(site.console[0].type).toBe('error')
    expect(site.console[0].text).toMatch(
      /^samtykke: config\.#samtykke-config must be valid JSON \(.+\)\. Until it is fixed, samtykke uses its defaults: all trackers blocked, banner shown$/,
    )
    expect(site.to('googletagmanager.com')).toEqual([])
    expect(site.errors).toEqual([])
    await site.close()
  })

  it('with an invalid field: the error names the field and the value', async () => {
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ config: { cookie: { days: 800 } }, body: dynamicGtag }) },
    })
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    await expect
      .poll(() => site.console.map((m) => m.text))
      .toEqual(['samtykke: config.cookie.days must be a number of days from 1 to 395 (got 800). ' + UNTIL_FIXED])
    expect(site.to('googletagmanager.com')).toEqual([])
    await site.close()
  })

  it('with an option it does not know: one warning naming it, and the rest of the config in use', async () => {
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ config: { revision: 7, colour: 'red', lang: 'en' }, body: dynamicGtag }) },
    })
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Accept all' }).click()
    expect(await site.page.evaluate(() => window.samtykke.get().record!.revision)).toBe('7')
    await expect
      .poll(() => site.console.map((m) => m.text))
      .toEqual(['samtykke: config.colour is not an option (ignored): check the spelling'])
    await site.close()
  })

  it('with a config block that is not an object: one error naming it', async () => {
    const html = pageWithSamtykke({ body: dynamicGtag }).replace(
      '<script src="/samtykke',
      '<script type="application/json" id="samtykke-config">null</script>\n<script src="/samtykke',
    )
    const site = await openSite(browser, { files: { '/': html } })
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    await expect
      .poll(() => site.console.map((m) => m.text))
      .toEqual(['samtykke: config must be an object (got null). ' + UNTIL_FIXED])
    expect(site.to('googletagmanager.com')).toEqual([])
    expect(site.errors).toEqual([])
    await site.close()
  })

  it('fetches its console messages only when it has one to print; without the file, it names itself', async () => {
    const bad = pageWithSamtykke({ config: { cookie: { days: 800 } } })
    const site = await openSite(browser, { files: { '/': pageWithSamtykke(), '/bad.html': bad } })
    const requests = track(site)
    const messageFiles = () => requests.filter((r) => r.url().endsWith('/samtykke/samtykke-messages.js')).length
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    expect(messageFiles()).toBe(0)
    await site.page.goto(ORIGIN + '/bad.html')
    await expect.poll(() => site.console.length).toBe(1)
    expect(messageFiles()).toBe(1)
    // The file could not be fetched: one error naming it, then each message by name and values, as in
    // core/src/errors.ts, and so for a message that comes later (no second attempt, no second error).
    await site.context.route('**/samtykke-messages.js', (route) => route.fulfill({ status: 404, body: '' }))
    site.console.length = 0
    await site.page.goto(ORIGIN + '/bad.html')
    const ours = () => site.console.filter((m) => m.text.startsWith('samtykke:')).map((m) => m.text)
    await expect
      .poll(ours)
      .toEqual([
        notLoaded('https://www.innfram.test/samtykke/samtykke-messages.js'),
        'samtykke: checkedConfig({"cookie":{"days":800}})',
      ])
    await site.page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<img data-category="nope" data-src="/x.png" alt="">'),
    )
    await expect.poll(() => ours().length).toBe(3)
    expect(ours()[2]).toBe('samtykke: unknownDataCategory("nope",["necessary","preferences","analytics","marketing"])')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    expect(site.errors).toEqual([])
    await site.close()
  })

  it('reads data-* attributes on its own tag', async () => {
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ attrs: ' data-lang="en" data-revision="7"' }) },
    })
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Accept all' }).click()
    expect(await site.page.evaluate(() => window.samtykke.get().record!.revision)).toBe('7')
    await site.close()
  })

  it('fetches the UI on a first visit, and not on a returning one', async () => {
    const site = await openSite(browser, { files: { '/': pageWithSamtykke() } })
    let requests = track(site)
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Avvis alle' }).click()
    expect(uiRequests(requests)).toHaveLength(1)
    requests.length = 0
    await site.page.reload({ waitUntil: 'load' })
    await site.page.waitForTimeout(300)
    expect(uiRequests(requests)).toHaveLength(0)
    expect(await site.page.getByRole('button', { name: 'Avvis alle' }).count()).toBe(0)
    await site.close()
  })

  it('on a return visit loads samtykke.js only; the floating button in its own file, if no settings link', async () => {
    const link = '<footer><a href="#" data-samtykke-open>Informasjonskapsler</a></footer>'
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ body: link }), '/bare.html': pageWithSamtykke() },
    })
    await site.context.addCookies([rejectedYesterday()])
    const requests = track(site)
    await site.page.goto(ORIGIN + '/', { waitUntil: 'load' })
    await site.page.waitForTimeout(200)
    const paths = () => requests.map((r) => new URL(r.url()).pathname).filter((p) => p != '/favicon.ico')
    expect(paths()).toEqual(['/', '/samtykke/samtykke.js'])
    expect(await site.page.locator('samtykke-reopen').count()).toBe(0)
    requests.length = 0
    await site.page.goto(ORIGIN + '/bare.html', { waitUntil: 'load' })
    const reopen = site.page.getByRole('button', { name: 'Innstillinger for informasjonskapsler' })
    await reopen.waitFor()
    expect(paths()).toEqual(['/bare.html', '/samtykke/samtykke.js', '/samtykke/samtykke-reopen.nb.js'])
    await reopen.click()
    await site.page.getByRole('dialog').waitFor()
    expect(uiRequests(requests)).toHaveLength(1)
    expect(site.console).toEqual([])
    await site.close()
  })

  it('fetches the UI in the page’s language only', async () => {
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke().replace('<html lang="nb">', '<html lang="nn-NO">') },
    })
    const requests = track(site)
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    expect(uiRequests(requests).map((r) => new URL(r.url()).pathname)).toEqual(['/samtykke/samtykke-ui.nn.js'])
    expect(await site.page.getByRole('region').textContent()).toContain('informasjonskapslar')
    await site.close()
  })

  it('fetches the banner and floating button in config.lang, else <html lang>, by its base language', async () => {
    const site = await openSite(browser, {
      files: {
        '/': pageWithSamtykke().replace('<html lang="nb">', '<html lang="de-AT">'),
        '/sv.html': pageWithSamtykke({ attrs: ' data-lang="sv-FI"' }),
        '/uk.html': pageWithSamtykke({ config: { lang: 'uk_UA' } }).replace('<html lang="nb">', '<html lang="en">'),
      },
    })
    const requests = track(site)
    for (const [path, lang, accept] of [
      ['/', 'de', 'Alle akzeptieren'],
      ['/sv.html', 'sv', 'Godkänn alla'],
      ['/uk.html', 'uk', 'Прийняти всі'],
    ]) {
      requests.length = 0
      await site.context.clearCookies()
      await site.page.goto(ORIGIN + path)
      await site.page.getByRole('button', { name: accept }).click()
      await site.page.locator('samtykke-reopen').getByRole('button').waitFor()
      expect(chunks(requests).sort()).toEqual([
        `/samtykke/samtykke-reopen.${lang}.js`,
        `/samtykke/samtykke-ui.${lang}.js`,
      ])
      expect(await site.page.evaluate(() => window.samtykke.config.lang)).toBe(lang)
    }
    expect(site.console).toEqual([])
    await site.close()
  })

  it('a language without texts gets English, or bokmål on a Norwegian page, and one message naming both', async () => {
    const site = await openSite(browser, {
      files: {
        '/': pageWithSamtykke().replace('<html lang="nb">', '<html lang="fr-CA">'),
        '/no.html': pageWithSamtykke({ attrs: ' data-lang="se"' }),
      },
    })
    const requests = track(site)
    await site.page.goto(ORIGIN + '/')
    await site.page.getByRole('button', { name: 'Accept all' }).waitFor()
    await expect
      .poll(() => chunks(requests).sort())
      .toEqual(['/samtykke/samtykke-reopen.en.js', '/samtykke/samtykke-ui.en.js'])
    await expect
      .poll(() => site.console.map((m) => m.text))
      .toEqual([
        'samtykke: the language "fr-CA" has no texts: the banner is in English. ' +
          'Give config.texts.fr (every key: docs/ui.md), or set config.lang',
      ])
    site.console.length = 0
    requests.length = 0
    await site.page.goto(ORIGIN + '/no.html')
    await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
    await expect
      .poll(() => chunks(requests).sort())
      .toEqual(['/samtykke/samtykke-reopen.nb.js', '/samtykke/samtykke-ui.nb.js'])
    await expect
      .poll(() => site.console.map((m) => m.text))
      .toEqual([expect.stringContaining('the language "se" has no texts: the banner is in bokmål.')])
    await site.page.waitForTimeout(200)
    expect(site.console).toHaveLength(1)
    await site.close()
  })

  it("a language the site adds in texts: English under the site's texts, missing keys named once", async () => {
    const texts = {
      title: 'Við notum vafrakökur',
      acceptAll: 'Samþykkja allt',
      rejectAll: 'Hafna öllu',
      customize: 'Sérsníða',
      settings: 'Stillingar fyrir vafrakökur',
    }
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ config: { lang: 'is', texts: { is: texts } } }) },
    })
    const requests = track(site)
    await site.page.goto(ORIGIN + '/')
    const banner = site.page.getByRole('region', { name: 'Við notum vafrakökur' })
    await banner.waitFor()
    expect(await banner.getByRole('button').allTextContents()).toEqual(['Samþykkja allt', 'Hafna öllu', 'Sérsníða'])
    expect(await banner.textContent()).toContain('With your consent we use cookies') // a key it lacks: English
    expect(await site.page.locator('samtykke-ui').getAttribute('lang')).toBe('is')
    await banner.getByRole('button', { name: 'Hafna öllu' }).click()
    await site.page.getByRole('button', { name: 'Stillingar fyrir vafrakökur' }).waitFor()
    expect(chunks(requests).sort()).toEqual(['/samtykke/samtykke-reopen.own.js', '/samtykke/samtykke-ui.own.js'])
    const lacking = site.console.filter((m) => m.text.startsWith('samtykke: config.texts.is has no'))
    expect(lacking).toHaveLength(1)
    expect(lacking[0].text).toMatch(
      /^samtykke: config\.texts\.is has no text, services, and, withdraw, .*marketingInfo: shown in English\./,
    )
    expect(site.console).toHaveLength(1)
    await site.close()
  })

  it('window.samtykke changes a stored choice: fetches the write half, resolves once the cookie is set', async () => {
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ body: '<footer><a href="#" data-samtykke-open>Innstillinger</a></footer>' }) },
    })
    await site.context.addCookies([rejectedYesterday()])
    await site.page.goto(ORIGIN + '/')
    const after = await site.page.evaluate(async () => {
      const was = window.samtykke.has('analytics')
      const p = window.samtykke.acceptAll()
      // In effect at once; stored once the write half is here.
      const now = [window.samtykke.has('analytics'), document.cookie.includes('analytics:1')]
      await p
      return [was, ...now, window.samtykke.has('analytics'), document.cookie.includes('analytics:1')]
    })
    expect(after).toEqual([false, true, false, true, true])
    await site.close()
  })

  it('says so once, and rejects, without the UI chunk; the choice holds for this view, the page works on', async () => {
    const page = pageWithSamtykke({ body: marked }).replace('/samtykke/samtykke.js', '/lost/samtykke.js')
    const site = await openSite(browser, {
      files: { '/': page, '/lost/samtykke.js': readFileSync(ROOT + '/packages/samtykke/dist/samtykke.js', 'utf8') },
    })
    await site.page.goto(ORIGIN + '/', { waitUntil: 'load' })
    await expect
      .poll(() =>
        site.console
          .filter((m) => m.text.startsWith('samtykke:'))
          .map((m) => m.text)
          .sort(),
      )
      .toEqual([
        notLoaded('https://www.innfram.test/lost/samtykke-reopen.nb.js'),
        notLoaded('https://www.innfram.test/lost/samtykke-ui.nb.js'),
      ])
    expect(
      await site.page.evaluate(() =>
        window.samtykke.set({ analytics: true }).then(
          () => 'stored',
          (e) => 'rejected: ' + e.message,
        ),
      ),
    ).toBe('rejected: ' + notLoaded('https://www.innfram.test/lost/samtykke-ui.nb.js'))
    // In effect for this page view: the analytics tag ran, the marketing one did not; nothing was stored.
    expect(
      await site.page.evaluate(() => [
        window.samtykke.has('analytics'),
        window.samtykke.has('marketing'),
        window.samtykke.decided,
      ]),
    ).toEqual([true, false, true])
    await expect.poll(() => site.to('googletagmanager.com').length).toBe(1)
    expect(site.to('facebook.net')).toEqual([])
    expect(await site.cookies()).not.toHaveProperty('samtykke')
    expect(site.errors).toEqual([])
    await site.close()
  })

  it('a call before the UI chunk arrives acts at once; the chunk failing leaves one error naming it', async () => {
    const site = await openSite(browser, { files: { '/': pageWithSamtykke({ body: marked }) } })
    const cutOff = await holdUIChunk(site, true)
    await site.page.goto(ORIGIN + '/', { waitUntil: 'domcontentloaded' })
    const result = site.page.evaluate(() => {
      const p = window.samtykke.acceptAll()
      const now = window.samtykke.has('marketing')
      return p.then(
        () => [now, 'stored'],
        (e) => [now, 'rejected: ' + e.message],
      )
    })
    await expect.poll(() => site.to('facebook.net').length).toBe(1)
    cutOff()
    expect(await result).toEqual([
      true,
      'rejected: ' + notLoaded('https://www.innfram.test/samtykke/samtykke-ui.nb.js'),
    ])
    expect(site.to('googletagmanager.com')).toHaveLength(1)
    const errors = site.console.filter((m) => m.text.startsWith('samtykke:'))
    expect(errors).toEqual([{ type: 'error', text: notLoaded('https://www.innfram.test/samtykke/samtykke-ui.nb.js') }])
    expect(await site.cookies()).not.toHaveProperty('samtykke')
    await site.close()
  })

  it('releases tags at the choice, not when the write half arrives; queued calls are stored in order', async () => {
    const site = await openSite(browser, { files: { '/': pageWithSamtykke({ body: marked }) } })
    const letThrough = await holdUIChunk(site)
    await site.page.goto(ORIGIN + '/', { waitUntil: 'domcontentloaded' })
    await site.page.evaluate(() => {
      const w = window as any
      w.__calls = [window.samtykke.rejectAll(), window.samtykke.set({ analytics: true })].map((p, i) =>
        p.then(() => (w.__order = [...(w.__order || []), i])),
      )
    })
    // The write half is still on its way: the analytics tag goes now, the marketing one stays held.
    await expect.poll(() => site.to('googletagmanager.com').length).toBe(1)
    expect(site.to('facebook.net')).toEqual([])
    expect(await site.cookies()).not.toHaveProperty('samtykke')
    letThrough()
    await site.page.evaluate(() => Promise.all((window as any).__calls))
    expect(await site.page.evaluate(() => (window as any).__order)).toEqual([0, 1])
    expect((await site.cookies()).samtykke).toMatch(/~necessary:1\.preferences:0\.analytics:1\.marketing:0$/)
    expect(await site.page.evaluate(() => [window.samtykke.get().record?.how, window.samtykke.get().granted])).toEqual([
      'api',
      { necessary: true, preferences: false, analytics: true, marketing: false },
    ])
    await site.page.reload()
    expect(
      await site.page.evaluate(() => [
        window.samtykke.decided,
        window.samtykke.has('analytics'),
        window.samtykke.has('marketing'),
      ]),
    ).toEqual([true, true, false])
    expect(site.to('facebook.net')).toEqual([])
    await site.close()
  })

  it('a choice waiting for the write half is not undone when the tab comes back to the older cookie', async () => {
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ body: '<footer><a href="#" data-samtykke-open>Innstillinger</a></footer>' }) },
    })
    await site.context.addCookies([rejectedYesterday()])
    const letThrough = await holdUIChunk(site)
    await site.page.goto(ORIGIN + '/', { waitUntil: 'load' })
    await site.page.evaluate(() => {
      ;(window as any).__stored = window.samtykke.acceptAll()
      // What the browser sends when the visitor comes back to this tab: samtykke reads the cookie again.
      document.dispatchEvent(new Event('visibilitychange'))
    })
    expect(await site.page.evaluate(() => window.samtykke.has('marketing'))).toBe(true)
    letThrough()
    await site.page.evaluate(() => (window as any).__stored)
    expect(
      await site.page.evaluate(() => [window.samtykke.has('marketing'), window.samtykke.get().record?.how]),
    ).toEqual([true, 'all'])
    expect((await site.cookies()).samtykke).toMatch(/marketing:1$/)
    await site.close()
  })

  it.each([
    ['decided on an earlier revision', (v: string) => v.replace('~1~', '~0~')],
    ['tampered with', (v: string) => v.replace('marketing:0', 'marketing:1').replace('necessary:1', 'necessary:0')],
  ])(
    'a returning visitor whose record was %s gets the banner, with the UI chunk fetched as on a first visit',
    async (_, change) => {
      const site = await openSite(browser, { files: { '/': pageWithSamtykke({ body: marked }) } })
      const cookie = rejectedYesterday()
      await site.context.addCookies([{ ...cookie, value: change(cookie.value) }])
      const requests = track(site)
      await site.page.goto(ORIGIN + '/')
      await site.page.getByRole('button', { name: 'Godta alle' }).waitFor()
      expect(uiRequests(requests)).toHaveLength(1)
      expect(
        await site.page.evaluate(() => [
          window.samtykke.decided,
          window.samtykke.has('analytics'),
          window.samtykke.has('marketing'),
        ]),
      ).toEqual([false, false, false])
      expect(site.thirdParty).toEqual([])
      await site.close()
    },
  )

  it('opens the preference centre from a data-samtykke-open link on a returning visit', async () => {
    const site = await openSite(browser, {
      files: {
        '/': pageWithSamtykke({
          body: '<footer><a href="#" data-samtykke-open>Innstillinger for informasjonskapsler</a></footer>',
        }),
      },
    })
    await site.context.addCookies([rejectedYesterday()])
    await site.page.goto(ORIGIN + '/')
    expect(await site.page.evaluate(() => window.samtykke.decided)).toBe(true)
    await site.page.getByRole('link', { name: 'Innstillinger for informasjonskapsler' }).click()
    const dialog = site.page.getByRole('dialog')
    await dialog.waitFor()
    await dialog.getByRole('switch', { name: /Statistikk/ }).check()
    await dialog.getByRole('button', { name: 'Lagre valg' }).click()
    expect(await site.page.evaluate(() => window.samtykke.has('analytics'))).toBe(true)
    await site.close()
  })
})

describe('a receipt the consent log refuses', () => {
  it("is said once, with status and the log's reason, next view, not sent again; the log says so once", async () => {
    // The real consent log, for another site: this page's origin is not one of its --site origins.
    const data = mkdtempSync(join(tmpdir(), 'samtykke-log-'))
    const logged: string[] = []
    const log = await startServer({
      port: 0,
      dataDir: data,
      sites: [{ origin: 'https://www.annen.test' }],
      warn: (m) => logged.push(m),
    })
    const site = await openSite(browser, {
      files: { '/': pageWithSamtykke({ config: { receiptUrl: 'https://logg.innfram.test/v1/receipts' } }) },
    })
    try {
      // logg.innfram.test stands for the log's address: each request goes to it as the browser sent it (Origin
      // included).
      const answers: number[] = []
      await site.context.route('https://logg.innfram.test/**', async (route) => {
        const response = await route.fetch({ url: log.url + new URL(route.request().url()).pathname })
        answers.push(response.status())
        await route.fulfill({ response })
      })
      const outbox = () => site.page.evaluate(() => localStorage.getItem('samtykke:outbox'))
      await site.page.goto(ORIGIN + '/')
      await site.page.getByRole('button', { name: 'Godta alle', exact: true }).click()
      await expect.poll(() => answers).toEqual([403])
      expect(await outbox()).toContain(await site.page.evaluate(() => window.samtykke.get().record!.id))

      await site.page.goto(ORIGIN + '/')
      await expect.poll(() => answers).toEqual([403, 403])
      await expect
        .poll(() => site.console.filter((m) => m.text.includes('refused a receipt')))
        .toEqual([
          {
            type: 'warning',
            text:
              'samtykke: the consent log at https://logg.innfram.test/v1/receipts refused a receipt (403: ' +
              'samtykke serve: origin https://www.innfram.test may not send receipts here; ' +
              'start the server with --site https://www.innfram.test (or SAMTYKKE_SITES) to allow it); ' +
              'it is not sent again. Check receiptUrl, and that the log allows this site',
          },
        ])
      await expect.poll(outbox).toBeNull()
      expect(Object.keys(await site.cookies())).not.toContain('samtykke_outbox')

      // Dropped: the next page view sends nothing, and says nothing more.
      const requests = track(site)
      await site.page.goto(ORIGIN + '/', { waitUntil: 'load' })
      await site.page.waitForTimeout(300)
      expect(requests.map((r) => r.url()).filter((u) => u.includes('outbox') || u.includes('logg.'))).toEqual([])
      expect(answers).toHaveLength(2)
      expect(site.console.filter((m) => m.text.includes('refused a receipt'))).toHaveLength(1)
      expect(logged.filter((l) => l.includes('refused a receipt from https://www.innfram.test'))).toHaveLength(1)
    } finally {
      await site.close()
      await log.close()
      rmSync(data, { recursive: true, force: true })
    }
  }, 60_000)
})
