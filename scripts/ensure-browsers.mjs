// Browser tests drive Debian's Chromium (playwright-core), Firefox ESR (puppeteer-core, WebDriver BiDi) and WebKitGTK
// (its WebKitWebDriver, under Xvfb: test/webkit.ts): no browser download, the network is closed to it. Installs what
// is missing when we may (root, or passwordless sudo); otherwise says exactly what to run.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

const browsers = [
  { name: 'Chromium', path: process.env.CHROMIUM_PATH || '/usr/bin/chromium', pkg: 'chromium', env: 'CHROMIUM_PATH' },
  { name: 'Firefox ESR', path: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr', pkg: 'firefox-esr', env: 'FIREFOX_PATH' },
  // WebKit (Safari's engine) as WebKitGTK: its WebDriver, which drives MiniBrowser, drawn on an Xvfb display.
  { name: 'WebKitWebDriver', path: process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver', pkg: 'webkit2gtk-driver', env: 'WEBKIT_DRIVER_PATH' },
  { name: 'Xvfb', path: process.env.XVFB_PATH || '/usr/bin/Xvfb', pkg: 'xvfb', env: 'XVFB_PATH' },
]
const missing = browsers.filter((b) => !existsSync(b.path))
if (!missing.length) process.exit(0)

const packages = missing.map((b) => b.pkg).join(' ')
const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
const isRoot = process.getuid?.() === 0
let sudo = ''
if (!isRoot) {
  try {
    execSync('sudo -n true', { stdio: 'ignore' })
    sudo = 'sudo -n '
  } catch {
    for (const b of missing) console.error(`samtykke tests: ${b.name} is missing at ${b.path}; or set ${b.env} to its binary.`)
    console.error(`Install with:\n  sudo apt-get install -y ${packages}`)
    process.exit(1)
  }
}
console.log(`samtykke tests: installing Debian ${packages} for the browser tests…`)
try {
  run(`${sudo}apt-get install -y --no-install-recommends ${packages}`)
} catch {
  run(`${sudo}apt-get update`)
  run(`${sudo}apt-get install -y --no-install-recommends ${packages}`)
}
for (const b of missing)
  if (!existsSync(b.path)) {
    console.error(`samtykke tests: ${b.pkg} was installed but ${b.path} does not exist; set ${b.env}.`)
    process.exit(1)
  }
