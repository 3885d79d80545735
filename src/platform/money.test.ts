import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { divideHalfUp, divideHalfUpBig, percentOf } from './money.ts'

test('divideHalfUp rounds halves away from zero', () => {
  const cases: Array<[number, number, number]> = [
    [10, 2, 5],
    [5, 2, 3],
    [7, 2, 4],
    [1, 2, 1],
    [1, 3, 0],
    [2, 3, 1],
    [14, 4, 4],
    [15, 4, 4],
    [-5, 2, -3],
    [-1, 2, -1],
    [-1, 3, 0],
    [-2, 3, -1],
    [-15, 4, -4],
    [5, -2, -3],
    [-5, -2, 3],
    [0, 7, 0],
    [1005, 10, 101],
    [1004, 10, 100],
    [Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER, 2, 4503599627370496],
  ]
  for (const [n, d, expected] of cases) assert.equal(divideHalfUp(n, d), expected, `${n} / ${d}`)
  assert.ok(Object.is(divideHalfUp(-1, 3), 0), 'no negative zero')
})

test('divideHalfUp refuses what is not whole cents', () => {
  assert.throws(() => divideHalfUp(1, 0), RangeError)
  assert.throws(() => divideHalfUp(1.5, 2), RangeError)
  assert.throws(() => divideHalfUp(Number.NaN, 2), RangeError)
  assert.throws(() => divideHalfUp(Number.MAX_SAFE_INTEGER + 1, 2), RangeError)
})

test('divideHalfUp: the nearest whole number, halves away from zero', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      fc.integer({ min: 1, max: 100_000 }),
      fc.boolean(),
      (n, d, negate) => {
        const den = negate ? -d : d
        const q = divideHalfUp(n, den)
        const exact = n / den
        assert.ok(Math.abs(q - exact) <= 0.5 + 1e-9)
        if (Math.abs(q - exact) >= 0.5 - 1e-9 && n !== 0) assert.ok(Math.abs(q) > Math.abs(exact), 'half goes outward')
        assert.equal(divideHalfUp(-n, den), -q || 0, 'symmetric')
        assert.equal(BigInt(q), divideHalfUpBig(BigInt(n), BigInt(den)))
      },
    ),
  )
})

test('percentOf: whole percents and basis points, half-up', () => {
  const cases: Array<[number, number, number]> = [
    [10000, 10, 1000],
    [10000, 100, 10000],
    [10000, 0, 0],
    [333, 10, 33],
    [335, 10, 34],
    [105, 10, 11],
    [104, 10, 10],
    [10000, 2.55, 255],
    [10000, 0.01, 1],
    [4999, 0.01, 0],
    [5000, 0.01, 1],
    [12345, 19, 2346],
    [1000, 33.333333, 333],
    [-105, 10, -11],
    [105, -10, -11],
    [1_000_000_000_000, 7.5, 75_000_000_000],
  ]
  for (const [cents, percent, expected] of cases)
    assert.equal(percentOf(cents, percent), expected, `${percent} % of ${cents}`)
  assert.throws(() => percentOf(100, 0.0000001), RangeError)
  assert.throws(() => percentOf(100, Number.POSITIVE_INFINITY), RangeError)
  assert.throws(() => percentOf(100.5, 10), RangeError)
})

test('percentOf with whole percents equals divideHalfUp(cents × percent, 100)', () => {
  fc.assert(
    fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), fc.integer({ min: 0, max: 100 }), (c, p) => {
      assert.equal(percentOf(c, p), divideHalfUp(c * p, 100))
    }),
  )
})

test('percentOf with two decimals equals divideHalfUp(cents × basis points, 10000)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (c, bp) => {
      assert.equal(percentOf(c, bp / 100), divideHalfUp(c * bp, 10_000))
    }),
  )
})
