// The types of pg-cluster.mjs, a plain script shared by the consent log's tests (packages/server/test/setup.ts)
// and the benchmark (bench/log.mjs), so that TypeScript callers import it checked instead of under @ts-expect-error.

/**
 * The folder holding initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<major>/bin; undefined if none.
 */
export function findPgBin(): string | undefined

/** A running throw-away cluster. */
export interface Cluster {
  /** A postgres:// URL for the superuser `postgres` (trust auth on 127.0.0.1 only). */
  url: string
  port: number
  /** The temporary folder holding its data and socket; removed by `stop()`. */
  dir: string
  /** Stops the server (fast) and removes its folder. */
  stop(): Promise<void>
}

/**
 * Starts a fresh cluster on a free port. Also stops it when the process exits, so an interrupted run leaves nothing
 * behind. `log`: say on stderr where it runs.
 */
export function startCluster(options?: { log?: boolean }): Promise<Cluster>
