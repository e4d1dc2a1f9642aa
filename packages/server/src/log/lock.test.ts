// The data folder's lock, taken by real processes racing for it in the same millisecond (the built dist/, as the
// server takes it). Two PGlite processes on one folder lose acknowledged receipts: one of them must always lose.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PACKAGE } from '../../test/helpers'
import { lockDataDir } from './lock'

// Each racer waits for a line `lock <dir> <time>`, spins until that millisecond, tries the lock, and says how it went;
// `release` lets the lock go.
const RACER = `
import { createInterface } from 'node:readline'
const { lockDataDir } = await import(process.env.SAMTYKKE_SERVER)
let release
for await (const line of createInterface({ input: process.stdin })) {
  const [command, dir, at] = line.split(' ')
  if (command == 'lock') {
    while (Date.now() < Number(at)) {}
    try {
      release = lockDataDir(dir)
      console.log('locked')
    } catch (e) {
      console.log('refused ' + e.message)
    }
  } else if (command == 'release') {
    release()
    console.log('released')
  }
}
`

interface Racer {
  child: ChildProcess
  next: () => Promise<string>
}

function startRacer(): Racer {
  const dist = join(PACKAGE, 'dist/index.js')
  if (!existsSync(dist)) throw new Error('packages/server/dist is missing: run `npx -y pnpm@10 build` first')
  const child = spawn(process.execPath, ['--input-type=module', '-e', RACER], {
    env: { ...process.env, SAMTYKKE_SERVER: pathToFileURL(dist).href },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  const waiting: ((line: string) => void)[] = []
  createInterface({ input: child.stdout! }).on('line', (line) =>
    waiting.length ? waiting.shift()!(line) : lines.push(line),
  )
  return { child, next: () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise((ok) => waiting.push(ok))) }
}

/** A pid no process has: one that has run and been reaped. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!

describe('the data folder lock', () => {
  let racers: Racer[]
  beforeAll(() => {
    racers = [startRacer(), startRacer(), startRacer()]
  })
  afterAll(() => racers.forEach((r) => r.child.kill()))

  it(
    'is held by exactly one of three processes that take it in the same millisecond, in each of 40 rounds, also ' +
      'over a stale lock',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'samtykke-lock-'))
      try {
        for (let round = 0; round < 40; round++) {
          // Every other round starts from a lock left behind: by a process killed with -9, or by an older version that
          // died between creating the file and writing its pid.
          if (round % 2) writeFileSync(join(dir, 'samtykke.pid'), round % 4 == 1 ? `${deadPid()} 12345\n` : '')
          const at = Date.now() + 40
          for (const r of racers) r.child.stdin!.write(`lock ${dir} ${at}\n`)
          const answers = await Promise.all(racers.map((r) => r.next()))
          const winners = racers.filter((_, i) => answers[i] == 'locked')
          expect(winners.length, `round ${round}: ${answers.join(' | ')}`).toBe(1)
          for (const a of answers.filter((a) => a != 'locked'))
            expect(a).toContain(`is in use by another samtykke serve (pid ${winners[0].child.pid})`)
          expect(readFileSync(join(dir, 'samtykke.pid'), 'utf8').split(' ')[0]).toBe(String(winners[0].child.pid))
          winners[0].child.stdin!.write('release\n')
          expect(await winners[0].next()).toBe('released')
          // Nothing left behind: no drafts, no claims, no lock.
          expect(readdirSync(dir)).toEqual([])
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )

  it("is released only while it is still the releasing process's own file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-lock-'))
    const release = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(`is in use by another samtykke serve (pid ${process.pid})`)
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ name: 'ServeError', code: 'DATA_IN_USE' }))
    // Someone removed it by hand, and another server took the folder: its lock stays.
    rmSync(join(dir, 'samtykke.pid'))
    writeFileSync(join(dir, 'samtykke.pid'), `${racers[0].child.pid} 1\n`)
    release()
    expect(readFileSync(join(dir, 'samtykke.pid'), 'utf8')).toBe(`${racers[0].child.pid} 1\n`)
    rmSync(dir, { recursive: true, force: true })
  })
})
