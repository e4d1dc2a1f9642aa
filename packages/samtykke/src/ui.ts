// The lazy chunk (dist/samtykke-ui.<lang>.js): fetched by samtykke.js only when the banner, the preference centre,
// a placeholder, a declaration or a change of choice needs it. It hands over the UI and the write half of the
// store, and does nothing else.
import { addWriter } from '../../core/src/store/write'
import { mountUI } from '../../ui/src/mount'
import type { Chunk } from './samtykke'

;(window as unknown as { samtykkeUI?: Chunk }).samtykkeUI = { addWriter, mountUI }
