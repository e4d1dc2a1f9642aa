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
import { constants } from 'node:os'
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
  Object.entries(TOOLS)
    .map(([name, what]) => `  ${name.padEnd(7)}${what}`)
    .join('\n') +
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
  return fetchAndRun(pkg, command, rest)
}

/**
 * The tool is installed nowhere: npm fetches it for this run. The fetch is a step of its own, so that a failed
 * fetch ("could not run": 2) is not taken for the tool's own exit 1 ("findings").
 */
async function fetchAndRun(pkg, command, rest) {
  const spec = `${pkg}@${version}`
  const install = `Install it in this project (npm i -D ${pkg}), or its tarball from a release (see "Install" in samtykke's README).\n`
  process.stderr.write(
    `samtykke: ${pkg} is not installed here; fetching ${spec} for this run (npm i -D ${pkg} keeps it).\n`,
  )
  const fetched = await npm(
    ['exec', '--yes', `--package=${spec}`, '--', 'node', '-e', '0'],
    ['ignore', 'ignore', 'pipe'],
  )
  if (fetched.error) {
    process.stderr.write(`samtykke: could not start npm to fetch ${spec} (${fetched.error.message}). ${install}`)
    return 2
  }
  if (fetched.signal) return exitCode(fetched)
  if (fetched.code !== 0) {
    const why = fetched.stderr
      .split('\n')
      .filter((line) => line.startsWith('npm error'))
      .slice(0, 3)
    process.stderr.write(
      `samtykke: could not fetch ${spec} with npm (exit ${fetched.code}).\n${why.map((line) => `  ${line}\n`).join('')}${install}`,
    )
    return 2
  }
  const ran = await npm(
    ['exec', '--yes', '--prefer-offline', `--package=${spec}`, '--', `samtykke-${command}`, ...rest],
    'inherit',
  )
  if (ran.error) {
    process.stderr.write(`samtykke: could not start npm to run ${spec} (${ran.error.message}). ${install}`)
    return 2
  }
  return exitCode(ran)
}

/**
 * Runs npm; resolves with its exit code or the signal that ended it, its stderr when piped, or why it did not start.
 */
function npm(args, stdio) {
  return new Promise((done) => {
    let stderr = ''
    const child = spawn('npm', args, { stdio })
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    child.on('error', (error) => done({ error }))
    child.on('close', (code, signal) => done({ code, signal, stderr }))
  })
}

/** As a shell reports a process: its exit code, or 128 + the number of the signal that ended it. */
const exitCode = ({ code, signal }) => code ?? 128 + (constants.signals[signal] ?? 0)

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`samtykke: ${e?.stack || e}\n`)
    process.exitCode = 2
  },
)
