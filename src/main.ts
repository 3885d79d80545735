import { loadConfig } from './platform/config.ts'
import { startPortal } from './server.ts'

const portal = await startPortal(loadConfig()).catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})

let stopping = false
async function stop(signal: string) {
  if (stopping) return
  stopping = true
  process.stdout.write(`\n${signal}: shutting down …\n`)
  await portal.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
