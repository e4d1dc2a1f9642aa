// A site's own bundle: the store, Consent Mode, the blocker and the UI, imported from npm the documented way.
import { createConsent, consentMode, blockTrackers } from '@samtykke/core'
import { mountUI } from '@samtykke/ui'

const consent = createConsent({ revision: 1, privacyPolicyUrl: '/personvern' })
consentMode(consent)
blockTrackers(consent)
const ui = mountUI(consent)
window.app = { consent, ui }
