import type { Metadata } from 'next'
import Script from 'next/script'
import { Consent } from '@samtykke/react'
import { META_PIXEL_ID } from '../../samtykke.config'

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
      {/*
        A tag on this page only: Meta's pixel, marked for `marketing`. A visitor often comes here by a client
        navigation, after samtykke.js ran: its blocker holds the element next/script adds then, as in a first page.
      */}
      <Script id="meta-pixel" strategy="lazyOnload" type="text/plain" data-category="marketing">
        {`!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;
s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init','${META_PIXEL_ID}');fbq('track','PageView')`}
      </Script>
    </main>
  )
}
