// The draft declaration (what was seen, in samtykke's config format: `categories.<name>.services[].cookies[]`), and
// the check of a site's committed declaration against what the scan saw.
import type { CategoryConfig, CookieInfo, SamtykkeConfig, ServiceConfig } from '@samtykke/core'
import { DEFAULT_ORDER, nameMatch } from '@samtykke/core'
import { readFileSync } from 'node:fs'
import { DEFAULT_CONSENT_COOKIE, samtykkeOwn } from './classify'
import { msg, ScanError } from './errors'
import type { ScanResult } from './types'
import { VENDORS } from './vendors'

/** `{ categories }` to paste into the site's samtykke config (or load as `data-samtykke-declaration`'s source). */
export function draftDeclaration(r: ScanResult): { categories: Record<string, CategoryConfig> } {
  const services = new Map<string, { category: string; service: ServiceConfig }>()
  const serviceFor = (category: string, vendor: string | null, provider?: string) => {
    const name = vendor ?? (category == 'necessary' ? 'Nettstedet' : 'Ukjent tjeneste')
    const key = category + '\0' + name
    let s = services.get(key)
    if (!s) {
      const v = VENDORS.find((v) => v.service == name)
      const service: ServiceConfig = { name }
      if (v) Object.assign(service, { provider: v.provider, purpose: v.purpose, policyUrl: v.policyUrl })
      else if (name == 'samtykke')
        Object.assign(service, {
          name: 'Samtykke',
          purpose: { nb: 'Husker valget ditt om informasjonskapsler.', en: 'Remembers your cookie choice.' },
        })
      else if (provider) service.provider = provider
      services.set(key, (s = { category, service }))
    }
    return s.service
  }
  const addCookie = (category: string, vendor: string | null, info: CookieInfo) => {
    const service = serviceFor(category, vendor)
    const list = (service.cookies ??= [])
    if (!list.some((c) => c.name == info.name && (c.type ?? 'cookie') == (info.type ?? 'cookie'))) list.push(info)
  }
  for (const c of r.cookies) if (c.category) addCookie(c.category, c.vendor, { name: c.name, lifetime: c.lifetime })
  for (const s of r.storage)
    if (s.category && s.type == 'localStorage')
      addCookie(s.category, s.vendor, { name: s.name, lifetime: 'Til den slettes', type: 'localStorage' })
  for (const q of r.requests) if (q.category && q.vendor) serviceFor(q.category, q.vendor)

  const categories: Record<string, CategoryConfig> = {}
  const names = [...new Set([...DEFAULT_ORDER, ...[...services.values()].map((s) => s.category)])]
  for (const category of names) {
    const list = [...services.values()].filter((s) => s.category == category).map((s) => s.service)
    if (list.length) categories[category] = { services: list.sort((a, b) => a.name.localeCompare(b.name)) }
  }
  for (const c of Object.values(categories))
    for (const s of c.services!) s.cookies?.sort((a, b) => a.name.localeCompare(b.name))
  return { categories }
}

/** A declaration file: samtykke's config as JSON, a page with its `<script id="samtykke-config">` block, or a draft. */
export function readDeclaration(file: string): SamtykkeConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ScanError(
      msg.declarationFile(file, (e as NodeJS.ErrnoException).code == 'ENOENT' ? 'no such file' : (e as Error).message),
    )
  }
  const block = /<script[^>]*id=["']?samtykke-config["']?[^>]*>([\s\S]*?)<\/script>/i.exec(text)
  let config: SamtykkeConfig
  try {
    config = JSON.parse(block ? block[1] : text)
  } catch (e) {
    throw new ScanError(msg.declarationFile(file, `not valid JSON (${(e as Error).message})`))
  }
  if (!config || typeof config != 'object' || !config.categories) throw new ScanError(msg.declarationFormat(file))
  return config
}

export interface Undeclared {
  kind: 'cookie' | 'localStorage' | 'vendor'
  name: string
  phase: string
  page: string
  category: string | null
}

const norm = (s: unknown) => (typeof s == 'string' ? s : '').toLowerCase()

/** Cookies, localStorage keys and vendors the scan saw that the declaration does not list. */
export function compareDeclaration(r: ScanResult, config: SamtykkeConfig): Undeclared[] {
  const services = Object.values(config.categories ?? {}).flatMap((c) => (c ? (c.services ?? []) : []))
  const cookies = services.flatMap((s) => s.cookies ?? [])
  // samtykke's own cookies and keys need no line of their own: they come with samtykke, strictly necessary.
  const declaredName = (name: string, type: 'cookie' | 'localStorage') =>
    !!samtykkeOwn(name, config.cookie?.name ?? DEFAULT_CONSENT_COOKIE) ||
    cookies.some((c) => (c.type ?? 'cookie') == type && nameMatch(name, c.name))
  const texts = services.map((s) => norm(s.name) + ' ' + norm(s.provider))
  const declaredVendor = (vendor: string) => {
    const words = VENDORS.find((v) => v.service == vendor)?.aliases ?? [norm(vendor)]
    return texts.some((t) => words.some((w) => t.includes(w)))
  }
  const out: Undeclared[] = []
  const seen = new Set<string>()
  const add = (u: Undeclared) => {
    const key = u.kind + '\0' + u.name
    if (seen.has(key)) return
    seen.add(key)
    out.push(u)
  }
  for (const c of r.cookies)
    if (!declaredName(c.name, 'cookie'))
      add({ kind: 'cookie', name: c.name, phase: c.phase, page: c.page, category: c.category })
  for (const s of r.storage)
    if (s.type == 'localStorage' && s.party == 'first' && !declaredName(s.name, 'localStorage'))
      add({ kind: 'localStorage', name: s.name, phase: s.phase, page: s.page, category: s.category })
  const vendors = [...r.requests, ...r.cookies].filter((f) => f.vendor && f.category && f.category != 'necessary')
  for (const f of vendors)
    if (!declaredVendor(f.vendor!))
      add({ kind: 'vendor', name: f.vendor!, phase: f.phase, page: f.page, category: f.category })
  return out
}
