#!/usr/bin/env node
// Launcher of the admin command line: registers tsx (a runtime dependency) for TypeScript and runs
// src/cli/main.ts, both found relative to this file, so `npx allmende` works from any directory.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
await import(new URL('../src/cli/main.ts', import.meta.url).href)
