// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createConsent } from '../../../core/src/store'
import { memoryJar } from '../../../core/src/record/jar'
import type { SamtykkeConfig } from '@samtykke/core'
import fixture from '../../test/fixture.json'
import { mountUI, type UI } from '..'

let ui: UI
const mount = () => (ui = mountUI(createConsent(fixture as SamtykkeConfig, { jar: memoryJar(), gpc: false })))
const rows = (table: Element) =>
  [...table.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))

afterEach(() => {
  ui.destroy()
  document.body.innerHTML = ''
})

describe('the cookie declaration', () => {
  it('lists every category, service and cookie from the config in tables with captions and headers', () => {
    document.body.innerHTML = '<main><h2>Informasjonskapsler</h2><div data-samtykke-declaration>Laster …</div></main>'
    mount()
    const tables = [...document.querySelectorAll<HTMLTableElement>('[data-samtykke-declaration] table')]
    expect(tables.map((t) => t.querySelector('caption b')!.textContent)).toEqual([
      'Nødvendige',
      'Statistikk',
      'Markedsføring',
    ])
    expect([...tables[0].querySelectorAll('thead th')].map((c) => [c.textContent, c.getAttribute('scope')])).toEqual([
      ['Navn', 'col'],
      ['Tjeneste', 'col'],
      ['Leverandør', 'col'],
      ['Formål', 'col'],
      ['Lagringstid', 'col'],
    ])
    expect(rows(tables[1])).toEqual([
      ['_ga', 'Google Analytics', 'Google Ireland Ltd.', 'Skiller besøkende fra hverandre', '2 år'],
      ['_ga_*', 'Google Analytics', 'Google Ireland Ltd.', 'Holder rede på økten', '2 år'],
    ])
    expect(rows(tables[2]).map((r) => r[0])).toEqual(['_fbp', 'YSC', 'VISITOR_INFO1_LIVE'])
    // the service's purpose when the cookie has none
    expect(rows(tables[2])[0][3]).toBe('Måler annonser på Facebook og Instagram')
    expect(tables[1].querySelector('a')!.getAttribute('href')).toBe('https://policies.google.com/privacy')
    expect(document.body.textContent).not.toContain('Laster')
  })

  it('fills a declaration added to the page later', async () => {
    mount()
    const el = document.createElement('div')
    el.setAttribute('data-samtykke-declaration', '')
    document.body.append(el)
    await new Promise((r) => setTimeout(r))
    expect(el.querySelectorAll('tbody tr')).toHaveLength(6)
  })
})
