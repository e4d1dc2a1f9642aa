// samtykke-messages.js: the English text of every console message, for the drop-in's placeholders (./messages.ts).
import * as texts from '../../core/src/errors'

;(window as Window & { samtykkeMessages?: typeof texts }).samtykkeMessages = texts
