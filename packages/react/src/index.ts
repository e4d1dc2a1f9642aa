// @samtykke/react — consent in React and Next.js. Named exports only; importing touches no DOM. The built file starts
// with 'use client' (rollup.config.mjs): in the Next.js App Router its components can be used from server components.
export { ConsentProvider, useConsent } from './source'
export type { ConsentProviderProps, ConsentSource } from './source'
export { Consent, ConsentPlaceholder, ConsentSettingsButton } from './consent'
export type { ConsentNeeds, ConsentProps, ConsentPlaceholderProps } from './consent'
