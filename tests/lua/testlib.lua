-- A tiny test harness for Lua-level tests run under `lede run`.
--   local T = require "testlib"
--   T.test("name", function() T.eq(actual, expected) end)
--   T.done()   -- prints a summary; raises (exit 1) if anything failed
local T = { passed = 0, failed = 0, current = nil }

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

local function fail(msg, level)
  error(msg, (level or 1) + 2)
end

function T.eq(actual, expected, what)
  if actual ~= expected then
    fail(string.format("%sexpected %s, got %s", what and (what .. ": ") or "",
                       show(expected), show(actual)), 1)
  end
end

function T.ok(cond, what)
  if not cond then fail("expected true: " .. (what or "condition"), 1) end
end

function T.match(s, pattern, what)
  if type(s) ~= "string" or not s:find(pattern) then
    fail(string.format("%s%s does not match %q", what and (what .. ": ") or "", show(s), pattern), 1)
  end
end

-- T.raises(fn, pattern): fn must raise an error whose message matches pattern.
function T.raises(fn, pattern)
  local ok, err = pcall(fn)
  if ok then fail("expected an error matching " .. show(pattern), 1) end
  if pattern and not tostring(err):find(pattern) then
    fail(string.format("error %s does not match %q", show(tostring(err)), pattern), 1)
  end
  return err
end

function T.test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    T.passed = T.passed + 1
  else
    T.failed = T.failed + 1
    io.stderr:write(string.format("FAIL %s\n  %s\n", name, err))
  end
end

-- The QUOTE annotations of a text parsed as one article, and the first of
-- them whose text starts with prefix (an error at the caller's line if none).
function T.quotes(text)
  return lede.parse(text, { quiet = true })[1]:quotes()
end
function T.quote_starting(list, prefix)
  for _, q in ipairs(list) do if q.text:sub(1, #prefix) == prefix then return q end end
  error("no quote starting with " .. prefix, 2)
end

function T.done()
  print(string.format("%d passed, %d failed", T.passed, T.failed))
  if T.failed > 0 then error(string.format("%d test(s) failed", T.failed), 0) end
end

return T
