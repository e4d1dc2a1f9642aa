// English.
import type { Strings } from './nb'

export const settings = 'Cookie settings'

// Named too, like `settings`: @samtykke/react's placeholder takes these by name, not the whole table.
export const blocked = 'Content from {host} loads only if you accept cookies for “{category}”.'
export const allow = 'Allow {category}'
export const necessary = 'Necessary'
export const preferences = 'Functional'
export const analytics = 'Statistics'
export const marketing = 'Marketing'
/** For content whose host is not known (@samtykke/react's `<Consent>`); the UI's placeholders always know it. */
export const blockedContent = 'This content loads only if you accept cookies for “{category}”.'
/** What a placeholder says (ui/placeholder/texts.ts): unused by the UI chunk, so it never ships there. */
export const placeholder = {
  blocked,
  blockedContent,
  allow,
  settings,
  labels: { necessary, preferences, analytics, marketing },
}

export const en: Strings = {
  title: 'We use cookies',
  text: 'With your consent we use cookies and similar technology for these purposes: {purposes}.',
  services: 'Third-party services: {services}.',
  and: ' and ',
  withdraw: 'Necessary cookies are always on. It is your choice, and you can withdraw consent at any time.',
  gpc:
    'Your browser asks sites not to track you (Global Privacy Control). So we do not turn on {category} when you ' +
    'accept all, but you can do it yourself.',
  changed: 'Our use of cookies has changed. Please review your choice.',
  policy: 'Read the privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customise',
  save: 'Save choices',
  settings,
  intro: 'Choose what we may use cookies for. Nothing is on until you turn it on.',
  close: 'Close',
  list: 'Services and cookies ({n})',
  name: 'Name',
  service: 'Service',
  provider: 'Provider',
  purpose: 'Purpose',
  lifetime: 'Duration',
  saved: 'Choice saved {date}. Consent ID: {id}',
  rightsTitle: 'Your rights',
  rights:
    'You have the right to access, rectification, erasure, restriction and data portability, and to object. You ' +
    'can withdraw your consent at any time, as easily as you gave it, and complain to {dt}.',
  controller: 'Controller',
  orgNr: 'Org. no.',
  blocked,
  allow,
  necessary,
  necessaryInfo: 'Make the site work and remember your choice.',
  preferences,
  preferencesInfo: 'Remember settings and add features.',
  analytics,
  analyticsInfo: 'Show us how the site is used.',
  marketing,
  marketingInfo: 'Show and measure ads, also on other sites, and show video and social media.',
}
