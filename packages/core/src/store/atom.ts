// The drop-in's atom: what samtykke and @nanostores/react use of a nanostores atom (get, set, listen, subscribe and
// value), in a third of its bytes: 181 B brotli less in samtykke.js, which every page view downloads. The npm build
// keeps nanostores' own; the drop-in's build takes this module for `nanostores` (rollup.config.mjs, `smallAtom`).
// Listeners run in the order they were added, each once per change, with the new value and the old one (atom.test.ts
// holds it to nanostores' own).
import type { WritableAtom } from 'nanostores'

export function atom<T>(value: T): WritableAtom<T> {
  type Listener = (value: T, old: T) => void
  const listeners: Listener[] = []
  // Changes made by a listener wait until every listener has heard the change before them, as in nanostores; each
  // hears the value as it is when it is called (nanostores passes `store.value` too), with the old one of its change.
  const queue: [Listener, T][] = []
  const a = {
    value,
    get: () => a.value,
    set(next: T) {
      const old = a.value
      if (next === old) return
      a.value = next
      const idle = !queue.length
      for (const l of listeners) queue.push([l, old])
      if (idle) {
        // One that throws does not keep the rest from hearing it; the last error is thrown after (as in nanostores).
        let failed: [unknown] | undefined
        for (let i = 0; i < queue.length; i++) {
          const [l, o] = queue[i]
          try {
            // One removed meanwhile is not called (as in nanostores).
            if (listeners.includes(l)) l(a.value, o)
          } catch (e) {
            failed = [e]
          }
        }
        queue.length = 0
        if (failed) throw failed[0]
      }
    },
    listen(l: Listener) {
      listeners.push(l)
      return () => {
        const i = listeners.indexOf(l)
        if (~i) listeners.splice(i, 1)
      }
    },
    subscribe(l: (value: T, old?: T) => void) {
      const off = a.listen(l)
      l(a.value)
      return off
    },
  }
  return a as unknown as WritableAtom<T>
}
