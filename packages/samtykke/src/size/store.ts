// Size check only (not shipped): the core's store, cookie and API as an app bundles them.
export { createConsent } from '../../../core/src/store/index'
