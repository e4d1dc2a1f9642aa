// Group commit: receipts wait a few milliseconds, then one transaction stores them all, and only after it commits
// (and, with PGlite, after the journal is on disk) is each request answered.
import type { Db, Sql } from '../db'
import { partitionDdl } from '../db/schema'
import { eventOf, linkHash, type Link } from './chain'
import type { Journal, JournalPosition } from './journal'

/** A checked receipt with what the server adds: plain data, as the journal keeps it. */
export interface Entry {
  key: string
  site: string
  consentId: string
  decidedAt: number
  receivedAt: number
  revision: string
  how: string
  gpc: boolean
  categories: Record<string, boolean>
  surface: string | null
  path: string
  lang: string | null
  snapshotHash: string | null
  ip: string | null
  browser: string | null
}

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
  /** Transactions in flight at once (a Postgres server: default 2; they queue for each site's chain lock). PGlite: 1. */
  concurrency?: number
}

export class BusyError extends Error {}

const monthOf = (t: number) => {
  const d = new Date(t)
  return [d.getUTCFullYear(), d.getUTCMonth()] as const
}

/** Makes sure the month partitions for these times exist (several servers may race: a loser finds it there). */
export async function ensurePartitions(db: Sql, times: number[], known: Set<string>): Promise<void> {
  for (const t of times) {
    const [y, m] = monthOf(t)
    const k = `${y}-${m}`
    if (known.has(k)) continue
    try {
      await db.query(partitionDdl(y, m))
    } catch (e) {
      // Two servers creating the same partition at once: the other one won; fine if it is there now.
      const there = await db.query(`SELECT 1 FROM pg_class WHERE relname = $1`, [`receipts_${y}_${String(m + 1).padStart(2, '0')}`])
      if (!there.rows.length) throw e
    }
    known.add(k)
  }
}

export interface Head {
  seq: number
  hash: string
  receivedAt: number
}

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
  q: Sql,
  batch: Entry[],
  position?: JournalPosition,
  known?: Map<string, Head>,
): Promise<{ fresh: Set<string>; heads: Map<string, Head> }> {
  const seen = new Set<string>()
  const entries = batch.filter((e) => !seen.has(e.key) && seen.add(e.key))
  // Keys in sorted order, so two writers that share keys wait for each other without a deadlock.
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : 1))
  const allSites = [...new Set(entries.map((e) => e.site))].sort()
  const rows = (
    await q.query(
      `WITH k AS (
         INSERT INTO receipt_keys (key, received_at) SELECT * FROM unnest($1::text[], $2::timestamptz[]) ON CONFLICT DO NOTHING RETURNING key
       )
       SELECT key, NULL::text AS site, NULL::text AS consent_id, NULL::jsonb AS categories FROM k
       UNION ALL
       SELECT * FROM (
         SELECT DISTINCT ON (site, consent_id) NULL::text, site, consent_id, categories FROM receipts
         WHERE site = ANY($3::text[]) AND consent_id = ANY($4::text[]) ORDER BY site, consent_id, seq DESC
       ) p`,
      [sorted.map((e) => e.key), sorted.map((e) => new Date(e.receivedAt).toISOString()), allSites, [...new Set(entries.map((e) => e.consentId))]],
    )
  ).rows
  const fresh = new Set<string>(rows.filter((r) => r.key !== null).map((r) => r.key))
  const previous = new Map<string, Record<string, boolean>>(rows.filter((r) => r.key === null).map((r) => [r.site + ' ' + r.consent_id, r.categories]))
  const news = entries.filter((e) => fresh.has(e.key))
  const sites = [...new Set(news.map((e) => e.site))].sort()
  const heads = new Map<string, Head>()
  for (const s of sites) if (known?.has(s)) heads.set(s, known.get(s)!)
  const unknown = sites.filter((s) => !heads.has(s))
  if (unknown.length) {
    // One writer per site at a time (also across processes): the head rows, locked in a fixed order.
    await q.query('INSERT INTO chain_heads (site) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [unknown])
    for (const h of (await q.query('SELECT site, seq, hash, received_at FROM chain_heads WHERE site = ANY($1::text[]) ORDER BY site FOR UPDATE', [unknown])).rows)
      heads.set(h.site, { seq: Number(h.seq), hash: h.hash, receivedAt: new Date(h.received_at).getTime() })
  }
  const before = new Map(heads)
  const links: (Link & { hash: string })[] = news.map((e) => {
    const head = heads.get(e.site)!
    const k = e.site + ' ' + e.consentId
    const link: Link = {
      site: e.site, seq: head.seq + 1, receivedAt: Math.max(e.receivedAt, head.receivedAt), consentId: e.consentId, decidedAt: e.decidedAt, key: e.key,
      revision: e.revision, how: e.how, gpc: e.gpc, categories: e.categories, event: eventOf(previous.get(k), e.categories), surface: e.surface, path: e.path,
      lang: e.lang, snapshotHash: e.snapshotHash, ip: e.ip, browser: e.browser, prevHash: head.hash,
    }
    previous.set(k, e.categories)
    const hash = linkHash(link)
    heads.set(e.site, { seq: link.seq, hash, receivedAt: link.receivedAt })
    return { ...link, hash }
  })
  const col = <K extends keyof (Link & { hash: string })>(k: K) => links.map((l) => l[k])
  const iso = (k: 'receivedAt' | 'decidedAt') => links.map((l) => new Date(l[k]).toISOString())
  const journal = position
    ? `, j AS (INSERT INTO journal_state (id, segment, pos) VALUES (1, $26, $27) ON CONFLICT (id) DO UPDATE SET segment = $26, pos = $27)`
    : ''
  const moved = (
    await q.query(
      `WITH h AS (
         UPDATE chain_heads SET seq = v.seq, hash = v.hash, received_at = v.r
         FROM unnest($20::text[], $21::bigint[], $22::text[], $23::timestamptz[], $24::bigint[], $25::text[]) AS v(site, seq, hash, r, old_seq, old_hash)
         WHERE chain_heads.site = v.site AND chain_heads.seq = v.old_seq AND chain_heads.hash = v.old_hash
         RETURNING chain_heads.site
       ), ins AS (
         INSERT INTO receipts (site, seq, received_at, consent_id, decided_at, key, revision, how, gpc, categories, event, surface, path, lang, snapshot_hash, ip, browser, prev_hash, hash)
         SELECT site, seq, received_at, consent_id, decided_at, key, revision, how, gpc, categories::jsonb, event, surface, path, lang, snapshot_hash, ip, browser, prev_hash, hash
         FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
           AS v(site, seq, received_at, consent_id, decided_at, key, revision, how, gpc, categories, event, surface, path, lang, snapshot_hash, ip, browser, prev_hash, hash)
       )${journal}
       SELECT count(*)::int AS n FROM h`,
      [
        col('site'), col('seq'), iso('receivedAt'), col('consentId'), iso('decidedAt'), col('key'), col('revision'), col('how'), col('gpc'),
        links.map((l) => JSON.stringify(l.categories)), col('event'), col('surface'), col('path'), col('lang'), col('snapshotHash'), col('ip'), col('browser'),
        col('prevHash'), col('hash'),
        sites, sites.map((s) => heads.get(s)!.seq), sites.map((s) => heads.get(s)!.hash), sites.map((s) => new Date(heads.get(s)!.receivedAt).toISOString()),
        sites.map((s) => before.get(s)!.seq), sites.map((s) => before.get(s)!.hash),
        ...(position ? [position.segment, position.pos] : []),
      ],
    )
  ).rows[0].n
  if (moved != sites.length) throw new StaleHead()
  return { fresh, heads }
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
    const f: Promise<void> = this.flush().finally(() => {
      this.flushing.delete(f)
      if (this.waiting.length) this.kick(this.waiting.length >= this.maxBatch ? 0 : this.windowMs)
    })
    this.flushing.add(f)
    // More waiting than one batch takes: start the next one now, up to the concurrency.
    if (this.waiting.length >= this.maxBatch) this.kick(0)
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0, this.maxBatch)
    if (!batch.length) return
    try {
      const entries = batch.map((w) => w.entry)
      await ensurePartitions(this.db, [Date.now(), ...entries.map((e) => e.receivedAt)], this.partitions)
      const position = this.options.journal ? await this.options.journal.append(entries) : undefined
      let result
      for (let attempt = 0; ; attempt++) {
        try {
          result = await this.db.tx((q) => insertBatch(q, entries, position, this.heads))
          break
        } catch (e) {
          if (!(e instanceof StaleHead) || attempt >= 5) throw e
          // Another server moved a chain on: read the heads afresh (and lock them) on the next try.
          this.heads.clear()
        }
      }
      for (const [site, head] of result.heads) this.heads.set(site, head)
      const fresh = result.fresh
      this.acknowledged += batch.length
      // Several copies of one receipt in one batch: the first is the one stored, the others are its duplicates.
      for (const w of batch) w.done(fresh.delete(w.entry.key) ? 'stored' : 'duplicate')
    } catch (e) {
      this.partitions.clear()
      this.heads.clear()
      for (const w of batch) w.fail(e)
    }
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

/** Replays into the database what the journal holds and the database lacks (PGlite mode, at start). */
export async function replayJournal(db: Db, journal: Journal<Entry>): Promise<number> {
  const state = (await db.query<{ segment: string; pos: string }>('SELECT segment, pos FROM journal_state WHERE id = 1')).rows[0]
  const partitions = new Set<string>()
  let replayed = 0
  for (const b of journal.unapplied(state && { segment: state.segment, pos: Number(state.pos) })) {
    await ensurePartitions(db, b.entries.map((e) => e.receivedAt), partitions)
    replayed += (await db.tx((q) => insertBatch(q, b.entries, b))).fresh.size
  }
  return replayed
}
