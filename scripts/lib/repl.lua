-- lib.repl: what the interactive prompt (`lede repl`) does in Lua:
-- pretty-printing results, tab completion, and the `:commands`.
-- src/repl.c owns the terminal (readline, history, Ctrl-C) and calls
-- M.pretty, M.complete and M.command.

local M = {}

local MAX_ITEMS = 10     -- list entries shown before "… N more"
local MAX_DEPTH = 2
local MAX_STR = 200

local function short(s, n)
  n = n or MAX_STR
  if #s <= n then return s end
  local cut = utf8.offset(s, n) or n
  return s:sub(1, cut - 1) .. "…"
end

local function quote(s) return string.format("%q", short(s)):gsub("\\\n", "\\n") end

local pretty

-- One line for a lede object (userdata) or an annotation.
local function describe(v)
  local class = lede.fields(v)
  if class == "Article" then
    local bits = { string.format("article %d %s", v.index, v.id) }
    if v.title then bits[#bits + 1] = quote(short(v.title, 80)) end
    if v.date then bits[#bits + 1] = v.date end
    if v.source or v.agency then bits[#bits + 1] = v.source or v.agency end
    bits[#bits + 1] = string.format("(%d paragraphs, %d sentences, %d tokens)",
                                    #v.paragraphs, #v:sentences(), #v:tokens())
    return table.concat(bits, "  ")
  elseif class == "Sentence" then
    return string.format("sentence %d of %s [%d..%d] %s", v.index, v.article.id, v.start,
                         v.stop, quote(short(v.text, 120)))
  elseif class == "Token" then
    return string.format("token %s %s [%d..%d]", v.kind, quote(v.text), v.start, v.stop)
  elseif class == "Corpus" then
    return string.format("corpus: %d articles, %d bytes, %d warnings", #v, v.bytes, v.warnings)
  elseif class then
    return tostring(v)
  end
  if type(v) == "table" and getmetatable(v) and getmetatable(v).__name == "lede.Annotation" then
    local extra = {}
    for _, k in ipairs { "canonical", "value", "approx", "unit", "speaker", "precision" } do
      local x = v.attrs[k]
      if x ~= nil then extra[#extra + 1] = k .. "=" .. tostring(x) end
    end
    return string.format("%s %s [%d..%d]%s%s", v.kind, quote(short(v.text, 100)), v.start, v.stop,
                         v.field and (" in " .. v.field) or "",
                         #extra > 0 and ("  " .. table.concat(extra, " ")) or "")
  end
  return nil
end

local function is_ident(k) return type(k) == "string" and k:find("^[%a_][%w_]*$") ~= nil end

local function pretty_table(t, depth, seen)
  if seen[t] then return "<cycle>" end
  seen[t] = true
  local n = #t
  local lines = {}
  local indent = string.rep("  ", depth + 1)
  if n > 0 then
    for i = 1, math.min(n, MAX_ITEMS) do
      lines[#lines + 1] = indent .. pretty(t[i], depth + 1, seen)
    end
    if n > MAX_ITEMS then lines[#lines + 1] = string.format("%s… %d more (%d in all)", indent, n - MAX_ITEMS, n) end
  end
  local keys = {}
  for k in pairs(t) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for i, k in ipairs(keys) do
    if i > MAX_ITEMS * 2 then
      lines[#lines + 1] = string.format("%s… %d more keys", indent, #keys - i + 1)
      break
    end
    local name = is_ident(k) and k or ("[" .. pretty(k, MAX_DEPTH, seen) .. "]")
    lines[#lines + 1] = indent .. name .. " = " .. pretty(t[k], depth + 1, seen)
  end
  seen[t] = nil
  if #lines == 0 then return "{}" end
  local header = n > 0 and string.format("{ -- %d item%s", n, n == 1 and "" or "s") or "{"
  return header .. "\n" .. table.concat(lines, "\n") .. "\n" .. string.rep("  ", depth) .. "}"
end

pretty = function(v, depth, seen)
  depth = depth or 0
  seen = seen or {}
  local t = type(v)
  if t == "string" then return depth == 0 and v or quote(v) end
  if v == lede.json.null then return "null" end
  local d = describe(v)
  if d then return d end
  if t == "table" then
    if depth >= MAX_DEPTH then
      local n = #v
      return n > 0 and string.format("{…%d items}", n) or "{…}"
    end
    return pretty_table(v, depth, seen)
  end
  return tostring(v)
end

--- The text the prompt prints for the results of an expression.
function M.pretty(...)
  local n = select("#", ...)
  local out = {}
  for i = 1, n do out[i] = pretty((select(i, ...)), 0, {}) end
  return table.concat(out, "\t")
end

------------------------------------------------------------ completion

local KEYWORDS = { "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
                   "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
                   "true", "until", "while" }

-- Evaluate a side-effect-light prefix expression (names, indexing, calls
-- without arguments) with an instruction budget; nil when it fails.
local function eval_prefix(expr)
  if not expr:find("^[%w_%.:%[%]\"'%(%)]+$") then return nil end
  if expr:find("%([^%)]") then return nil end           -- only empty argument lists
  local chunk = load("return " .. expr, "=complete", "t")
  if not chunk then return nil end
  if M.eval_budget then            -- src/repl.c: works in the sandbox too
    local ok, v = M.eval_budget(chunk)
    if ok then return v end
    return nil
  end
  if not debug.sethook then return nil end
  local co = coroutine.create(chunk)
  debug.sethook(co, function() error("budget") end, "", 1000000)
  local ok, v = coroutine.resume(co)
  if ok then return v end
  return nil
end

local function add_keys(set, t, want_fn)
  if type(t) ~= "table" then return end
  for k, v in pairs(t) do
    if is_ident(k) and (not want_fn or type(v) == "function") then set[k] = true end
  end
end

-- Names available after `obj.` (or only methods after `obj:`).
local function members(obj, methods_only)
  local set = {}
  local class, fields, methods = lede.fields(obj)
  if class then
    add_keys(set, methods)
    if not methods_only then for _, f in ipairs(fields) do set[f] = true end end
  elseif type(obj) == "table" then
    add_keys(set, obj, methods_only)
    local mt = getmetatable(obj)
    if type(mt) == "table" then
      if type(mt.__index) == "table" then add_keys(set, mt.__index, methods_only) end
      if mt.__name == "lede.Annotation" then
        add_keys(set, lede.Annotation, methods_only)
        if not methods_only then
          for _, f in ipairs { "kind", "start", "stop", "text", "article", "sentence", "attrs", "field" } do
            set[f] = true
          end
          add_keys(set, obj.attrs)
        end
      end
    end
  elseif type(obj) == "string" then
    add_keys(set, string, true)
  end
  return set
end

--- Completions of the word before the cursor: a list of whole words.
function M.complete(word)
  local out = {}
  local base, sep, partial = word:match("^(.*)([%.:])([%w_]*)$")
  local set
  if base and base ~= "" then
    local obj = eval_prefix(base)
    if obj == nil then return out end
    set = members(obj, sep == ":")
  else
    base, sep, partial = "", "", word
    set = {}
    add_keys(set, _G)
    for _, k in ipairs(KEYWORDS) do set[k] = true end
  end
  for name in pairs(set) do
    if name:sub(1, #partial) == partial then out[#out + 1] = base .. sep .. name end
  end
  table.sort(out)
  return out
end

------------------------------------------------------------ locals

-- Each line is its own chunk, so a `local` would end with its line. A
-- statement that starts with `local` at the prompt becomes an assignment to
-- a session variable (a global of the REPL's state) instead: `local n = #corpus`
-- then `n` on the next line is the number. Only the leading `local` of what
-- was typed changes; locals inside functions and blocks are untouched.
local ATTRIB = "%s*<%s*[%a_][%w_]*%s*>"
function M.rewrite(src)
  local lead, rest = src:match("^(%s*)local%s+(.*)$")
  if not lead then return src end
  local fname, after = rest:match("^function%s+([%a_][%w_]*)(.*)$")
  if fname then return lead .. "function " .. fname .. after end
  -- `local a, b <const> = ...` : the names, attributes dropped
  local names, tail = rest:match("^([%a_][%w_]*[%w_%s,<>]*)(.*)$")
  if not names then return src end
  local list = {}
  for n in names:gsub(ATTRIB, ""):gmatch("[%a_][%w_]*") do list[#list + 1] = n end
  if #list == 0 then return src end
  if tail:match("^=") then
    return lead .. table.concat(list, ", ") .. " " .. tail
  end
  -- `local x` alone: the names become nil, as a local would start
  local nils = {}
  for i = 1, #list do nils[i] = "nil" end
  return lead .. table.concat(list, ", ") .. " = " .. table.concat(nils, ", ") .. tail
end

------------------------------------------------------------ commands

local HELP = [[
Lua 5.4 with lede loaded; `corpus` holds the articles you named.
  corpus[1]                    an expression is printed (no `return` needed)
  corpus[2]:sentences()[1]     objects print as one line, lists are truncated
  for a in corpus:articles() do print(a.date, a.title) end
  corpus:people()              canonical people, with mentions (also places, orgs)
  corpus[3]:quotes()           annotations: entities(), dates(), figures(), quotes()
Commands:
  :help                this text
  :load PATH...        add files or folders to `corpus`
  :reports             list the bundled reports
  :run NAME [FORMAT] [FILE]  run a report on `corpus` (FORMAT: text, json, csv,
                       md, html); with FILE the output goes there (html needs
                       one when the output is a terminal)
  local x = 1          a `local` at the prompt is kept for the next lines
  :quit                leave (or Ctrl-D); Ctrl-C cancels the current line
Tab completes globals, fields and methods (corpus[1]:sen<TAB>).
History is kept in ~/.lede_history.]]

local function report_files()
  local seen, list = {}, {}
  for _, root in ipairs(lede.roots or {}) do
    local dir = root .. "/reports"
    for _, name in ipairs(lede.listdir(dir) or {}) do
      local n = name:match("^(.+)%.lua$")
      if n and not seen[n] then
        seen[n] = true
        list[#list + 1] = { name = n, path = dir .. "/" .. name }
      end
    end
  end
  table.sort(list, function(a, b) return a.name < b.name end)
  return list
end

local function describe_report(path)
  local f = io.open(path)
  if not f then return "" end
  local first = f:read("l") or ""
  f:close()
  return (first:gsub("^%-%-+%s*", ""))
end

function M.command(line)
  local cmd, rest = line:match("^:(%S+)%s*(.-)%s*$")
  if cmd == "help" or cmd == "h" or cmd == "?" then
    print(HELP)
  elseif cmd == "load" then
    if rest == "" then error(":load needs a PATH", 0) end
    local before = #corpus
    for path in rest:gmatch("%S+") do corpus:add(path) end
    print(string.format("%d article%s added, %d in all", #corpus - before,
                        #corpus - before == 1 and "" or "s", #corpus))
  elseif cmd == "reports" then
    for _, r in ipairs(report_files()) do
      print(string.format("%-14s %s", r.name, describe_report(r.path)))
    end
  elseif cmd == "run" then
    local name, fmt, file = rest:match("^(%S+)%s*(%S*)%s*(%S*)$")
    if not name then error(":run needs a report NAME (see :reports)", 0) end
    if file == "" then file = nil end
    -- a page of HTML is for a browser, not for the terminal
    if fmt == "html" and not file and M.stdout_tty then
      error(string.format(":run %s html would print a web page into the terminal: give a file "
                          .. "(:run %s html %s.html, with lede repl --no-sandbox) or run "
                          .. "`lede report %s -o html CORPUS > %s.html`", name, name, name, name, name), 0)
    end
    local path
    for _, r in ipairs(report_files()) do if r.name == name then path = r.path end end
    if not path then error("no report named '" .. name .. "' (see :reports)", 0) end
    -- a report from outside the install runs sandboxed, as `lede report`
    -- runs it: when this state is not (it is when LEDE_PATH has such a
    -- root), in a sandboxed state of its own over the same corpus
    if not lede.options.sandbox and not M.full_access and M.trusted and not M.trusted(path) then
      if file then error(":run FILE: this report runs sandboxed and cannot write a file; "
                         .. "use `lede report " .. name .. " -o " .. (fmt ~= "" and fmt or "text")
                         .. " CORPUS > " .. file .. "`", 0) end
      M.run_sandboxed(path, fmt ~= "" and fmt or "text", corpus)
      return
    end
    local out
    if file then
      local err
      local ok
      ok, out, err = pcall(io.open, file, "w")
      if not ok then   -- the sandbox refuses writes: say how to get the file
        error(":run: " .. tostring(out) .. " (start `lede repl --no-sandbox` to write files, or run `lede report "
              .. name .. " -o " .. (fmt ~= "" and fmt or "text") .. " CORPUS > " .. file .. "`)", 0)
      end
      if not out then error(":run: cannot write " .. tostring(err), 0) end
    end
    local saved, stdout = lede.options.output, io.stdout
    lede.options.output = fmt ~= "" and fmt or "text"
    local chunk, err = loadfile(path)
    if not chunk then lede.options.output = saved if out then out:close() end error(err, 0) end
    if out then io.stdout = out end      -- lib.output writes to io.stdout
    local ok, e = pcall(chunk)
    io.stdout = stdout
    lede.options.output = saved
    io.stdout:flush()
    if out then
      local size = out:seek("end")
      out:close()
      if ok then print(string.format("%s: %d bytes written", file, size or 0)) end
    end
    if not ok then error(e, 0) end
  else
    error("unknown command :" .. tostring(cmd) .. " (try :help)", 0)
  end
end

return M
