// samtykke's config for the whole site, in one module: the layout renders it as the drop-in's JSON block, and the
// server reads the consent cookie with it (the revision, the categories and the lifetime decide what a cookie means).
import type { SamtykkeConfig } from '@samtykke/core'

export const config = {
  revision: 1,
  lang: 'nb',
  privacyPolicyUrl: '/personvern',
  // On every page, whichever page a visitor lands on: the drop-in decides once per document load, and a client
  // navigation loads none.
  floatingButton: true,
  categories: {
    analytics: {
      services: [
        {
          name: 'Google Analytics 4',
          provider: 'Google Ireland Ltd.',
          cookies: [
            { name: '_ga', lifetime: '2 år' },
            { name: '_ga_*', lifetime: '2 år' },
          ],
        },
      ],
    },
    marketing: {
      services: [
        { name: 'YouTube', provider: 'Google Ireland Ltd.' },
        {
          name: 'Meta Pixel',
          provider: 'Meta Platforms Ireland Ltd.',
          cookies: [{ name: '_fbp', lifetime: '3 måneder' }],
        },
      ],
    },
  },
} satisfies SamtykkeConfig

/** The measurement ID of the site's GA4 property. */
export const GA_ID = 'G-TEST123'
/** The Meta Pixel's ID (the film page measures who watched it). */
export const META_PIXEL_ID = '000000000000000'
