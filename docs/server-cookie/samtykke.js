// nginx (njs): sends the visitor's own samtykke consent cookie back on HTML answers, unchanged, to expire DAYS after
// the decision time inside the record, never later. Nothing for an undecided visitor, a value that is not a record,
// several copies, a record decided in the future or past its end, or a prefetch. docs/server-cookie.md.
// Set these as the pages' samtykke config has them (cookie.name, cookie.days, cookie.domain, the category names).
var NAME = 'samtykke'
var DAYS = 182
var DOMAIN = '' // e.g. 'innfram.no'
var CATEGORIES = ['necessary', 'analytics', 'marketing', 'preferences'] // [] = any

// The record, as @samtykke/core's decodeRecord reads it (docs/adr/0002-cookie-format.md).
var FORMAT =
  /^1~([\w.-]{1,16})~([1-9a-z][0-9a-z]{0,8})~([\w-]{8,40})~([0-3])~([01])~([a-z][\w-]{0,23}:[01](?:\.[a-z][\w-]{0,23}:[01])*)$/
var DAY = 86400

function cookie(r) {
  if (r.headersIn['Sec-Purpose'] || r.headersIn['Purpose']) return ''
  var values = (r.headersIn['Cookie'] || '')
    .split(/;\s*/)
    .filter(function (c) {
      return c.indexOf(NAME + '=') == 0
    })
    .map(function (c) {
      return c.slice(NAME.length + 1)
    })
  if (values.length != 1 || values[0].length > 400) return ''
  var m = FORMAT.exec(values[0])
  if (!m) return ''
  var seen = {}
  var pairs = m[6].split('.')
  for (var i = 0; i < pairs.length; i++) {
    var p = pairs[i].split(':')
    if (seen[p[0]] !== undefined) return ''
    if (CATEGORIES.length && CATEGORIES.indexOf(p[0]) < 0) return ''
    seen[p[0]] = p[1]
  }
  if (seen.necessary !== '1') return ''
  var time = parseInt(m[2], 36)
  var now = Math.floor(Date.now() / 1000)
  if (time > now + DAY) return ''
  var left = time + DAYS * DAY - now
  if (left <= 0) return ''
  return (
    NAME +
    '=' +
    values[0] +
    '; Max-Age=' +
    left +
    '; Path=/; SameSite=Lax' +
    (DOMAIN ? '; Domain=' + DOMAIN : '') +
    (r.variables.scheme == 'https' ? '; Secure' : '')
  )
}

// js_header_filter: on HTML answers that succeed, unless the answer sets the consent cookie itself.
function renew(r) {
  var type = r.headersOut['Content-Type'] || ''
  if (!/^\s*text\/html\b/i.test(type) || !((r.status >= 200 && r.status < 300) || r.status == 304)) return
  var set = r.headersOut['Set-Cookie'] || []
  if (
    set.some(function (c) {
      return c.indexOf(NAME + '=') == 0
    })
  )
    return
  var c = cookie(r)
  if (c) r.headersOut['Set-Cookie'] = set.concat([c])
}

export default { renew: renew }
