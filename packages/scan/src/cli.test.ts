// What the command refuses before it starts a browser: each a one-line error naming the problem, and exit 2.
import { describe, expect, it } from 'vitest'
import { HELP, run } from './cli'
import { runScan } from '../test/server'

const scan = (...argv: string[]) => runScan(run, argv)

describe('samtykke scan refuses bad input with one line and exit 2', () => {
  it.each([
    [['not a url'], 'samtykke scan: "not a url" is not a valid http(s) URL: give one like https://www.example.no/'],
    [
      ['ftp://innfram.no/'],
      'samtykke scan: "ftp://innfram.no/" is not a valid http(s) URL: give one like https://www.example.no/',
    ],
    [
      ['https://innfram.no/', '--max-pages', '0'],
      'samtykke scan: --max-pages must be a whole number of at least 1 (got 0)',
    ],
    [
      ['https://innfram.no/', '--max-pages=-1'],
      'samtykke scan: --max-pages must be a whole number of at least 1 (got -1)',
    ],
    [
      ['https://innfram.no/', '--max-pages', 'many'],
      'samtykke scan: --max-pages must be a whole number of at least 1 (got many)',
    ],
    [['https://innfram.no/', '--timeout', '0'], 'samtykke scan: --timeout must be a positive number (got 0)'],
    [[], 'samtykke scan: give the site to scan: samtykke scan <url> (or --urls FILE). See samtykke scan --help.'],
    [
      ['https://innfram.no/', '--accept', '#ja'],
      'samtykke scan: give --accept and --reject together: the scanner needs both buttons to scan both choices',
    ],
    [
      ['https://innfram.no/', '--urls', '/nowhere/urls.txt'],
      'samtykke scan: could not read --urls /nowhere/urls.txt: no such file',
    ],
    [
      ['https://innfram.no/', '--declaration', '/nowhere/d.json'],
      'samtykke scan: could not read --declaration /nowhere/d.json: no such file',
    ],
    [['https://innfram.no/', '--frobnicate'], 'samtykke scan: unknown option --frobnicate (see samtykke scan --help)'],
  ])('%j', async (argv, line) => {
    const r = await scan(...argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(line + '\n')
    expect(r.stdout).toBe('')
  })

  it('says how to install Chromium when the browser is not there', async () => {
    const r = await scan('https://innfram.no/', '--browser', '/nowhere/chromium')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'samtykke scan: no browser at /nowhere/chromium (from --browser or CHROMIUM_PATH): check the path, or ' +
        'install Chromium (apt-get install chromium).\n',
    )
  })

  it('--help prints the options on stdout and exits 0', async () => {
    const r = await scan('--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(HELP)
    for (const flag of [
      '--max-pages',
      '--urls',
      '--json',
      '--out',
      '--declaration',
      '--accept',
      '--reject',
      '--browser',
      '--ignore-https-errors',
    ])
      expect(HELP).toContain(flag)
  })
})
