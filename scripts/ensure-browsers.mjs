// Browser tests drive Debian's Chromium (playwright-core), Firefox ESR (puppeteer-core, WebDriver BiDi) and WebKitGTK
// (its WebKitWebDriver, under Xvfb: test/webkit.ts): no browser download, the network is closed to it.
import { ensurePackages } from './apt.mjs'

ensurePackages('the browser tests', [
  { name: 'Chromium', path: process.env.CHROMIUM_PATH || '/usr/bin/chromium', pkg: 'chromium', env: 'CHROMIUM_PATH' },
  { name: 'Firefox ESR', path: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr', pkg: 'firefox-esr', env: 'FIREFOX_PATH' },
  // WebKit (Safari's engine) as WebKitGTK: its WebDriver, which drives MiniBrowser, drawn on an Xvfb display.
  { name: 'WebKitWebDriver', path: process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver', pkg: 'webkit2gtk-driver', env: 'WEBKIT_DRIVER_PATH' },
  { name: 'Xvfb', path: process.env.XVFB_PATH || '/usr/bin/Xvfb', pkg: 'xvfb', env: 'XVFB_PATH' },
])
