// The writer's promise for a batch: one receipt the database will not take costs no other receipt its place.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPglite, openPostgres, type Db } from '../db'
import { backends, type Backend } from '../../test/helpers'
import type { Entry } from './entry'
import { Journal } from './journal'
import { replayJournal } from './replay'
import { verifyChain } from './verify'
import { ReceiptWriter } from './writer'

const SITE = 'http://localhost:8080'

const entry = (over: Partial<Entry> = {}): Entry => {
  const consentId = randomBytes(16).toString('hex')
  const decidedAt = Date.now() - 1000
  return {
    key: `${consentId}@${new Date(decidedAt).toISOString()}`,
    site: SITE,
    consentId,
    decidedAt,
    receivedAt: Date.now(),
    revision: '2026-11-25',
    how: 'all',
    gpc: false,
    categories: { necessary: true, analytics: true },
    surface: null,
    path: '/',
    lang: null,
    snapshotHash: null,
    ip: null,
    browser: null,
    ...over,
  }
}

/** Opens the back end's store; with PGlite, also its journal, replayed as the server does at start. */
async function open(b: Backend): Promise<{ db: Db; journal?: Journal<Entry> }> {
  if (b.name == 'Postgres') return { db: await openPostgres(b.databaseUrl) }
  const db = await openPglite(join(b.dataDir, 'pgdata'))
  const journal = new Journal<Entry>(join(b.dataDir, 'journal'), () => {})
  await replayJournal(db, journal)
  return { db, journal }
}

describe.each(backends)('a batch with a receipt the database will not take (%s)', (_name, make) => {
  it(
    'stores and answers the 300 others, answers the bad ones alone with the reason, and the chain holds after a ' +
      'restart',
    { timeout: 90_000 },
    async () => {
      const b = await make()
      let { db, journal } = await open(b)
      const writer = new ReceiptWriter(db, { journal, windowMs: 50 })
      const honest = Array.from({ length: 300 }, () => entry())
      // A NUL byte (Postgres refuses it in text), and a key too large for its index: a refusal no check foresaw.
      const nul = entry({ revision: '2026\u000011' })
      const huge = entry({ key: randomBytes(8000).toString('hex') })
      // A lone surrogate: stored as U+FFFD, so the row would not match the hash the writer computed.
      const lone = entry({ revision: 'x\ud800' })
      const all = [...honest.slice(0, 150), nul, huge, lone, ...honest.slice(150)]
      const answers = await Promise.allSettled(all.map((e) => writer.add(e)))
      const reason = (e: Entry) => {
        const a = answers[all.indexOf(e)]
        return a.status == 'rejected' ? String((a.reason as Error).message) : a.value
      }
      expect(honest.map(reason).filter((a) => a != 'stored')).toEqual([])
      expect(reason(nul)).toBe('revision: contains a control character (U+0000 at 4)')
      expect(reason(lone)).toBe('revision: contains a lone UTF-16 surrogate (U+D800 at 1), which is not text')
      expect(reason(huge)).toMatch(/^the database refused it: .*index row.* \(SQLSTATE 54000\)$/)
      await writer.drain()
      await journal?.close()
      await db.close()
      ;({ db, journal } = await open(b))
      const keys = (await db.query<{ key: string }>('SELECT key FROM receipts')).rows.map((r) => r.key)
      expect(new Set(keys)).toEqual(new Set(honest.map((e) => e.key)))
      expect((await verifyChain(db)).map((r) => [r.receipts, r.breaks])).toEqual([[300, []]])
      await journal?.close()
      await db.close()
    },
  )
})
