/*
 * lua_stream.c — the Stream class: a corpus read one article at a time
 * (lede run --stream, lede.stream).
 */
#include "lua_common.h"
#include "host.h"

#include <limits.h>

/* A corpus read one article at a time (lede run --stream, lede.stream).
 * Each article arrives in a one-article corpus userdata of its own, so it
 * stays valid as long as it is referenced and is collected when not. */
typedef struct { lede_stream *s; } Lstream;

static Lstream *check_stream(lua_State *L, int idx)
{
    Lstream *us = luaL_checkudata(L, idx, MT_STREAM);
    if (!us->s) luaL_error(L, "stream has been closed");
    return us;
}

static int stream_gc(lua_State *L)
{
    Lstream *us = luaL_checkudata(L, 1, MT_STREAM);
    lede_stream_free(us->s);
    us->s = NULL;
    return 0;
}

void lede_lua_push_stream(lua_State *L, lede_stream *s)
{
    Lstream *us = lua_newuserdatauv(L, sizeof *us, 0);
    us->s = s;
    luaL_setmetatable(L, MT_STREAM);
}

/* Push the next article, or nothing (returns 0) at the end. */
static int stream_push_next(lua_State *L, Lstream *us)
{
    lede_corpus *c = lede_stream_next(us->s);
    if (!c) return 0;
    size_t kb = lede_arena_used(c->arena) / 1024;
    lede_lua_push_corpus(L, c);
    lede_lua_push_article(L, -1, 1);
    lua_remove(L, -2);
    /* The arena is memory Lua does not see: tell the collector about it,
     * or a script that allocates little would let dead articles pile up. */
    lua_gc(L, LUA_GCSTEP, (int)(kb > INT_MAX ? INT_MAX : kb));
    return 1;
}

static int stream_articles_iter(lua_State *L)
{
    return stream_push_next(L, check_stream(L, lua_upvalueindex(1)));
}

/* for a in stream:articles() do ... end (once: a stream cannot rewind) */
static int stream_articles(lua_State *L)
{
    check_stream(L, 1);
    lua_settop(L, 1);
    lua_pushcclosure(L, stream_articles_iter, 1);
    return 1;
}

/* stream:each(fn): fn(article) for every article, in order. */
static int stream_each(lua_State *L)
{
    Lstream *us = check_stream(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    while (stream_push_next(L, us)) {
        lua_pushvalue(L, 2);
        lua_insert(L, -2);
        lua_call(L, 1, 0);
    }
    return 0;
}

static int stream_len(lua_State *L)
{
    check_stream(L, 1);
    return luaL_error(L, "a streamed corpus has no length (it is read one article at a time): "
                         "use corpus:each(fn) or corpus:articles()");
}

static int stream_tostring(lua_State *L)
{
    size_t n, b, w, e;
    lede_stream_counts(check_stream(L, 1)->s, &n, &b, &w, &e);
    lua_pushfstring(L, "stream: %d articles read so far, %d bytes", (int)n, (int)b);
    return 1;
}

enum { SF_COUNT, SF_BYTES, SF_WARNINGS, SF_ERRORS, SF_STREAMING };
static const char *const stream_fields[] = { "count", "bytes", "warnings", "errors", "streaming", NULL };

static int stream_get(lua_State *L, int code)
{
    size_t n, b, w, e;
    lede_stream_counts(check_stream(L, 1)->s, &n, &b, &w, &e);
    switch (code) {
    case SF_COUNT: lua_pushinteger(L, (lua_Integer)n); break;
    case SF_BYTES: lua_pushinteger(L, (lua_Integer)b); break;
    case SF_WARNINGS: lua_pushinteger(L, (lua_Integer)w); break;
    case SF_ERRORS: lua_pushinteger(L, (lua_Integer)e); break;
    case SF_STREAMING: lua_pushboolean(L, 1); break;
    default: lua_pushnil(L);
    }
    return 1;
}

/* lede.stream(path, ... [, {quiet = true}]) -> a Stream */
int lede_lua_stream(lua_State *L)
{
    int npaths;
    int optidx = lede_lua_paths_and_options(L, &npaths);
    int quiet = lede_lua_opt_quiet(L, optidx);
    for (int i = 1; i <= npaths; i++)   /* --sandbox: only the allowed paths */
        lede_host_check_read(L, "lede.stream", lua_tostring(L, i), LEDE_READ_ANY);
    lede_stream *st = lede_stream_new(quiet ? lede_lua_silent_diag : NULL, NULL);
    if (!st) return luaL_error(L, "out of memory");
    lede_lua_push_stream(L, st);
    for (int i = 1; i <= npaths; i++)
        if (lede_stream_add_path(st, lua_tostring(L, i)) != 0) return luaL_error(L, "out of memory");
    return 1;
}

static const luaL_Reg stream_meta[] = {
    { "__gc", stream_gc }, { "__len", stream_len }, { "__tostring", stream_tostring }, { NULL, NULL }
};
static const luaL_Reg stream_methods[] = {
    { "articles", stream_articles }, { "each", stream_each }, { NULL, NULL }
};

void lede_lua_open_stream(lua_State *L, int mod)
{
    lede_lua_new_class(L, mod, MT_STREAM, "Stream", stream_meta, stream_methods, stream_fields,
                       stream_get);
}
