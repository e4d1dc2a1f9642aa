// The config's types as an app's TypeScript gets them (dist/index.d.ts): any language tag and any language's texts,
// but a text table's keys are checked.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const DTS = resolve(import.meta.dirname, '../../dist/index.d.ts')
const FILE = '/app/main.ts'
const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  skipLibCheck: true,
}
const host = ts.createCompilerHost(options)
let code = ''
const getSourceFile = host.getSourceFile
host.getSourceFile = (name, ...rest) =>
  name == FILE
    ? ts.createSourceFile(
        name,
        `import type { SamtykkeConfig } from ${JSON.stringify(DTS.replace(/\.d\.ts$/, ''))}\n` + code,
        ts.ScriptTarget.ES2022,
      )
    : getSourceFile(name, ...rest)
host.fileExists = (
  (exists) => (name: string) =>
    name == FILE || exists(name)
)(host.fileExists)

/** Type errors of an app's config. */
function errors(config: string): string[] {
  if (!existsSync(DTS)) throw new Error(`${DTS} is missing: run \`npx -y pnpm@10 build\` first`)
  code = `export const config: SamtykkeConfig = ${config}`
  return ts
    .getPreEmitDiagnostics(ts.createProgram([FILE], options, host))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

describe("the config in an app's TypeScript", () => {
  it('takes any language tag, texts for any language, and config texts per language', () => {
    expect(
      errors(`{
        lang: 'de-AT',
        texts: { nn: { acceptAll: 'Ja, det er greitt' }, is: { title: 'Við notum vafrakökur', and: ' og ' } },
        categories: { analytics: { label: { nb: 'Statistikk', sv: 'Statistik', is: 'Tölfræði' } } },
      }`),
    ).toEqual([])
  }, 60_000)

  it('names a misspelt key of a text table, and a text that is not a string', () => {
    expect(errors(`{ texts: { nb: { acceptAl: 'Godta' } } }`)).toEqual([
      expect.stringContaining("'acceptAl' does not exist"),
    ])
    expect(errors(`{ texts: { is: { title: 1 } } }`)).toEqual([
      expect.stringContaining("'number' is not assignable to type 'string'"),
    ])
  }, 60_000)
})
