// Other consent tools: DuckDuckGo's autoconsent (MPL-2.0, used unmodified as a dependency) knows how to find and click
// the banners of some 300 CMPs. Its content script runs in the page and talks to us through one binding, the way its
// own Playwright runner does (playwright/runner.ts in the package).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Frame, Page } from 'playwright-core'

let assets: { script: string; rules: string } | undefined

function load() {
  if (assets) return assets
  const rules = createRequire(import.meta.url).resolve('@duckduckgo/autoconsent/rules/rules.json')
  return (assets = {
    script: readFileSync(join(dirname(rules), '../dist/autoconsent.playwright.js'), 'utf8'),
    rules: readFileSync(rules, 'utf8'),
  })
}

export interface AutoconsentOutcome {
  /** The rule that recognised the banner (`cookieyes`, `onetrust`, …). */
  cmp: string | null
  /** Its banner was open. */
  popup: boolean
  /** The opt-in/opt-out worked (null: not asked, or no answer in time). */
  result: boolean | null
}

type Message =
  | { type: 'init' }
  | { type: 'eval'; id: string; code: string }
  | { type: 'cmpDetected' | 'popupFound'; cmp: string }
  | { type: 'optOutResult' | 'optInResult'; cmp: string; result: boolean }
  | { type: 'autoconsentDone' | 'autoconsentError' | 'visualDelay' | 'selfTestResult' }
  | { type: 'report'; mainFrame: boolean; state: { lifecycle: string } }

/**
 * Finds the banner on the loaded page, and with `action` opts in or out. Waits at most `wait` ms (a page with no
 * banner answers sooner: autoconsent reports `nothingDetected`).
 */
export async function runAutoconsent(
  page: Page,
  action: 'optIn' | 'optOut' | null,
  wait: number,
): Promise<AutoconsentOutcome> {
  const { script, rules } = load()
  const out: AutoconsentOutcome = { cmp: null, popup: false, result: null }
  let finish!: () => void
  const finished = new Promise<void>((ok) => (finish = ok))
  const config = {
    enabled: true,
    autoAction: action,
    disabledCmps: [],
    enablePrehide: false,
    enableCosmeticRules: false,
    enableGeneratedRules: true,
    // A retry waits for a DOM mutation, which a settled page may never make: detection runs once, on a settled page.
    detectRetries: action ? 5 : 0,
    isMainWorld: false,
    prehideTimeout: 0,
    enableHeuristicDetection: false,
    enablePopupMutationObserver: false,
    visualTest: false,
    logs: {
      lifecycle: false,
      rulesteps: false,
      detectionsteps: false,
      evals: false,
      errors: false,
      messages: false,
      waits: false,
    },
    performanceLoggingEnabled: false,
    heuristicPopupSearchTimeout: 0,
    heuristicMode: 'off',
  }
  const reply = (frame: Frame, message: string) =>
    frame.evaluate(`autoconsentReceiveMessage(${message})`).catch(() => {})
  await page.exposeBinding('autoconsentSendMessage', async ({ frame }: { frame: Frame }, msg: Message) => {
    switch (msg.type) {
      case 'init':
        return reply(frame, `{ type: "initResp", config: ${JSON.stringify(config)}, rules: ${rules} }`)
      case 'eval': {
        const result = await frame.evaluate(msg.code).catch(() => false)
        return reply(frame, `{ id: ${JSON.stringify(msg.id)}, type: "evalResp", result: ${JSON.stringify(result)} }`)
      }
      case 'cmpDetected':
        out.cmp ??= msg.cmp
        return
      case 'popupFound':
        out.cmp = msg.cmp
        out.popup = true
        if (!action) finish()
        return
      case 'optOutResult':
      case 'optInResult':
        out.cmp = msg.cmp
        out.result = msg.result
        return
      case 'autoconsentDone':
      case 'autoconsentError':
        if (action) finish()
        return
      case 'report':
        if (msg.mainFrame && msg.state.lifecycle == 'nothingDetected') finish()
        return
    }
  })
  for (const frame of page.frames()) await frame.evaluate(script).catch(() => {})
  const timer = setTimeout(finish, wait)
  await finished
  clearTimeout(timer)
  return out
}
