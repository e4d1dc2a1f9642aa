// `npx -y pnpm@10 samtykke <command> …` in a clone (the workspace's `samtykke` script). pnpm runs a workspace
// script in the clone's root, wherever it was typed (`--dir <clone>` from another folder), and passes the folder it
// was typed in as INIT_CWD (npm does the same). The command is run from there, so that the paths the user typed,
// and the default output folders (./samtykke-scan, ./samtykke-log), are the user's, not the clone's.
// Only here: a site's own script (`"build": "cd dist && samtykke mark ."`) means the folder it runs in.
import { chdir, env, stderr } from 'node:process'

try {
  if (env.INIT_CWD) chdir(env.INIT_CWD)
} catch (e) {
  stderr.write(`samtykke: cannot run from ${env.INIT_CWD}, the folder the command was typed in (${e.message})\n`)
  process.exit(2)
}
await import('../packages/samtykke/bin/samtykke.mjs')
