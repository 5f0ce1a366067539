-- lib.output — one place that turns report data into text, JSON, CSV,
-- Markdown or HTML, so reports describe *what* to show and never format.
--
--   local output = require "lib.output"
--   output.emit{
--     title = "Briefing",
--     summary = { "one line", "another line" },   -- optional lead lines
--     meta = { count = 5 },                       -- extra top-level JSON keys
--     sections = {
--       { name = "articles", columns = {"id", "date", "title"}, rows = rows,
--         layout = "table" | "records",
--         title = "Heading",          -- default: name
--         headers = {"ID", ...},      -- default: the column names
--         show = {"id", "title"},     -- the columns text, md and html show
--                                     -- (default: all; JSON and CSV keep all)
--         note = "a sentence shown under the heading (not in JSON/CSV)",
--         group = "speaker",          -- sub-heading per value of this column
--         noun = {"quote", "quotes"}, -- counted in group headings (default row/rows)
--         digits = {"value"},         -- show these numbers as 1,000 (not in JSON/CSV)
--         max_width = 60,             -- text tables: cut longer cells with "…"
--         wrap = {"text"},            -- text tables: wrap these columns instead
--         chart = { ... },            -- HTML only: an inline SVG above the table
--       },
--     },
--   }
--
-- A row is a table keyed by column name. Values may be strings, numbers,
-- booleans, nil, or lists (shown joined with ", " outside JSON).
-- The format comes from lede.options.output (the CLI's -o), or opts.format.
--
-- group: rows are shown under one sub-heading per distinct value of that
-- column, in order of first appearance (the column itself is then left out of
-- the tables). JSON and CSV stay flat: the group column is an ordinary field.
--
-- chart (HTML only; the other formats show the same rows as the table):
--   { type = "timeline", date = "date", label = "title", lane = "source",
--     rows = optional_other_rows }
--       one lane per distinct `lane` value, a dot (or a bar for a month, year,
--       week or decade) per row whose `date` is an ISO value lede produces
--       (2023-09-07, 2023-05, 2023, 2023-W37, 199X); others are left out.
--   { type = "bars", label = "name", value = "mentions", rows = optional }
--       a horizontal bar per row.
-- Charts are inline SVG with a <title> tooltip per mark: no script, no
-- network, no external file.
--
-- CSV (RFC 4180 quoting, LF line ends) is one table: by default the first
-- section (with a note on stderr naming the others); `--section NAME` picks
-- another, `--section all` puts every section in one table with a leading
-- "section" column (the union of the columns), and `--output-dir DIR`
-- writes each section to DIR/NAME.csv. (`-- --section NAME` after the
-- corpus, as a script argument, still works.) An unknown section, or a
-- format the report cannot write (dot is for graphs), is a usage error:
-- one line on stderr, exit status 2.
--
-- Text tables measure cells in terminal columns (lede.width: wide CJK
-- characters count two, combining marks none), and colour headings only
-- when lede.options.color says so (--color, NO_COLOR, a terminal).

local M = {}

-- A usage error: one line on stderr, exit status 2, no traceback (the
-- command line asked for something the report does not have).
function M.usage_error(msg)
  io.stdout:flush()
  io.stderr:write("lede: ", msg, "\n")
  os.exit(2)
end

local function is_list(v)
  return type(v) == "table" and (#v > 0 or next(v) == nil)
end

local function group_digits(n)
  local s = string.format("%d", n)
  local sign, int = s:match("^(%-?)(%d+)$")
  int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return sign .. int
end

-- The display string of a cell outside JSON.
local function cell(v, digits)
  if v == nil or v == lede.json.null then return "" end
  if type(v) == "table" then
    local parts = {}
    for i = 1, #v do parts[i] = cell(v[i], digits) end
    return table.concat(parts, ", ")
  end
  if type(v) == "number" and v == math.floor(v) and math.abs(v) < 2^53 then
    if digits then return group_digits(v) end
    return string.format("%d", v)
  end
  return tostring(v)
end
M.cell = cell

-- The display string of column `name` of `row` in section `sec`.
local function show(sec, row, name)
  return cell(row[name], sec._digits and sec._digits[name])
end

-- Display width of a UTF-8 string in terminal columns (lede.width, from
-- utf8proc); lede.fit(s, w) is its longest prefix of at most w columns.
local width = lede.width
local fit = lede.fit
M.width = width

local function truncate(s, w)
  if w and width(s) > w then
    return (fit(s, w - 1)) .. "…"
  end
  return s
end

local function pad(s, w)
  return s .. string.rep(" ", w - width(s))
end

-- Columns shown in tables (the group column is a heading instead) and their
-- header texts.
local function shown_columns(sec)
  local header = {}
  for c, name in ipairs(sec.columns) do header[name] = sec.headers and sec.headers[c] or name end
  local cols, heads = {}, {}
  for _, name in ipairs(sec.show or sec.columns) do
    if name ~= sec.group then
      cols[#cols + 1] = name
      heads[#heads + 1] = header[name] or name
    end
  end
  return cols, heads
end

-- The rows of a section split by its group column: a list of
-- { value = display string, rows = {...} } (one part with value nil when
-- the section is not grouped).
local function parts_of(sec)
  if not sec.group then return { { rows = sec.rows } } end
  local parts, by = {}, {}
  for _, row in ipairs(sec.rows) do
    local v = cell(row[sec.group])
    if v == "" then v = "(none)" end
    local p = by[v]
    if not p then
      p = { value = v, rows = {} }
      by[v] = p
      parts[#parts + 1] = p
    end
    p.rows[#p.rows + 1] = row
  end
  return parts
end

-- "3 rows", or with sec.noun = {"figure", "figures"}: "3 figures".
local function count_label(n, sec)
  local noun = sec and sec.noun or { "row", "rows" }
  return n .. " " .. (n == 1 and noun[1] or noun[2])
end

------------------------------------------------------------------ text

-- ANSI styles, on only when lede.options.color is true (set by the CLI:
-- --color=always, or auto on a terminal without NO_COLOR).
local STYLE = { title = "1", heading = "1;34", header = "1", group = "1;36", none = "2" }
local function paint(kind, s)
  if not (lede.options and lede.options.color) or s == "" then return s end
  return "\27[" .. STYLE[kind] .. "m" .. s .. "\27[0m"
end
M.paint = paint

-- Word-wrap s into lines of at most w characters (a longer word is cut).
local function wrap(s, w)
  local lines, line = {}, ""
  for word in s:gmatch("%S+") do
    while width(word) > w do
      if line ~= "" then lines[#lines + 1] = line; line = "" end
      local head = fit(word, w)
      if head == "" then head = fit(word, 2) end   -- a wide character in 1 column
      lines[#lines + 1] = head
      word = word:sub(#head + 1)
    end
    if line == "" then line = word
    elseif width(line) + 1 + width(word) <= w then line = line .. " " .. word
    else lines[#lines + 1] = line; line = word end
  end
  if line ~= "" or #lines == 0 then lines[#lines + 1] = line end
  return lines
end

local function text_table(out, sec, rows)
  local cols, heads = shown_columns(sec)
  local widths, cells = {}, {}
  local maxw = sec.max_width or 60
  local wraps = {}
  for _, name in ipairs(sec.wrap or {}) do wraps[name] = true end
  for c in ipairs(cols) do widths[c] = width(heads[c]) end
  for r, row in ipairs(rows) do
    cells[r] = {}
    for c, name in ipairs(cols) do
      local s = show(sec, row, name):gsub("%s+", " ")
      local lines = wraps[name] and wrap(s, maxw) or { truncate(s, maxw) }
      cells[r][c] = lines
      for _, l in ipairs(lines) do
        if width(l) > widths[c] then widths[c] = width(l) end
      end
    end
  end
  local head = {}
  for c in ipairs(cols) do head[c] = pad(string.upper(heads[c]), widths[c]) end
  out[#out + 1] = paint("header", (table.concat(head, "  "):gsub("%s+$", "")))
  for r = 1, #cells do
    local height = 1
    for c = 1, #cols do if #cells[r][c] > height then height = #cells[r][c] end end
    for k = 1, height do
      local line = {}
      for c = 1, #cols do line[c] = pad(cells[r][c][k] or "", widths[c]) end
      out[#out + 1] = (table.concat(line, "  "):gsub("%s+$", ""))
    end
  end
end

local function text_records(out, sec, rows)
  local cols, heads = shown_columns(sec)   -- keys shown as their headers, as tables do
  local kw = 0
  for _, h in ipairs(heads) do if width(h) > kw then kw = width(h) end end
  for r, row in ipairs(rows) do
    if r > 1 then out[#out + 1] = "" end
    for c, name in ipairs(cols) do
      local v = show(sec, row, name)
      if v ~= "" then out[#out + 1] = pad(heads[c] .. ":", kw + 1) .. " " .. v end
    end
  end
end

local function render_text(doc)
  local out = {}
  if doc.title then
    out[#out + 1] = paint("title", doc.title)
    out[#out + 1] = string.rep("=", width(doc.title))
  end
  for _, line in ipairs(doc.summary or {}) do out[#out + 1] = line end
  for _, sec in ipairs(doc.sections) do
    if #out > 0 then out[#out + 1] = "" end
    if sec.title or (#doc.sections > 1 and sec.name) then
      local t = sec.title or sec.name
      out[#out + 1] = paint("heading", t)
      out[#out + 1] = string.rep("-", width(t))
    end
    if sec.note then out[#out + 1] = sec.note; out[#out + 1] = "" end
    if #sec.rows == 0 then
      out[#out + 1] = paint("none", "(none)")
    else
      for i, part in ipairs(parts_of(sec)) do
        if part.value then
          if i > 1 then out[#out + 1] = "" end
          out[#out + 1] = paint("group", "▸ " .. part.value .. " (" .. count_label(#part.rows, sec) .. ")")
        end
        if sec.layout == "records" then text_records(out, sec, part.rows)
        else text_table(out, sec, part.rows) end
      end
    end
  end
  return table.concat(out, "\n") .. "\n"
end

------------------------------------------------------------------ json

local function render_json(doc)
  local obj = {}
  if doc.title then obj.title = doc.title end
  if doc.summary then obj.summary = lede.json.array(doc.summary) end
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

-- RFC 4180: a field with a comma, a double quote or a line break is
-- quoted, its quotes doubled; records end with LF (what cut, awk and
-- spreadsheets all read; CRLF surprised the Unix tools).
local function csv_field(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end
M.csv_field = csv_field

-- `--section NAME` or `--section=NAME` among the script arguments.
local function section_arg()
  if type(arg) ~= "table" then return nil end
  for i = 1, #arg do
    local v = arg[i]
    if v == "--section" then return arg[i + 1] end
    local s = type(v) == "string" and v:match("^%-%-section=(.*)$")
    if s then return s end
  end
  return nil
end

-- One CSV table of secs; with a leading "section" column when multi.
local function csv_table(secs, multi)
  local cols, seen = {}, {}
  for _, sec in ipairs(secs) do
    for _, name in ipairs(sec.columns) do
      if not seen[name] then seen[name] = true; cols[#cols + 1] = name end
    end
  end
  local out = {}
  local head = {}
  if multi then head[1] = "section" end
  for _, name in ipairs(cols) do head[#head + 1] = csv_field(name) end
  out[1] = table.concat(head, ",")
  for _, sec in ipairs(secs) do
    for _, row in ipairs(sec.rows) do
      local line = {}
      if multi then line[1] = csv_field(sec.name) end
      for _, name in ipairs(cols) do line[#line + 1] = csv_field(cell(row[name])) end
      out[#out + 1] = table.concat(line, ",")
    end
  end
  return table.concat(out, "\n") .. "\n"
end

local function section_names(doc)
  local names = {}
  for i, s in ipairs(doc.sections) do names[i] = s.name end
  return names
end

-- --output-dir DIR: DIR/NAME.csv for each section; nothing on stdout.
local function write_csv_files(doc, dir)
  for _, sec in ipairs(doc.sections) do
    if not sec.name:match("^[%w_.-]+$") or sec.name:match("^%.") then
      M.usage_error("section '" .. sec.name .. "' is not a file name: use --section instead")
    end
    local path = dir .. "/" .. sec.name .. ".csv"
    local f, err = io.open(path, "w")
    if not f then M.usage_error("--output-dir: cannot write " .. tostring(err)) end
    local ok, werr = f:write(csv_table({ sec }, false))
    if not ok then M.usage_error("--output-dir: cannot write " .. path .. ": " .. tostring(werr)) end
    f:close()
  end
  return ""
end

-- CSV holds one table: the section named by opts.section (or --section
-- NAME), else the first; "all" puts every section in one table with a
-- leading "section" column and the union of the columns.
local function render_csv(doc, opts)
  local lo = lede.options or {}
  local dir = (opts and opts.output_dir) or lo.output_dir
  if dir then return write_csv_files(doc, dir) end
  local want = (opts and opts.section) or lo.section or section_arg()
  if #doc.sections == 0 then return "" end
  if want == "all" then return csv_table(doc.sections, true) end
  if not want then
    if #doc.sections > 1 and not lo.quiet then
      io.stderr:write(string.format("lede: CSV holds the first of %d sections (%s); --section NAME or all,"
        .. " or --output-dir DIR, for the others\n", #doc.sections, table.concat(section_names(doc), ", ")))
    end
    return csv_table({ doc.sections[1] }, false)
  end
  for _, s in ipairs(doc.sections) do
    if s.name == want then return csv_table({ s }, false) end
  end
  M.usage_error("no section '" .. want .. "' (sections: " .. table.concat(section_names(doc), ", ") .. ", all)")
end

------------------------------------------------------------------ markdown

local function md_text(s)
  return (s:gsub("[\\`*|<>%[%]]", "\\%0"):gsub("[\r\n]+", " "))
end

local function md_table(out, sec, rows)
  local cols, heads = shown_columns(sec)
  local head, rule = {}, {}
  for c in ipairs(cols) do head[c] = md_text(heads[c]); rule[c] = "---" end
  out[#out + 1] = "| " .. table.concat(head, " | ") .. " |"
  out[#out + 1] = "| " .. table.concat(rule, " | ") .. " |"
  for _, row in ipairs(rows) do
    local line = {}
    for c, name in ipairs(cols) do line[c] = md_text(show(sec, row, name)) end
    out[#out + 1] = "| " .. table.concat(line, " | ") .. " |"
  end
end

local function render_md(doc)
  local out = {}
  if doc.title then out[#out + 1] = "# " .. md_text(doc.title); out[#out + 1] = "" end
  if doc.summary then
    for _, line in ipairs(doc.summary) do out[#out + 1] = md_text(line) .. "  " end
    out[#out + 1] = ""
  end
  for _, sec in ipairs(doc.sections) do
    out[#out + 1] = "## " .. md_text(sec.title or sec.name)
    out[#out + 1] = ""
    if sec.note then out[#out + 1] = md_text(sec.note); out[#out + 1] = "" end
    if #sec.rows == 0 then
      out[#out + 1] = "_none_"
      out[#out + 1] = ""
    else
      for _, part in ipairs(parts_of(sec)) do
        if part.value then
          out[#out + 1] = "### " .. md_text(part.value) .. " (" .. count_label(#part.rows, sec) .. ")"
          out[#out + 1] = ""
        end
        md_table(out, sec, part.rows)
        out[#out + 1] = ""
      end
    end
  end
  return table.concat(out, "\n")
end

------------------------------------------------------------------ html

local function esc(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
                                         ['"'] = "&quot;", ["'"] = "&#39;" }))
end
M.escape_html = esc

local textlib = require "lib.text"
local days = textlib.to_days
local civil = textlib.from_days

-- The span of days an ISO value of lede covers (see lib.text).
M.date_span = textlib.date_span

local PALETTE = { "#2f6db3", "#d9822b", "#3a9a5b", "#b8475a", "#7a5cb8", "#8a7a3a", "#3a8f9a", "#777777" }

local function num(x) return string.format("%.1f", x) end

local function svg_timeline(ch, rows)
  local lanes, lane_of, marks = {}, {}, {}
  local lo, hi
  for _, row in ipairs(rows) do
    local s, e = M.date_span(row[ch.date])
    if s then
      local lane = cell(row[ch.lane or ""]); if lane == "" then lane = "(none)" end
      if not lane_of[lane] then
        lanes[#lanes + 1] = lane
        lane_of[lane] = #lanes
      end
      marks[#marks + 1] = { s = s, e = e, lane = lane_of[lane], row = row }
      lo = (lo and lo < s) and lo or s
      hi = (hi and hi > e) and hi or e
    end
  end
  if #marks == 0 then return nil end
  if hi - lo < 30 then lo, hi = lo - 15, hi + 15 end
  local padd = (hi - lo) * 0.03
  lo, hi = lo - padd, hi + padd
  -- room for the lane labels (about 7 px a character at 12 px)
  local longest = 0
  for _, lane in ipairs(lanes) do longest = math.max(longest, width(truncate(lane, 34))) end
  local W, left, right, lane_h, top = 960, math.max(90, math.min(260, longest * 7 + 16)), 20, 34, 10
  local H = top + #lanes * lane_h + 36
  local plot = W - left - right
  local function x(dn) return left + (dn - lo) / (hi - lo) * plot end
  local o = { string.format('<svg class="chart timeline" viewBox="0 0 %d %d" width="100%%" role="img">', W, H) }
  o[#o + 1] = "<title>" .. esc(ch.title or "timeline") .. "</title>"
  for i, lane in ipairs(lanes) do
    local y = top + (i - 0.5) * lane_h
    o[#o + 1] = string.format('<line x1="%d" y1="%s" x2="%d" y2="%s" class="lane"/>', left, num(y), W - right, num(y))
    o[#o + 1] = string.format('<text x="%d" y="%s" class="lanelabel">%s</text>', left - 8, num(y + 4),
                              esc(truncate(lane, 34)))
  end
  -- axis: years, or months for a short range
  local axis_y = top + #lanes * lane_h + 6
  o[#o + 1] = string.format('<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>', left, axis_y, W - right, axis_y)
  local y0 = civil(math.floor(lo))
  local y1 = civil(math.ceil(hi))
  local span_years = y1 - y0
  local ticks = {}
  if span_years >= 3 then
    local step = 1
    while span_years / step > 12 do step = step * (step == 1 and 2 or 2.5) end
    step = math.max(1, math.floor(step))
    for y = y0 - y0 % step, y1 + 1, step do ticks[#ticks + 1] = { days(y, 1, 1), tostring(y) } end
  else
    local months = span_years * 12 + 12
    local step = months > 24 and 3 or (months > 12 and 2 or 1)
    for y = y0, y1 do
      for m = 1, 12, step do ticks[#ticks + 1] = { days(y, m, 1), string.format("%04d-%02d", y, m) } end
    end
  end
  for _, t in ipairs(ticks) do
    if t[1] >= lo and t[1] <= hi then
      local tx = num(x(t[1]))
      o[#o + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%d" class="tick"/>', tx, top, tx, axis_y + 4)
      o[#o + 1] = string.format('<text x="%s" y="%d" class="ticklabel">%s</text>', tx, axis_y + 18, esc(t[2]))
    end
  end
  for _, mk in ipairs(marks) do
    local y = top + (mk.lane - 0.5) * lane_h
    local color = PALETTE[(mk.lane - 1) % #PALETTE + 1]
    local tip = esc(cell(mk.row[ch.date]) .. (ch.label and (" — " .. cell(mk.row[ch.label])) or ""))
    local x1, x2 = x(mk.s), x(mk.e + 1)
    if x2 - x1 < 8 then
      o[#o + 1] = string.format('<circle cx="%s" cy="%s" r="6" fill="%s" class="mark"><title>%s</title></circle>',
                                num((x1 + x2) / 2), num(y), color, tip)
    else
      o[#o + 1] = string.format('<rect x="%s" y="%s" width="%s" height="10" rx="5" fill="%s" class="mark span"><title>%s</title></rect>',
                                num(x1), num(y - 5), num(x2 - x1), color, tip)
    end
  end
  o[#o + 1] = "</svg>"
  return table.concat(o, "\n")
end

local function svg_bars(ch, rows)
  local items, max = {}, 0
  for _, row in ipairs(rows) do
    local v = tonumber(row[ch.value])
    if v then
      items[#items + 1] = { label = cell(row[ch.label]), v = v }
      if v > max then max = v end
    end
  end
  if #items == 0 or max <= 0 then return nil end
  local longest = 0
  for _, it in ipairs(items) do longest = math.max(longest, width(truncate(it.label, 34))) end
  local W, left, right, bar_h = 960, math.max(90, math.min(260, longest * 7 + 16)), 60, 22
  local H = #items * bar_h + 8
  local plot = W - left - right
  local o = { string.format('<svg class="chart bars" viewBox="0 0 %d %d" width="100%%" role="img">', W, H) }
  o[#o + 1] = "<title>" .. esc(ch.title or ch.value or "chart") .. "</title>"
  for i, it in ipairs(items) do
    local y = 4 + (i - 1) * bar_h
    local w = math.max(1, it.v / max * plot)
    o[#o + 1] = string.format('<text x="%d" y="%d" class="barlabel">%s</text>', left - 8, y + 15, esc(truncate(it.label, 34)))
    o[#o + 1] = string.format('<rect x="%d" y="%d" width="%s" height="%d" rx="3" fill="%s"><title>%s: %s</title></rect>',
                              left, y + 3, num(w), bar_h - 6, PALETTE[1], esc(it.label), esc(cell(it.v)))
    o[#o + 1] = string.format('<text x="%s" y="%d" class="barvalue">%s</text>', num(left + w + 6), y + 15, esc(cell(it.v)))
  end
  o[#o + 1] = "</svg>"
  return table.concat(o, "\n")
end

M.charts = { timeline = svg_timeline, bars = svg_bars }

local CSS = [[
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde6;padding-bottom:.2rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem;color:#34405a}.summary{color:#4a5568;margin:.2rem 0}.note{color:#5a6578;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e8ebf0}
th{background:#f3f5f8;font-weight:600}tr:hover td{background:#fafbfc}.none{color:#777;font-style:italic}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.nw{white-space:nowrap}
svg.chart{display:block;margin:.6rem 0 1rem;max-width:100%;height:auto;font-size:12px}
svg .lane{stroke:#e3e7ee;stroke-width:1}svg .axis{stroke:#8a94a6}svg .tick{stroke:#eef1f5}
svg .lanelabel,svg .barlabel{text-anchor:end;fill:#34405a}svg .ticklabel{text-anchor:middle;fill:#5a6578}
svg .barvalue{fill:#34405a}svg .mark{stroke:#fff;stroke-width:1.5;opacity:.85}
]]

local function html_table(out, sec, rows)
  local cols, heads = shown_columns(sec)
  out[#out + 1] = "<table><thead><tr>"
  for c in ipairs(cols) do out[#out + 1] = "<th>" .. esc(heads[c]) .. "</th>" end
  out[#out + 1] = "</tr></thead><tbody>"
  for _, row in ipairs(rows) do
    local tds = {}
    for c, name in ipairs(cols) do
      local v = show(sec, row, name)
      local cls = type(row[name]) == "number" and ' class="num"'
                  or (width(v) <= 24 and not v:find("%s") and ' class="nw"') or ""
      tds[c] = "<td" .. cls .. ">" .. esc(v) .. "</td>"
    end
    out[#out + 1] = "<tr>" .. table.concat(tds) .. "</tr>"
  end
  out[#out + 1] = "</tbody></table>"
end

local function html_chart(out, sec, rows)
  local ch = sec.chart
  if not ch then return end
  local f = M.charts[ch.type]
  if not f then error("unknown chart type '" .. tostring(ch.type) .. "'", 0) end
  local svg = f(ch, ch.rows or rows)
  if svg then out[#out + 1] = svg end
end

local function render_html(doc)
  local out = { "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>" .. esc(doc.title or "lede report") .. "</title>",
    "<style>" .. CSS .. "</style></head><body>" }
  if doc.title then out[#out + 1] = "<h1>" .. esc(doc.title) .. "</h1>" end
  for _, line in ipairs(doc.summary or {}) do
    out[#out + 1] = '<p class="summary">' .. esc(line) .. "</p>"
  end
  for _, sec in ipairs(doc.sections) do
    out[#out + 1] = '<section id="' .. esc(sec.name) .. '"><h2>' .. esc(sec.title or sec.name) .. "</h2>"
    if sec.note then out[#out + 1] = '<p class="note">' .. esc(sec.note) .. "</p>" end
    if #sec.rows == 0 then
      out[#out + 1] = '<p class="none">none</p>'
    else
      local parts = parts_of(sec)
      -- a chart's own rows are drawn once for the section
      if sec.chart and sec.chart.rows then html_chart(out, sec) end
      for _, part in ipairs(parts) do
        if part.value then
          out[#out + 1] = "<h3>" .. esc(part.value) .. " <small>(" .. count_label(#part.rows, sec) .. ")</small></h3>"
        end
        if sec.chart and not sec.chart.rows then html_chart(out, sec, part.rows) end
        html_table(out, sec, part.rows)
      end
    end
    out[#out + 1] = "</section>"
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
  if fmt == "dot" then
    M.usage_error("this report has no dot output (dot is for graphs: lede report network -o dot);"
                  .. " use text, json, csv, md or html")
  end
  if not r then error("unknown output format '" .. tostring(fmt) .. "'", 2) end
  local lo = lede.options or {}
  if ((opts and opts.output_dir) or lo.output_dir) and fmt ~= "csv" then
    M.usage_error("--output-dir writes one CSV file per section: use it with -o csv")
  end
  for i, sec in ipairs(doc.sections or {}) do
    assert(sec.name, "section " .. i .. " has no name")
    assert(sec.columns, "section " .. sec.name .. " has no columns")
    sec.rows = sec.rows or {}
    if sec.digits then
      sec._digits = {}
      for _, name in ipairs(sec.digits) do sec._digits[name] = true end
    end
  end
  return r(doc, opts)
end

-- Render doc and write it to stdout.
function M.emit(doc, opts)
  io.stdout:write(M.render(doc, opts))
end

M.is_list = is_list
return M
