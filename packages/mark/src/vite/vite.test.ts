import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, createServer } from 'vite'
import { samtykkeMark } from '.'
import type { MarkResult } from '../transform'

const PAGE = `<!doctype html>
<html><head>
<script src="/samtykke/samtykke.js"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-VITE1"></script>
<link rel="preconnect" href="https://connect.facebook.net">
</head><body>
<iframe src="https://www.youtube.com/embed/vite" title="Film"></iframe>
<script type="module" src="/main.js"></script>
</body></html>
`

const dir = mkdtempSync(join(tmpdir(), 'samtykke-vite-'))
writeFileSync(join(dir, 'index.html'), PAGE)
writeFileSync(join(dir, 'main.js'), 'document.title = "vite"\n')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const reports: [string, MarkResult][] = []
const plugin = () => samtykkeMark({ onReport: (page, r) => reports.push([page, r]) })

// Each test runs a Vite build or dev server: seconds on a busy machine, over vitest's default 5 s.
describe('the Vite plugin', { timeout: 60_000 }, () => {
  it('marks the tracker tags of a page in `vite build`', async () => {
    await build({ root: dir, logLevel: 'silent', plugins: [plugin()], build: { outDir: join(dir, 'dist') } })
    const html = readFileSync(join(dir, 'dist/index.html'), 'utf8')
    expect(html).toContain(
      '<script type="text/plain" data-category="analytics" async ' +
        'src="https://www.googletagmanager.com/gtag/js?id=G-VITE1"></script>',
    )
    expect(html).toContain('<link data-category="marketing" rel="preconnect" data-src="https://connect.facebook.net">')
    expect(html).toContain(
      '<iframe data-category="marketing" data-src="https://www.youtube.com/embed/vite" title="Film"></iframe>',
    )
    // Vite's own rewrite of the module script stays, unmarked.
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/)
    expect(reports.at(-1)![1].changes).toHaveLength(3)
  })

  it('marks them in the dev server too', async () => {
    const server = await createServer({
      root: dir,
      logLevel: 'silent',
      plugins: [plugin()],
      server: { port: 0, hmr: false },
    })
    await server.listen()
    try {
      const { port } = server.httpServer!.address() as { port: number }
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text()
      expect(html).toContain(
        '<script type="text/plain" data-category="analytics" async ' +
          'src="https://www.googletagmanager.com/gtag/js?id=G-VITE1"></script>',
      )
      expect(html).toContain('data-category="marketing" data-src="https://www.youtube.com/embed/vite"')
      expect(html).toContain('/@vite/client')
    } finally {
      await server.close()
    }
  })
})
