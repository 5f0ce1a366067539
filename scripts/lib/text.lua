-- lib.text: small text and calendar helpers shared by the rules and the
-- output library.

local M = {}

--- text:sub(s, e) moved forward to a UTF-8 character boundary, so the
--- piece is valid UTF-8 for lede.re.
function M.usub(text, s, e)
  if s < 1 then s = 1 end
  while s <= e do
    local b = text:byte(s)
    if not b or b < 0x80 or b >= 0xC0 then break end
    s = s + 1
  end
  return text:sub(s, e)
end

--- Year, month, day of a count of days since 1970-01-01 (proleptic
--- Gregorian; Howard Hinnant's civil_from_days, with Lua's floor division).
function M.from_days(z)
  z = z + 719468
  local era = z // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return y, m, d
end

--- A regex matching any key of the given sets as a whole lowercase token
--- (bounded by non-alphanumerics), longest alternatives first.
function M.word_set_re(...)
  local alts = {}
  for _, set in ipairs { ... } do
    for w in pairs(set) do alts[#alts + 1] = w end
  end
  table.sort(alts, function(x, y) return #x > #y or (#x == #y and x < y) end)
  return lede.re("(?<![a-z0-9])(?:" .. table.concat(alts, "|") .. ")(?![a-z0-9])")
end

--- s lowercased the way tokens are: lede.fold when it has Latin letters
--- outside ASCII, string.lower otherwise (the same result, faster).
function M.token_lower(s)
  if s:find("[\xC3-\xC9]") or s:find("\xE1[\xB8-\xBB]") then return lede.fold(s) end
  return s:lower()
end

return M
