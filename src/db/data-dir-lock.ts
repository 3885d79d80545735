import fs from 'node:fs'
import path from 'node:path'

/**
 * The embedded database belongs to one process. A lock file in the data directory names the owner;
 * a second process (a CLI command while the portal runs) is refused with a clear message instead of
 * opening the files and corrupting them.
 */
export interface DataDirLock {
  release(): void
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: { pid: number; command: string; startedAt: string },
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${owner.pid} (${owner.command}, since ${owner.startedAt}).\n` +
        'Stop that process first, or run the command against PostgreSQL with DATABASE_URL. ' +
        'Nothing was changed.\n' +
        `Die eingebettete Datenbank in ${dataDir} wird von Prozess ${owner.pid} benutzt. Bitte diesen Prozess zuerst beenden.`,
    )
    this.name = 'DataDirBusyError'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'allmende.lock')
  const content = JSON.stringify({ pid: process.pid, command, startedAt: new Date().toISOString() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, content, { flag: 'wx' })
      let released = false
      const release = () => {
        if (released) return
        released = true
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number }
          if (current.pid === process.pid) fs.unlinkSync(file)
        } catch {}
      }
      process.once('exit', release)
      return { release }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let owner: { pid: number; command: string; startedAt: string }
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8'))
      } catch {
        owner = { pid: -1, command: 'unknown', startedAt: 'unknown' }
      }
      if (owner.pid > 0 && owner.pid !== process.pid && alive(owner.pid)) throw new DataDirBusyError(dataDir, owner)
      // The owner died without cleaning up (crash, kill -9): the lock is stale and can be taken over.
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not lock ${dataDir}`)
}
