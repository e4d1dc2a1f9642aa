// The one `samtykke` command (bin/samtykke.mjs): it dispatches to the tools' own packages, built (dist/) like the
// rest of this project, and says plainly what it does not know. (No browser here; it runs with the tests of the
// built packages.)
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const BIN = join(import.meta.dirname, '../bin/samtykke.mjs')
const run = (args: string[], cwd = process.cwd()) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000 }, (_, stdout, stderr) =>
      done({ code: child.exitCode, stdout, stderr }),
    )
  })

describe('the samtykke command', () => {
  it('lists its commands; with none it exits 2, with --help 0', async () => {
    const none = await run([])
    expect(none.code).toBe(2)
    for (const c of ['mark', 'scan', 'serve']) expect(none.stdout).toMatch(new RegExp(`^  ${c} `, 'm'))
    expect((await run(['--help'])).code).toBe(0)
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('names an unknown command and the ones it has, exit 2', async () => {
    const r = await run(['sacn'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('samtykke: unknown command "sacn". Commands: mark, scan, serve.\n')
  })

  it("hands each command to its own package, also from a folder outside the project", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'samtykke-cmd-'))
    for (const [command, usage] of [['mark', 'Usage: samtykke mark'], ['scan', 'Usage: samtykke scan'], ['serve', 'samtykke serve']]) {
      const r = await run([command, '--help'], elsewhere)
      expect(r.code, command).toBe(0)
      expect(r.stdout + r.stderr, command).toContain(usage)
    }
    // The tool's exit code comes back: `mark --check` on a folder with an unmarked tag fails.
    writeFileSync(join(elsewhere, 'index.html'), '<!doctype html><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>')
    const check = await run(['mark', elsewhere, '--check'], elsewhere)
    expect(check.code).toBe(1)
  })
})
