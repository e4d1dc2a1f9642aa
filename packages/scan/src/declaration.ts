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
export function draftDeclaration(scanned: ScanResult): { categories: Record<string, CategoryConfig> } {
  const services = new Map<string, { category: string; service: ServiceConfig }>()
  const serviceFor = (category: string, vendor: string | null, provider?: string) => {
    const name = vendor ?? (category == 'necessary' ? 'Nettstedet' : 'Ukjent tjeneste')
    const key = category + '\0' + name
    let known = services.get(key)
    if (!known) {
      const listed = VENDORS.find((v) => v.service == name)
      const service: ServiceConfig = { name }
      if (listed)
        Object.assign(service, { provider: listed.provider, purpose: listed.purpose, policyUrl: listed.policyUrl })
      else if (name == 'samtykke')
        Object.assign(service, {
          name: 'Samtykke',
          purpose: { nb: 'Husker valget ditt om informasjonskapsler.', en: 'Remembers your cookie choice.' },
        })
      else if (provider) service.provider = provider
      services.set(key, (known = { category, service }))
    }
    return known.service
  }
  const addCookie = (category: string, vendor: string | null, info: CookieInfo) => {
    const service = serviceFor(category, vendor)
    const list = (service.cookies ??= [])
    if (!list.some((c) => c.name == info.name && (c.type ?? 'cookie') == (info.type ?? 'cookie'))) list.push(info)
  }
  for (const cookie of scanned.cookies)
    if (cookie.category) addCookie(cookie.category, cookie.vendor, { name: cookie.name, lifetime: cookie.lifetime })
  for (const item of scanned.storage)
    if (item.category && item.type == 'localStorage')
      addCookie(item.category, item.vendor, { name: item.name, lifetime: 'Til den slettes', type: 'localStorage' })
  for (const request of scanned.requests)
    if (request.category && request.vendor) serviceFor(request.category, request.vendor)

  const categories: Record<string, CategoryConfig> = {}
  const names = [...new Set([...DEFAULT_ORDER, ...[...services.values()].map((s) => s.category)])]
  for (const category of names) {
    const list = [...services.values()].filter((s) => s.category == category).map((s) => s.service)
    if (list.length) categories[category] = { services: list.sort((a, b) => a.name.localeCompare(b.name)) }
  }
  for (const categoryConfig of Object.values(categories))
    for (const serviceConfig of categoryConfig.services!)
      serviceConfig.cookies?.sort((a, b) => a.name.localeCompare(b.name))
  return { categories }
}

/** A declaration file: samtykke's config as JSON, a page with its `<script id="samtykke-config">` block, or a draft. */
export function readDeclaration(file: string): SamtykkeConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ScanError(
      'BAD_DECLARATION',
      msg.declarationFile(
        file,
        (error as NodeJS.ErrnoException).code == 'ENOENT' ? 'no such file' : (error as Error).message,
      ),
    )
  }
  const block = /<script[^>]*id=["']?samtykke-config["']?[^>]*>([\s\S]*?)<\/script>/i.exec(text)
  let config: SamtykkeConfig
  try {
    config = JSON.parse(block ? block[1] : text)
  } catch (error) {
    throw new ScanError('BAD_DECLARATION', msg.declarationFile(file, `not valid JSON (${(error as Error).message})`))
  }
  if (!config || typeof config != 'object' || !config.categories)
    throw new ScanError('BAD_DECLARATION', msg.declarationFormat(file))
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
export function compareDeclaration(scanned: ScanResult, config: SamtykkeConfig): Undeclared[] {
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
  const add = (found: Undeclared) => {
    const key = found.kind + '\0' + found.name
    if (!seen.has(key)) {
      seen.add(key)
      out.push(found)
    }
  }
  for (const cookie of scanned.cookies)
    if (!declaredName(cookie.name, 'cookie'))
      add({ kind: 'cookie', name: cookie.name, phase: cookie.phase, page: cookie.page, category: cookie.category })
  for (const item of scanned.storage)
    if (item.type == 'localStorage' && item.party == 'first' && !declaredName(item.name, 'localStorage'))
      add({ kind: 'localStorage', name: item.name, phase: item.phase, page: item.page, category: item.category })
  const vendors = [...scanned.requests, ...scanned.cookies].filter(
    (f) => f.vendor && f.category && f.category != 'necessary',
  )
  for (const finding of vendors)
    if (!declaredVendor(finding.vendor!))
      add({
        kind: 'vendor',
        name: finding.vendor!,
        phase: finding.phase,
        page: finding.page,
        category: finding.category,
      })
  return out
}
