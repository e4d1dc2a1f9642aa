// The consent log's tests (packages/server) run against a real Postgres server as well as PGlite: Debian's
// `postgresql`. The tests start their own throw-away cluster (test/pg-cluster.mjs) and stop it afterwards: nothing
// stays running, and the package's own cluster is not started (scripts/apt.mjs).
import { ensurePackages } from './apt.mjs'
import { findPgBin } from '../test/pg-cluster.mjs'

ensurePackages('the consent-log tests', [
  {
    name: 'Postgres',
    path: '/usr/lib/postgresql/<major>/bin/initdb',
    pkg: 'postgresql',
    env: 'PG_BIN',
    present: () => !!findPgBin(),
  },
])
