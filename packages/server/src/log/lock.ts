// PGlite has no lock of its own, and two processes on one data folder corrupt it: the log takes one (a pid file).
// Taking it is one atomic step: the complete pid file is written under a name of its own, then hard-linked to
// samtykke.pid, which fails when that name is taken. So no process ever sees the lock half-written. A lock left by a
// process that is gone is removed only by the one process that claims that very file (its inode and its content):
// several starts that find it stale at the same moment cannot each take the lock.
import { randomBytes } from 'node:crypto'
import { closeSync, fstatSync, linkSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { dataInUse, lockStuck, ServeError } from '../errors'

/** A lock file as one process saw it: which file (its inode) and what it said. */
interface Seen {
  ino: number
  content: string
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code

/**
 * Linux: the process's state and start time (/proc/<pid>/stat), so a zombie or a reused pid is not taken for the owner.
 */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ')
    return { state: fields[0], start: fields[19] }
  } catch {
    return undefined
  }
}

function alive(pid: number, start: string | undefined): boolean {
  // This very process holds it, or a process before it had the same pid (a container's pid 1 after a restart).
  if (pid == process.pid) return !!start && start == procStat(pid)?.start
  try {
    process.kill(pid, 0)
  } catch (error) {
    if (code(error) != 'EPERM') return false
  }
  const stat = procStat(pid)
  // A killed process whose parent has not reaped it yet (PID 1 in a container often never does) is gone.
  if (stat && (stat.state == 'Z' || stat.state == 'X')) return false
  return !(stat && start && stat.start != start)
}

/**
 * The file at `path` through one descriptor, so its inode and content belong together; undefined when there is none.
 */
function look(path: string): Seen | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if (code(error) == 'ENOENT') return undefined
    throw error
  }
  try {
    return { ino: fstatSync(fd).ino, content: readFileSync(fd, 'utf8') }
  } finally {
    closeSync(fd)
  }
}

const same = (a: Seen | undefined, b: Seen) => a !== undefined && a.ino == b.ino && a.content == b.content

/** Writes `content` to a new file at `path`; returns its inode. */
function writeNew(path: string, content: string): number {
  const fd = openSync(path, 'wx')
  try {
    writeSync(fd, content)
    return fstatSync(fd).ino
  } finally {
    closeSync(fd)
  }
}

/**
 * Removes the lock file judged stale, and only that very file. Its claim is a hard link named after its inode: only
 * one process can make it, and while it exists no other process removes the file. Returns false when another process
 * holds the claim (it is removing the file right now).
 */
function removeStale(file: string, stale: Seen): boolean {
  const claim = `${file}.stale-${stale.ino}`
  try {
    linkSync(file, claim)
  } catch (error) {
    if (code(error) == 'ENOENT') return true // gone already
    if (code(error) == 'EEXIST') return false
    throw error
  }
  try {
    // The link may have caught a newer lock file that took the name meanwhile: then it is not ours to remove.
    if (same(look(claim), stale)) unlinkSync(file)
  } finally {
    unlinkSync(claim)
  }
  return true
}

/** Waits `ms` without returning to the event loop (taking the lock is a synchronous step at start). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * Takes the data folder's lock, or throws naming the process that holds it. A lock left by a process that is gone is
 * taken over. Returns the function that releases it. A backup script can hold it while it copies the folder.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'samtykke.pid')
  const content = `${process.pid} ${procStat(process.pid)?.start ?? ''}\n`
  const draft = join(dir, `samtykke.pid.${process.pid}-${randomBytes(6).toString('hex')}`)
  const mine = { ino: writeNew(draft, content), content }
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        linkSync(draft, file)
        return releaser(file, mine)
      } catch (error) {
        if (code(error) != 'EEXIST') throw error
      }
      const holder = look(file)
      if (!holder) continue // released in between
      const [pid, start] = holder.content.trim().split(' ')
      if (Number(pid) > 0 && alive(Number(pid), start)) throw new ServeError('DATA_IN_USE', dataInUse(dir, Number(pid)))
      // Left by a process that is gone (kill -9, a power cut), or by an older version that died mid-write.
      if (!removeStale(file, holder)) pause(5)
    }
  } finally {
    rmSync(draft, { force: true })
  }
  throw new ServeError('LOCK_STUCK', lockStuck(file))
}

/** Releases the lock once, and only while it is still this process's own file. */
function releaser(file: string, mine: Seen): () => void {
  let released = false
  return () => {
    if (released) return
    released = true
    if (same(look(file), mine)) rmSync(file, { force: true })
  }
}
