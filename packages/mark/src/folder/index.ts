// A static site's output folder: every .html file under it marked in place or into another folder, each file written
// whole or not at all (a temporary file beside it, then a rename), with a verdict per file.
import { lstat, mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { markBytes, type MarkOptions, type Change, type MarkWarning } from '../transform'
import * as m from '../messages'

export interface FolderOptions extends MarkOptions {
  /** Write the marked files here (same relative paths) instead of over the originals. */
  out?: string
  /** Write nothing: only report what would change. */
  check?: boolean
  /** Called before each file, for a progress display. */
  onStart?: (file: string, index: number, total: number) => void
  /** Stops the run between files (Ctrl-C). */
  signal?: AbortSignal
}

export interface FileReport {
  /** Relative to the folder. */
  file: string
  /** `marked`: changed (written unless --check); `clean`: nothing to mark; `skipped`: not read (see `reason`); `error`. */
  status: 'marked' | 'clean' | 'skipped' | 'error'
  changes: Change[]
  warnings: MarkWarning[]
  reason?: string
}

/** What markFolder did: a report per HTML file (and per file it failed to copy), and how many other files --out copied. */
export interface FolderReport {
  files: FileReport[]
  copied: number
}

const HTML = /\.html?$/i

/**
 * Every `.html`/`.htm` entry under `dir` (symlinks and other non-files included, so they can be reported), and every
 * other file (for --out). `.git` and `node_modules` are not looked into, nor is the output folder.
 */
async function list(dir: string, out?: string): Promise<{ html: string[]; other: string[] }> {
  const html: string[] = []
  const other: string[] = []
  const walk = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name)
      if (out && resolve(p) == out) continue
      if (e.isDirectory()) e.name != 'node_modules' && e.name != '.git' && (await walk(p))
      else if (HTML.test(e.name)) html.push(p)
      else if (e.isFile()) other.push(p)
    }
  }
  await walk(dir)
  return { html, other }
}

/** Writes `data` to `file` whole or not at all: a temporary file in the same folder, then a rename over it. */
export async function writeAtomic(file: string, data: Uint8Array, mode?: number): Promise<void> {
  const tmp = join(dirname(file), `.${file.split(/[\\/]/).pop()}.samtykke-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`)
  try {
    await writeFile(tmp, data, { mode, flag: 'wx' })
    await rename(tmp, file)
  } catch (e) {
    await unlink(tmp).catch(() => {})
    throw e
  }
}

/** Why these bytes are not an HTML page we can mark, or undefined when they are. */
function notHtml(bytes: Uint8Array): string | undefined {
  if ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff))
    return m.utf16
  const head = bytes.subarray(0, 8192)
  if (head.includes(0)) return m.binary
}

/** Marks every HTML file under `dir`. Never throws for one file: its report says what went wrong. */
export async function markFolder(dir: string, options: FolderOptions = {}): Promise<FolderReport> {
  const root = resolve(dir)
  const out = options.out ? resolve(options.out) : undefined
  const s = await stat(root)
  const { html: files, other } = s.isDirectory() ? await list(root, out) : { html: [root], other: [] }
  const base = s.isDirectory() ? root : dirname(root)
  const reports: FileReport[] = []
  for (const [i, path] of files.entries()) {
    if (options.signal?.aborted) break
    const file = relative(base, path)
    options.onStart?.(file, i, files.length)
    const report = (status: FileReport['status'], reason?: string, changes: Change[] = [], warnings: MarkWarning[] = []): FileReport => ({ file, status, changes, warnings, ...(reason ? { reason } : {}) })
    let info
    try {
      info = await lstat(path)
    } catch (e) {
      reports.push(report('error', m.cannotStat(e)))
      continue
    }
    if (info.isSymbolicLink()) {
      reports.push(report('skipped', m.symlink))
      continue
    }
    if (!info.isFile()) {
      reports.push(report('skipped', m.notAFile))
      continue
    }
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (e) {
      reports.push(report('error', m.cannotRead(e)))
      continue
    }
    const why = notHtml(bytes)
    if (why) {
      reports.push(report('skipped', why))
      continue
    }
    const r = markBytes(bytes, options)
    const target = out ? join(out, file) : path
    try {
      if (!options.check && (out || r.changes.length)) {
        if (out) await mkdir(dirname(target), { recursive: true })
        await writeAtomic(target, r.bytes, info.mode & 0o777)
      }
      reports.push(report(r.changes.length ? 'marked' : 'clean', undefined, r.changes, r.warnings))
    } catch (e) {
      reports.push(report('error', m.cannotWrite(out ? target : 'it', e), r.changes, r.warnings))
    }
  }
  // --out makes a whole site: the other files are copied as they are (each whole or not at all, like the pages).
  let copied = 0
  for (const path of out && !options.check ? other : []) {
    if (options.signal?.aborted) break
    const target = join(out!, relative(base, path))
    try {
      await mkdir(dirname(target), { recursive: true })
      await writeAtomic(target, await readFile(path), (await stat(path)).mode & 0o777)
      copied++
    } catch (e) {
      reports.push({ file: relative(base, path), status: 'error', changes: [], warnings: [], reason: m.cannotCopy(target, e) })
    }
  }
  return { files: reports, copied }
}
