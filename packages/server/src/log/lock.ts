// PGlite has no lock of its own, and two processes on one data folder corrupt it: the log takes one (a pid file).
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { dataInUse } from '../errors'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code == 'EPERM'
  }
}

/** Takes the data folder's lock, or throws naming the process that holds it. A lock left by a dead process is taken over. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'samtykke.pid')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(file, { force: true })
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code != 'EEXIST') throw e
      const pid = Number(readFileSync(file, 'utf8').trim())
      if (pid && pid != process.pid && alive(pid)) throw new Error(dataInUse(dir, pid))
      // Left behind by a process that is gone (kill -9, power cut): stale.
      rmSync(file, { force: true })
    }
  }
  throw new Error(`samtykke serve: could not lock ${file}; remove it if no samtykke serve is running`)
}
