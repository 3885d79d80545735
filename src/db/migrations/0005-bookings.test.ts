import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { createDb } from '../db.ts'
import { migrations } from './index.ts'

test('migration 0005 turns the areas the register recorded into bookings, then drops the column', async () => {
  const handle = await createDb({})
  try {
    const upTo = migrations.findIndex((m) => m.name === '0005-bookings')
    assert.ok(upTo > 0)
    for (const migration of migrations.slice(0, upTo)) await handle.runScript(migration.script)
    await handle.runScript(/* sql */ `
      INSERT INTO organisation (id, ref, name, legal_form) VALUES
        ('00000000-0000-4000-8000-000000000001', 'O-1', 'Bleibt e.V.', 'ev'),
        ('00000000-0000-4000-8000-000000000002', 'O-2', 'Geht gGmbH', 'ggmbh');
      INSERT INTO person (id, given_name, family_name) VALUES ('00000000-0000-4000-8000-000000000003', 'Erika', 'Förder');
      INSERT INTO member (number, member_type, organisation_id, joined_on, primary_areas, created_at) VALUES
        ('M-00001', 'organisation', '00000000-0000-4000-8000-000000000001', '2025-02-01',
         '{it_helpdesk,digital_infrastructure}', '2025-02-03T09:00:00Z');
      INSERT INTO member (number, member_type, organisation_id, joined_on, primary_areas, created_at, exit_on, exit_reason)
        VALUES ('M-00002', 'organisation', '00000000-0000-4000-8000-000000000002', '2026-01-15',
         '{managed_workplace}', '2026-01-16T09:00:00Z', '2026-12-31', 'termination');
      INSERT INTO member (number, member_type, person_id, joined_on, created_at)
        VALUES ('M-00003', 'supporting', '00000000-0000-4000-8000-000000000003', '2025-06-15', now());
    `)
    await handle.runScript(migrations[upTo]!.script)
    const { rows } = await sql<{
      ref: string
      area: string
      status: string
      source: string
      starts_on: string
      ends_on: string | null
      number: string
    }>`SELECT b.ref, a.key AS area, b.status, b.source, b.starts_on, b.ends_on, m.number
       FROM booking b JOIN service_area a ON a.id = b.area_id JOIN member m ON m.id = b.member_id
       ORDER BY b.ref`.execute(handle.db)
    assert.deepEqual(
      rows.map((r) => [r.ref, r.number, r.area, r.status, r.source, r.starts_on, r.ends_on]),
      [
        // in the order of joining, the areas in the catalog's order
        ['BU-2025-00001', 'M-00001', 'digital_infrastructure', 'confirmed', 'register', '2025-02-01', null],
        ['BU-2025-00002', 'M-00001', 'it_helpdesk', 'confirmed', 'register', '2025-02-01', null],
        ['BU-2026-00003', 'M-00002', 'managed_workplace', 'cancelled', 'register', '2026-01-15', '2026-12-31'],
      ],
    )
    const booked = await sql<{ a: string[]; b: string[]; c: string[] }>`SELECT
        booked_primary_areas('00000000-0000-4000-8000-000000000001', '2026-03-10') AS a,
        booked_primary_areas('00000000-0000-4000-8000-000000000002', '2026-12-31') AS b,
        booked_primary_areas('00000000-0000-4000-8000-000000000002', '2027-01-01') AS c`.execute(handle.db)
    assert.deepEqual(booked.rows[0], { a: ['digital_infrastructure', 'it_helpdesk'], b: ['managed_workplace'], c: [] })
    const column = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns
       WHERE table_name = 'member' AND column_name = 'primary_areas'`.execute(handle.db)
    assert.equal(column.rows[0]?.n, 0)
  } finally {
    await handle.close()
  }
})
