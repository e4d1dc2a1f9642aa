// samtykke-messages.js: the English text of every console message, for the drop-in's placeholders (./messages.ts).
import * as texts from '../../core/src/errors'
import { resolveConfig } from '../../core/src/config'

/**
 * The drop-in's config failed the head's quick check (core's validConfig): the full validation, run here, names the
 * first bad field. Its warnings about unknown options were printed by the head already.
 */
const checkedConfig = (input: unknown) => {
  const warn = console.warn
  console.warn = () => {}
  try {
    resolveConfig(input as never)
    return texts.invalidConfig('config was refused by the quick check and taken by the full one: please report this')
  } catch (e) {
    return texts.invalidConfig(String((e as Error).message).replace(texts.PREFIX, ''))
  } finally {
    console.warn = warn
  }
}

;(window as Window & { samtykkeMessages?: object }).samtykkeMessages = { ...texts, checkedConfig }
