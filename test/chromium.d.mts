// The types of chromium.mjs, a plain module shared by the browser tests, the benchmarks (bench/) and scripts.
import type { Browser, Route } from 'playwright-core'

/** Chromium's executable: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM: string

/** Headless, no sandbox, no calls home. */
export const CHROMIUM_ARGS: string[]

/** Launches Chromium headless; a clear error if it is not installed. */
export function launchChromium(): Promise<Browser>

/** Answers an intercepted third-party request with its fake (fakes.mjs), readable from any origin. */
export function fulfillWithFake(route: Route): Promise<void>
