/**
 * The admin command line: `npx allmende <command>` (bin/allmende.js loads this file through tsx).
 * Output meant for scripts goes to stdout, messages and progress to stderr.
 */
import { runCli } from './run.ts'

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
})
