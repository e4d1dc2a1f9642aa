// The drop-in's atom does what samtykke and @nanostores/react ask of nanostores' own: the same values, the same calls.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { atom as nanoAtom } from 'nanostores'
import { atom as smallAtom } from './atom'

type Step =
  | { set: number }
  | { listen: number }
  | { subscribe: number }
  | { off: number }
  | { get: true }
  | { chain: [number, number] }
  | { throws: number }

const step = fc.oneof(
  fc.record({ set: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ listen: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ subscribe: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ off: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ get: fc.constant(true as const) }),
  // A listener that sets the atom itself when it hears a value, once.
  fc.record({ chain: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })) }),
  // A listener that throws when it hears a value.
  fc.record({ throws: fc.integer({ min: 0, max: 3 }) }),
)

/** Runs the steps on an atom and writes down everything a user of it could see. */
function trace(
  make: (v: number) => {
    get(): number
    set(v: number): void
    listen(l: (v: number, o: number) => void): () => void
    subscribe(l: (v: number, o?: number) => void): () => void
    value: number | undefined
  },
  steps: Step[],
) {
  const a = make(0)
  const seen: unknown[] = []
  const offs: (() => void)[] = []
  for (const s of steps) {
    if ('set' in s) {
      try {
        a.set(s.set)
      } catch (e) {
        seen.push(['thrown', (e as Error).message])
      }
      seen.push(['value', a.value])
    } else if ('chain' in s) {
      let done = false
      const [from, to] = s.chain
      offs.push(
        a.listen((v) => {
          if (v == from && !done) ((done = true), seen.push(['chain', from, to]), a.set(to))
        }),
      )
    } else if ('throws' in s)
      offs.push(
        a.listen((v) => {
          if (v == s.throws) throw new Error('heard ' + v)
        }),
      )
    else if ('get' in s) seen.push(['get', a.get()])
    else if ('listen' in s) offs.push(a.listen((v, o) => seen.push(['listener', s.listen, v, o])))
    else if ('subscribe' in s) offs.push(a.subscribe((v, o) => seen.push(['subscriber', s.subscribe, v, o])))
    else offs.splice(s.off % (offs.length || 1), 1)[0]?.()
  }
  return seen
}

describe('the drop-in atom', () => {
  it("gives its listeners and subscribers the same values, in the same order, as nanostores' atom", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        expect(trace(smallAtom as never, steps)).toEqual(trace(nanoAtom as never, steps))
      }),
      {
        numRuns: 2000,
        // Cases it once found: a listener that sets the atom, one that throws, a listener added between changes.
        examples: [
          [[{ chain: [2, 0] }, { subscribe: 0 }, { set: 2 }]],
          [[{ throws: 0 }, { chain: [0, 3] }, { throws: 3 }, { set: 1 }, { set: 0 }]],
          [[{ chain: [0, 1] }, { set: 1 }, { listen: 0 }, { set: 0 }]],
        ],
      },
    )
  })

  it('calls each listener once per change, and a value set again changes nothing', () => {
    const a = smallAtom({ n: 1 })
    const calls: unknown[] = []
    const off = a.listen((v, o) => calls.push([v, o]))
    const next = { n: 2 }
    a.set(next)
    a.set(next)
    off()
    a.set({ n: 3 })
    expect(calls).toEqual([[{ n: 2 }, { n: 1 }]])
    expect(a.get()).toEqual({ n: 3 })
  })

  it('a listener removed by another during a change is not called for it, as in nanostores', () => {
    for (const make of [smallAtom, nanoAtom] as ((v: number) => ReturnType<typeof smallAtom<number>>)[]) {
      const a = make(0)
      const calls: string[] = []
      let offB = () => {}
      a.listen(() => (calls.push('a'), offB()))
      offB = a.listen(() => calls.push('b'))
      a.set(1)
      a.set(2)
      expect(calls, make == smallAtom ? 'small' : 'nano').toEqual(['a', 'a'])
    }
  })
})
