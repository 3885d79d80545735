import assert from 'node:assert/strict'
import { test } from 'node:test'
import { todayIn } from './dates.ts'
import { formatDate } from './i18n.ts'

test('formatDate shows German and English dates without moving the day', () => {
  assert.equal(formatDate('2026-12-31', 'de'), '31.12.2026')
  assert.equal(formatDate('2026-12-31', 'en'), '31 Dec 2026')
  assert.equal(formatDate('2026-03-01', 'de'), '01.03.2026')
  assert.equal(formatDate('2026-03-01', 'en'), '1 Mar 2026')
  assert.equal(formatDate(null, 'de'), '—')
})

test('formatDate refuses what is not a calendar date', () => {
  for (const value of ['2026-13-01', '2026-00-10', '2026-01-32', '31.12.2026', '2026-12-31T00:00:00Z', '']) {
    assert.throws(() => formatDate(value, 'de'), RangeError, value)
  }
})

test('todayIn is the German calendar day, in winter and in summer time', () => {
  assert.equal(todayIn(new Date('2026-12-31T22:59:59Z')), '2026-12-31')
  assert.equal(todayIn(new Date('2026-12-31T23:00:00Z')), '2027-01-01')
  assert.equal(todayIn(new Date('2026-06-30T21:59:59Z')), '2026-06-30')
  assert.equal(todayIn(new Date('2026-06-30T22:00:00Z')), '2026-07-01')
})
