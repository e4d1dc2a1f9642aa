// A language the site adds through `config.texts` (`{ "is": { …every key… } }`): English is the base, so a key it
// lacks still reads as something, and the keys it lacks are named once, when the UI is mounted.
import { missingTexts } from '../errors'
import type { Strings } from './nb'
import { en } from './en'

export function added(lang: string, own: Partial<Strings> = {}): Strings {
  const missing = Object.keys(en).filter((k) => !own[k as keyof Strings])
  if (missing[0]) console.warn(missingTexts(lang, missing))
  return en
}
