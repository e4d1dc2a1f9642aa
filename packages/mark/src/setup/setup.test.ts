import { describe, expect, it } from 'vitest'
import { markBytes, markHtml } from '../transform'
import { corpus } from '../../test/corpus'

const CONFIG = {
  revision: 2,
  privacyPolicyUrl: '/personvern',
  categories: {
    analytics: { label: 'Statistikk', services: [{ name: 'Google Analytics', cookies: [{ name: '_ga' }] }] },
  },
  texts: { banner: { description: 'Vi bruker informasjonskapsler. Les </script> før du velger.' } },
}
const setup = { setup: { config: CONFIG, script: '/samtykke/samtykke.js' } }

const GA4 = `<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>`
const page = (head: string) =>
  `<!doctype html>\n<html lang="nb">\n<head>\n  <meta charset="utf-8">\n  <title>Om oss</title>\n${head}</head>` +
  `\n<body><p>Hei</p></body>\n</html>\n`

/** The config block's JSON and the src of every script, in document order, as a browser reads the page. */
function readAsBrowser(html: string) {
  const block = /<script type="application\/json" id="samtykke-config">([\s\S]*?)<\/script>/.exec(html)
  return {
    config: block && JSON.parse(block[1]),
    scripts: [...html.matchAll(/<script\b([^>]*)>/g)].map(
      (m) => /\bsrc="([^"]*)"/.exec(m[1])?.[1] ?? (/id="samtykke-config"/.test(m[1]) ? 'config' : 'inline'),
    ),
  }
}

describe('markHtml with setup: the config block and samtykke.js first in <head>', () => {
  it(
    'writes both after <meta charset>, before any tracker, and marks ' + 'the tracker; a second run changes nothing',
    () => {
      const input = page(`  ${GA4}\n`)
      const r = markHtml(input, setup)
      expect(r.setup).toEqual(['config block and samtykke.js added first in <head>'])
      expect(r.changes).toHaveLength(1)
      const read = readAsBrowser(r.html)
      expect(read.config).toEqual(CONFIG)
      expect(read.scripts).toEqual([
        'config',
        '/samtykke/samtykke.js',
        'https://www.googletagmanager.com/gtag/js?id=G-ABC123',
      ])
      // Indented like the page; the page's own lines untouched, <meta charset> still first.
      expect(r.html).toContain(
        '<head>\n  <meta charset="utf-8">\n  <script type="application/json" id="samtykke-config">\n  {\n    ' +
          '"revision": 2,',
      )
      expect(r.html).toContain(
        '\n  </script>\n  <script src="/samtykke/samtykke.js"></script>\n  <title>Om oss</title>',
      )
      // A `</script>` in a text cannot end the block early.
      expect(r.html).not.toContain('Les </script>')
      const again = markHtml(r.html, setup)
      expect(again.html).toBe(r.html)
      expect(again.setup).toEqual([])
      expect(again.changes).toEqual([])
    },
  )

  it('keeps every byte outside its edits: the input is the output with the inserted text taken out', () => {
    for (const [name, html] of Object.entries(corpus())) {
      const r = markHtml(html, setup)
      const plain = markHtml(html).html
      const insert = r.edits.find((e) => e.text.includes('samtykke-config'))
      const blockless = (s: string) => s.replace(/(id="samtykke-config">)[\s\S]*?<\/script>/, '$1')
      // Marked alone, plus the inserted pair; or, where the page had the pair in place, only the block's JSON differs.
      // (A samtykke.js that was not in place is moved: taken out where it was.)
      const moved = r.edits.filter((e) => e.text == '').map((e) => html.slice(e.start, e.end))
      if (insert) expect(r.html.replace(insert.text, ''), name).toBe(moved.reduce((s, m) => s.replace(m, ''), plain))
      else expect(blockless(r.html), name).toBe(blockless(plain))
      expect(markHtml(r.html, setup).html, name).toBe(r.html)
      expect(readAsBrowser(r.html).scripts.slice(0, 2), name).toEqual(['config', '/samtykke/samtykke.js'])
    }
  })

  it(
    'updates a block and a tag that are in place, where they are, and keeps a block already equal as it was ' +
      'written',
    () => {
      const old = page(
        `  <script type="application/json" id="samtykke-config">{ "revision": 1 }</script>\n  <script ` +
          `src="/js/samtykke.js" defer></script>\n  ${GA4}\n`,
      )
      const r = markHtml(old, setup)
      expect(r.setup).toEqual(['config block updated', 'samtykke.js now loaded from /samtykke/samtykke.js'])
      expect(readAsBrowser(r.html)).toEqual({
        config: CONFIG,
        scripts: ['config', '/samtykke/samtykke.js', 'https://www.googletagmanager.com/gtag/js?id=G-ABC123'],
      })
      expect(r.html).toContain('<script src="/samtykke/samtykke.js" defer></script>')
      // Same config, other formatting (and Norwegian letters as UTF-8): left as the site wrote it.
      const same = { revision: 1, texts: { banner: { title: 'Før du går videre' } } }
      const written = page(
        `  <script type="application/json" id="samtykke-config">{"texts":{"banner":{"title":"Før du går videre"}}` +
          `,"revision":1}</script>\n  <script src="/samtykke/samtykke.js"></script>\n`,
      )
      // Reordered keys are another config as JSON text; the same keys in the same order, formatted otherwise, are not.
      const tidy = written.replace(
        '{"texts":{"banner":{"title":"Før du går videre"}},"revision":1}',
        '{ "revision": 1,\n    "texts": { "banner": { "title": "Før du går videre" } } }',
      )
      const bytes = Buffer.from(tidy, 'utf8')
      const kept = markBytes(bytes, { setup: { config: same, script: '/samtykke/samtykke.js' } })
      expect(kept.setup).toEqual([])
      expect(kept.bytes.equals(bytes)).toBe(true)
    },
  )

  it('moves a samtykke.js that comes after another script up, so that nothing runs before the blocker', () => {
    const late = page(`  ${GA4}\n  <script src="/samtykke/samtykke.js"></script>\n`)
    const r = markHtml(late, setup)
    expect(r.setup).toEqual(['samtykke.js moved first in <head> and updated'])
    expect(readAsBrowser(r.html).scripts).toEqual([
      'config',
      '/samtykke/samtykke.js',
      'https://www.googletagmanager.com/gtag/js?id=G-ABC123',
    ])
    expect(markHtml(r.html, setup).html).toBe(r.html)
  })

  it('sets up a page without <head> or <html> tags, a CRLF page and a Latin-1 page, escaping what is not ASCII', () => {
    const bare = markHtml(`<!DOCTYPE html><title>x</title>${GA4}<p>hei`, setup)
    expect(readAsBrowser(bare.html).scripts).toEqual([
      'config',
      '/samtykke/samtykke.js',
      'https://www.googletagmanager.com/gtag/js?id=G-ABC123',
    ])
    expect(bare.html.startsWith('<!DOCTYPE html><script type="application/json" id="samtykke-config">')).toBe(true)

    const crlf = markHtml(page(`  ${GA4}\r\n`).replace(/\n/g, '\r\n'), setup)
    expect(crlf.html.replace(/\r\n/g, '')).not.toContain('\n')
    expect(readAsBrowser(crlf.html).config).toEqual(CONFIG)

    const latin1 = Buffer.from(page('').replace('Om oss', 'Om oss – Ålesund'), 'latin1')
    const config = { revision: 1, texts: { banner: { title: 'Før du går videre' } } }
    const r = markBytes(latin1, { setup: { config, script: '/samtykke/samtykke.js' } })
    const text = r.bytes.toString('latin1')
    expect(text).toContain('"title": "F\\u00f8r du g\\u00e5r videre"')
    expect(readAsBrowser(text).config).toEqual(config)
    expect(r.bytes.subarray(r.bytes.indexOf('</script>\n  <title>') + 19)).toEqual(
      latin1.subarray(latin1.indexOf('<title>') + 7),
    )
  })

  it('writes a src with a quote or an ampersand as an attribute the browser reads back', () => {
    const s = markHtml(page(''), { setup: { config: {}, script: '/s/samtykke.js?v=1&x="2"' } })
    expect(s.html).toContain('<script src="/s/samtykke.js?v=1&amp;x=&quot;2&quot;"></script>')
    expect(markHtml(s.html, { setup: { config: {}, script: '/s/samtykke.js?v=1&x="2"' } }).setup).toEqual([])
  })
})
