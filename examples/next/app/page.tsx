import Link from 'next/link'

export default function Home() {
  return (
    <main>
      <h1>Nettsteder som er ærlige om informasjonskapsler</h1>
      <p>
        Vi lager raske og tilgjengelige nettsteder for bedrifter og kommuner i Trøndelag. Statistikk fra Google
        Analytics samler vi bare når du har sagt ja til det.
      </p>
      <p>
        <Link href="/video">Se filmen om hvordan vi jobber</Link>
      </p>
    </main>
  )
}
