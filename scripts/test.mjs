// `pnpm test`: every check, in order, and one closing line that counts them all: `N passed, N failed`.
//
//   1. what the tests need from the machine: scripts/ensure-*.mjs (ensure-browsers installs Debian's browsers when missing)
//   2. build (rollup), then type-check, the format check (oxfmt --check), the linter (oxlint) and the line length
//      (no line in packages/*/src over 120 characters, outside a short list of exceptions): one check each
//   3. vitest: unit (Node, happy-dom) and browser (Chromium, Firefox ESR, WebKitGTK) projects; each test counts
//   4. package checks (publint, arethetypeswrong, SSR import, the Vite example's build, the release's tarballs and
//      `pnpm publish -r --dry-run`: scripts/release.mjs --check): one check
//   5. size-limit, regression limits (not the targets: those are in `pnpm bench`): one check per entry with a limit
//
// A failed build or a missing browser ends the run at once (nothing after it could be trusted). Any other failure is
// counted and the run goes on, so one report shows everything; the exit code is 1 when anything failed.
// Extra arguments go to vitest, e.g. `pnpm test -- packages/core` (the other steps still run).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const TMP = join(ROOT, '.tmp')
const VITEST_JSON = join(TMP, 'vitest-report.json')
const SIZE_JSON = join(TMP, 'size-report.json')
const args = process.argv.slice(2).filter((a) => a !== '--')

const counts = { passed: 0, failed: 0, skipped: 0 }
const lines = []

// pnpm as the caller ran it (`npx -y pnpm@10 test` need not leave a `pnpm` on PATH).
const PNPM =
  process.env.npm_execpath && /\.c?js$/.test(process.env.npm_execpath)
    ? [process.execPath, process.env.npm_execpath]
    : ['pnpm']
const pnpm = (label, pnpmArgs, options) => run(label, PNPM[0], [...PNPM.slice(1), ...pnpmArgs], options)

function run(label, command, commandArgs, options = {}) {
  process.stdout.write(`\n── ${label}\n`)
  const r = spawnSync(command, commandArgs, {
    cwd: ROOT,
    stdio: options.capture ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    ...options,
  })
  if (r.error) console.error(`${label}: could not start ${command}: ${r.error.message}`)
  return r
}

function finish(code) {
  console.log('\n' + lines.join('\n'))
  console.log(
    `${counts.passed} passed, ${counts.failed} failed` + (counts.skipped ? `, ${counts.skipped} skipped` : ''),
  )
  process.exit(code)
}

function fatal(label) {
  counts.failed++
  lines.push(`${label}: failed — later steps not run`)
  finish(1)
}

function check(label, ok) {
  if (ok) counts.passed++
  else counts.failed++
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`)
}

// Files whose lines over 120 characters the formatter cannot break and a hand should not: each with its reason.
const LONG_LINES_ALLOWED = new Set([
  // the language tables: one line per text, as translators read them
  ...readdirSync(join(ROOT, 'packages/ui/src/i18n'))
    .filter((f) => /^[a-z]{2}\.ts$/.test(f))
    .map((f) => `packages/ui/src/i18n/${f}`),
  // a regular-expression literal, which cannot be split (the record's format; tests matching whole messages)
  'packages/core/src/record/index.ts',
  'packages/mark/src/cli.browser.test.ts',
  'packages/mark/src/transform/transform.test.ts',
  'packages/scan/src/leaks.browser.test.ts',
  'packages/server/src/faults.test.ts',
  'packages/server/src/http/app.test.ts',
  'packages/server/src/server.test.ts',
  'packages/core/src/blocker/blocker.test.ts', // and vitest's one-line environment options
  'packages/react/src/consent.test.tsx',
  'packages/samtykke/src/samtykke.browser.test.ts',
])

// Source lines over 120 characters in packages/*/src/**/*.{ts,tsx}, outside LONG_LINES_ALLOWED, each printed.
function longLines() {
  const found = []
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const src = join(ROOT, 'packages', pkg, 'src')
    if (!existsSync(src)) continue
    for (const entry of readdirSync(src, { recursive: true })) {
      const file = `packages/${pkg}/src/${String(entry).replaceAll('\\', '/')}`
      if (!/\.tsx?$/.test(file) || LONG_LINES_ALLOWED.has(file)) continue
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => line.length > 120 && found.push(`${file}:${i + 1}: ${line.length} characters`))
    }
  }
  for (const line of found) console.error(`line length: ${line}`)
  return found
}

mkdirSync(TMP, { recursive: true })

// What the tests need from the machine: scripts/ensure-*.mjs (browsers, and any service a package's tests use).
for (const f of readdirSync(join(ROOT, 'scripts'))
  .filter((f) => /^ensure-.*\.mjs$/.test(f))
  .sort())
  if (run(f, process.execPath, [join('scripts', f)]).status !== 0) fatal(f)
if (pnpm('build', ['build']).status !== 0) fatal('build')
check('type-check', pnpm('type-check', ['typecheck']).status === 0)
check('format (pnpm format to fix)', pnpm('format', ['format:check']).status === 0)
check('lint', pnpm('lint', ['lint']).status === 0)
check('line length', longLines().length === 0)

rmSync(VITEST_JSON, { force: true })
const vitest = pnpm('vitest', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${VITEST_JSON}`,
  ...args,
])
if (existsSync(VITEST_JSON)) {
  const report = JSON.parse(readFileSync(VITEST_JSON, 'utf8'))
  counts.passed += report.numPassedTests
  counts.failed += report.numFailedTests
  counts.skipped += report.numPendingTests + report.numTodoTests
  // A test file that fails to load has no tests to count: count the file as a failure.
  const broken = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0)
  counts.failed += broken.length
  lines.push(
    `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      (broken.length
        ? `, ${broken.length} file(s) failed to load: ${broken.map((f) => f.name.replace(ROOT + '/', '')).join(', ')}`
        : '') +
      (vitest.status !== 0 && !report.numFailedTests && !broken.length ? ` (exit ${vitest.status})` : ''),
  )
  if (vitest.status !== 0 && !report.numFailedTests && !broken.length) counts.failed++
} else {
  counts.failed++
  lines.push(`vitest: FAILED before it wrote a report (exit ${vitest.status})`)
}

check(
  'package checks (publint, arethetypeswrong, SSR import, Vite example build, publish dry run)',
  pnpm('package checks', ['check:packages']).status === 0,
)

rmSync(SIZE_JSON, { force: true })
const size = pnpm('size', ['exec', 'size-limit'])
const sizeJson = spawnSync(PNPM[0], [...PNPM.slice(1), 'exec', 'size-limit', '--json'], { cwd: ROOT, encoding: 'utf8' })
let entries = []
try {
  entries = JSON.parse(sizeJson.stdout)
} catch {}
const limited = entries.filter((e) => e.sizeLimit !== undefined)
if (!entries.length) check('size-limit', false)
else for (const e of limited) check(`size: ${e.name.split(':')[0]} ${e.size} B`, e.passed)
if (size.status !== 0 && limited.every((e) => e.passed)) check('size-limit (exit code)', false)

finish(counts.failed ? 1 : 0)
