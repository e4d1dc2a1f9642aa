// The server snippets in docs/server-cookie.md are tested in the real servers (packages/mark/src/renew/servers.test.ts):
// Debian's nginx with njs (libnginx-mod-http-js) and Apache (apache2, whose apache2-bin carries mod_lua). Installs what
// is missing when we may (root, or passwordless sudo; about 13 MB, 12 s here); otherwise says exactly what to run.
// Caddy has no test: Debian's Caddy 2.6 cannot compute the remaining lifetime (docs/server-cookie.md).
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

const servers = [
  { name: 'nginx', path: process.env.NGINX_PATH || '/usr/sbin/nginx', pkg: 'nginx', env: 'NGINX_PATH' },
  { name: 'nginx njs module', path: '/usr/lib/nginx/modules/ngx_http_js_module.so', pkg: 'libnginx-mod-http-js' },
  { name: 'Apache', path: process.env.APACHE_PATH || '/usr/sbin/apache2', pkg: 'apache2', env: 'APACHE_PATH' },
  { name: 'Apache mod_lua', path: '/usr/lib/apache2/modules/mod_lua.so', pkg: 'apache2' },
]
const missing = servers.filter((s) => !existsSync(s.path))
if (!missing.length) process.exit(0)

const packages = [...new Set(missing.map((s) => s.pkg))].join(' ')
// No service is started: the tests run their own server, on a free port, as a child process.
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' }
const run = (cmd) => execSync(cmd, { stdio: 'inherit', env })
let sudo = ''
if (process.getuid?.() !== 0) {
  try {
    execSync('sudo -n true', { stdio: 'ignore' })
    sudo = 'sudo -n '
  } catch {
    for (const s of missing) console.error(`samtykke tests: ${s.name} is missing at ${s.path}${s.env ? `; or set ${s.env} to its binary` : ''}.`)
    console.error(`Install with:\n  sudo apt-get install -y ${packages}`)
    process.exit(1)
  }
}
console.log(`samtykke tests: installing Debian ${packages} for the server snippet tests…`)
try {
  run(`${sudo}apt-get install -y --no-install-recommends ${packages}`)
} catch {
  run(`${sudo}apt-get update`)
  run(`${sudo}apt-get install -y --no-install-recommends ${packages}`)
}
for (const s of missing)
  if (!existsSync(s.path)) {
    console.error(`samtykke tests: ${s.pkg} was installed but ${s.path} does not exist${s.env ? `; set ${s.env}` : ''}.`)
    process.exit(1)
  }
