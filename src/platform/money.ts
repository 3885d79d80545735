/**
 * Money is integer cents. Rounding happens only here, half-up (half away from zero), as EN 16931 asks.
 * The arithmetic runs on bigint so that no intermediate product loses a cent.
 */

function requireCents(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number of cents, got ${n}`)
  return BigInt(n)
}

function toSafeNumber(n: bigint): number {
  const result = Number(n)
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount ${n} is beyond the safe integer range`)
  return result === 0 ? 0 : result
}

/** numerator / denominator rounded half away from zero, on bigints. */
export function divideHalfUpBig(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero')
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  let q = n / d
  if ((n % d) * 2n >= d) q += 1n
  return negative ? -q : q
}

/**
 * Integer division rounded half up (away from zero for .5), for cents; EN 16931 rounding.
 * Works for negative numerators (and denominators): divideHalfUp(-5, 2) = -3.
 */
export function divideHalfUp(numerator: number, denominator: number): number {
  return toSafeNumber(divideHalfUpBig(requireCents(numerator, 'numerator'), requireCents(denominator, 'denominator')))
}

/** A percentage as an exact fraction: 2.55 -> 255 / 100; at most 6 decimal places (basis points need 2). */
function percentFraction(percent: number): { scaled: bigint; scale: bigint } {
  if (!Number.isFinite(percent)) throw new RangeError(`percent must be finite, got ${percent}`)
  // The shortest round-trip decimal of the number is the value the caller wrote (2.55, not 2.5499…).
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(String(Math.abs(percent)))
  if (!match) throw new RangeError(`percent must have at most 6 decimal places, got ${percent}`)
  const decimals = match[2] ?? ''
  const scaled = BigInt(match[1] + decimals) * (percent < 0 ? -1n : 1n)
  return { scaled, scale: 10n ** BigInt(decimals.length) }
}

/**
 * percent of cents, rounded half-up: percentOf(10000, 10) = 1000. Fractions are exact, so basis points
 * work: percentOf(10000, 2.55) = 255, percentOf(333, 0.01) = 0.
 */
export function percentOf(cents: number, percent: number): number {
  const { scaled, scale } = percentFraction(percent)
  return toSafeNumber(divideHalfUpBig(requireCents(cents, 'cents') * scaled, 100n * scale))
}
