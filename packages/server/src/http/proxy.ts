// Which proxies in front of the log to believe about a client's address (X-Forwarded-For). Trusting every hop lets a
// client name its own address: nginx appends the address it saw to the header the client sent, so only the entries
// the trusted proxies added are the proxies' word. Fastify's `trustProxy` counts hops or matches proxy addresses.
import { isIP } from 'node:net'
import { badTrustProxy, ServeError } from '../errors'

/**
 * `true`: one proxy in front (the usual TLS proxy). A number: that many proxies, each appending one address. An
 * address, a CIDR range or `loopback`, `linklocal` or `uniquelocal` (or a list of them): the proxies' own addresses.
 */
export type TrustProxy = boolean | number | string | string[]

const NAMES = ['loopback', 'linklocal', 'uniquelocal']

function validAddress(address: string): boolean {
  if (NAMES.includes(address)) return true
  const [ip, bits, ...rest] = address.split('/')
  const kind = isIP(ip)
  if (!kind || rest.length) return false
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (kind == 4 ? 32 : 128))
}

/** Fastify's `trustProxy` for the option: false, a hop count, or the proxies' addresses. Throws on a bad value. */
export function trustProxySetting(option: TrustProxy | undefined): false | number | string[] {
  if (option === undefined || option === false) return false
  if (option === true) return 1
  if (typeof option == 'number') {
    if (Number.isInteger(option) && option >= 1 && option <= 32) return option
    throw new ServeError('BAD_OPTION', badTrustProxy(String(option)))
  }
  const addresses = (Array.isArray(option) ? option : option.split(',')).map((a) => a.trim()).filter(Boolean)
  const bad = addresses.find((a) => !validAddress(a))
  if (bad !== undefined || !addresses.length) throw new ServeError('BAD_OPTION', badTrustProxy(bad ?? String(option)))
  return addresses
}

/** The command line's `--trust-proxy [hops|addresses]`: a number of hops, or addresses; none given, one hop. */
export function trustProxyArg(value: string | undefined): TrustProxy | undefined {
  if (value === undefined) return undefined
  if (value === '') return true
  return /^\d+$/.test(value) ? Number(value) : value
}

/**
 * `--trust-proxy` may stand alone (one hop): node's parseArgs wants a value for a string option, so a bare one is
 * given the empty value here. A following word is its value unless it is another option or a command.
 */
export function bareTrustProxy(argv: string[]): string[] {
  return argv.map((arg, index) => {
    const next = argv[index + 1]
    const bare =
      arg == '--trust-proxy' && (next === undefined || next.startsWith('-') || next == 'start' || next == 'verify')
    return bare ? '--trust-proxy=' : arg
  })
}
