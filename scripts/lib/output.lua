-- lib.output — one place that turns report data into text, JSON, CSV,
-- Markdown or HTML, so reports describe *what* to show and never format.
--
--   local output = require "lib.output"
--   output.emit{
--     title = "Briefing",
--     sections = {
--       { name = "articles", columns = {"id", "date", "title"}, rows = rows,
--         layout = "table" | "records" },
--     },
--   }
--
-- A row is a table keyed by column name. Values may be strings, numbers,
-- booleans, nil, or lists (shown joined with ", " outside JSON).
-- The format comes from lede.options.output (the CLI's -o), or opts.format.

local M = {}

local function is_list(v)
  return type(v) == "table" and (#v > 0 or next(v) == nil)
end

-- The display string of a cell outside JSON.
local function cell(v)
  if v == nil or v == lede.json.null then return "" end
  if type(v) == "table" then
    local parts = {}
    for i = 1, #v do parts[i] = cell(v[i]) end
    return table.concat(parts, ", ")
  end
  if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 2^53 then
    return string.format("%d", v)
  end
  return tostring(v)
end
M.cell = cell

-- Display width of a UTF-8 string (code points; good enough for Latin text).
local function width(s)
  return utf8.len(s) or #s
end

local function truncate(s, w)
  if w and width(s) > w then
    local cut = utf8.offset(s, w) or (w + 1)
    return s:sub(1, cut - 1) .. "…"
  end
  return s
end

local function pad(s, w)
  return s .. string.rep(" ", w - width(s))
end

------------------------------------------------------------------ text

local function text_table(out, sec)
  local cols = sec.columns
  local widths, cells = {}, {}
  local maxw = sec.max_width or 60
  for c, name in ipairs(cols) do widths[c] = width(sec.headers and sec.headers[c] or name) end
  for r, row in ipairs(sec.rows) do
    cells[r] = {}
    for c, name in ipairs(cols) do
      local s = truncate(cell(row[name]):gsub("%s+", " "), maxw)
      cells[r][c] = s
      if width(s) > widths[c] then widths[c] = width(s) end
    end
  end
  local head = {}
  for c, name in ipairs(cols) do head[c] = pad(string.upper(sec.headers and sec.headers[c] or name), widths[c]) end
  out[#out + 1] = (table.concat(head, "  "):gsub("%s+$", ""))
  for r = 1, #cells do
    local line = {}
    for c = 1, #cols do line[c] = pad(cells[r][c], widths[c]) end
    out[#out + 1] = (table.concat(line, "  "):gsub("%s+$", ""))
  end
end

local function text_records(out, sec)
  local kw = 0
  for _, name in ipairs(sec.columns) do if width(name) > kw then kw = width(name) end end
  for r, row in ipairs(sec.rows) do
    if r > 1 then out[#out + 1] = "" end
    for _, name in ipairs(sec.columns) do
      local v = cell(row[name])
      if v ~= "" then out[#out + 1] = pad(name .. ":", kw + 1) .. " " .. v end
    end
  end
end

local function render_text(doc)
  local out = {}
  if doc.title then
    out[#out + 1] = doc.title
    out[#out + 1] = string.rep("=", width(doc.title))
  end
  for i, sec in ipairs(doc.sections) do
    if #out > 0 then out[#out + 1] = "" end
    if sec.title or (#doc.sections > 1 and sec.name) then
      local t = sec.title or sec.name
      out[#out + 1] = t
      out[#out + 1] = string.rep("-", width(t))
    end
    if #sec.rows == 0 then
      out[#out + 1] = "(none)"
    elseif sec.layout == "records" then
      text_records(out, sec)
    else
      text_table(out, sec)
    end
  end
  return table.concat(out, "\n") .. "\n"
end

------------------------------------------------------------------ json

local function render_json(doc)
  local obj = {}
  if doc.title then obj.title = doc.title end
  for _, sec in ipairs(doc.sections) do
    local rows = {}
    for r, row in ipairs(sec.rows) do
      local o = {}
      for _, name in ipairs(sec.columns) do
        local v = row[name]
        if v == nil then v = lede.json.null end
        o[name] = v
      end
      rows[r] = o
    end
    obj[sec.name] = lede.json.array(rows)
  end
  if doc.meta then for k, v in pairs(doc.meta) do obj[k] = v end end
  return lede.json.encode(obj, { indent = true }) .. "\n"
end

------------------------------------------------------------------ csv

local function csv_field(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

-- CSV holds one table: the section named by opts.section, else the first.
-- Several sections get a leading "section" column so they stay one table.
local function render_csv(doc, opts)
  local secs = doc.sections
  if opts and opts.section then
    for _, s in ipairs(doc.sections) do
      if s.name == opts.section then secs = { s } end
    end
  end
  local out = {}
  local multi = #secs > 1
  local seen_header = {}
  for _, sec in ipairs(secs) do
    local head = {}
    if multi then head[1] = "section" end
    for _, name in ipairs(sec.columns) do head[#head + 1] = csv_field(name) end
    local h = table.concat(head, ",")
    if not seen_header[h] then
      out[#out + 1] = h
      seen_header[h] = true
    end
    for _, row in ipairs(sec.rows) do
      local line = {}
      if multi then line[1] = csv_field(sec.name) end
      for _, name in ipairs(sec.columns) do line[#line + 1] = csv_field(cell(row[name])) end
      out[#out + 1] = table.concat(line, ",")
    end
  end
  return table.concat(out, "\r\n") .. "\r\n"
end

------------------------------------------------------------------ markdown

local function md_cell(v)
  return (cell(v):gsub("|", "\\|"):gsub("[\r\n]+", " "))
end

local function render_md(doc)
  local out = {}
  if doc.title then out[#out + 1] = "# " .. doc.title; out[#out + 1] = "" end
  for _, sec in ipairs(doc.sections) do
    out[#out + 1] = "## " .. (sec.title or sec.name)
    out[#out + 1] = ""
    if #sec.rows == 0 then
      out[#out + 1] = "_none_"
    else
      local head, rule = {}, {}
      for c, name in ipairs(sec.columns) do
        head[c] = sec.headers and sec.headers[c] or name
        rule[c] = "---"
      end
      out[#out + 1] = "| " .. table.concat(head, " | ") .. " |"
      out[#out + 1] = "| " .. table.concat(rule, " | ") .. " |"
      for _, row in ipairs(sec.rows) do
        local line = {}
        for c, name in ipairs(sec.columns) do line[c] = md_cell(row[name]) end
        out[#out + 1] = "| " .. table.concat(line, " | ") .. " |"
      end
    end
    out[#out + 1] = ""
  end
  return table.concat(out, "\n")
end

------------------------------------------------------------------ html

local function esc(s)
  return (s:gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
                               ['"'] = "&quot;", ["'"] = "&#39;" }))
end
M.escape_html = esc

local CSS = [[
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde6;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e8ebf0}
th{background:#f3f5f8;font-weight:600}tr:hover td{background:#fafbfc}.none{color:#777;font-style:italic}
]]

local function render_html(doc)
  local out = { "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
    "<title>" .. esc(doc.title or "lede report") .. "</title>",
    "<style>" .. CSS .. "</style></head><body>" }
  if doc.title then out[#out + 1] = "<h1>" .. esc(doc.title) .. "</h1>" end
  if doc.html_extra then out[#out + 1] = doc.html_extra end
  for _, sec in ipairs(doc.sections) do
    out[#out + 1] = "<h2>" .. esc(sec.title or sec.name) .. "</h2>"
    if #sec.rows == 0 then
      out[#out + 1] = '<p class="none">none</p>'
    else
      out[#out + 1] = "<table><thead><tr>"
      for c, name in ipairs(sec.columns) do
        out[#out + 1] = "<th>" .. esc(sec.headers and sec.headers[c] or name) .. "</th>"
      end
      out[#out + 1] = "</tr></thead><tbody>"
      for _, row in ipairs(sec.rows) do
        local tds = {}
        for c, name in ipairs(sec.columns) do tds[c] = "<td>" .. esc(cell(row[name])) .. "</td>" end
        out[#out + 1] = "<tr>" .. table.concat(tds) .. "</tr>"
      end
      out[#out + 1] = "</tbody></table>"
    end
  end
  out[#out + 1] = "</body></html>"
  return table.concat(out, "\n") .. "\n"
end

------------------------------------------------------------------ api

M.renderers = { text = render_text, json = render_json, csv = render_csv,
                md = render_md, html = render_html }

function M.format(opts)
  return (opts and opts.format) or (lede.options and lede.options.output) or "text"
end

-- Render doc in the chosen format and return the string.
function M.render(doc, opts)
  local fmt = M.format(opts)
  local r = M.renderers[fmt]
  if not r then error("unknown output format '" .. tostring(fmt) .. "'", 2) end
  for i, sec in ipairs(doc.sections or {}) do
    assert(sec.name, "section " .. i .. " has no name")
    assert(sec.columns, "section " .. sec.name .. " has no columns")
    sec.rows = sec.rows or {}
  end
  return r(doc, opts)
end

-- Render doc and write it to stdout.
function M.emit(doc, opts)
  io.stdout:write(M.render(doc, opts))
end

M.is_list = is_list
return M
