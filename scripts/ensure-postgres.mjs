// The consent log's tests (packages/server) run against a real Postgres server as well as PGlite: Debian's
// `postgresql`. Installs it when no initdb exists and we may (root, or passwordless sudo); otherwise says what to run.
// The tests start their own throw-away cluster (scripts/pg-cluster.mjs) and stop it afterwards: nothing stays running.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findPgBin } from './pg-cluster.mjs'

if (findPgBin()) process.exit(0)

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
let sudo = ''
if (process.getuid?.() !== 0) {
  try {
    execSync('sudo -n true', { stdio: 'ignore' })
    sudo = 'sudo -n '
  } catch {
    console.error('samtykke tests: Postgres is missing (no /usr/lib/postgresql/*/bin/initdb), and this user may not install it.')
    console.error('Install with:\n  sudo apt-get install -y --no-install-recommends postgresql\nor set PG_BIN to the folder that holds initdb and pg_ctl.')
    process.exit(1)
  }
}
console.log('samtykke tests: installing Debian postgresql for the consent-log tests…')
// Debian's package would start a cluster of its own on port 5432: a policy-rc.d that says "no" keeps it from starting
// (the tests start theirs), and goes again afterwards.
const install = `${sudo}apt-get install -y --no-install-recommends postgresql`
const policy = '/usr/sbin/policy-rc.d'
const ownPolicy = !existsSync(policy)
if (ownPolicy) run(`printf '#!/bin/sh\\nexit 101\\n' | ${sudo}tee ${policy} >/dev/null && ${sudo}chmod +x ${policy}`)
try {
  run(install)
} catch {
  run(`${sudo}apt-get update`)
  run(install)
} finally {
  if (ownPolicy) run(`${sudo}rm -f ${policy}`)
}
if (!findPgBin()) {
  console.error('samtykke tests: postgresql was installed but no /usr/lib/postgresql/*/bin/initdb exists; set PG_BIN.')
  process.exit(1)
}
