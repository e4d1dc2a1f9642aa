// Every message @samtykke/react prints. Each says what is missing and how to add it.
export const PREFIX = 'samtykke: '

let told = false

/** No consent store on the page: said once per page, however many components find none. */
export const noConsent = () =>
  told ||
  ((told = true),
  console.error(
    PREFIX +
      '<Consent>, useConsent() and <ConsentSettingsButton> found no consent store, so they show what needs no ' +
      'consent only: ' +
      'put <script src="/samtykke/samtykke.js"> first in <head> (window.samtykke is not defined), ' +
      'or wrap the app in <ConsentProvider consent={createConsent(config)}>',
  ))
