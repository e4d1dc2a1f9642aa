// The write half of the consent store: decisions go into the cookie (js-cookie), the atom, the other tabs and,
// when the site asks for it, a receipt. Withdrawing a category deletes what its trackers stored.
import type { ConsentRecord, How } from '../record/types'
import type { Consent, ConsentState, ConsentView } from './types'
import type { Core } from './read'
import { encodeRecord, newId } from '../record'
import { browserJar } from '../record/jar'
import { sendReceipt } from '../sync'
import { forget } from './forget'
import { unknownCategory, warn } from '../errors'

/** Adds `acceptAll`, `rejectAll`, `set` and `reset` to a store from `readConsent`, in place. */
export function addWriter(view: ConsentView, core: Core): Consent {
  const { config } = view
  const { $state } = core
  const { order, cookie } = config
  const { gpc, each, guard } = core
  if (!core.jar.write) core.jar = browserJar(core.domain, core.jar.read, core.drop)
  const jar = () => core.jar as Required<Core['jar']>

  /** The new state in the atom and the other tabs; what was withdrawn is deleted (third-party cookies are out of reach). */
  const commit = (next: ConsentState) => {
    const before = $state.get().granted
    $state.set(next)
    core.notify()
    const gone = order.filter((c) => before[c] && !next.granted[c])
    if (gone.length && core.browser) forget(gone, config)
  }
  const decide = (granted: Record<string, boolean>, how: How) => {
    const record: ConsentRecord = { v: 1, id: newId(), time: Math.floor(core.now() / 1e3) * 1e3, revision: config.revision, how, gpc, categories: granted }
    const value = encodeRecord(record)
    guard(() => {
      jar().write(cookie.name, value, cookie.days)
      if (!jar().read(cookie.name).includes(value)) throw 'the cookie was not kept'
    })
    commit({ decided: true, granted, record, previous: null, gpc })
    if (config.receiptUrl && core.browser) sendReceipt(config.receiptUrl, record)
  }

  return Object.assign(view, {
    // Global Privacy Control is a standing objection to ad tracking: "accept all" leaves marketing off;
    // only an explicit switch for marketing overrides it.
    acceptAll: () => decide(each((n) => !(gpc && n == 'marketing')), 'all'),
    rejectAll: () => decide(each(() => false), 'none'),
    set(choices: Parameters<Consent['set']>[0], how: How = 'api') {
      for (const n in choices) if (!order.includes(n)) warn(unknownCategory(n, order))
      const granted = $state.get().granted
      decide(each((n) => (n in choices ? choices[n] == true : granted[n])), how)
    },
    reset() {
      guard(() => jar().remove(cookie.name))
      const { record, granted, previous } = $state.get()
      commit({ decided: false, granted: each(() => false), record: null, previous: record ? granted : previous, gpc, ask: 'first' })
    },
  })
}
