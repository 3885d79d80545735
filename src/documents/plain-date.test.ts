import assert from 'node:assert/strict'
import { test } from 'node:test'
import { berlinDate, formatPlainDate } from './plain-date.ts'

test('formatPlainDate shows German and English dates without moving the day', () => {
  assert.equal(formatPlainDate('2026-12-31', 'de'), '31.12.2026')
  assert.equal(formatPlainDate('2026-12-31', 'en'), '31 Dec 2026')
  assert.equal(formatPlainDate('2026-03-01', 'de'), '01.03.2026')
  assert.equal(formatPlainDate('2026-03-01', 'en'), '1 Mar 2026')
})

test('formatPlainDate refuses what is not a calendar date', () => {
  for (const value of ['2026-13-01', '2026-00-10', '2026-01-32', '31.12.2026', '2026-12-31T00:00:00Z', '']) {
    assert.throws(() => formatPlainDate(value, 'de'), RangeError, value)
  }
})

test('berlinDate is the German calendar day, in winter and in summer time', () => {
  assert.equal(berlinDate(new Date('2026-12-31T22:59:59Z')), '2026-12-31')
  assert.equal(berlinDate(new Date('2026-12-31T23:00:00Z')), '2027-01-01')
  assert.equal(berlinDate(new Date('2026-06-30T21:59:59Z')), '2026-06-30')
  assert.equal(berlinDate(new Date('2026-06-30T22:00:00Z')), '2026-07-01')
})
