import { startTestPortal } from './portal.ts'
import { launchBrowser, newPage } from './browser.ts'
let t = Date.now()
const lap = (s: string) => { console.log(s, Date.now() - t); t = Date.now() }
const browser = await launchBrowser()
lap('browser')
const portal = await startTestPortal()
lap('portal')
const { page } = await newPage(browser)
await page.goto(`${portal.url}/login`)
lap('goto')
await browser.close()
lap('browser close')
await portal.close()
lap('portal close')
