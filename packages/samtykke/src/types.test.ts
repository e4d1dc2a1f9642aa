// The types a site's own TypeScript gets for window.samtykke (dist/samtykke.d.ts, built from ./types.ts): compiled
// here as a site would, against the built file, with nothing else of the workspace in reach.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const DTS = resolve(import.meta.dirname, '../dist/samtykke.d.ts')
const FILE = '/site/main.ts'
const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  skipLibCheck: false,
}
const host = ts.createCompilerHost(options)
let code = ''
// The site's file changes from check to check; the others (lib.dom.d.ts is large) are parsed once.
const parsed = new Map<string, ts.SourceFile | undefined>()
const getSourceFile = host.getSourceFile
host.getSourceFile = (name, version, ...rest) => {
  if (name == FILE) return ts.createSourceFile(name, `/// <reference path=${JSON.stringify(DTS)} />\n` + code, version)
  if (!parsed.has(name)) parsed.set(name, getSourceFile(name, version, ...rest))
  return parsed.get(name)
}
host.fileExists = (
  (exists) => (name: string) =>
    name == FILE || exists(name)
)(host.fileExists)

/** Type errors of `site`, a site's script that references the drop-in's types. */
function errors(site: string): string[] {
  if (!existsSync(DTS)) throw new Error(`${DTS} is missing: run \`npx -y pnpm@10 build\` first`)
  code = site
  const program = ts.createProgram([FILE], options, host)
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

// Each check type-checks lib.dom.d.ts and the built types: seconds of CPU, more on a busy machine.
describe('window.samtykke in a TypeScript site', { timeout: 60_000 }, () => {
  it('is typed: the API, the async changes, the state and the UI doors compile, the types file included', () => {
    expect(
      errors(`
        const s = window.samtykke
        if (s.has('analytics') && s.decided) s.showPreferences()
        async function choose(): Promise<void> {
          await s.set({ analytics: true, marketing: false }, 'custom')
          await s.acceptAll()
        }
        const unsubscribe: () => void = s.subscribe((state) => {
          const id: string | undefined = state.record?.id
          const on: boolean = state.granted.marketing
          console.log(id, on, state.ask)
        })
        const revision: string = s.config.revision
        s.show(); unsubscribe(); void choose(); void revision
      `),
    ).toEqual([])
  })

  it('catches the mistakes a site could make', () => {
    expect(errors(`window.samtykke.acceptAll('analytics')`)).toEqual([expect.stringContaining('Expected 0 arguments')])
    expect(errors(`const b: boolean = window.samtykke.acceptAll()`)).toEqual([
      expect.stringContaining("'Promise<void>' is not assignable to type 'boolean'"),
    ])
    expect(errors(`window.samtykke.showSettings()`)).toEqual([
      expect.stringContaining("Property 'showSettings' does not exist"),
    ])
    expect(errors(`window.samtykke.set({ analytics: 'yes' })`)).toEqual([expect.stringContaining('not assignable')])
  })
})
