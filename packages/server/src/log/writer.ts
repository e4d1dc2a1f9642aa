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

/**
 * Stores a batch in the caller's transaction: keys first (the unique constraint decides what is new), then the chain
 * links, per site, under that site's head row lock. Returns the keys that were new.
 */
export async function insertBatch(q: Sql, batch: Entry[], position?: JournalPosition): Promise<Set<string>> {
  const seen = new Set<string>()
  const entries = batch.filter((e) => !seen.has(e.key) && seen.add(e.key))
  // Keys first, in sorted order (so two writers that share keys wait for each other without a deadlock), before the
  // chain lock: a batch waiting for that lock has its keys already in.
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : 1))
  const fresh = new Set(
    (
      await q.query<{ key: string }>(
        'INSERT INTO receipt_keys (key, received_at) SELECT * FROM unnest($1::text[], $2::timestamptz[]) ON CONFLICT DO NOTHING RETURNING key',
        [sorted.map((e) => e.key), sorted.map((e) => new Date(e.receivedAt).toISOString())],
      )
    ).rows.map((r) => r.key),
  )
  const sites = [...new Set(entries.filter((e) => fresh.has(e.key)).map((e) => e.site))].sort()
  // One writer per site at a time (also across processes): the head rows, locked in a fixed order.
  await q.query('INSERT INTO chain_heads (site) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [sites])
  const heads = new Map<string, { seq: number; hash: string; receivedAt: number }>()
  for (const h of (await q.query('SELECT site, seq, hash, received_at FROM chain_heads WHERE site = ANY($1::text[]) ORDER BY site FOR UPDATE', [sites])).rows)
    heads.set(h.site, { seq: Number(h.seq), hash: h.hash, receivedAt: new Date(h.received_at).getTime() })
  const news = entries.filter((e) => fresh.has(e.key))
  if (news.length) {
    const previous = new Map<string, Record<string, boolean>>()
    for (const p of (
      await q.query(
        'SELECT DISTINCT ON (site, consent_id) site, consent_id, categories FROM receipts WHERE site = ANY($1::text[]) AND consent_id = ANY($2::text[]) ORDER BY site, consent_id, seq DESC',
        [sites, [...new Set(news.map((e) => e.consentId))]],
      )
    ).rows)
      previous.set(p.site + ' ' + p.consent_id, p.categories)
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
    await q.query(
      `INSERT INTO receipts (site, seq, received_at, consent_id, decided_at, key, revision, how, gpc, categories, event, surface, path, lang, snapshot_hash, ip, browser, prev_hash, hash)
       SELECT site, seq, received_at, consent_id, decided_at, key, revision, how, gpc, categories::jsonb, event, surface, path, lang, snapshot_hash, ip, browser, prev_hash, hash
       FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
         AS v(site, seq, received_at, consent_id, decided_at, key, revision, how, gpc, categories, event, surface, path, lang, snapshot_hash, ip, browser, prev_hash, hash)`,
      [
        col('site'), col('seq'), iso('receivedAt'), col('consentId'), iso('decidedAt'), col('key'), col('revision'), col('how'), col('gpc'),
        links.map((l) => JSON.stringify(l.categories)), col('event'), col('surface'), col('path'), col('lang'), col('snapshotHash'), col('ip'), col('browser'),
        col('prevHash'), col('hash'),
      ],
    )
    const changed = sites.filter((s) => news.some((e) => e.site == s))
    await q.query(
      'UPDATE chain_heads SET seq = v.seq, hash = v.hash, received_at = v.r FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[]) AS v(site, seq, hash, r) WHERE chain_heads.site = v.site',
      [changed, changed.map((s) => heads.get(s)!.seq), changed.map((s) => heads.get(s)!.hash), changed.map((s) => new Date(heads.get(s)!.receivedAt).toISOString())],
    )
  }
  if (position)
    await q.query('INSERT INTO journal_state (id, segment, pos) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET segment = $1, pos = $2', [position.segment, position.pos])
  return fresh
}

/** The log's write side: `add` resolves once the receipt is committed (`stored`), or was already (`duplicate`). */
export class ReceiptWriter {
  private waiting: Waiting[] = []
  private timer?: NodeJS.Timeout
  private flushing = new Set<Promise<void>>()
  private partitions = new Set<string>()
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
    this.concurrency = options.journal ? 1 : (options.concurrency ?? (db.kind == 'postgres' ? 2 : 1))
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
      const fresh = await this.db.tx((q) => insertBatch(q, entries, position))
      this.acknowledged += batch.length
      // Several copies of one receipt in one batch: the first is the one stored, the others are its duplicates.
      for (const w of batch) w.done(fresh.delete(w.entry.key) ? 'stored' : 'duplicate')
    } catch (e) {
      this.partitions.clear()
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
    replayed += (await db.tx((q) => insertBatch(q, b.entries, b))).size
  }
  return replayed
}
