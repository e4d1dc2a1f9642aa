// The server snippets in docs/server-cookie.md are tested in the real servers
// (packages/mark/src/renew/servers.test.ts):
// Debian's nginx with njs (libnginx-mod-http-js) and Apache (apache2, whose apache2-bin carries mod_lua); about 13 MB.
// No service is started: the tests run their own server, on a free port, as a child process.
// Caddy has no test: Debian's Caddy 2.6 cannot compute the remaining lifetime (docs/server-cookie.md).
import { ensurePackages } from './apt.mjs'

ensurePackages('the server snippet tests', [
  { name: 'nginx', path: process.env.NGINX_PATH || '/usr/sbin/nginx', pkg: 'nginx', env: 'NGINX_PATH' },
  { name: 'nginx njs module', path: '/usr/lib/nginx/modules/ngx_http_js_module.so', pkg: 'libnginx-mod-http-js' },
  { name: 'Apache', path: process.env.APACHE_PATH || '/usr/sbin/apache2', pkg: 'apache2', env: 'APACHE_PATH' },
  { name: 'Apache mod_lua', path: '/usr/lib/apache2/modules/mod_lua.so', pkg: 'apache2' },
])
