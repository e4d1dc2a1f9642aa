// The write half of the consent store: decisions go into the cookie (js-cookie), the atom, the other tabs and,
// when the site asks for it, a receipt. Withdrawing a category deletes what its trackers stored.
import type { ConsentRecord, How } from '../record/types'
import type { Choices, Consent, ConsentView } from './types'
import type { Core } from './read'
import { encodeRecord, newId } from '../record'
import { browserJar } from '../record/jar'
import { sendReceipt } from '../sync'
import { forget } from './forget'

/** Adds `acceptAll`, `rejectAll`, `set` and `reset` to a store from `readConsent`, in place. */
export function addWriter(view: ConsentView, core: Core): Consent {
  const { config } = view
  const { $state, guard, grant, apply } = core
  const { order, cookie } = config
  if (!core.jar.write) core.jar = browserJar(core.domain, core.jar.read, core.drop)
  const jar = () => core.jar as Required<Core['jar']>

  // Stores a choice: the cookie, the other tabs, the receipt; what was withdrawn is deleted (third-party cookies are
  // out of reach). Called with `before` by the drop-in, which put the choice in effect at once (`apply`) and calls this
  // when the write half has arrived; a later choice may be in effect by then, so the record goes into the state only
  // if this one still is. Without it, the choice goes into effect here, record and all, in one change.
  core.save = (granted, how = 'api', before) => {
    const record: ConsentRecord | undefined = granted && {
      v: 1,
      id: newId(),
      time: Math.floor(core.now() / 1e3) * 1e3,
      revision: config.revision,
      how,
      gpc: core.gpc,
      categories: granted,
    }
    before ||= apply(granted, record)
    if (record) {
      const value = encodeRecord(record)
      const s = $state.get()
      guard(() => jar().write(cookie.name, value, cookie.days))
      if (s.granted == granted && s.record != record) $state.set({ ...s, record })
    } else guard(() => jar().remove(cookie.name))
    core.notify()
    if (core.browser) {
      if (record && config.receiptUrl) sendReceipt(config.receiptUrl, record, config.lang)
      const gone = order.filter((c) => before![c] && !granted?.[c])
      if (gone[0]) forget(gone, config)
    }
  }
  const decide = (choices: Choices | boolean, how: How) => core.save!(grant(choices), how)

  return Object.assign(view, {
    acceptAll: () => decide(true, 'all'),
    rejectAll: () => decide(false, 'none'),
    set: (choices: Choices, how?: How) => decide(choices, how!),
    reset: () => core.save!(),
  })
}
