// Browser tests drive Debian's Chromium (playwright-core), Firefox ESR (puppeteer-core, WebDriver BiDi) and WebKitGTK
// (its WebKitWebDriver, under Xvfb: test/webkit.ts): no browser download, the network is closed to it.
// Prints the version of each, found or installed, so that a CI log shows which browsers the tests ran in.
import { execFileSync } from 'node:child_process'
import { ensurePackages } from './apt.mjs'

const needs = [
  {
    name: 'Chromium',
    path: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    pkg: 'chromium',
    env: 'CHROMIUM_PATH',
    own: true,
  },
  {
    name: 'Firefox ESR',
    path: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    pkg: 'firefox-esr',
    env: 'FIREFOX_PATH',
    own: true,
  },
  // WebKit (Safari's engine) as WebKitGTK: its WebDriver, which drives MiniBrowser, drawn on an Xvfb display.
  {
    name: 'WebKitWebDriver',
    path: process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver',
    pkg: 'webkit2gtk-driver',
    env: 'WEBKIT_DRIVER_PATH',
  },
  { name: 'Xvfb', path: process.env.XVFB_PATH || '/usr/bin/Xvfb', pkg: 'xvfb', env: 'XVFB_PATH' },
]
ensurePackages('the browser tests', needs)

const quiet = (file, args) => {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim()
  } catch {
    return ''
  }
}
// The browser's own answer where it gives one (Chromium, Firefox); else the Debian package's version, which is the
// version of a file at the default path only.
function version(n) {
  const own =
    n.own &&
    quiet(n.path, ['--version'])
      .split('\n')[0]
      .replace(/ built on .*/, '')
  if (own) return own
  const packaged = !process.env[n.env] && quiet('dpkg-query', ['-W', '-f=${Version}', n.pkg])
  return packaged ? `${n.pkg} ${packaged}` : 'version unknown'
}
console.log('browsers for the tests:')
for (const n of needs) console.log(`  ${n.name}: ${version(n)} (${n.path})`)
