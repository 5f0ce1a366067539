/*
 * fuzz_merge.c — lede merge's reader (scripts/lib/merge_read.lua) on
 * arbitrary bytes, as one part, with and without --skip-bad (the first
 * byte chooses). Bad input must be refused as such ({bad = msg}, naming
 * the part and a line), never a Lua error; what is read must become a
 * corpus of as many articles, each annotation inside its article's text.
 */
#include "fuzz_lua_common.h"

static const char driver[] =
    "local data = ...\n"
    "local R = require 'lib.merge_read'\n"
    "local skip = #data > 0 and data:byte(1) % 2 == 1\n"
    "local warned = 0\n"
    "local r = R.reader{ skip_bad = skip, warn = function(msg)\n"
    "  if not msg:find('^part:%d+: ') then error('warning names no line: ' .. msg) end\n"
    "  warned = warned + 1 end }\n"
    "local ok, err = pcall(r.part, r, 'part', R.lines(data))\n"
    "if not ok then\n"
    "  if type(err) == 'table' and type(err.bad) == 'string' then\n"
    "    if skip then error('--skip-bad raised: ' .. err.bad) end\n"
    "    if not err.bad:find('^part:%d+: ') then error('error names no line: ' .. err.bad) end\n"
    "    return\n"
    "  end\n"
    "  error(err, 0)\n"
    "end\n"
    "local records = r:finish()\n"
    "local ok2, c = pcall(R.corpus, records, r)\n"
    "if not ok2 then\n"
    "  if type(c) == 'table' and type(c.bad) == 'string' and not skip\n"
    "     and c.bad:find('^part:%d+: ') then return end\n"
    "  error(type(c) == 'table' and (c.bad or '?') or c, 0)\n"
    "end\n"
    "if r.nbad ~= warned then error('bad lines counted ' .. r.nbad .. ', warned ' .. warned) end\n"
    "if #c ~= #records then error(#c .. ' articles of ' .. #records .. ' records') end\n"
    "local prev = 0\n"
    "for a in c:articles() do\n"
    "  if a.index <= prev then error('articles out of order') end\n"
    "  prev = a.index\n"
    "  for _, x in ipairs(a:annotations()) do\n"
    "    local within = x.field == 'title' and a.title or x.field == 'subtitle' and a.subtitle or a.text\n"
    "    if x.start < 1 or x.stop < x.start - 1 or x.stop > #within then\n"
    "      error(string.format('annotation %s %d..%d outside a %s of %d', x.kind, x.start, x.stop,\n"
    "                          x.field or 'text', #within))\n"
    "    end\n"
    "  end\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lua_State *L = fuzz_lua_state(driver);
    fuzz_lua_run(L, data, size);
    return 0;
}
