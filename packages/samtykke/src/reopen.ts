// The floating button's chunk (dist/samtykke-reopen.js): fetched by samtykke.js after the page is parsed, when the
// site turns the button on, or by default when the page has no `data-samtykke-open` link to change the choice.
import { reopenButton } from '../../ui/src/reopen'

;(window as unknown as { samtykkeReopen?: typeof reopenButton }).samtykkeReopen = reopenButton
