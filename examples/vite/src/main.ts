// samtykke from npm: the store, the blocker and Consent Mode from @samtykke/core, the banner from @samtykke/ui.
import { blockTrackers, consentMode, createConsent, type ConsentState, type SamtykkeConfig } from '@samtykke/core'
import { i18n, mountUI } from '@samtykke/ui'
import './style.css'

const config: SamtykkeConfig = {
  revision: 1,
  lang: 'nb',
  privacyPolicyUrl: '/personvern',
  controller: { name: 'Eksempel AS', address: 'Storgata 1, 0155 Oslo' },
  categories: {
    necessary: { reason: 'Husker valget ditt om informasjonskapsler.' },
    preferences: false,
    analytics: {
      services: [
        {
          name: 'Google Analytics',
          provider: 'Google Ireland Limited',
          policyUrl: 'https://policies.google.com/privacy',
          cookies: [
            { name: '_ga', lifetime: '2 år' },
            { name: '_ga_*', lifetime: '2 år' },
          ],
        },
      ],
    },
    marketing: {
      services: [
        {
          name: 'Meta-piksel',
          provider: 'Meta Platforms Ireland Limited',
          policyUrl: 'https://www.facebook.com/privacy/policy/',
          cookies: [{ name: '_fbp', lifetime: '3 måneder' }],
        },
      ],
    },
  },
}

// Order matters: Consent Mode defaults and the blocker go in before any tag can load.
const consent = createConsent(config)
consentMode(consent)
blockTrackers(consent)
const ui = mountUI(consent)
const { label } = i18n(consent.config)

// Load Google Analytics only once statistics are granted (gtag reads the Consent Mode state set above).
const GA_ID = 'G-EKSEMPEL1'
let gaLoaded = false
function loadAnalytics() {
  if (gaLoaded) return
  gaLoaded = true
  const s = document.createElement('script')
  s.async = true
  s.src = `https://www.googletagmanager.com/gtag/js?id=${GA_ID}`
  document.head.append(s)
  const w = window as unknown as { dataLayer: unknown[] }
  w.dataLayer = w.dataLayer || []
  // gtag's own shape: it pushes the arguments object, not an array.
  function gtag(..._args: unknown[]) {
    w.dataLayer.push(arguments)
  }
  gtag('js', new Date())
  gtag('config', GA_ID)
}

const $ = (id: string) => document.getElementById(id)!

function render(state: ConsentState) {
  $('summary').textContent = state.decided
    ? 'Du har tatt et valg.'
    : state.ask === 'revision'
      ? 'Vi har endret oppsettet og spør deg på nytt.'
      : 'Du har ikke tatt et valg ennå: bare nødvendige informasjonskapsler er i bruk.'
  $('categories').replaceChildren(
    ...consent.config.order.map((name) => {
      const row = document.createElement('tr')
      const title = document.createElement('td')
      title.textContent = label(name)
      const value = document.createElement('td')
      const on = state.granted[name] === true
      value.textContent = on ? 'godtatt' : 'ikke godtatt'
      value.className = on ? 'on' : 'off'
      row.append(title, value)
      return row
    }),
  )
  $('record').textContent = state.record
    ? `Samtykke-ID ${state.record.id}, lagret ${new Date(state.record.time).toLocaleString('nb-NO')} (${state.record.how}).`
    : ''
  if (state.granted.analytics) loadAnalytics()
  $('tags').textContent = gaLoaded
    ? `Google Analytics (${GA_ID}) er lastet.`
    : 'Google Analytics lastes først når statistikk er godtatt.'
}

consent.subscribe(render)
$('show').addEventListener('click', () => ui.show())
$('reset').addEventListener('click', () => consent.reset())
