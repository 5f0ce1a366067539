/*
 * fuzz_rules.c — the whole rule run over one article: a Lua state as the
 * host makes it (the bundled rules, C and Lua), the input parsed as an
 * article (JSON Lines when it starts with '{', else plain text), then
 * article:annotations(). Every annotation must lie inside the article's
 * text, on code point boundaries, with a kind, and encode as JSON.
 * Inputs are cut at 16 KB: the rules' cost on long articles is a speed
 * matter (tests/bench), not what this looks for.
 */
#include "fuzz_lua_common.h"

static const char driver[] =
    "local data = ...\n"
    "local fmt = data:sub(1, 1) == '{' and 'jsonl' or 'text'\n"
    "local c = lede.parse(data, { name = 'fuzz', format = fmt, quiet = true })\n"
    "for a in c:articles() do\n"
    "  local function check(i, x, text)\n"
    "    local n = #text\n"
    "    if math.type(x.start) ~= 'integer' or math.type(x.stop) ~= 'integer'\n"
    "       or x.start < 1 or x.stop < x.start - 1 or x.stop > n then\n"
    "      error(string.format('annotation %d (%s) at %s..%s, a %s of %d bytes', i, x.kind,\n"
    "                          tostring(x.start), tostring(x.stop), x.field or 'text', n))\n"
    "    end\n"
    "    local function cont(o) local b = text:byte(o) return b and b >= 0x80 and b < 0xC0 end\n"
    "    if x.stop >= x.start and (cont(x.start) or cont(x.stop + 1)) then\n"
    "      error(string.format('annotation %d (%s) %d..%d cuts a character', i, x.kind, x.start, x.stop))\n"
    "    end\n"
    "  end\n"
    "  local anns = a:annotations()\n"
    "  for i, x in ipairs(anns) do\n"
    "    if type(x.kind) ~= 'string' or x.kind == '' then error('annotation ' .. i .. ': no kind') end\n"
    "    local f = rawget(x, 'field')\n"
    "    check(i, x, f == 'title' and a.title or f == 'subtitle' and a.subtitle or a.text)\n"
    "  end\n"
    "  lede.json.encode(anns)\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384) size = 16384;
    lua_State *L = fuzz_lua_state(driver);
    fuzz_lua_run(L, data, size);
    return 0;
}
