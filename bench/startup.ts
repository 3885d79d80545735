/**
 * Fresh start to ready: a new empty data directory, `npm start` equivalent (migrate + demo seed + serve),
 * until GET /healthz answers 200. Target (issue 2): under 20 s. Then a warm restart on the same data.
 * Run: npx tsx bench/startup.ts [runs=3]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const runs = Number(process.argv[2] ?? 3)

async function once(dataDir: string, port: number): Promise<number> {
  const started = performance.now()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }
  delete env.DATABASE_URL
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: 'ignore' })
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`)
        if (res.status === 200) return performance.now() - started
      } catch {}
      if (performance.now() - started > 60_000) throw new Error('not ready after 60 s')
      await new Promise((r) => setTimeout(r, 50))
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

const fresh: number[] = []
const warm: number[] = []
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'allmende-bench-'))
  fresh.push(await once(dir, 3900 + i))
  warm.push(await once(dir, 3950 + i))
  fs.rmSync(dir, { recursive: true, force: true })
}
const fmt = (xs: number[]) => xs.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! / 1000
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
)
console.log(
  `fresh start to ready (migrate + demo seed + serve): ${fmt(fresh)}  median ${median(fresh).toFixed(2)} s  (target < 20 s)`,
)
console.log(`warm restart to ready:                             ${fmt(warm)}  median ${median(warm).toFixed(2)} s`)
console.log('command: npx tsx bench/startup.ts 3')
