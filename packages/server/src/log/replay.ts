// PGlite mode, at start (and before `verify`): whatever the journal holds and the database lacks goes in. An entry
// that can never be stored (a NUL byte an older version let through, a time out of range) is set aside with the
// reason, and the replay goes on: one bad receipt must not keep the log from starting.
import type { Db } from '../db'
import { entryProblem, isDataError, refusal, type Entry } from './entry'
import type { Journal, JournalBatch } from './journal'
import { ensurePartitions, insertBatch, setJournalState } from './writer'

/** Replays what the database lacks; returns how many receipts it stored. */
export async function replayJournal(db: Db, journal: Journal<Entry>): Promise<number> {
  const state = (
    await db.query<{ segment: string; pos: string }>('SELECT segment, pos FROM journal_state WHERE id = 1')
  ).rows[0]
  const partitions = new Set<string>()
  let replayed = 0
  for (const batch of journal.unapplied(state && { segment: state.segment, pos: Number(state.pos) })) {
    const entries: Entry[] = []
    for (const entry of batch.entries) {
      const problem = entryProblem(entry)
      if (problem) journal.setAside(entry, problem, batch)
      else entries.push(entry)
    }
    await ensurePartitions(
      db,
      entries.map((e) => e.receivedAt),
      partitions,
    )
    try {
      replayed += (await db.tx((q) => insertBatch(q, entries, batch))).fresh.size
    } catch (error) {
      if (!isDataError(error)) throw error
      replayed += await oneByOne(db, journal, entries, batch)
    }
  }
  return replayed
}

/** A journal line the database refused for one of its entries: each alone, the refused ones set aside. */
async function oneByOne(
  db: Db,
  journal: Journal<Entry>,
  entries: Entry[],
  batch: JournalBatch<Entry>,
): Promise<number> {
  let stored = 0
  for (const entry of entries) {
    try {
      stored += (await db.tx((q) => insertBatch(q, [entry]))).fresh.size
    } catch (error) {
      if (!isDataError(error)) throw error
      journal.setAside(entry, refusal(error), batch)
    }
  }
  await db.query(setJournalState('$1', '$2'), [batch.segment, batch.pos])
  return stored
}
