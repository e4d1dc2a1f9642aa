// A static site's output folder: every .html file under it marked in place or into another folder, each file written
// whole or not at all (a temporary file beside it, then a rename), with a verdict per file. One file that cannot be
// read, marked or written is reported, and the run goes on with the next.
import { copyFile, constants, lstat, mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { markBytes, type MarkOptions, type Change, type MarkWarning } from '../transform'
import * as messages from '../messages'

/** The largest file read by default: 32 MiB. Marking takes about 20 bytes of memory per byte of HTML. */
export const MAX_BYTES = 32 * 1024 * 1024

export interface FolderOptions extends MarkOptions {
  /** Write the marked files here (same relative paths) instead of over the originals. */
  out?: string
  /** Write nothing: only report what would change. */
  check?: boolean
  /** A page larger than this (bytes) is not read, and reported as an error. Default 32 MiB (`MAX_BYTES`). */
  maxBytes?: number
  /** Called before each file, for a progress display. */
  onStart?: (file: string, index: number, total: number) => void
  /** Stops the run between files (Ctrl-C). */
  signal?: AbortSignal
}

export interface FileReport {
  /** Relative to the folder. */
  file: string
  /**
   * `marked`: changed (written unless --check); `clean`: nothing to mark; `skipped`: not read (see `reason`);
   * `error`.
   */
  status: 'marked' | 'clean' | 'skipped' | 'error'
  changes: Change[]
  warnings: MarkWarning[]
  reason?: string
  /** With the `setup` option: what setting the page up for the drop-in changed (or, with `check`, would change). */
  setup?: string[]
  /** Not an HTML page: a file --out failed to copy, or a link (or other entry) it left out. */
  other?: true
}

/**
 * What markFolder did: a report per HTML file (and per other entry it failed to copy or left out), and how many other
 * files --out copied.
 */
export interface FolderReport {
  files: FileReport[]
  copied: number
}

const HTML = /\.html?$/i

/** What is under a folder: pages to mark, other files to copy (for --out), and entries neither followed nor copied. */
interface Listing {
  html: string[]
  other: string[]
  /** Symbolic links (to anything but an .html name) and entries that are neither file nor folder. */
  left: string[]
}

/**
 * Every `.html`/`.htm` entry under `dir` (symlinks and other non-files included, so they can be reported), every
 * other file, and what is left out, in the folder's order. `.git` and `node_modules` are not looked into, nor is the
 * output folder. (Recursive: a folder's depth is bounded by the longest path the system allows.)
 */
async function list(dir: string, out?: string): Promise<Listing> {
  const found: Listing = { html: [], other: [], left: [] }
  const walk = async (folder: string) => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const entry of entries) {
      const path = join(folder, entry.name)
      if (out && resolve(path) == out) continue
      if (entry.isDirectory()) {
        if (entry.name != 'node_modules' && entry.name != '.git') await walk(path)
      } else if (HTML.test(entry.name)) found.html.push(path)
      else if (entry.isFile()) found.other.push(path)
      else found.left.push(path)
    }
  }
  await walk(dir)
  return found
}

/** A temporary name beside `file`, for a write that ends in a rename. */
const temporary = (file: string) =>
  join(
    dirname(file),
    `.${file.split(/[\\/]/).pop()}.samtykke-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`,
  )

/** Writes `data` to `file` whole or not at all: a temporary file in the same folder, then a rename over it. */
export async function writeAtomic(file: string, data: Uint8Array, mode?: number): Promise<void> {
  const tmp = temporary(file)
  try {
    await writeFile(tmp, data, { mode, flag: 'wx' })
    await rename(tmp, file)
  } catch (error) {
    await unlink(tmp).catch(() => {})
    throw error
  }
}

/** Copies `from` to `to` whole or not at all, without reading it into memory (a site's videos can be large). */
async function copyAtomic(from: string, to: string): Promise<void> {
  const tmp = temporary(to)
  try {
    await copyFile(from, tmp, constants.COPYFILE_EXCL)
    await rename(tmp, to)
  } catch (error) {
    await unlink(tmp).catch(() => {})
    throw error
  }
}

/** Why these bytes are not an HTML page we can mark, or undefined when they are. */
function notHtml(bytes: Uint8Array): string | undefined {
  if ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff)) return messages.utf16()
  const head = bytes.subarray(0, 8192)
  if (head.includes(0)) return messages.binary()
}

const report = (
  file: string,
  status: FileReport['status'],
  reason?: string,
  changes: Change[] = [],
  warnings: MarkWarning[] = [],
): FileReport => ({
  file,
  status,
  changes,
  warnings,
  ...(reason ? { reason } : {}),
})

/** The entry at `path` as lstat sees it, or the report that says why it is not a page to read. */
async function look(path: string, file: string, maxBytes: number, out?: string): Promise<Stats | FileReport> {
  let info
  try {
    info = await lstat(path)
  } catch (error) {
    return report(file, 'error', messages.cannotStat(error))
  }
  if (info.isSymbolicLink()) return report(file, 'skipped', messages.symlink(out))
  if (!info.isFile()) return report(file, 'skipped', messages.notAFile())
  if (info.size > maxBytes) return report(file, 'error', messages.tooLarge(info.size, maxBytes))
  return info
}

/** Reads, marks and writes one page. Never throws: the report says what went wrong. */
async function markFile(path: string, file: string, target: string, options: FolderOptions): Promise<FileReport> {
  const info = await look(path, file, options.maxBytes ?? MAX_BYTES, options.out)
  if ('status' in info) return info
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    return report(file, 'error', messages.cannotRead(error))
  }
  const why = notHtml(bytes)
  if (why) return report(file, 'skipped', why)
  let marked
  try {
    marked = markBytes(bytes, options)
  } catch (error) {
    return report(file, 'error', messages.cannotMark(error))
  }
  const changed = marked.changes.length > 0 || (marked.setup?.length ?? 0) > 0
  const setup = marked.setup ? { setup: marked.setup } : {}
  try {
    if (!options.check && (options.out || changed)) {
      if (options.out) await mkdir(dirname(target), { recursive: true })
      await writeAtomic(target, marked.bytes, info.mode & 0o777)
    }
    return { ...report(file, changed ? 'marked' : 'clean', undefined, marked.changes, marked.warnings), ...setup }
  } catch (error) {
    const reason = messages.cannotWrite(options.out ? target : 'it', error)
    return { ...report(file, 'error', reason, marked.changes, marked.warnings), ...setup }
  }
}

/**
 * Why an entry that is neither a page nor a file is left out: a link to a folder is never followed, in place or with
 * --out.
 */
async function leftOut(path: string, file: string, out?: string): Promise<FileReport | undefined> {
  const link = (await lstat(path).catch(() => undefined))?.isSymbolicLink()
  const folder = link && (await stat(path).catch(() => undefined))?.isDirectory()
  if (folder) return { ...report(file, 'skipped', messages.symlinkFolder(out)), other: true }
  // In place, a link to a file (or a socket) is nothing samtykke mark has to do anything with.
  if (out)
    return { ...report(file, 'skipped', link ? messages.symlinkNotCopied(out) : messages.notCopied(out)), other: true }
}

/**
 * Marks every HTML file under `dir`. Never throws for one file: its report says what went wrong. Rejects with a
 * MarkError (`FOLDER_UNREADABLE`, the error from the file system as its `cause`) when `dir` itself cannot be read.
 */
export async function markFolder(dir: string, options: FolderOptions = {}): Promise<FolderReport> {
  const root = resolve(dir)
  const out = options.out ? resolve(options.out) : undefined
  let listing: Listing
  let base: string
  try {
    const info = await stat(root)
    listing = info.isDirectory() ? await list(root, out) : { html: [root], other: [], left: [] }
    base = info.isDirectory() ? root : dirname(root)
  } catch (error) {
    throw new messages.MarkError('FOLDER_UNREADABLE', messages.cannotOpen(dir, error), { cause: error })
  }
  const { html: files, other, left } = listing
  const reports: FileReport[] = []
  for (const [index, path] of files.entries()) {
    if (options.signal?.aborted) break
    const file = relative(base, path)
    options.onStart?.(file, index, files.length)
    reports.push(await markFile(path, file, out ? join(out, file) : path, { ...options, out }))
  }
  for (const path of options.signal?.aborted ? [] : left) {
    const skipped = await leftOut(path, relative(base, path), options.check ? undefined : options.out)
    if (skipped) reports.push(skipped)
  }
  // --out makes a whole site: the other files are copied as they are (each whole or not at all, like the pages).
  let copied = 0
  for (const path of out && !options.check ? other : []) {
    if (options.signal?.aborted) break
    const target = join(out!, relative(base, path))
    try {
      await mkdir(dirname(target), { recursive: true })
      await copyAtomic(path, target)
      copied++
    } catch (error) {
      reports.push({ ...report(relative(base, path), 'error', messages.cannotCopy(target, error)), other: true })
    }
  }
  return { files: reports, copied }
}
