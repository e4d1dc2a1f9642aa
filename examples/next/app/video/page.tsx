import type { Metadata } from 'next'
import { Consent } from '@samtykke/react'

export const metadata: Metadata = { title: 'Film' }

export default function Video() {
  return (
    <main>
      <h1>Slik jobber vi</h1>
      <p>Tre minutter fra et prosjekt hos en kommune i Trøndelag.</p>
      {/* Not in the page, not even as a request, before marketing is allowed: until then, a placeholder that asks for it. */}
      <Consent category="marketing">
        <iframe
          className="video"
          src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
          title="Film: slik jobber INNFRAM"
          allow="encrypted-media; picture-in-picture"
          allowFullScreen
        />
      </Consent>
    </main>
  )
}
