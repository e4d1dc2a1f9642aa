#!/usr/bin/env node
// `samtykke <tool> …`: one command for the site developer's tools. Each tool is its own package, so that installing
// the drop-in (this package) pulls in no browser driver and no database:
//   samtykke mark   → @samtykke/mark   (marks tracker tags in built HTML)
//   samtykke scan   → @samtykke/scan   (what a site sets and sends, before and after consent; Chromium)
//   samtykke serve  → @samtykke/server (the consent log; embedded Postgres or a Postgres server)
// A tool package exports `main(argv: string[]): Promise<number>` from `<package>/cli` and returns the exit code.
// It is taken from the project that runs the command (its node_modules), else from beside this package; when it is
// installed nowhere, npm fetches it for this one run, at this package's version (`npm exec`), as `npx` would.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const TOOLS = {
  mark: 'marks tracker tags in built HTML, so that not even the preload scanner reaches a tracker before consent',
  scan: 'what a site sets and sends before any choice, after "reject all" and after "accept all"; fails on a leak',
  serve: 'the consent log: stores every receipt as proof (embedded Postgres, or DATABASE_URL)',
}
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

const usage = () =>
  `samtykke ${version}\n\nUsage: samtykke <command> [options]\n\n` +
  Object.entries(TOOLS).map(([name, what]) => `  ${name.padEnd(7)}${what}`).join('\n') +
  `\n\nsamtykke <command> --help shows a command's options.\n`

function resolveTool(pkg) {
  for (const base of [join(process.cwd(), 'package.json'), import.meta.url]) {
    try {
      return createRequire(base).resolve(`${pkg}/cli`)
    } catch {}
  }
  return null
}

async function run(argv) {
  const [command, ...rest] = argv
  if (!command || command == '--help' || command == '-h' || command == 'help') {
    process.stdout.write(usage())
    return command ? 0 : 2
  }
  if (command == '--version' || command == '-v') {
    process.stdout.write(version + '\n')
    return 0
  }
  if (!Object.hasOwn(TOOLS, command)) {
    process.stderr.write(`samtykke: unknown command "${command}". Commands: ${Object.keys(TOOLS).join(', ')}.\n`)
    return 2
  }
  const pkg = command == 'serve' ? '@samtykke/server' : `@samtykke/${command}`
  const path = resolveTool(pkg)
  if (path) return (await import(pathToFileURL(path).href)).main(rest)
  // Not installed here: let npm fetch it for this run (or say how to install it when npm cannot).
  process.stderr.write(`samtykke: ${pkg} is not installed here; fetching it for this run (npm i -D ${pkg} keeps it).\n`)
  return new Promise((done) => {
    const child = spawn('npm', ['exec', '--yes', `--package=${pkg}@${version}`, '--', `samtykke-${command}`, ...rest], { stdio: 'inherit' })
    child.on('error', (e) => {
      process.stderr.write(`samtykke: could not start npm to fetch ${pkg} (${e.message}). Install it: npm i -D ${pkg}\n`)
      done(2)
    })
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 + 2 : 2)))
  })
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`samtykke: ${e?.stack || e}\n`)
    process.exitCode = 2
  },
)
