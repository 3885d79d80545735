import nodemailer from 'nodemailer'
import type { Db, Executor } from '../db/db.ts'

/** A file sent with a mail: text (an .ics) as it is, binary content base64-encoded. */
export interface MailAttachment {
  filename: string
  /** e.g. `text/calendar; charset=utf-8; method=REQUEST` */
  contentType: string
  content: string
  encoding?: 'utf8' | 'base64'
}

export interface OutgoingMail {
  to: string
  subject: string
  body: string
  attachments?: MailAttachment[]
  /**
   * Extra headers, e.g. `List-Unsubscribe: <url>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
   * (RFC 2369, RFC 8058) on every mail to a subscriber.
   */
  headers?: Record<string, string>
}

/**
 * Mail is written to an outbox table in the same transaction as the change that causes it, and sent
 * after the commit: a rolled-back request sends nothing, a crashed send is retried.
 */
export async function enqueueMail(trx: Executor, mail: OutgoingMail): Promise<void> {
  await trx
    .insertInto('mail_outbox')
    .values({
      recipient: mail.to,
      subject: mail.subject,
      body: mail.body,
      attachments: JSON.stringify(mail.attachments ?? []),
      headers: JSON.stringify(mail.headers ?? {}),
    })
    .execute()
}

/**
 * The console's account of what a mail carries besides its text, inside the body block (so readers of the
 * console format, which take the body up to `---`, keep working): one line per attachment and header.
 */
function extrasForConsole(mail: OutgoingMail): string {
  const lines = [
    ...(mail.attachments ?? []).map((a) => `[Anhang: ${a.filename}]`),
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `[${name}: ${value}]`),
  ]
  return lines.length ? `\n\n${lines.join('\n')}` : ''
}

/**
 * nodemailer's options for a mail: attachments as they are; `List-Unsubscribe` through its `list` option, which
 * formats the header as RFC 2369 asks; every other header as given.
 */
function nodemailerOptions(from: string, mail: OutgoingMail) {
  const headers: Record<string, string> = {}
  let unsubscribe: string | undefined
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (name.toLowerCase() === 'list-unsubscribe') unsubscribe = value.replace(/^<|>$/g, '')
    else headers[name] = value
  }
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.body,
    headers,
    ...(unsubscribe ? { list: { unsubscribe } } : {}),
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      encoding: a.encoding ?? 'utf8',
    })),
  }
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
        `\n--- mail (SMTP_URL not set, written here instead) ---\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.body}${extrasForConsole(mail)}\n---`,
      )
      return
    }
    await transport.sendMail(nodemailerOptions(options.from, mail))
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
        await send({
          to: row.recipient,
          subject: row.subject,
          body: row.body,
          attachments: (row.attachments ?? []) as MailAttachment[],
          headers: (row.headers ?? {}) as Record<string, string>,
        })
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
