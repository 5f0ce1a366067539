/*
 * lua_text.c — the `lede` module's functions on plain strings: lede.fold,
 * lede.normalize, lede.date, lede.tokenize, lede.shape.
 */
#include "lua_common.h"

/* lede.shape(s) -> spaCy-style word shape ("Xxxxx", "dd,ddd") */
int lede_lua_shape(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lede_lua_push_shape(L, s, n);
    return 1;
}

/* lede.fold(s) -> lowercased, diacritics and punctuation variants folded */
int lede_lua_fold(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lede_lua_push_folded(L, s, n);
    return 1;
}

/* lede.normalize(s) -> curly quotes, dashes and odd spaces folded to ASCII */
int lede_lua_normalize(lua_State *L)
{
    size_t n, out_len;
    const char *s = luaL_checklstring(L, 1, &n);
    lede_arena *a = lede_arena_new();
    if (!a) return luaL_error(L, "out of memory");
    char *r = lede_normalize(a, s, n, &out_len, NULL);
    if (r) lua_pushlstring(L, r, out_len);
    lede_arena_free(a);
    if (!r) return luaL_error(L, "out of memory");
    return 1;
}

static const char *const prec_names[] = { "none", "year", "month", "day", "minute", "second" };

/* lede.date(s) -> iso, precision | nil   (absolute dates only) */
int lede_lua_date(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lede_date d;
    char buf[32];
    if (!lede_date_parse(s, n, &d) || lede_date_iso(&d, buf, sizeof buf) <= 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushstring(L, buf);
    lua_pushstring(L, d.precision >= 0 && d.precision <= LEDE_PREC_SECOND ? prec_names[d.precision] : "none");
    return 2;
}

/* lede.tokenize(s) -> list of {text, kind, start, stop} (for strings that
 * are not part of a corpus; corpus tokens are objects). */
int lede_lua_tokenize(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lede_tokvec tv = { 0 };
    if (lede_tokenize(s, 0, n, &tv) != 0) {
        lede_tokvec_free(&tv);
        return luaL_error(L, "out of memory");
    }
    lua_createtable(L, (int)tv.n, 0);
    for (size_t i = 0; i < tv.n; i++) {
        lua_createtable(L, 0, 4);
        lua_pushlstring(L, s + tv.v[i].start, tv.v[i].stop - tv.v[i].start);
        lua_setfield(L, -2, "text");
        lua_pushstring(L, lede_tok_kind_name(tv.v[i].kind));
        lua_setfield(L, -2, "kind");
        lua_pushinteger(L, (lua_Integer)tv.v[i].start + 1);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, (lua_Integer)tv.v[i].stop);
        lua_setfield(L, -2, "stop");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_tokvec_free(&tv);
    lede_lua_mark_array(L, -1);
    return 1;
}
