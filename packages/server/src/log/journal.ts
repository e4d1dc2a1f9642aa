// PGlite runs Postgres with fsync off and its Node file system never flushes, so a commit there is not proof that a
// receipt survives a power cut. Each batch is first appended to this journal and fsynced; only then is it written to
// PGlite and acknowledged. On start, whatever PGlite lacks is replayed from here. One file per month (retention
// removes old ones with their partitions), one line per batch.
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { badJournalLine, setAside, tornJournal } from '../errors'

export interface JournalPosition {
  segment: string
  pos: number
}

export interface JournalBatch<T> extends JournalPosition {
  entries: T[]
}

const SEGMENT = /^\d{4}-\d\d\.ndjson$/
/** Entries that can never be stored, with the reason: kept for inspection, never replayed. */
export const REJECTS = 'rejected.ndjson'
const month = (t: number) => new Date(t).toISOString().slice(0, 7)

export class Journal<T> {
  private handle?: FileHandle
  private segment = ''
  private size = 0

  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void = (m) => process.stderr.write(m + '\n'),
  ) {
    mkdirSync(dir, { recursive: true })
  }

  segments(): string[] {
    return readdirSync(this.dir).filter((f) => SEGMENT.test(f)).sort()
  }

  /**
   * The complete batches after `from`, in order. A torn last line (a crash mid-write) is cut off with a warning: it was
   * never acknowledged. A damaged line elsewhere is skipped with a warning.
   */
  *unapplied(from: JournalPosition | undefined): Generator<JournalBatch<T>> {
    for (const segment of this.segments()) {
      if (from && segment < from.segment) continue
      const file = join(this.dir, segment)
      const buf = readFileSync(file)
      let start = from && segment == from.segment ? from.pos : 0
      let line = buf.subarray(0, start).filter((b) => b == 10).length
      while (start < buf.length) {
        const end = buf.indexOf(10, start)
        if (end < 0) {
          this.warn(tornJournal(file, buf.length - start))
          truncateSync(file, start)
          break
        }
        line++
        let entries: T[] | undefined
        try {
          entries = JSON.parse(buf.subarray(start, end).toString('utf8')).entries
        } catch {}
        if (Array.isArray(entries)) yield { segment, pos: end + 1, entries }
        else this.warn(badJournalLine(file, line))
        start = end + 1
      }
    }
  }

  /** Appends one batch and flushes it to the disk; resolves with the position after it. */
  async append(entries: T[], now = Date.now()): Promise<JournalPosition> {
    const segment = month(now) + '.ndjson'
    if (segment != this.segment || !this.handle) {
      await this.handle?.close()
      const file = join(this.dir, segment)
      this.handle = await open(file, 'a')
      this.size = (await this.handle.stat()).size
      this.segment = segment
      // The new file's name must survive a power cut too.
      const d = openSync(this.dir, 'r')
      try {
        fsyncSync(d)
      } finally {
        closeSync(d)
      }
    }
    const line = Buffer.from(JSON.stringify({ entries }) + '\n')
    await this.handle.write(line)
    await this.handle.datasync()
    this.size += line.length
    return { segment, pos: this.size }
  }

  /**
   * Sets an entry of the batch ending at `at` aside into rejected.ndjson, with the reason, and warns: the replay goes
   * on without it.
   */
  setAside(entry: unknown, reason: string, at: JournalPosition): void {
    const file = join(this.dir, REJECTS)
    const line = JSON.stringify({ setAsideAt: new Date().toISOString(), segment: at.segment, pos: at.pos, reason, entry })
    appendFileSync(file, line + '\n')
    const fd = openSync(file, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    this.warn(setAside(join(this.dir, at.segment), at.pos, reason, file))
  }

  /** Removes the files of months before `month` (`2026-05`): their receipts are past retention. */
  drop(before: string): string[] {
    const gone = this.segments().filter((s) => s.slice(0, 7) < before)
    for (const s of gone) if (s != this.segment && existsSync(join(this.dir, s))) rmSync(join(this.dir, s))
    return gone
  }

  async close(): Promise<void> {
    await this.handle?.close()
    this.handle = undefined
  }
}
