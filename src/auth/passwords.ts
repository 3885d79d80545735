import argon2 from 'argon2'

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations); tests lower the cost through the env.
const cost =
  process.env.ALLMENDE_FAST_HASH === '1' ? { memoryCost: 1024, timeCost: 1 } : { memoryCost: 19456, timeCost: 2 }

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...cost, parallelism: 1 })
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  // Without a hash, still spend the time of one verification so timing does not reveal which emails exist.
  if (!hash) {
    await argon2.hash(password, { type: argon2.argon2id, ...cost, parallelism: 1 })
    return false
  }
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}
