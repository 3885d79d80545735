import nodemailer from 'nodemailer'
import type { Db, Executor } from '../db/db.ts'

export interface OutgoingMail {
  to: string
  subject: string
  body: string
}

/**
 * Mail is written to an outbox table in the same transaction as the change that causes it, and sent
 * after the commit: a rolled-back request sends nothing, a crashed send is retried.
 */
export async function enqueueMail(trx: Executor, mail: OutgoingMail): Promise<void> {
  await trx.insertInto('mail_outbox').values({ recipient: mail.to, subject: mail.subject, body: mail.body }).execute()
}

export interface Mailer {
  /** Sends what is pending in the outbox; returns how many went out. */
  flush(db: Db): Promise<number>
  close(): void
}

const maxAttempts = 8

export function createMailer(options: { smtpUrl?: string; from: string; log?: (line: string) => void }): Mailer {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`))
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null
  let running: Promise<number> | null = null

  async function send(mail: OutgoingMail): Promise<void> {
    if (!transport) {
      log(
        `\n--- mail (SMTP_URL not set, written here instead) ---\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.body}\n---`,
      )
      return
    }
    await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.body })
  }

  async function flushOnce(db: Db): Promise<number> {
    const pending = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('attempts', '<', maxAttempts)
      .orderBy('id')
      .limit(50)
      .execute()
    let sent = 0
    for (const row of pending) {
      try {
        await send({ to: row.recipient, subject: row.subject, body: row.body })
        await db
          .updateTable('mail_outbox')
          .set({ sent_at: new Date(), attempts: row.attempts + 1 })
          .where('id', '=', row.id)
          .execute()
        sent++
      } catch (error) {
        await db
          .updateTable('mail_outbox')
          .set({ attempts: row.attempts + 1, last_error: String((error as Error).message).slice(0, 500) })
          .where('id', '=', row.id)
          .execute()
      }
    }
    return sent
  }

  return {
    // One flush at a time; a second caller waits for the running one and then flushes what is left.
    async flush(db) {
      while (running) await running.catch(() => 0)
      running = flushOnce(db)
      try {
        return await running
      } finally {
        running = null
      }
    },
    close() {
      transport?.close()
    },
  }
}
