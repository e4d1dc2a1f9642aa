// The one table of the receipts columns against the table the migrations make.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPglite } from '../db'
import { freshDataDir } from '../../test/helpers'
import { RECEIPT_COLUMNS } from './columns'

const PG_TYPE = {
  text: 'text',
  bigint: 'bigint',
  timestamptz: 'timestamp with time zone',
  boolean: 'boolean',
  jsonb: 'jsonb',
}

describe('the receipts columns', () => {
  it('are the migrated receipts table, in its order and with its types', async () => {
    const dir = freshDataDir()
    const db = await openPglite(join(dir, 'pgdata'))
    try {
      const table = await db.query(
        'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ' +
          "'receipts' ORDER BY ordinal_position",
      )
      expect(table.rows).toEqual(RECEIPT_COLUMNS.map((c) => ({ name: c.name, type: PG_TYPE[c.type] })))
    } finally {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
