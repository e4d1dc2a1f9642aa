import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { smallDisk } from '../../test/helpers'
import { Journal, JournalWriteError } from './journal'

const fresh = () => {
  const warnings: string[] = []
  const j = new Journal<{ n: number }>(mkdtempSync(join(tmpdir(), 'samtykke-journal-')), (m) => warnings.push(m))
  return { j, warnings }
}
const all = (j: Journal<{ n: number }>, from?: { segment: string; pos: number }) =>
  [...j.unapplied(from)].flatMap((b) => b.entries.map((e) => e.n))

describe('the journal', () => {
  it('gives back every batch after a position, in order', async () => {
    const { j } = fresh()
    await j.append([{ n: 1 }, { n: 2 }])
    const after = await j.append([{ n: 3 }])
    await j.append([{ n: 4 }])
    expect(all(j)).toEqual([1, 2, 3, 4])
    expect(all(j, after)).toEqual([4])
    await j.close()
  })

  it(
    'skips a torn last line (a crash mid-write) with a warning, replays every complete one, and appends cleanly ' +
      'after',
    async () => {
      const { j, warnings } = fresh()
      await j.append([{ n: 1 }])
      await j.append([{ n: 2 }])
      await j.close()
      const file = join(j.dir, j.segments()[0])
      appendFileSync(file, '{"entries":[{"n":3},{"n"')
      expect(all(j)).toEqual([1, 2])
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/ends in an incomplete entry \(\d+ bytes.*never acknowledged: skipped/)
      await j.append([{ n: 4 }])
      expect(all(j)).toEqual([1, 2, 4])
      expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(3)
      await j.close()
    },
  )

  it('skips a damaged line in the middle with a warning naming it', async () => {
    const { j, warnings } = fresh()
    await j.append([{ n: 1 }])
    await j.close()
    const file = join(j.dir, j.segments()[0])
    writeFileSync(file, readFileSync(file, 'utf8') + 'garbage\n' + JSON.stringify({ entries: [{ n: 2 }] }) + '\n')
    expect(all(j)).toEqual([1, 2])
    expect(warnings[0]).toContain('line 2 is not a journal entry')
  })

  it(
    'on a full disk, cuts a short write back to the last complete ' + 'line and throws: nothing of the batch counts',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'samtykke-journal-'))
      const disk = smallDisk(dir)
      const j = new Journal<{ n: number; pad: string }>(dir, () => {})
      try {
        const pad = 'x'.repeat(3000)
        await j.append([{ n: 1, pad }])
        const file = join(dir, j.segments()[0])
        const before = readFileSync(file)
        // Room for part of the next line only: the disk takes what fits and says how much (a short write).
        disk.fill(4096)
        const failed = await j.append([{ n: 2, pad: pad.repeat(3) }]).catch((e) => e)
        expect(failed).toBeInstanceOf(JournalWriteError)
        expect(failed.message).toMatch(/^ENOSPC: /)
        expect(readFileSync(file)).toEqual(before)
        expect(await j.problem()).toMatch(/^ENOSPC: /)
        // Room again: it says so by itself, and the next batch starts on a clean line.
        disk.empty()
        expect(await j.problem()).toBeUndefined()
        await j.append([{ n: 3, pad }])
        expect([...j.unapplied(undefined)].flatMap((b) => b.entries.map((e) => e.n))).toEqual([1, 3])
      } finally {
        await j.close()
        disk.unmount()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )
})
