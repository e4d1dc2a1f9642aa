// Server-side import check: both packages' dist must load in Node, where there is no window or document,
// without touching the DOM, and the store must work there (memory cookie jar). Exits 0 on success.
//   node examples/vite/check-ssr.mjs      (after `npx -y pnpm@10 build`)
import assert from 'node:assert/strict'

assert.equal(typeof window, 'undefined', 'this check must run without a DOM')
assert.equal(typeof document, 'undefined', 'this check must run without a DOM')

const core = await import('@samtykke/core')
const ui = await import('@samtykke/ui')

for (const name of [
  'createConsent',
  'consentMode',
  'blockTrackers',
  'resolveConfig',
  'encodeRecord',
  'decodeRecord',
  'matchTracker',
])
  assert.equal(typeof core[name], 'function', `@samtykke/core exports ${name}`)
assert.equal(typeof ui.mountUI, 'function', '@samtykke/ui exports mountUI')

const consent = core.createConsent({ revision: 1, categories: { preferences: false } })
assert.equal(consent.decided, false)
assert.equal(consent.has('necessary'), true)
assert.equal(consent.has('analytics'), false)
consent.acceptAll()
assert.equal(consent.decided, true)
assert.equal(consent.has('marketing'), true)
consent.destroy()

console.log('check-ssr: @samtykke/core and @samtykke/ui load in Node without a DOM')
