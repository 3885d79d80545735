import { CliError, type CliIo } from './command.ts'

/**
 * Reads a password from stdin, never from the command line (where `ps` and the shell history would show it).
 * Piped: everything up to the end, without the final line break. At a terminal: typed twice, not echoed.
 */
export async function readPassword(io: CliIo): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await readHidden(io, 'Password: ')
    const second = await readHidden(io, 'Repeat the password: ')
    if (first !== second) throw new CliError('The two passwords differ. Nothing was changed.')
    return first
  }
  const chunks: Buffer[] = []
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
  if (!password) throw new CliError('--password-stdin was given but stdin was empty.')
  return password
}

function readHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin
  io.err(prompt)
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = (error?: Error) => {
      stdin.removeListener('data', onData)
      stdin.setRawMode?.(false)
      stdin.pause()
      io.err('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (data: Buffer | string) => {
      for (const char of String(data)) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish()
        if (char === '\u0003') return finish(new CliError('Cancelled. Nothing was changed.'))
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else value += char
      }
    }
    stdin.setRawMode?.(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}
