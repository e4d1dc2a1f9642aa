// Before `next build`: the drop-in's files into public/samtykke/, served as /samtykke/samtykke.js and, beside it, the
// chunks it fetches when it needs them. From the workspace's build (`npx -y pnpm@10 build`); never committed.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const dist = join(dirname(createRequire(import.meta.url).resolve('samtykke/package.json')), 'dist')
if (!existsSync(join(dist, 'samtykke.js'))) {
  console.error(`copy-samtykke: ${dist}/samtykke.js is missing: build the workspace first (npx -y pnpm@10 build)`)
  process.exit(1)
}
const out = join(import.meta.dirname, 'public/samtykke')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const files = readdirSync(dist).filter((f) => /^samtykke.*\.js$/.test(f))
for (const f of files) cpSync(join(dist, f), join(out, f))
console.log(`copy-samtykke: ${files.join(', ')} → public/samtykke/`)
