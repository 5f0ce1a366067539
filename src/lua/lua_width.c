/*
 * lua_width.c — display width of text for text tables (lede.width, lede.fit).
 *
 * A terminal shows a CJK character or an emoji in two columns and a
 * combining accent in none, so counting code points misaligns columns.
 * Widths are utf8proc's (Unicode East Asian Width and general category):
 * 2 for wide and full-width characters, 0 for combining marks, format and
 * control characters, 1 for the rest. A byte that is not UTF-8 counts as
 * one column, as lede shows it replaced.
 */
#include "lbind.h"

#include <lauxlib.h>
#include <utf8proc.h>

/* Width of the character at s[i..n) and its length in bytes. */
static int char_width(const unsigned char *s, size_t i, size_t n, size_t *len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 1;
    }
    *len = (size_t)k;
    return utf8proc_charwidth(cp);
}

/* lede.width(s): the columns s takes on a terminal. */
static int l_width(lua_State *L)
{
    size_t n;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    lua_Integer w = 0;
    for (size_t i = 0, len; i < n; i += len) w += char_width(s, i, n, &len);
    lua_pushinteger(L, w);
    return 1;
}

/* lede.fit(s, w): the longest prefix of s that takes at most w columns
 * (marks of zero width stay with the character before them: a cut never
 * strips an accent), and its width. */
static int l_fit(lua_State *L)
{
    size_t n;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    lua_Integer max = luaL_checkinteger(L, 2);
    lua_Integer w = 0;
    size_t i = 0, len;
    while (i < n) {
        int cw = char_width(s, i, n, &len);
        if (w + cw > max) break;
        w += cw;
        i += len;
    }
    lua_pushlstring(L, (const char *)s, i);
    lua_pushinteger(L, w);
    return 2;
}

void lede_width_register(lua_State *L, int mod)
{
    lua_pushcfunction(L, l_width);
    lua_setfield(L, mod, "width");
    lua_pushcfunction(L, l_fit);
    lua_setfield(L, mod, "fit");
}
