// The leaks: what a visitor who has not chosen, or who said no, should never have been given.
import { fixFor, type LeakCause } from './fix'
import type { Leak, Phase, ScanResult } from './types'

const optional = (category: string | null): category is string => !!category && category != 'necessary'

/** Non-necessary cookies, storage keys and tracker requests before any choice or after "reject all". */
export function findLeaks(scanned: Pick<ScanResult, 'cookies' | 'storage' | 'requests'>): Leak[] {
  const leaky = (p: Phase) => p != 'after-accept'
  const leak = (l: Omit<Leak, 'fix'>, more: Partial<LeakCause> = {}): Leak => ({
    ...l,
    fix: fixFor({ ...l, ...more }, scanned.requests),
  })
  return [
    ...scanned.cookies
      .filter((c) => leaky(c.phase) && optional(c.category))
      .map((c) =>
        leak({
          phase: c.phase,
          kind: 'cookie',
          name: c.name,
          host: c.domain,
          category: c.category!,
          vendor: c.vendor,
          page: c.page,
          cause: c.setBy,
          source: c.source,
        }),
      ),
    ...scanned.storage
      .filter((s) => leaky(s.phase) && optional(s.category))
      .map((s) =>
        leak({
          phase: s.phase,
          kind: 'storage',
          name: `${s.type}: ${s.name}`,
          host: s.host,
          category: s.category!,
          vendor: s.vendor,
          page: s.page,
          cause: s.setBy,
          source: s.source,
        }),
      ),
    ...scanned.requests
      .filter((q) => leaky(q.phase) && optional(q.category))
      .map((q) =>
        leak(
          {
            phase: q.phase,
            kind: 'request',
            name: `${q.type} ${q.url}`,
            host: q.host,
            category: q.category!,
            vendor: q.vendor,
            page: q.page,
            cause: q.initiator,
            source: q.source,
          },
          { tagUrl: q.tagUrl, url: q.url },
        ),
      ),
  ]
}
