// PGlite runs Postgres with fsync off and its Node file system never flushes, so a commit there is not proof that a
// receipt survives a power cut. Each batch is first appended to this journal and fsynced; only then is it written to
// PGlite and acknowledged. On start, whatever PGlite lacks is replayed from here. One file per month (retention
// removes old ones with their partitions), one line per batch.
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
} from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { badJournalLine, journalUnwritable, PREFIX, ServeError, setAside, shortWrite, tornJournal } from '../errors'

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

/** The journal could not take a batch: nothing of it counts, and nothing in it is acknowledged. */
export class JournalWriteError extends Error {}

/** An error in a few words, its code first (Node's file errors already start with it). */
function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException
  return !code || message.startsWith(code) ? message : `${code}: ${message}`
}

/** Writes all of `buf`, looping over short writes (a full disk writes part of it and says how much). */
async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  for (let done = 0; done < buf.length;) {
    const { bytesWritten } = await handle.write(buf, done, buf.length - done)
    if (bytesWritten <= 0) throw new Error(shortWrite(done, buf.length))
    done += bytesWritten
  }
}

function syncDir(dir: string) {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Writes `bytes` bytes to a file of its own in `dir`, flushes it, and removes it: can the journal write there now? */
async function probe(dir: string, bytes: number): Promise<void> {
  const file = join(dir, `.probe-${process.pid}`)
  const handle = await open(file, 'w')
  try {
    await writeAll(handle, Buffer.alloc(bytes, 32))
    await handle.datasync()
  } finally {
    await handle.close()
    rmSync(file, { force: true })
  }
}

export class Journal<T> {
  private handle?: FileHandle
  private segment = ''
  /** The end of the last complete line of the open file. */
  private size = 0
  /** Bytes past `size` may be on disk: a write failed and the file is not cut back yet. */
  private dirty = false
  /** The last append failed, for this reason, with a line of this size. */
  private failed?: { reason: string; bytes: number }

  constructor(
    readonly dir: string,
    /** Where its warnings go (each without the prefix). Default: stderr, prefixed. */
    private readonly warn: (message: string) => void = (message) => process.stderr.write(PREFIX + message + '\n'),
  ) {
    mkdirSync(dir, { recursive: true })
  }

  segments(): string[] {
    return readdirSync(this.dir)
      .filter((f) => SEGMENT.test(f))
      .sort()
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

  /**
   * Appends one batch and flushes it to the disk; resolves with the position after it. Every byte goes out, or none
   * counts: after a short write or an error the file is cut back to the last complete line, and it throws
   * JournalWriteError (the batch is not acknowledged).
   */
  async append(entries: T[], now = Date.now()): Promise<JournalPosition> {
    const line = Buffer.from(JSON.stringify({ entries }) + '\n')
    try {
      await this.cutBack()
      const handle = await this.openSegment(month(now) + '.ndjson')
      this.dirty = true
      await writeAll(handle, line)
      await handle.datasync()
      this.dirty = false
    } catch (error) {
      this.failed = { reason: describe(error), bytes: line.length }
      await this.cutBack().catch(() => {})
      throw new JournalWriteError(this.failed.reason)
    }
    this.failed = undefined
    this.size += line.length
    return { segment: this.segment, pos: this.size }
  }

  /** The current month's file, open for appending (a new month opens a new file). */
  private async openSegment(segment: string): Promise<FileHandle> {
    if (segment == this.segment && this.handle) return this.handle
    await this.handle?.close()
    this.handle = undefined
    const handle = await open(join(this.dir, segment), 'a')
    this.size = (await handle.stat()).size
    this.segment = segment
    this.handle = handle
    // The new file's name must survive a power cut too.
    syncDir(this.dir)
    return handle
  }

  /** After a failed write: the file back to its last complete line, so that the next line does not join a fragment. */
  private async cutBack(): Promise<void> {
    if (!this.dirty || !this.handle) return
    await this.handle.truncate(this.size)
    await this.handle.datasync()
    this.dirty = false
  }

  /**
   * Why the journal cannot take a batch now, or undefined. After a failed write it tries again with a probe of the
   * failed line's size, so that it says so by itself once there is room again.
   */
  async problem(): Promise<string | undefined> {
    try {
      await this.cutBack()
      if (this.failed) await probe(this.dir, this.failed.bytes)
      this.failed = undefined
      return undefined
    } catch (error) {
      return describe(error)
    }
  }

  /** Throws, naming the folder and the reason, unless a file can be written and flushed in the journal's folder. */
  async assertWritable(): Promise<void> {
    try {
      await probe(this.dir, 1)
      const current = this.segments().at(-1)
      if (current) await (await open(join(this.dir, current), 'a')).close()
    } catch (error) {
      throw new ServeError('JOURNAL_UNWRITABLE', journalUnwritable(this.dir, describe(error)), { cause: error })
    }
  }

  /**
   * Sets an entry of the batch ending at `at` aside into rejected.ndjson, with the reason, and warns: the replay goes
   * on without it.
   */
  setAside(entry: unknown, reason: string, at: JournalPosition): void {
    const file = join(this.dir, REJECTS)
    const line = JSON.stringify({
      setAsideAt: new Date().toISOString(),
      segment: at.segment,
      pos: at.pos,
      reason,
      entry,
    })
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
    for (const segment of gone)
      if (segment != this.segment && existsSync(join(this.dir, segment))) rmSync(join(this.dir, segment))
    return gone
  }

  async close(): Promise<void> {
    await this.handle?.close()
    this.handle = undefined
  }
}
