/*
 * lua_keyscan.c — lede.keyscan: the Lua side of keyscan.c.
 *
 *   local ks = lede.keyscan{ {"quarter", 40, 24}, {"19##", 16, 8, 2}, ... }
 *   local st = ks:stretches(text)   -- st[g] = {a1, b1, a2, b2, ...} for group g:
 *                                   -- 1-based, inclusive
 *
 * Each entry is a key word, how far a match around it may reach before its
 * first byte and after its last (bytes), and the groups it is a key of (a
 * bit mask: group g is bit g - 1; default 1, the first group). The trie is
 * built once; a scan is one pass over the text for all groups (keyscan.h).
 */
#include "keyscan.h"
#include "lbind.h"

#include <lauxlib.h>
#include <stdlib.h>

#define KEYSCAN_MT "lede.Keyscan"

typedef struct {
    lede_keyscan *k;
    unsigned long mask;   /* the groups its keys are of */
} Lkeyscan;

static int keyscan_gc(lua_State *L)
{
    Lkeyscan *u = luaL_checkudata(L, 1, KEYSCAN_MT);
    lede_keyscan_free(u->k);
    u->k = NULL;
    return 0;
}

/* a reach: a whole number of bytes, 0 to 4096 */
static size_t reach(lua_State *L, int t, int i, lua_Integer at)
{
    lua_rawgeti(L, t, i);
    int ok;
    lua_Integer v = lua_tointegerx(L, -1, &ok);
    lua_pop(L, 1);
    if (!ok || v < 0 || v > 4096)
        luaL_error(L, "lede.keyscan: entry %d: reach %d must be a whole number of bytes from 0 to 4096",
                   (int)at, i - 1);
    return (size_t)v;
}

/* lede.keyscan(list) -> keyscan */
static int l_keyscan(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    Lkeyscan *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->k = NULL;
    u->mask = 0;
    luaL_setmetatable(L, KEYSCAN_MT);
    u->k = lede_keyscan_new();
    if (!u->k) return luaL_error(L, "lede.keyscan: out of memory");
    lua_Integer n = luaL_len(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, i);
        int t = lua_gettop(L);
        if (!lua_istable(L, t)) return luaL_error(L, "lede.keyscan: entry %d is not a {word, before, after} table", (int)i);
        lua_rawgeti(L, t, 1);
        const char *w = lua_tostring(L, -1);
        if (!w) return luaL_error(L, "lede.keyscan: entry %d has no word", (int)i);
        size_t before = reach(L, t, 2, i), after = reach(L, t, 3, i);
        lua_rawgeti(L, t, 4);
        int isnum;
        lua_Integer mask = lua_isnil(L, -1) ? 1 : lua_tointegerx(L, -1, &isnum);
        if (!lua_isnil(L, -1) && (!isnum || mask <= 0 || mask >= ((lua_Integer)1 << LEDE_KEYSCAN_GROUPS)))
            return luaL_error(L, "lede.keyscan: entry %d: groups must be a bit mask of 1 to %d groups",
                              (int)i, LEDE_KEYSCAN_GROUPS);
        lua_pop(L, 1);
        u->mask |= (unsigned long)mask;
        if (lede_keyscan_add(u->k, w, before, after, (unsigned long)mask) != 0)
            return luaL_error(L, "lede.keyscan: entry %d: bad key '%s' (1 to 64 of a-z 0-9 # - . / ')", (int)i, w);
        lua_pop(L, 2);
    }
    return 1;
}

/* the number of groups: the highest group any key is of */
static int ngroups_of(unsigned long mask)
{
    int g = 0;
    while (mask) {
        g++;
        mask >>= 1;
    }
    return g;
}

/* ks:stretches(s) -> { [g] = {a1, b1, ...} } */
static int keyscan_stretches(lua_State *L)
{
    Lkeyscan *u = luaL_checkudata(L, 1, KEYSCAN_MT);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    if (!u->k) return luaL_error(L, "lede.keyscan: used after being freed");
    int ng = ngroups_of(u->mask);
    lede_stretches st[LEDE_KEYSCAN_GROUPS];
    if (lede_keyscan_run(u->k, s, n, st, ng) != 0) return luaL_error(L, "lede.keyscan: out of memory");
    lua_createtable(L, ng, 0);
    for (int g = 0; g < ng; g++) {
        lua_createtable(L, (int)(2 * st[g].count), 0);
        for (size_t j = 0; j < st[g].count; j++) {
            lua_pushinteger(L, (lua_Integer)st[g].v[2 * j] + 1);
            lua_rawseti(L, -2, (lua_Integer)(2 * j + 1));
            lua_pushinteger(L, (lua_Integer)st[g].v[2 * j + 1]);
            lua_rawseti(L, -2, (lua_Integer)(2 * j + 2));
        }
        lua_rawseti(L, -2, g + 1);
        lede_stretches_free(&st[g]);
    }
    return 1;
}

void lede_keyscan_register(lua_State *L, int mod)
{
    static const luaL_Reg methods[] = { { "stretches", keyscan_stretches }, { NULL, NULL } };
    if (luaL_newmetatable(L, KEYSCAN_MT)) {
        lua_pushcfunction(L, keyscan_gc);
        lua_setfield(L, -2, "__gc");
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, l_keyscan);
    lua_setfield(L, mod, "keyscan");
}
