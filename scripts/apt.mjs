// What the tests need from the machine, from Debian's packages: each scripts/ensure-*.mjs lists the files it needs and
// the package that brings each, and this installs what is missing when we may (root, or passwordless sudo), or says
// exactly what to run. A package installed here must not start a service: the tests start their own, on free ports.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * `needs`: `{ name, path, pkg, env?, present? }` for each file (`env`: the variable that points at another build;
 * `present`: a check of its own, where the path is not one file).
 * `forWhat`: the tests that need them, for the messages. Exits the process with 1 when it cannot.
 */
export function ensurePackages(forWhat, needs) {
  const there = (n) => (n.present ? n.present() : existsSync(n.path))
  const missing = needs.filter((n) => !there(n))
  if (!missing.length) return
  const packages = [...new Set(missing.map((n) => n.pkg))].join(' ')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' }
  const run = (cmd) => execSync(cmd, { stdio: 'inherit', env })
  let sudo = ''
  if (process.getuid?.() !== 0) {
    try {
      execSync('sudo -n true', { stdio: 'ignore' })
      sudo = 'sudo -n '
    } catch {
      for (const n of missing)
        console.error(`samtykke tests: ${n.name} is missing at ${n.path}${n.env ? `; or set ${n.env} to it` : ''}.`)
      console.error(`Install with:\n  sudo apt-get install -y --no-install-recommends ${packages}`)
      process.exit(1)
    }
  }
  console.log(`samtykke tests: installing Debian ${packages} for ${forWhat}…`)
  // A policy-rc.d that says "no" keeps Debian's maintainer scripts from starting services (postgresql's cluster on
  // 5432, nginx and Apache on 80), and goes again afterwards.
  const policy = '/usr/sbin/policy-rc.d'
  const ownPolicy = !existsSync(policy)
  if (ownPolicy) run(`printf '#!/bin/sh\\nexit 101\\n' | ${sudo}tee ${policy} >/dev/null && ${sudo}chmod +x ${policy}`)
  const install = `${sudo}apt-get install -y --no-install-recommends ${packages}`
  try {
    run(install)
  } catch {
    run(`${sudo}apt-get update`)
    run(install)
  } finally {
    if (ownPolicy) run(`${sudo}rm -f ${policy}`)
  }
  for (const n of missing)
    if (!there(n)) {
      console.error(
        `samtykke tests: ${n.pkg} was installed but ${n.path} does not exist${n.env ? `; set ${n.env}` : ''}.`,
      )
      process.exit(1)
    }
}
