import type { ReactNode } from 'react'
import type { Metadata } from 'next'
import Link from 'next/link'
import Script from 'next/script'
import { cookies } from 'next/headers'
import { consentFromCookie } from '@samtykke/core'
import { ConsentProvider } from '@samtykke/react'
import { GA_ID, config } from '../samtykke.config'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'INNFRAM', template: '%s · INNFRAM' },
  description: 'Et digitalbyrå i Trondheim: nettsteder som er raske, tilgjengelige og ærlige om informasjonskapsler.',
}

// The config as the drop-in's JSON block; `<` escaped so no value can end the script element.
const configJson = JSON.stringify(config).replace(/</g, '\\u003c')

export default async function RootLayout({ children }: { children: ReactNode }) {
  // A returning visitor's choice, from the cookie this request carried, read by the browser's own rules: the page is
  // rendered with it (the video is in the HTML for a visitor who allowed it), and nothing changes at hydration.
  const jar = await cookies()
  const initial = consentFromCookie(config, (name) => jar.get(name)?.value)
  return (
    <html lang="nb">
      <head>
        {/* First in <head>, synchronous: samtykke.js blocks trackers and sets Consent Mode's default before anything. */}
        <script type="application/json" id="samtykke-config" dangerouslySetInnerHTML={{ __html: configJson }} />
        <script src="/samtykke/samtykke.js" />
      </head>
      <body>
        <ConsentProvider initial={initial} config={config}>
          <header>
            <Link href="/" className="logo">
              INNFRAM
            </Link>
            <nav aria-label="Hovedmeny">
              <Link href="/">Forside</Link>
              <Link href="/video">Film</Link>
              <Link href="/personvern">Personvern</Link>
            </nav>
          </header>
          {children}
          <footer>
            <p>INNFRAM AS · Kjøpmannsgata 1, 7013 Trondheim · post@innfram.no</p>
          </footer>
        </ConsentProvider>
        {/*
          Google Analytics 4, marked for `analytics`: next/script passes type and data-category on to the <script> it
          adds, which samtykke.js holds until analytics is allowed and then runs once. `lazyOnload`, because
          `afterInteractive` and `beforeInteractive` also put <link rel="preload"> for the src in the HTML, which the
          browser fetches before any choice (and `beforeInteractive` waits for the script's load event before hydrating,
          which a held script never fires). See the README's "React and Next.js".
        */}
        <Script
          id="ga"
          src={`https://www.googletagmanager.com/gtag/js?id=${GA_ID}`}
          strategy="lazyOnload"
          type="text/plain"
          data-category="analytics"
        />
        <Script id="ga-config" strategy="lazyOnload" type="text/plain" data-category="analytics">
          {`gtag('js', new Date()); gtag('config', '${GA_ID}')`}
        </Script>
      </body>
    </html>
  )
}
