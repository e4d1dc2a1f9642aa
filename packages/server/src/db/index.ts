// One small seam over both back ends: PGlite (embedded, the default) and a Postgres server (DATABASE_URL). The same
// parameterised SQL runs on both; nothing is ever built by string concatenation from input.
import { mkdirSync } from 'node:fs'
import { MIGRATIONS } from './schema'

export interface Sql {
  query<T = any>(text: string, params?: unknown[]): Promise<{ rows: T[] }>
}

export interface Db extends Sql {
  kind: 'pglite' | 'postgres'
  /** Runs `fn` in one transaction: all of it commits, or none. */
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** Embedded Postgres in `dir` (PGlite). Not durable by itself: the log's journal makes it so (log/journal.ts). */
export async function openPglite(dir: string): Promise<Db> {
  mkdirSync(dir, { recursive: true })
  const { PGlite } = await import('@electric-sql/pglite')
  const pg = await PGlite.create(dir)
  const db: Db = {
    kind: 'pglite',
    query: (text, params) => pg.query(text, params) as any,
    tx: (fn) => pg.transaction((t) => fn({ query: (text, params) => t.query(text, params) as any })),
    close: () => pg.close(),
  }
  await migrate(db)
  return db
}

/** A Postgres server: a small pool; connections that die (a restart, a network cut) are replaced on the next query. */
export async function openPostgres(url: string, { max = 8 } = {}): Promise<Db> {
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 })
  // An idle connection dropped by the server must not crash the process: the next query opens a new one.
  pool.on('error', () => {})
  const db: Db = {
    kind: 'postgres',
    query: (text, params) => pool.query(text, params as any[]) as any,
    async tx(fn) {
      const client = await pool.connect()
      let broken = false
      try {
        await client.query('BEGIN')
        const out = await fn({ query: (text, params) => client.query(text, params as any[]) as any })
        await client.query('COMMIT')
        return out
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true))
        throw error
      } finally {
        client.release(broken)
      }
    },
    close: () => pool.end(),
  }
  await migrate(db)
  return db
}

/** Brings the schema up to date; several servers starting at once take turns (an advisory lock). */
export async function migrate(db: Db): Promise<void> {
  await db.tx(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(727274)')
    await sql.query(
      'CREATE TABLE IF NOT EXISTS samtykke_migrations ' +
        '(version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const done = new Set(
      (await sql.query<{ version: number }>('SELECT version FROM samtykke_migrations')).rows.map((r) => r.version),
    )
    for (const [i, statements] of MIGRATIONS.entries()) {
      if (done.has(i + 1)) continue
      for (const statement of statements) await sql.query(statement)
      await sql.query('INSERT INTO samtykke_migrations (version) VALUES ($1)', [i + 1])
    }
  })
}
