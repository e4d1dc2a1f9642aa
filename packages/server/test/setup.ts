// vitest globalSetup for the consent log's tests: one throw-away Postgres server for the run, and one migrated PGlite
// data folder that tests copy (a fresh PGlite folder takes seconds to create; a copy opens in a fraction of that).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
// A plain .mjs script, shared with the benchmark; typed by test/pg-cluster.d.mts beside it.
import { startCluster } from '../../../test/pg-cluster.mjs'
import { openPglite } from '../src/db'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
    pgliteTemplate: string
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster()
  const dir = mkdtempSync(join(tmpdir(), 'samtykke-pglite-'))
  try {
    const db = await openPglite(join(dir, 'pgdata'))
    await db.close()
  } catch (e) {
    await cluster.stop()
    throw e
  }
  project.provide('pgUrl', cluster.url)
  project.provide('pgliteTemplate', join(dir, 'pgdata'))
  return async () => {
    await cluster.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
