// Screenshots of the UI on the INNFRAM example site, desktop (1280×800) and phone (360×740), light and dark,
// for docs/ui.md and for proof of what visitors were shown (CNIL recommendation §48).
//
//   npx -y pnpm@10 build && node packages/ui/scripts/screenshots.mjs
//
// Serves examples/innfram/ at / and packages/samtykke/dist/ at /samtykke/ (DIST=… to use another folder);
// every third-party request gets an empty answer, so nothing leaves the machine.
import { readFile } from 'node:fs/promises'
import { existsSync, mkdirSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { launchChromium } from '../../../test/chromium.mjs'

const root = resolve(import.meta.dirname, '../../..')
const site = join(root, 'examples/innfram')
const dist = resolve(root, process.env.DIST || 'packages/samtykke/dist')
const out = join(root, 'docs/screenshots')
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
}

if (!existsSync(join(dist, 'samtykke-ui.nb.js'))) {
  console.error(`${dist}/samtykke-ui.nb.js is missing: run \`npx -y pnpm@10 build\` first.`)
  process.exit(1)
}
mkdirSync(out, { recursive: true })

const browser = await launchChromium()

async function shoot(
  name,
  {
    width,
    height,
    colorScheme = 'light',
    path = '/',
    before,
    gpc = false,
    html,
    title = 'Vi bruker informasjonskapsler',
  },
) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, deviceScaleFactor: 1 })
  // A browser that sends Global Privacy Control: the banner says what that changes.
  if (gpc)
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    )
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.hostname != 'www.innfram.test') return route.fulfill({ status: 204, body: '' })
    if (html && url.pathname == path) return route.fulfill({ status: 200, contentType: types['.html'], body: html })
    let file = url.pathname.startsWith('/samtykke/') ? join(dist, url.pathname.slice(10)) : join(site, url.pathname)
    if (file.endsWith('/')) file += 'index.html'
    if (!existsSync(file) && existsSync(file + '.html')) file += '.html'
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' })
    route.fulfill({
      status: 200,
      contentType: types[extname(file)] || 'application/octet-stream',
      body: await readFile(file),
    })
  })
  const page = await context.newPage()
  await page.goto('https://www.innfram.test' + path)
  await page.getByRole('region', { name: title }).waitFor()
  if (before) await before(page)
  await page.screenshot({ path: join(out, name + '.png') })
  console.log('docs/screenshots/' + name + '.png')
  await context.close()
}

const openPreferences = async (page) => {
  await page.getByRole('button', { name: 'Tilpass' }).click()
  const dialog = page.getByRole('dialog', { name: 'Innstillinger for informasjonskapsler' })
  await dialog.waitFor()
  await dialog
    .locator('details')
    .nth(1)
    .evaluate((d) => (d.open = true))
}
const desktop = { width: 1280, height: 800 }
const phone = { width: 360, height: 740 }

await shoot('banner-desktop', desktop)
await shoot('banner-phone', phone)
await shoot('preferences-desktop', { ...desktop, before: openPreferences })
await shoot('preferences-phone', { ...phone, before: openPreferences })
await shoot('banner-desktop-dark', { ...desktop, colorScheme: 'dark' })
await shoot('banner-phone-gpc', { ...phone, gpc: true })
await shoot('preferences-phone-dark', { ...phone, colorScheme: 'dark', before: openPreferences })
await shoot('placeholder-desktop', {
  ...desktop,
  path: '/video.html',
  before: async (page) => {
    await page.getByRole('button', { name: 'Avvis alle' }).click()
    await page.getByRole('button', { name: 'Tillat markedsføring' }).waitFor()
    await page
      .locator('samtykke-placeholder')
      .evaluate((el) => scrollTo(0, el.getBoundingClientRect().top + scrollY - 120))
  },
})

// The banner in each of the other languages, on a phone. The site's own labels and descriptions are Norwegian, so they
// are taken out of its config: what shows is samtykke's table for the language (and the services' names).
const home = await readFile(join(site, 'index.html'), 'utf8')
const inLanguage = (lang) =>
  home
    .replace('<html lang="nb">', `<html lang="${lang}">`)
    .replace(/(id="samtykke-config">)([\s\S]*?)(<\/script>)/, (_, open, json, close) => {
      const config = JSON.parse(json)
      delete config.lang
      for (const c of Object.values(config.categories))
        if (c) {
          delete c.label
          delete c.description
        }
      return open + JSON.stringify(config) + close
    })
const titles = {
  nn: 'Vi brukar informasjonskapslar',
  en: 'We use cookies',
  sv: 'Vi använder kakor',
  da: 'Vi bruger cookies',
  de: 'Wir verwenden Cookies',
  fi: 'Käytämme evästeitä',
  pl: 'Używamy plików cookie',
  uk: 'Ми використовуємо файли cookie',
  lt: 'Naudojame slapukus',
}
for (const [lang, title] of Object.entries(titles))
  await shoot('banner-phone-' + lang, { ...phone, path: `/${lang}.html`, html: inLanguage(lang), title })
await browser.close()
