import { TRACKERS, TRACKER_COOKIES } from '@samtykke/core'
import { describe, expect, it } from 'vitest'
import { VENDORS } from './vendors'

describe('the vendor table', () => {
  it('covers every host pattern of the core tracker list, once', () => {
    for (const { pattern } of TRACKERS)
      expect(
        VENDORS.filter((v) => v.hosts.includes(pattern)).map((v) => v.service),
        pattern,
      ).toHaveLength(1)
  })

  it('covers every cookie pattern of the core list, once', () => {
    for (const p of Object.values(TRACKER_COOKIES).flat())
      expect(
        VENDORS.filter((v) => v.cookies.includes(p)).map((v) => v.service),
        p,
      ).toHaveLength(1)
  })

  it('names no pattern the core list does not have (a renamed rule shows up here)', () => {
    const hosts = new Set(TRACKERS.map((t) => t.pattern))
    const cookies = new Set(Object.values(TRACKER_COOKIES).flat())
    for (const v of VENDORS) {
      for (const h of v.hosts) expect(hosts.has(h), `${v.service}: ${h}`).toBe(true)
      for (const c of v.cookies) expect(cookies.has(c), `${v.service}: ${c}`).toBe(true)
      expect(v.policyUrl).toMatch(/^https:\/\//)
      expect(v.aliases.length).toBeGreaterThan(0)
    }
  })
})
