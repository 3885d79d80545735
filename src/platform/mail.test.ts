import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { SMTPServer } from 'smtp-server'
import { createTestDb } from '../../test/support/db.ts'
import type { DbHandle } from '../db/db.ts'
import { createMailer, enqueueMail } from './mail.ts'

/** The outbox against a real SMTP peer (smtp-server on 127.0.0.1): mails leave only after commit. */
let handle: DbHandle
let server: SMTPServer
let port: number
const received: Array<{ from: string; to: string[]; data: string }> = []
let refuse = false

before(async () => {
  handle = await createTestDb()
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk) => {
        data += chunk
      })
      stream.on('end', () => {
        if (refuse) return callback(new Error('mailbox unavailable'))
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
})
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await handle.close()
})

test('a committed mail is delivered over SMTP with sender, recipient, subject and UTF-8 body', async () => {
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Allmende <noreply@coop.test>' })
  await handle.db
    .transaction()
    .execute((trx) =>
      enqueueMail(trx, { to: 'jana@verein.test', subject: 'Einladung – Grüße', body: 'Hallo Jana,\nwillkommen!' }),
    )
  assert.equal(await mailer.flush(handle.db), 1)
  assert.equal(received.length, 1)
  assert.equal(received[0]!.from, 'noreply@coop.test')
  assert.deepEqual(received[0]!.to, ['jana@verein.test'])
  assert.match(received[0]!.data, /Subject: =\?UTF-8\?/)
  const row = await handle.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow()
  assert.ok(row.sent_at)
  assert.equal(await mailer.flush(handle.db), 0, 'nothing is sent twice')
  mailer.close()
})

test('a rolled-back transaction sends nothing; a refused mail stays in the outbox and is retried', async () => {
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'noreply@coop.test' })
  await assert.rejects(
    handle.db.transaction().execute(async (trx) => {
      await enqueueMail(trx, { to: 'never@verein.test', subject: 'x', body: 'x' })
      throw new Error('request failed')
    }),
  )
  refuse = true
  await handle.db
    .transaction()
    .execute((trx) => enqueueMail(trx, { to: 'later@verein.test', subject: 'Später', body: 'x' }))
  assert.equal(await mailer.flush(handle.db), 0)
  const waiting = await handle.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('recipient', '=', 'later@verein.test')
    .executeTakeFirstOrThrow()
  assert.equal(waiting.sent_at, null)
  assert.equal(waiting.attempts, 1)
  assert.match(waiting.last_error ?? '', /mailbox unavailable/)
  refuse = false
  assert.equal(await mailer.flush(handle.db), 1)
  assert.ok(received.some((m) => m.to.includes('later@verein.test')))
  assert.ok(!received.some((m) => m.to.includes('never@verein.test')))
  mailer.close()
})

test('an attachment and the unsubscribe headers travel from the outbox to the SMTP peer', async () => {
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'noreply@coop.test' })
  const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Grüße\\, Welt\r\nEND:VCALENDAR\r\n'
  await handle.db.transaction().execute((trx) =>
    enqueueMail(trx, {
      to: 'anhang@verein.test',
      subject: 'Einladung',
      body: 'Hallo',
      attachments: [
        { filename: 'einladung.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics },
      ],
      headers: {
        'List-Unsubscribe': '<https://coop.test/interest/unsubscribe/abc>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    }),
  )
  assert.equal(await mailer.flush(handle.db), 1)
  const data = received.find((m) => m.to.includes('anhang@verein.test'))!.data
  assert.match(data, /^List-Unsubscribe: <https:\/\/coop\.test\/interest\/unsubscribe\/abc>\r$/m)
  assert.match(data, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m)
  // the attachment part: its type with the iTIP method, its name, and the content exactly as stored
  const part =
    /Content-Type: text\/calendar; charset=utf-8; method=REQUEST;?[^\r]*\r\n((?:[^\r]+\r\n)*)\r\n([\s\S]*?)\r\n--/i.exec(
      data,
    )
  assert.ok(part, 'a text/calendar part')
  const headers = part[1]!
  assert.match(headers, /filename=einladung\.ics/)
  const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(headers)?.[1]?.toLowerCase()
  const decoded =
    encoding === 'base64'
      ? Buffer.from(part[2]!.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            part[2]!
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : part[2]!
  assert.equal(decoded, ics)
  const row = await handle.db
    .selectFrom('mail_outbox')
    .select(['attachments', 'headers'])
    .where('recipient', '=', 'anhang@verein.test')
    .executeTakeFirstOrThrow()
  assert.equal((row.attachments as Array<{ filename: string }>)[0]!.filename, 'einladung.ics')
  assert.equal((row.headers as Record<string, string>)['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click')
  mailer.close()
})

test('the console mailer names attachments and headers inside the body block, so its readers keep working', async () => {
  const lines: string[] = []
  const mailer = createMailer({ from: 'noreply@coop.test', log: (line) => lines.push(line) })
  await handle.db.transaction().execute((trx) =>
    enqueueMail(trx, {
      to: 'konsole@verein.test',
      subject: 'Mit Anhang',
      body: 'Text',
      attachments: [{ filename: 'einladung.ics', contentType: 'text/calendar', content: 'x' }],
      headers: { 'List-Unsubscribe': '<https://coop.test/u/1>' },
    }),
  )
  await mailer.flush(handle.db)
  const match = /To: (.*)\nSubject: (.*)\n\n([\s\S]*)\n---$/.exec(lines.at(-1) ?? '')
  assert.ok(match)
  assert.equal(match[1], 'konsole@verein.test')
  assert.equal(match[3], 'Text\n\n[Anhang: einladung.ics]\n[List-Unsubscribe: <https://coop.test/u/1>]')
})
