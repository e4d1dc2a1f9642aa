// PGlite has no lock of its own, and two processes on one data folder corrupt it: the log takes one (a pid file).
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { dataInUse } from '../errors'

/** Linux: the process's state and start time (/proc/<pid>/stat), so a zombie or a reused pid is not taken for the owner. */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')
    return { state: fields[0], start: fields[19] }
  } catch {
    return undefined
  }
}

function alive(pid: number, start: string | undefined): boolean {
  try {
    process.kill(pid, 0)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code != 'EPERM') return false
  }
  const stat = procStat(pid)
  // A killed process whose parent has not reaped it yet (PID 1 in a container often never does) is gone.
  if (stat && (stat.state == 'Z' || stat.state == 'X')) return false
  return !(stat && start && stat.start != start)
}

/** Takes the data folder's lock, or throws naming the process that holds it. A lock left by a dead process is taken over. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'samtykke.pid')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, `${process.pid} ${procStat(process.pid)?.start ?? ''}`)
      closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(file, { force: true })
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code != 'EEXIST') throw e
      const [pid, start] = readFileSync(file, 'utf8').trim().split(' ')
      if (Number(pid) && Number(pid) != process.pid && alive(Number(pid), start)) throw new Error(dataInUse(dir, Number(pid)))
      // Left behind by a process that is gone (kill -9, power cut): stale.
      rmSync(file, { force: true })
    }
  }
  throw new Error(`samtykke serve: could not lock ${file}; remove it if no samtykke serve is running`)
}
