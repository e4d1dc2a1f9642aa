import type { Metadata } from 'next'
import { ConsentSettingsButton } from '@samtykke/react'

export const metadata: Metadata = { title: 'Personvern' }

export default function Privacy() {
  return (
    <main>
      <h1>Personvern og informasjonskapsler</h1>
      <p>
        Vi bruker informasjonskapsler til statistikk (Google Analytics) og til å vise film fra YouTube, bare når du har
        samtykket. Du kan endre valget ditt når som helst.
      </p>
      <p>
        <ConsentSettingsButton className="button" />
      </p>
      <h2>Informasjonskapsler vi bruker</h2>
      {/* The drop-in fills it with the cookie declaration from the config: React leaves what is inside to it. */}
      <div data-samtykke-declaration="" dangerouslySetInnerHTML={{ __html: '' }} suppressHydrationWarning />
    </main>
  )
}
