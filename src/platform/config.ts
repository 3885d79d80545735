import path from 'node:path'

/** Runtime configuration, read once from the environment. Every setting has a safe default for a laptop. */
export interface Config {
  port: number
  host: string
  /** PostgreSQL connection string; when unset the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined
  dataDir: string
  baseUrl: string
  /** `smtp://user:pass@host:port`; unset in development: mails are written to the console. */
  smtpUrl: string | undefined
  mailFrom: string
  demo: boolean
  cookieSecure: boolean
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | undefined
  logLevel: 'silent' | 'info'
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  const host = env.HOST ?? '0.0.0.0'
  const baseUrl = (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, '')
  const base = new URL(baseUrl)
  const oidc =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET ?? '',
          label: env.OIDC_LABEL ?? 'Single Sign-On',
        }
      : undefined
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    baseUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Allmende <noreply@localhost>',
    demo: env.ALLMENDE_DEMO !== '0',
    cookieSecure: env.COOKIE_SECURE
      ? env.COOKIE_SECURE === '1'
      : base.protocol === 'https:' || base.hostname === 'localhost',
    oidc,
    logLevel: env.LOG_LEVEL === 'silent' ? 'silent' : 'info',
    trustProxy: env.TRUST_PROXY === '1',
  }
}
