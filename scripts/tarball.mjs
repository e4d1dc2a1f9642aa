// Reads an npm tarball (.tgz: gzip over ustar) without unpacking it: scripts/release.mjs checks what it packed, and
// its test reads the same way what a user would install.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

/** The regular files of a .tgz, by their path inside the package (tar's `package/` prefix taken off). */
export function readTarball(file) {
  const tar = gunzipSync(readFileSync(file))
  const files = new Map()
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512)
    if (header.every((byte) => byte === 0)) break
    const field = (start, length) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '')
    const path = [field(345, 155), field(0, 100)].filter(Boolean).join('/')
    const size = parseInt(field(124, 12).trim() || '0', 8)
    const type = field(156, 1)
    at += 512
    if (type === '0' || type === '') files.set(path.replace(/^package\//, ''), tar.subarray(at, at + size))
    at += Math.ceil(size / 512) * 512
  }
  return files
}
