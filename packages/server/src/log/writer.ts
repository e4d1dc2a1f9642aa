// Group commit: receipts wait a few milliseconds, then one transaction stores them all, and only after it commits
// (and, with PGlite, after the journal is on disk) is each request answered.
import type { Db, Sql } from '../db'
import { partitionDdl } from '../db/schema'
import { eventOf, linkHash, type Link } from './chain'
import { insertParams, insertReceipts, RECEIPT_COLUMNS, type StoredLink } from './columns'
import { entryProblem, isDataError, refusal, UnstorableEntry, type Entry } from './entry'
import type { Journal, JournalPosition } from './journal'

export type Stored = 'stored' | 'duplicate'

interface Waiting {
  entry: Entry
  done: (r: Stored) => void
  fail: (e: unknown) => void
}

export interface WriterOptions {
  /** How long a receipt waits for others to share its transaction. Default 5 ms. */
  windowMs?: number
  /** At most this many receipts per transaction. Default 1000. */
  maxBatch?: number
  /** Refuse (503) beyond this many waiting receipts rather than run out of memory. Default 20 000. */
  maxWaiting?: number
  journal?: Journal<Entry>
  /**
   * Transactions in flight at once (a Postgres server: default 2; they queue for each site's chain lock). PGlite: 1.
   */
  concurrency?: number
}

export class BusyError extends Error {}

const monthOf = (time: number) => {
  const date = new Date(time)
  return [date.getUTCFullYear(), date.getUTCMonth()] as const
}

/** Makes sure the month partitions for these times exist (several servers may race: a loser finds it there). */
export async function ensurePartitions(db: Sql, times: number[], known: Set<string>): Promise<void> {
  for (const time of times) {
    const [year, month] = monthOf(time)
    const key = `${year}-${month}`
    if (known.has(key)) continue
    try {
      await db.query(partitionDdl(year, month))
    } catch (error) {
      // Two servers creating the same partition at once: the other one won; fine if it is there now.
      const there = await db.query(`SELECT 1 FROM pg_class WHERE relname = $1`, [
        `receipts_${year}_${String(month + 1).padStart(2, '0')}`,
      ])
      if (!there.rows.length) throw error
    }
    known.add(key)
  }
}

export interface Head {
  seq: number
  hash: string
  receivedAt: number
}

/** How far the journal has been applied (PGlite mode), with the placeholders given (never input). */
export const setJournalState = (segment: string, pos: string) =>
  `INSERT INTO journal_state (id, segment, pos) VALUES (1, ${segment}, ${pos})
     ON CONFLICT (id) DO UPDATE SET segment = ${segment}, pos = ${pos}`

/** Another writer (another process) moved a site's chain on since this one last saw it: roll back, read, retry. */
export class StaleHead extends Error {}

/**
 * Stores a batch in the caller's transaction, in few round trips: (1) the keys (the unique constraint decides what is
 * new) together with each consent ID's previous choice; (2) with `heads` known from this process's last commit,
 * nothing, else the site's head rows, locked; (3) the rows and the new heads in one statement, which moves a head only
 * from the link it was computed on. Throws StaleHead when another writer got there first. Returns the new keys and
 * the heads after the batch (for the caller to keep once the transaction commits).
 */
export async function insertBatch(
  sql: Sql,
  batch: Entry[],
  position?: JournalPosition,
  known?: Map<string, Head>,
): Promise<{ fresh: Set<string>; heads: Map<string, Head> }> {
  const seen = new Set<string>()
  const entries = batch.filter((entry) => !seen.has(entry.key) && seen.add(entry.key))
  const { fresh, previous } = await claimKeys(sql, entries)
  const news = entries.filter((entry) => fresh.has(entry.key))
  const sites = [...new Set(news.map((entry) => entry.site))].sort()
  const heads = await lockHeads(sql, sites, known)
  const before = new Map(heads)
  const links = chain(news, heads, previous)
  const moved = await storeLinks(sql, links, sites, { before, after: heads }, position)
  if (moved != sites.length) throw new StaleHead()
  return { fresh, heads }
}

/**
 * (1) The keys of `entries` that are new (inserted now), and each consent ID's previous choice, by `site consentId`.
 */
async function claimKeys(sql: Sql, entries: Entry[]) {
  // Keys in sorted order, so two writers that share keys wait for each other without a deadlock.
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : 1))
  const sites = [...new Set(entries.map((entry) => entry.site))].sort()
  const consentIds = [...new Set(entries.map((entry) => entry.consentId))]
  const rows = (
    await sql.query(
      `WITH k AS (
         INSERT INTO receipt_keys (key, received_at) SELECT * FROM unnest($1::text[], $2::timestamptz[])
         ON CONFLICT DO NOTHING RETURNING key
       )
       SELECT key, NULL::text AS site, NULL::text AS consent_id, NULL::jsonb AS categories FROM k
       UNION ALL
       SELECT * FROM (
         SELECT DISTINCT ON (site, consent_id) NULL::text, site, consent_id, categories FROM receipts
         WHERE site = ANY($3::text[]) AND consent_id = ANY($4::text[]) ORDER BY site, consent_id, seq DESC
       ) p`,
      [
        sorted.map((entry) => entry.key),
        sorted.map((entry) => new Date(entry.receivedAt).toISOString()),
        sites,
        consentIds,
      ],
    )
  ).rows
  const fresh = new Set<string>(rows.filter((row) => row.key !== null).map((row) => row.key))
  const previous = new Map<string, Record<string, boolean>>(
    rows.filter((row) => row.key === null).map((row) => [row.site + ' ' + row.consent_id, row.categories]),
  )
  return { fresh, previous }
}

/** (2) Each site's chain head: as this process last committed it (`known`), else read and locked. */
async function lockHeads(sql: Sql, sites: string[], known?: Map<string, Head>): Promise<Map<string, Head>> {
  const heads = new Map<string, Head>()
  for (const site of sites) if (known?.has(site)) heads.set(site, known.get(site)!)
  const unknown = sites.filter((site) => !heads.has(site))
  if (!unknown.length) return heads
  // One writer per site at a time (also across processes): the head rows, locked in a fixed order.
  await sql.query('INSERT INTO chain_heads (site) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [unknown])
  const locked = await sql.query(
    'SELECT site, seq, hash, received_at FROM chain_heads WHERE site = ANY($1::text[]) ORDER BY site FOR UPDATE',
    [unknown],
  )
  for (const row of locked.rows)
    heads.set(row.site, { seq: Number(row.seq), hash: row.hash, receivedAt: new Date(row.received_at).getTime() })
  return heads
}

/** The new entries as links of their sites' chains, each on the head before it; `heads` and `previous` move on. */
function chain(news: Entry[], heads: Map<string, Head>, previous: Map<string, Record<string, boolean>>): StoredLink[] {
  return news.map((entry) => {
    const head = heads.get(entry.site)!
    const choiceKey = entry.site + ' ' + entry.consentId
    const link: Link = {
      site: entry.site,
      seq: head.seq + 1,
      receivedAt: Math.max(entry.receivedAt, head.receivedAt),
      consentId: entry.consentId,
      decidedAt: entry.decidedAt,
      key: entry.key,
      revision: entry.revision,
      how: entry.how,
      gpc: entry.gpc,
      categories: entry.categories,
      event: eventOf(previous.get(choiceKey), entry.categories),
      surface: entry.surface,
      path: entry.path,
      lang: entry.lang,
      snapshotHash: entry.snapshotHash,
      ip: entry.ip,
      browser: entry.browser,
      prevHash: head.hash,
    }
    previous.set(choiceKey, entry.categories)
    const hash = linkHash(link)
    heads.set(entry.site, { seq: link.seq, hash, receivedAt: link.receivedAt })
    return { ...link, hash }
  })
}

/**
 * (3) The links and the sites' new heads in one statement (and the journal's position with them): each head moves
 * only from the link it was computed on. Returns how many heads moved.
 */
async function storeLinks(
  sql: Sql,
  links: StoredLink[],
  sites: string[],
  heads: { before: Map<string, Head>; after: Map<string, Head> },
  position?: JournalPosition,
): Promise<number> {
  const { before, after } = heads
  // Stored in the same transaction as the rows the position covers.
  const journal = position
    ? `, j AS (${setJournalState(`$${7 + RECEIPT_COLUMNS.length}`, `$${8 + RECEIPT_COLUMNS.length}`)})`
    : ''
  const result = await sql.query(
    `WITH h AS (
       UPDATE chain_heads SET seq = v.seq, hash = v.hash, received_at = v.r
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::bigint[], $6::text[])
         AS v(site, seq, hash, r, old_seq, old_hash)
       WHERE chain_heads.site = v.site AND chain_heads.seq = v.old_seq AND chain_heads.hash = v.old_hash
       RETURNING chain_heads.site
     ), ins AS (
       ${insertReceipts(7)}
     )${journal}
     SELECT count(*)::int AS n FROM h`,
    [
      sites,
      sites.map((site) => after.get(site)!.seq),
      sites.map((site) => after.get(site)!.hash),
      sites.map((site) => new Date(after.get(site)!.receivedAt).toISOString()),
      sites.map((site) => before.get(site)!.seq),
      sites.map((site) => before.get(site)!.hash),
      ...insertParams(links),
      ...(position ? [position.segment, position.pos] : []),
    ],
  )
  return result.rows[0].n
}

/** The log's write side: `add` resolves once the receipt is committed (`stored`), or was already (`duplicate`). */
export class ReceiptWriter {
  private waiting: Waiting[] = []
  private timer?: NodeJS.Timeout
  private flushing = new Set<Promise<void>>()
  private partitions = new Set<string>()
  /** Each site's chain head as this process last committed it: saves reading (and locking) it per batch. */
  private heads = new Map<string, Head>()
  private readonly windowMs: number
  private readonly maxBatch: number
  private readonly maxWaiting: number
  private readonly concurrency: number
  /** Receipts acknowledged as stored or duplicate since start (the benchmark compares this with the rows). */
  acknowledged = 0

  constructor(
    private readonly db: Db,
    private readonly options: WriterOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 5
    this.maxBatch = options.maxBatch ?? 1000
    this.maxWaiting = options.maxWaiting ?? 20_000
    // The journal's position must follow the database's order: one batch at a time with PGlite.
    this.concurrency = options.journal ? 1 : (options.concurrency ?? 1)
  }

  get pending(): number {
    return this.waiting.length
  }

  add(entry: Entry): Promise<Stored> {
    const problem = entryProblem(entry)
    if (problem) return Promise.reject(new UnstorableEntry(problem))
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new BusyError())
    return new Promise((done, fail) => {
      this.waiting.push({ entry, done, fail })
      if (this.waiting.length >= this.maxBatch) this.kick(0)
      else this.kick(this.windowMs)
    })
  }

  private kick(delay: number) {
    if (this.flushing.size >= this.concurrency) return // a flush that ends picks the rest up
    if (this.timer && delay) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.start(), delay)
  }

  private start() {
    this.timer = undefined
    const flushed: Promise<void> = this.flush().finally(() => {
      this.flushing.delete(flushed)
      if (this.waiting.length) this.kick(this.waiting.length >= this.maxBatch ? 0 : this.windowMs)
    })
    this.flushing.add(flushed)
    // More waiting than one batch takes: start the next one now, up to the concurrency.
    if (this.waiting.length >= this.maxBatch) this.kick(0)
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0, this.maxBatch)
    if (!batch.length) return
    const entries = batch.map((w) => w.entry)
    let position: JournalPosition | undefined
    try {
      await ensurePartitions(this.db, [Date.now(), ...entries.map((e) => e.receivedAt)], this.partitions)
      position = await this.options.journal?.append(entries)
    } catch (error) {
      return this.failAll(batch, error)
    }
    try {
      this.answer(batch, await this.commit(entries, position))
    } catch (error) {
      this.forget()
      // One receipt the database will not take must not cost the others theirs.
      if (batch.length > 1 && isDataError(error)) await this.oneByOne(batch, position)
      else this.failAll(batch, error)
    }
  }

  /** Stores entries in one transaction, retrying when another server moved a chain on; returns the new keys. */
  private async commit(entries: Entry[], position: JournalPosition | undefined): Promise<Set<string>> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.db.tx((q) => insertBatch(q, entries, position, this.heads))
        for (const [site, head] of result.heads) this.heads.set(site, head)
        return result.fresh
      } catch (error) {
        if (!(error instanceof StaleHead) || attempt >= 5) throw error
        // Another server moved a chain on: read the heads afresh (and lock them) on the next try.
        this.heads.clear()
      }
    }
  }

  /** Each receipt of a batch the database refused for one of them, alone: the others are stored and answered. */
  private async oneByOne(batch: Waiting[], position: JournalPosition | undefined): Promise<void> {
    for (const receipt of batch) {
      try {
        this.answer([receipt], await this.commit([receipt.entry], undefined))
      } catch (error) {
        this.forget()
        receipt.fail(isDataError(error) ? new UnstorableEntry(refusal(error)) : error)
      }
    }
    // The journal's line is dealt with; if this fails, the replay at the next start finds the stored ones there and
    // sets the refused one aside.
    if (position) await this.db.query(setJournalState('$1', '$2'), [position.segment, position.pos]).catch(() => {})
  }

  private answer(batch: Waiting[], fresh: Set<string>) {
    this.acknowledged += batch.length
    // Several copies of one receipt in one batch: the first is the one stored, the others are its duplicates.
    for (const receipt of batch) receipt.done(fresh.delete(receipt.entry.key) ? 'stored' : 'duplicate')
  }

  private failAll(batch: Waiting[], error: unknown) {
    this.forget()
    for (const receipt of batch) receipt.fail(error)
  }

  /** After a failed transaction, what this process believed about partitions and chain heads may be wrong. */
  private forget() {
    this.partitions.clear()
    this.heads.clear()
  }

  /** Waits for every receipt already handed in. */
  async drain(): Promise<void> {
    while (this.waiting.length || this.flushing.size || this.timer) {
      if (this.timer && this.flushing.size < this.concurrency) {
        clearTimeout(this.timer)
        this.start()
      }
      await Promise.race([...this.flushing, new Promise((r) => setTimeout(r, 5))])
    }
  }
}
