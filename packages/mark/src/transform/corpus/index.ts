// The test corpus: pages shaped like the ones sites ship (read from this folder), and one page with every tag kind
// the marker handles, which the unit tests, the browser proof and the throughput measurement share.
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const here = import.meta.dirname
const ROOT = resolve(here, '../../../../..')

/** Every corpus page by name: this folder's and the INNFRAM example site's. */
export function corpus(): Record<string, string> {
  const pages: Record<string, string> = {}
  for (const f of readdirSync(here).filter((f) => f.endsWith('.html'))) pages[f] = readFileSync(join(here, f), 'utf8')
  const innfram = join(ROOT, 'examples/innfram')
  for (const f of readdirSync(innfram).filter((f) => f.endsWith('.html'))) pages['innfram/' + f] = readFileSync(join(innfram, f), 'utf8')
  return pages
}

/**
 * One page with every tag kind, unmarked, each loading a fake tracker URL. Each tag that runs pushes its name to
 * `window.__ran` (the fakes do it for external scripts: their host and path), so a test can check the order.
 * `head` goes first in <head> (the samtykke script and its config, for the browser).
 */
export function everyTagPage(head = ''): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<title>Alle slags tagger</title>
${head}
<link rel="preconnect" href="https://www.google-analytics.com">
<link rel="dns-prefetch" href="//connect.facebook.net">
<link rel="preload" as="script" href="https://snap.licdn.com/li.lms-analytics/insight.min.js">
<link rel="prefetch" href="https://static.hotjar.com/c/hotjar-1.js?sv=6">
<link rel="modulepreload" href="https://analytics.tiktok.com/i18n/pixel/module.js">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-EVERY1"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-EVERY1');
</script>
<script>
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '1234567890');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=1234567890&amp;ev=PageView&amp;noscript=1"/></noscript>
<script src="https://snap.licdn.com/li.lms-analytics/insight.min.js"></script>
<script src="https://static.hotjar.com/c/hotjar-1.js?sv=6"></script>
<script src="https://www.clarity.ms/tag/abcdef"></script>
</head>
<body>
<main>
<h1>Alle slags tagger</h1>
<p>Tekst &amp; entiteter &mdash; æøå, <!-- en kommentar --> og <b>markering</b>.</p>
<svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="4"/></svg>
<template id="mal"><p>mal</p></template>
<iframe src="https://www.youtube-nocookie.com/embed/every" width="320" height="180" title="Film"></iframe>
<img src="https://px.ads.linkedin.com/collect/?pid=1&amp;fmt=gif" width="1" height="1" alt="">
<img srcset="https://ct.pinterest.com/v3/?tid=1&amp;noscript=1 1x" width="1" height="1" alt="">
<script src="https://bat.bing.com/bat.js"></script>
<script src="https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=EVERY"></script>
<script src="https://sc-static.net/scevent.min.js"></script>
<script src="/local.js"></script>
</main>
</body>
</html>
`
}

/** `everyTagPage` grown to at least `bytes` (UTF-16 code units) by repeating its body: the large page. */
export function largePage(bytes: number): string {
  const page = everyTagPage()
  const body = page.slice(page.indexOf('<main>'), page.indexOf('</main>') + 7)
  const filler = `<section><h2>Avsnitt</h2><p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)}</p><ul>${'<li><a href="/side">Lenke</a></li>'.repeat(10)}</ul></section>\n`
  const block = body + filler.repeat(10)
  const n = Math.max(1, Math.ceil((bytes - page.length) / block.length))
  return page.replace('</body>', block.repeat(n) + '</body>')
}
