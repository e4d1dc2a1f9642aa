// `samtykke mark <dir>`: argument parsing and output only; the work is markFolder's.
// Human text on stderr, --json on stdout; exit 0 clean, 1 findings, 2 error.
import { readFile } from 'node:fs/promises'
import { constants } from 'node:os'
import { parseArgs } from 'node:util'
import type { ResolvedConfig, SamtykkeConfig } from '@samtykke/core'
import { resolveConfig } from '@samtykke/core'
import { markFolder, type FileReport, type FolderOptions, type FolderReport } from './folder'
import * as messages from './messages'

export const HELP = `Usage: samtykke mark <dir|file> [--out DIR] [--check] [--json] \
[--config FILE [--script URL]] [--max-size MIB]

Marks every known tracker tag in the .html files under <dir>, the way samtykke's runtime
releases them (type="text/plain" data-category="…", data-src), so that the browser fetches
nothing from a tracker before consent: not even its preload scanner.

  --out DIR      write the site to DIR instead of in place: the pages marked, every other
                 file copied as it is (same relative paths)
  --check        write nothing; exit 1 when any page has a tracker tag that is not marked
  --json         print the report as JSON on stdout (the human report stays on stderr)
  --config FILE  a samtykke config (JSON) for the categories and \`trackers\` rules, for pages
                 without a <script id="samtykke-config"> block; checked as samtykke.js checks it
  --script URL   also set each page up: write (or update) the --config block and
                 <script src="URL"> first in its <head>, e.g. --script /samtykke/samtykke.js
  --max-size MIB the largest page to read, in MiB (default 32): a larger one is reported
                 as an error and left as it is
  -h, --help     this text

Exit code: 0 nothing left unmarked, 1 something is (or, with --check, would be) unmarked,
2 an error (a page that cannot be read, marked or written, one over --max-size, a bad option):
the other files are still marked and reported.
`

const plural = (count: number, one: string, many = one + 's') => `${count} ${count == 1 ? one : many}`

/** The tags a file had marked, per category: `6 analytics, 12 marketing`. */
function summary(fileReport: FileReport): string {
  const byCategory: Record<string, number> = {}
  for (const change of fileReport.changes) byCategory[change.category] = (byCategory[change.category] ?? 0) + 1
  return Object.entries(byCategory)
    .map(([category, count]) => `${count} ${category}`)
    .join(', ')
}

const OPTIONS = {
  out: { type: 'string' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  config: { type: 'string' },
  script: { type: 'string' },
  'max-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']

const badOption = (message: string) => new messages.MarkError('BAD_OPTION', message)

/** The folder options the command line asks for; a MarkError says why they cannot be used. */
async function folderOptions(values: Values): Promise<FolderOptions> {
  if (values.check && values.out) throw badOption(messages.checkWithOut())
  const options: FolderOptions = { check: values.check, out: values.out }
  if (values['max-size'] != null) {
    const mib = Number(values['max-size'])
    if (!(mib > 0 && mib < Infinity)) throw badOption(messages.badMaxSize(values['max-size']))
    options.maxBytes = Math.floor(mib * 2 ** 20)
  }
  if (values.script != null && !values.config) throw badOption(messages.scriptWithoutConfig())
  if (values.script != null && !values.script.trim()) throw badOption(messages.badScript(values.script))
  if (values.config) {
    const [config, resolved] = await readConfig(values.config)
    options.categories = resolved.order
    options.trackers = resolved.trackers ?? []
    if (values.script != null) options.setup = { config, script: values.script.trim() }
  }
  return options
}

/** The config file as written and as core resolves it (the drop-in's own check); a MarkError says what is wrong. */
async function readConfig(file: string): Promise<[SamtykkeConfig, ResolvedConfig]> {
  const badConfig = (message: string, cause: unknown) => new messages.MarkError('BAD_CONFIG', message, { cause })
  let text
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw badConfig(messages.configUnreadable(file, error), error)
  }
  let config
  try {
    config = JSON.parse(text.replace(/^\uFEFF/, '')) as SamtykkeConfig
  } catch (error) {
    throw badConfig(messages.configNotJson(file, error), error)
  }
  try {
    return [config, resolveConfig(config)]
  } catch (error) {
    throw badConfig(messages.badConfigFile(file, error), error)
  }
}

/** Where the command writes: `main` gives it process.stdout and process.stderr, tests their own. */
export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stderr is a terminal: the progress display is shown only there. */
  isTTY?: boolean
}

const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stderr.isTTY,
}

/** The exit code `run` gives when it was stopped: the shell's for Ctrl-C (128 + SIGINT's number). */
const STOPPED = 130

/**
 * The command on this process: Ctrl-C (or SIGTERM) stops it between files, and it exits as a shell reports a process
 * a signal ended: 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
 */
export async function main(argv: string[]): Promise<number> {
  // A file being written is written whole or not at all (temporary file, then rename).
  const stop = new AbortController()
  let received: NodeJS.Signals | undefined
  const onSignal = (name: NodeJS.Signals) => {
    received = name
    stop.abort(name)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const code = await run(argv, processIo, stop.signal)
    return code == STOPPED && received ? 128 + constants.signals[received] : code
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** The command with its output given: the exit code (0 clean, 1 findings, 2 error, 130 stopped by `signal`). */
export async function run(argv: string[], io: Io = processIo, signal?: AbortSignal): Promise<number> {
  const err = (text: string) => io.stderr(text + '\n')
  let args
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (error) {
    err(`${messages.PREFIX}${(error as Error).message}\n\n${HELP}`)
    return 2
  }
  const { values, positionals } = args
  if (values.help) {
    io.stdout(HELP)
    return 0
  }
  if (positionals.length != 1) {
    err(`${messages.PREFIX}${messages.oneFolder(positionals.length)}\n\n${HELP}`)
    return 2
  }
  try {
    const options = await folderOptions(values)
    options.signal = signal
    options.onStart = (file, index, total) => {
      if (io.isTTY && total > 1) io.stderr(`\r\x1b[K[${index + 1}/${total}] ${file}`)
    }
    const done = await markFolder(positionals[0], options).finally(() => {
      if (io.isTTY) io.stderr('\r\x1b[K')
    })
    return report(done, values, io, signal?.aborted ? stoppedBy(signal) : undefined)
  } catch (error) {
    if (!(error instanceof messages.MarkError)) throw error
    err(messages.PREFIX + error.message)
    return 2
  }
}

/** One line per file (and, with --check, per tag; per warning always), then the summary. */
function printFiles(reports: FileReport[], err: (text: string) => void, check?: boolean): void {
  const verb = check ? 'unmarked' : 'marked'
  for (const file of reports) {
    const setup = file.setup?.length ? `${check ? 'to do: ' : ''}${file.setup.join(', ')}` : ''
    if (file.status == 'marked' && !file.changes.length)
      err(`${(check ? 'not set' : 'set up').padEnd(8)} ${file.file}: ${setup}`)
    else if (file.status == 'marked') {
      err(
        `${verb.padEnd(8)} ${file.file}: ${plural(file.changes.length, 'tag')} (${summary(file)})` +
          (setup && '; ' + setup),
      )
    } else if (file.status == 'clean') err(`clean    ${file.file}`)
    else err(`${file.status.padEnd(8)} ${file.file}: ${file.reason}`)
    for (const change of check ? file.changes : []) {
      const note = change.note ? ` (${change.note})` : ''
      err(`  ${file.file}:${change.line}:${change.column} ${change.kind} ${change.what} → ${change.category}${note}`)
    }
    for (const warning of file.warnings)
      err(`  ${file.file}:${warning.line}:${warning.column} warning: ${warning.message}`)
  }
}

/** What stopped the run, as the summary names it: the signal `main` aborts with, else Ctrl-C. */
const stoppedBy = (signal: AbortSignal) =>
  typeof signal.reason == 'string' && signal.reason != 'SIGINT' ? signal.reason : 'Ctrl-C'

/**
 * Prints the report and gives the exit code: 2 when any file failed, else 1 for anything left unmarked, else 0; 130
 * when it was stopped (`stopped` names by what).
 */
function report({ files: reports, copied }: FolderReport, values: Values, io: Io, stopped?: string): number {
  const err = (text: string) => io.stderr(text + '\n')
  printFiles(reports, err, values.check)
  const pages = reports.filter((file) => !file.other)
  const count = (status: FileReport['status'], of = pages) => of.filter((file) => file.status == status).length
  const others = reports.filter((file) => file.other)
  const tags = reports.reduce((sum, file) => sum + file.changes.length, 0)
  const warnings = reports.reduce((sum, file) => sum + file.warnings.length, 0)
  const errors = count('error', reports)
  const setUp = pages.filter((file) => file.setup?.length).length
  err(
    `\n${plural(pages.length, 'HTML file')}: ${count('marked')} ` +
      `${values.check ? 'with unmarked tags' : 'marked'}, ${count('clean')} clean` +
      (count('skipped') ? `, ${count('skipped')} skipped` : '') +
      (count('error') ? `, ${plural(count('error'), 'error')}` : '') +
      `; ${plural(tags, 'tag')} ${values.check ? 'to mark' : 'marked'}` +
      (values.script != null
        ? `; ${plural(setUp, 'page')} ${values.check ? 'to set up' : 'set up'} for ${values.script.trim()}`
        : '') +
      (values.out ? `; ${plural(copied, 'other file')} copied to ${values.out}` : '') +
      (count('error', others) ? `, ${count('error', others)} could not be copied` : '') +
      (count('skipped', others)
        ? `; ${plural(count('skipped', others), 'link or other entry', 'links or other entries')} left out (see above)`
        : '') +
      (warnings ? `, ${plural(warnings, 'warning')} (trackers left as they are: mark them by hand)` : '') +
      (values.check && (tags || setUp) ? '. Run without --check to mark them.' : '') +
      (stopped ? '\n' + messages.stopped(stopped) : ''),
  )
  if (values.json)
    io.stdout(
      JSON.stringify(
        { check: !!values.check, out: values.out ?? null, files: reports, tags, warnings, errors, copied },
        null,
        2,
      ) + '\n',
    )
  if (stopped) return STOPPED
  return errors ? 2 : (values.check && (tags || setUp)) || warnings ? 1 : 0
}
