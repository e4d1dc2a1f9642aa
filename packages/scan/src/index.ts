// @samtykke/scan — what a site sets and sends before any choice, after "reject all" and after "accept all".
export { scan } from './scan'
export { findLeaks } from './leaks'
export { parseSitemap } from './pages'
export { PHASES } from './types'
export type {
  ScanOptions,
  ScanResult,
  Phase,
  Progress,
  PageResult,
  CookieFinding,
  StorageFinding,
  RequestFinding,
  Leak,
} from './types'
export { classifyName, classifyRequest, siteOf, stripQuery } from './classify'
export type { Classification } from './classify'
export { draftDeclaration, readDeclaration, compareDeclaration } from './declaration'
export type { Undeclared } from './declaration'
export { summary, htmlReport, counts } from './report'
export { VENDORS } from './vendors'
export type { Vendor } from './vendors'
export { findBrowser } from './browser'
export { ScanError } from './errors'
export type { ScanErrorCode } from './errors'
