// The write half of the consent store: decisions go into the cookie (js-cookie), the atom, the other tabs and,
// when the site asks for it, a receipt. Withdrawing a category deletes what its trackers stored.
import type { ConsentRecord, How } from '../record/types'
import type { Choices, Consent, ConsentView } from './types'
import type { Core } from './read'
import { encodeRecord, newId } from '../record'
import { browserJar } from '../record/jar'
import { sendReceipt } from '../sync'
import { forget } from './forget'
import { unknownCategory, warn } from '../errors'

/** Adds `acceptAll`, `rejectAll`, `set` and `reset` to a store from `readConsent`, in place. */
export function addWriter(view: ConsentView, core: Core): Consent {
  const { config } = view
  const { $state, guard, grant, apply } = core
  const { order, cookie } = config
  if (!core.jar.write) core.jar = browserJar(core.domain, core.jar.read, core.drop)
  const jar = () => core.jar as Required<Core['jar']>

  // Stores what `apply` put in effect: the cookie, the other tabs, the receipt; what was withdrawn is deleted
  // (third-party cookies are out of reach). The drop-in applies a choice at once and calls this when the write half
  // has arrived; a later choice may be in effect by then, so the record goes into the state only if this one still is.
  const make = (granted: Record<string, boolean>, how: How): ConsentRecord =>
    ({ v: 1, id: newId(), time: Math.floor(core.now() / 1e3) * 1e3, revision: config.revision, how, gpc: core.gpc, categories: granted })
  core.save = (granted, how, before, choices = {}, record = granted && make(granted, how)) => {
    for (const n in choices) if (!order.includes(n)) warn(unknownCategory(n, order))
    if (record) {
      const value = encodeRecord(record)
      const s = $state.get()
      guard(() => {
        jar().write(cookie.name, value, cookie.days)
        if (!jar().read(cookie.name).includes(value)) throw 'the cookie was not kept'
      })
      if (s.granted == granted && s.record != record) $state.set({ ...s, record })
      if (config.receiptUrl && core.browser) sendReceipt(config.receiptUrl, record)
    } else guard(() => jar().remove(cookie.name))
    core.notify()
    const gone = order.filter((c) => before[c] && !granted?.[c])
    if (gone.length && core.browser) forget(gone, config)
  }
  const decide = (choices: Choices | boolean, how: How) => {
    const granted = grant(choices),
      record = make(granted, how)
    core.save!(granted, how, apply(granted, record), choices as Choices, record)
  }

  return Object.assign(view, {
    acceptAll: () => decide(true, 'all'),
    rejectAll: () => decide(false, 'none'),
    set: (choices: Choices, how: How = 'api') => decide(choices, how),
    reset: () => core.save!(undefined, 'api', apply()),
  })
}
