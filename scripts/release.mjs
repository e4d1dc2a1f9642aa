// `pnpm release`: what a site developer installs, built from this clone into release/ (git-ignored):
//   - one tarball per published package, packed by pnpm, which turns the workspace's `workspace:^` ranges into
//     `^<version>`: plain npm installs them;
//   - samtykke-<version>.zip: the files a site serves (samtykke/samtykke.js and the files it fetches from beside
//     itself), with a short README and the licences;
//   - SHA256SUMS, for `sha256sum -c SHA256SUMS`.
// Each tarball is checked before it is kept: its package.json has no workspace range and no exact version of a
// sibling package, and it holds a README.md and a LICENSE.
//
//   node scripts/release.mjs [--out DIR] [--no-build]
//   node scripts/release.mjs --check   packs into a temporary folder and checks, then `pnpm publish -r --dry-run`;
//                                      builds nothing, keeps nothing (one of `pnpm test`'s package checks)
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { zipSync } from 'fflate'
import { readTarball } from './tarball.mjs'

const ROOT = resolve(import.meta.dirname, '..')
// The time npm gives every file in a tarball, so two releases of the same files are the same bytes. (A zip stores
// local time: built from local fields, the bytes are the same in every time zone.)
const FIXED_TIME = new Date(1985, 9, 26, 8, 15, 0)
// What the drop-in's files bundle, each under the MIT licence, whose notice must travel with them.
const BUNDLED = [
  ['nanostores', 'packages/core'],
  ['js-cookie', 'packages/core'],
  ['preact', 'packages/ui'],
]

// pnpm as the caller ran it (`npx -y pnpm@10 release` need not leave a `pnpm` on PATH).
const execpath = process.env.npm_execpath ?? ''
const PNPM = /pnpm\.c?js$/.test(execpath) ? [process.execPath, execpath] : ['npx', '-y', 'pnpm@10']

function pnpm(args, options = {}) {
  const r = spawnSync(PNPM[0], [...PNPM.slice(1), ...args], { cwd: ROOT, encoding: 'utf8', ...options })
  if (r.error) fail(`could not start pnpm (${r.error.message})`)
  if (r.status !== 0) fail(`pnpm ${args.join(' ')} failed (exit ${r.status})\n${r.stderr ?? ''}`)
  return r.stdout
}

function fail(message) {
  throw new Error(message)
}

/** What is wrong with one packed package, as sentences; none when it is fine. */
function problems(files, siblings) {
  const found = []
  for (const needed of ['package.json', 'README.md', 'LICENSE'])
    if (!files.has(needed)) found.push(`it has no ${needed}`)
  if (!files.has('package.json')) return found
  const meta = JSON.parse(files.get('package.json').toString('utf8'))
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(meta[field] ?? {})) {
      if (range.startsWith('workspace:')) found.push(`${field}.${name} is "${range}", which npm cannot install`)
      else if (siblings.has(name) && range !== `^${siblings.get(name)}`)
        found.push(`${field}.${name} is "${range}", not "^${siblings.get(name)}" (use workspace:^ in its package.json)`)
    }
  }
  return found
}

function pack(out, packages) {
  const packed = JSON.parse(pnpm(['-r', 'pack', '--pack-destination', out, '--json']))
  const siblings = new Map(packed.map((p) => [p.name, p.version]))
  const missing = packages.filter((name) => !siblings.has(name))
  if (missing.length) fail(`pnpm packed no tarball for ${missing.join(', ')}`)
  return packed.map(({ name, version, filename }) => {
    const files = readTarball(filename)
    const found = problems(files, siblings)
    if (found.length) fail(`${basename(filename)}: ${found.join('; ')}`)
    return { name, version, file: filename, files }
  })
}

function licences(dropIn) {
  const notices = [`samtykke\n\n${dropIn.files.get('LICENSE').toString('utf8')}`]
  for (const [name, from] of BUNDLED) {
    const meta = createRequire(join(ROOT, from, 'package.json')).resolve(`${name}/package.json`)
    const text = readdirSync(dirname(meta)).find((f) => /^licen[cs]e/i.test(f))
    if (!text) fail(`${name} (bundled in samtykke.js) has no licence file`)
    notices.push(`${name}, bundled in the files of samtykke/\n\n${readFileSync(join(dirname(meta), text), 'utf8')}`)
  }
  return notices.join('\n' + '-'.repeat(78) + '\n\n')
}

const zipReadme = (version, served) => `samtykke ${version}: the files a site serves
${'='.repeat(`samtykke ${version}: the files a site serves`.length)}

Put the folder samtykke/ in your site's root, so that it is served at /samtykke/samtykke.js, and load it first in
the <head> of every page, after the page's config block:

    <script type="application/json" id="samtykke-config">
      { "revision": 1, "privacyPolicyUrl": "/personvern" }
    </script>
    <script src="/samtykke/samtykke.js"></script>

Then mark each tracker's tag with the purpose it needs; it runs once the visitor allows that purpose:

    <script type="text/plain" data-category="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>

samtykke.js fetches the other files from beside itself, and only when a page needs them: serve them all.

${served.map((f) => `    ${f}`).join('\n')}

The configuration, the API, what blocking can and cannot do, and the tools that mark a site's tags and check it
for leaks: the README of the samtykke repository. Licences: LICENSE.
`

function zip(out, dropIn) {
  const served = [...dropIn.files.keys()]
    .filter((f) => /^dist\/[^/]+\.js$/.test(f))
    .map((f) => basename(f))
    .sort()
  if (!served.includes('samtykke.js')) fail(`${basename(dropIn.file)} has no dist/samtykke.js`)
  const entries = {
    'README.md': Buffer.from(zipReadme(dropIn.version, served)),
    LICENSE: Buffer.from(licences(dropIn)),
  }
  for (const name of served) entries[`samtykke/${name}`] = dropIn.files.get(`dist/${name}`)
  const file = join(out, `samtykke-${dropIn.version}.zip`)
  writeFileSync(file, zipSync(entries, { level: 9, mtime: FIXED_TIME }))
  return file
}

function checksums(out, files) {
  const lines = files
    .map((file) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${basename(file)}\n`)
    .sort((a, b) => a.slice(66).localeCompare(b.slice(66)))
  writeFileSync(join(out, 'SHA256SUMS'), lines.join(''))
}

function publishedPackages() {
  return readdirSync(join(ROOT, 'packages'))
    .map((dir) => join(ROOT, 'packages', dir, 'package.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')))
    .filter((meta) => !meta.private)
    .map((meta) => meta.name)
}

function main() {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'no-build': { type: 'boolean' }, check: { type: 'boolean' } },
  })
  const packages = publishedPackages()
  const out = values.check
    ? mkdtempSync(join(tmpdir(), 'samtykke-release-'))
    : resolve(values.out ?? join(ROOT, 'release'))

  if (!values.check && !values['no-build']) {
    // From nothing, as on a clean clone: no file an earlier build left behind can end up in a package.
    for (const dir of readdirSync(join(ROOT, 'packages')))
      rmSync(join(ROOT, 'packages', dir, 'dist'), { recursive: true, force: true })
    pnpm(['build'], { stdio: 'inherit' })
  }
  mkdirSync(out, { recursive: true })
  // An earlier release's files go (the folder may be one the caller named: nothing else in it is touched).
  for (const file of readdirSync(out)) if (/\.(tgz|zip)$|^SHA256SUMS$/.test(file)) rmSync(join(out, file))

  try {
    release(out, packages, values.check)
  } finally {
    if (values.check) rmSync(out, { recursive: true, force: true })
  }
}

function release(out, packages, check) {
  const packed = pack(out, packages)
  const dropIn = packed.find((p) => p.name === 'samtykke')
  const files = [...packed.map((p) => p.file), zip(out, dropIn)]
  checksums(out, files)

  if (check) {
    // --force: pnpm would otherwise ask the registry which versions exist (offline, that waits for minutes).
    // Nothing is sent with --dry-run.
    pnpm(['publish', '-r', '--dry-run', '--no-git-checks', '--force'], {
      env: { ...process.env, npm_config_loglevel: 'error' },
    })
    process.stdout.write(`release: ${packed.length} packages pack and pass \`pnpm publish -r --dry-run\`\n`)
    return
  }
  process.stdout.write(`release: in ${relative(process.cwd(), out) || '.'}/\n`)
  for (const file of [...files, join(out, 'SHA256SUMS')])
    process.stdout.write(
      `  ${basename(file).padEnd(28)} ${(readFileSync(file).length / 1024).toFixed(1).padStart(6)} kB\n`,
    )
}

try {
  main()
} catch (e) {
  process.stderr.write(`release: ${e.message}\n`)
  process.exitCode = 1
}
