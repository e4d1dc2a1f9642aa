-- Apache (mod_lua): sends the visitor's own samtykke consent cookie back on HTML answers, unchanged, to expire DAYS
-- after the decision time inside the record, never later. Nothing for an undecided visitor, a value that is not a
-- record, several copies, a record decided in the future or past its end, or a prefetch. docs/server-cookie.md.
-- Set these as the pages' samtykke config has them (cookie.name, cookie.days, cookie.domain, the category names).
local NAME = 'samtykke'
local DAYS = 182
local DOMAIN = '' -- e.g. 'innfram.no'
local CATEGORIES = { necessary = true, analytics = true, marketing = true, preferences = true } -- {} = any

local DAY = 86400

-- The record, as @samtykke/core's decodeRecord reads it (docs/adr/0002-cookie-format.md), or nil.
local function decision_time(value)
  if #value > 400 then return nil end
  local revision, time, id, categories = value:match('^1~([%w_%.%-]+)~([0-9a-z]+)~([%w_%-]+)~[0-3]~[01]~(.+)$')
  if not revision or #revision > 16 or #time > 9 or time:sub(1, 1) == '0' or #id < 8 or #id > 40 then return nil end
  local seen, any = {}, next(CATEGORIES) ~= nil
  for pair in (categories .. '.'):gmatch('([^.]*)%.') do
    local name, on = pair:match('^([a-z][%w_%-]*):([01])$')
    if not name or #name > 24 or seen[name] or (any and not CATEGORIES[name]) then return nil end
    seen[name] = on
  end
  if seen.necessary ~= '1' then return nil end
  return tonumber(time, 36)
end

local function cookie(r)
  if r.headers_in['Sec-Purpose'] or r.headers_in['Purpose'] then return nil end
  local values = {}
  for pair in ((r.headers_in['Cookie'] or '') .. ';'):gmatch('%s*([^;]*);') do
    if pair:sub(1, #NAME + 1) == NAME .. '=' then values[#values + 1] = pair:sub(#NAME + 2) end
  end
  if #values ~= 1 then return nil end
  local time = decision_time(values[1])
  local now = os.time()
  if not time or time > now + DAY then return nil end
  local left = time + DAYS * DAY - now
  if left <= 0 then return nil end
  return NAME .. '=' .. values[1] .. '; Max-Age=' .. left .. '; Path=/; SameSite=Lax' ..
    (DOMAIN ~= '' and '; Domain=' .. DOMAIN or '') .. (r.is_https and '; Secure' or '')
end

-- LuaOutputFilter: before the first byte of an HTML answer that succeeds, unless the answer sets the cookie itself.
function renew(r)
  local status = r.status
  local html = (r.content_type or ''):lower():match('^%s*text/html') ~= nil
  local own = false
  for _, t in ipairs({ r.headers_out, r.err_headers_out }) do
    local set = t['Set-Cookie']
    if set and set:sub(1, #NAME + 1) == NAME .. '=' then own = true end
  end
  if html and ((status >= 200 and status < 300) or status == 304) and not own then
    local c = cookie(r)
    -- err_headers_out is sent alongside headers_out, so a Set-Cookie the page sets itself stays.
    if c then r.err_headers_out['Set-Cookie'] = c end
  end
  coroutine.yield()
  while bucket do coroutine.yield(bucket) end
end
