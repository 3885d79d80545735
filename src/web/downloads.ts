import type { Context, Env } from 'hono'

const asciiFallback: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' }

/** RFC 6266 / RFC 8187: a plain ASCII name for old clients and the exact UTF-8 name for the rest. */
export function contentDisposition(filename: string, kind: 'inline' | 'attachment' = 'inline'): string {
  const ascii = filename.replace(/[äöüÄÖÜß]/g, (ch) => asciiFallback[ch] ?? '').replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/** Sends a rendered PDF, private to whoever asked for it. */
export function sendPdf<E extends Env>(
  c: Context<E>,
  download: { pdf: Buffer | Uint8Array; filename: string },
  kind: 'inline' | 'attachment' = 'inline',
) {
  return c.body(new Uint8Array(download.pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': contentDisposition(download.filename, kind),
    'cache-control': 'private, no-store',
  })
}
