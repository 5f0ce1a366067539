-- lib.dates.scan: all the rules of a grammar (lib.dates.grammar's shape)
-- compiled into one PCRE2 pattern, so an article is scanned once however
-- many rules there are.
--
--   local scanner = scan.compile(rules)
--   for _, hit in ipairs(scanner(text)) do ... end
--      hit = { rule = rule, s = start, e = stop, c = captures }
--
-- Each rule's pattern becomes one alternative, its named groups renamed
-- (r<k>_<name>) so that two rules may use the same names; at a position
-- the first alternative that matches wins, and the scan goes on after it.

local M = {}

function M.compile(rules, flags)
  local alts, names = {}, {}
  for k, r in ipairs(rules) do
    local list = {}
    local p = r.pattern:gsub("%(%?<(%a[%w_]*)>", function(n)
      list[#list + 1] = n
      return "(?<r" .. k .. "_" .. n .. ">"
    end)
    names[k] = list
    alts[k] = "(?<r" .. k .. ">" .. p .. ")"
  end
  local re = lede.re("(?<![\\w-])(?:" .. table.concat(alts, "|") .. ")(?![\\w])", flags or "i")
  local keys = {}
  for k, list in ipairs(names) do
    local t = {}
    for i, n in ipairs(list) do t[i] = { n, "r" .. k .. "_" .. n } end
    keys[k] = t
  end
  return function(text)
    local hits = {}
    for m in re:gmatch(text) do
      for k = 1, #rules do
        if m["r" .. k] then
          local c = { _s = m.start, _e = m.stop, _text = m[0],
                      _after = text:sub(m.stop + 1, m.stop + 24) }
          for _, nk in ipairs(keys[k]) do
            local v = m[nk[2]]
            if v then c[nk[1]] = v end
          end
          hits[#hits + 1] = { rule = rules[k], s = m.start, e = m.stop, c = c }
          break
        end
      end
    end
    return hits
  end
end

return M
