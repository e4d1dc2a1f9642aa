// Debian's Chromium, launched one way for the browser tests (test/browser.ts), the benchmarks (bench/) and the UI's
// screenshots, and a playwright-core route answered by a third party's fake (fakes.mjs). A plain .mjs module, so that
// the benchmarks and scripts run it with node; typed by chromium.d.mts beside it.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { fakeFor } from './fakes.mjs'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]

export function launchChromium() {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run \`node scripts/ensure-browsers.mjs\` (Debian: apt-get install -y chromium)` +
        ' or set CHROMIUM_PATH',
    )
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
}

/** Answers an intercepted third-party request with its fake, readable from any origin. */
export function fulfillWithFake(route) {
  const request = route.request()
  const fake = fakeFor(new URL(request.url()), request.resourceType())
  const { status = 200, contentType, body } = fake
  return route.fulfill({ status, contentType, body, headers: { 'access-control-allow-origin': '*' } })
}
