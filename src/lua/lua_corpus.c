/*
 * lua_corpus.c — the Corpus class (corpus[i], corpus:articles(), :each,
 * :add) and the functions that make one: lede.load, lede.parse.
 */
#include "lua_common.h"
#include "host.h"

#include <string.h>

static Lcorpus *check_corpus(lua_State *L, int idx)
{
    Lcorpus *uc = luaL_checkudata(L, idx, MT_CORPUS);
    if (!uc->c) luaL_error(L, "corpus has been freed");
    return uc;
}

lede_corpus *lede_lua_tocorpus(lua_State *L, int idx)
{
    Lcorpus *uc = luaL_testudata(L, idx, MT_CORPUS);
    return uc ? uc->c : NULL;
}

lede_article *lede_lua_toarticle(lua_State *L, int idx)
{
    Larticle *ua = luaL_testudata(L, idx, MT_ARTICLE);
    return ua ? ua->a : NULL;
}

void lede_lua_push_corpus_view(lua_State *L, lede_corpus *c)
{
    lede_lua_push_corpus(L, c);
    ((Lcorpus *)lua_touserdata(L, -1))->view = 1;
}

void lede_lua_push_corpus(lua_State *L, lede_corpus *c)
{
    Lcorpus *uc = lua_newuserdatauv(L, sizeof *uc, 1);
    uc->c = c;
    uc->view = 0;
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    luaL_setmetatable(L, MT_CORPUS);
}

/* Push the article userdata for 1-based index i of the corpus at cidx. */
void lede_lua_push_article(lua_State *L, int cidx, size_t i)
{
    cidx = lua_absindex(L, cidx);
    Lcorpus *uc = lua_touserdata(L, cidx);
    lua_getiuservalue(L, cidx, 1);
    if (lua_rawgeti(L, -1, (lua_Integer)i) == LUA_TUSERDATA) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    Larticle *ua = lua_newuserdatauv(L, sizeof *ua, 3);   /* 3: weak cache, made on demand */
    ua->a = uc->c->articles[i - 1];
    lua_pushvalue(L, cidx);
    lua_setiuservalue(L, -2, 1);
    lua_newtable(L);
    lua_setiuservalue(L, -2, 2);
    luaL_setmetatable(L, MT_ARTICLE);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, (lua_Integer)i);
    lua_remove(L, -2);
}

static int corpus_gc(lua_State *L)
{
    Lcorpus *uc = luaL_checkudata(L, 1, MT_CORPUS);
    if (!uc->view) lede_corpus_free(uc->c);
    uc->c = NULL;
    return 0;
}

static int corpus_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_corpus(L, 1)->c->narticles);
    return 1;
}

static int corpus_tostring(lua_State *L)
{
    lede_corpus *c = check_corpus(L, 1)->c;
    size_t ns = 0;
    for (size_t i = 0; i < c->narticles; i++) ns += c->articles[i]->nsentences;
    lua_pushfstring(L, "corpus: %d article%s, %d sentences, %d bytes",
                    (int)c->narticles, c->narticles == 1 ? "" : "s", (int)ns, (int)c->bytes);
    return 1;
}

enum { CF_BYTES, CF_WARNINGS, CF_ERRORS, CF_SIZE };
static const char *const corpus_fields[] = { "bytes", "warnings", "errors", "size", NULL };

static int corpus_get(lua_State *L, int code)
{
    lede_corpus *c = check_corpus(L, 1)->c;
    switch (code) {
    case CF_BYTES: lua_pushinteger(L, (lua_Integer)c->bytes); break;
    case CF_WARNINGS: lua_pushinteger(L, (lua_Integer)c->nwarnings); break;
    case CF_ERRORS: lua_pushinteger(L, (lua_Integer)c->nerrors); break;
    case CF_SIZE: lua_pushinteger(L, (lua_Integer)c->narticles); break;
    default: lua_pushnil(L);
    }
    return 1;
}

/* corpus[i] for integers; anything else goes to the generic __index. */
static int corpus_index(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lede_corpus *c = check_corpus(L, 1)->c;
        int whole;               /* corpus[1.0] is corpus[1] */
        lua_Integer i = lua_tointegerx(L, 2, &whole);
        if (whole && i >= 1 && (size_t)i <= c->narticles) lede_lua_push_article(L, 1, (size_t)i);
        else lua_pushnil(L);
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));   /* the generic index */
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static int corpus_articles_iter(lua_State *L)
{
    lede_corpus *c = check_corpus(L, lua_upvalueindex(1))->c;
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2)) + 1;
    if ((size_t)i > c->narticles) return 0;
    lua_pushinteger(L, i);
    lua_replace(L, lua_upvalueindex(2));
    lede_lua_push_article(L, lua_upvalueindex(1), (size_t)i);
    return 1;
}

/* for a in corpus:articles() do ... end */
static int corpus_articles(lua_State *L)
{
    check_corpus(L, 1);
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, corpus_articles_iter, 2);
    return 1;
}

/* corpus:add(path) -> true | nil, message. Loads more articles (REPL :load). */
static int corpus_add(lua_State *L)
{
    lede_corpus *c = check_corpus(L, 1)->c;
    const char *path = luaL_checkstring(L, 2);
    lede_host_check_read(L, "corpus:add", path, LEDE_READ_ANY);   /* --sandbox */
    size_t before = c->nerrors;
    if (lede_corpus_add_path(c, path) != 0 || c->nerrors > before) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: could not be read", path);
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* `quiet` from the options table at idx, or, when idx is 0 (no table),
 * from lede.options. idx 0 is never read from the stack: it is not a valid
 * index, and reading it crashed a script whose first line was
 * lede.load(path). */
int lede_lua_opt_quiet(lua_State *L, int idx)
{
    int quiet = 0;
    if (idx > 0 && lua_istable(L, idx)) {
        lua_getfield(L, idx, "quiet");
        quiet = lua_toboolean(L, -1);
        lua_pop(L, 1);
    } else {
        lua_getglobal(L, "lede");
        if (lua_istable(L, -1)) {
            lua_getfield(L, -1, "options");
            if (lua_istable(L, -1)) {
                lua_getfield(L, -1, "quiet");
                quiet = lua_toboolean(L, -1);
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    return quiet;
}

void lede_lua_silent_diag(void *ud, int level, const char *path, long line, long offset,
                          const char *msg)
{
    (void)ud; (void)level; (void)path; (void)line; (void)offset; (void)msg;
}

/* The arguments of lede.load/lede.stream: paths, then an optional options
 * table (a trailing nil is an absent one). Returns the table's index, 0 if
 * there is none, and sets *npaths; any other argument is a Lua error. */
int lede_lua_paths_and_options(lua_State *L, int *npaths)
{
    int top = lua_gettop(L);
    int optidx = 0;
    if (top >= 1 && lua_istable(L, top)) optidx = top--;
    else if (top >= 1 && lua_isnil(L, top)) top--;
    for (int i = 1; i <= top; i++)
        luaL_argexpected(L, lua_type(L, i) == LUA_TSTRING || lua_type(L, i) == LUA_TNUMBER, i,
                         i == lua_gettop(L) ? "path or options table" : "path");
    *npaths = top;
    return optidx;
}

/* lede.load(path, ... [, {quiet = bool}]) -> corpus. Unreadable paths are
 * reported (stderr) and counted in corpus.errors; the rest is loaded. */
int lede_lua_load(lua_State *L)
{
    int npaths;
    int optidx = lede_lua_paths_and_options(L, &npaths);
    int quiet = lede_lua_opt_quiet(L, optidx);
    for (int i = 1; i <= npaths; i++)   /* --sandbox: only the allowed paths */
        lede_host_check_read(L, "lede.load", lua_tostring(L, i), LEDE_READ_ANY);
    lede_corpus *c = lede_corpus_new();
    if (!c) return luaL_error(L, "out of memory");
    if (quiet) c->diag = lede_lua_silent_diag;
    lede_lua_push_corpus(L, c);   /* owned by Lua from here on */
    for (int i = 1; i <= npaths; i++) lede_corpus_add_path(c, lua_tostring(L, i));
    lede_host_check_memory(L);   /* --max-memory counts corpora too */
    return 1;
}

/* lede.parse(text [, {name = "NAME", format = "text"|"jsonl", quiet}]) -> corpus */
int lede_lua_parse(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *name = "<string>", *format = "text";
    luaL_argexpected(L, lua_isnoneornil(L, 2) || lua_istable(L, 2), 2, "options table");
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "name");
        if (lua_isstring(L, -1)) name = lua_tostring(L, -1);
        lua_getfield(L, 2, "format");
        if (lua_isstring(L, -1)) format = lua_tostring(L, -1);
        lua_pop(L, 2);   /* strings stay valid: they are also in the table */
    }
    int quiet = lede_lua_opt_quiet(L, lua_istable(L, 2) ? 2 : 0);
    if (strcmp(format, "text") && strcmp(format, "jsonl"))
        return luaL_error(L, "lede.parse: format must be \"text\" or \"jsonl\", not \"%s\"", format);
    lede_corpus *c = lede_corpus_new();
    if (!c) return luaL_error(L, "out of memory");
    if (quiet) c->diag = lede_lua_silent_diag;
    lede_lua_push_corpus(L, c);
    if (!strcmp(format, "jsonl")) lede_corpus_add_jsonl(c, name, s, n);
    else lede_corpus_add_text(c, name, s, n);
    lede_host_check_memory(L);   /* --max-memory counts corpora too */
    return 1;
}

/* corpus:each(fn): fn(article) for every article (the same call works on a
 * stream, so a script can run either way). */
static int corpus_each(lua_State *L)
{
    lede_corpus *c = check_corpus(L, 1)->c;
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    for (size_t i = 1; i <= c->narticles; i++) {
        lua_pushvalue(L, 2);
        lede_lua_push_article(L, 1, i);
        lua_call(L, 1, 0);
    }
    return 0;
}

static const luaL_Reg corpus_meta[] = {
    { "__gc", corpus_gc }, { "__len", corpus_len }, { "__tostring", corpus_tostring }, { NULL, NULL }
};
static const luaL_Reg corpus_methods[] = {
    { "articles", corpus_articles }, { "add", corpus_add }, { "each", corpus_each }, { NULL, NULL }
};

void lede_lua_open_corpus(lua_State *L, int mod)
{
    lede_lua_new_class(L, mod, MT_CORPUS, "Corpus", corpus_meta, corpus_methods, corpus_fields,
                       corpus_get);
    /* corpus[i]: integers first, then the generic index. */
    luaL_getmetatable(L, MT_CORPUS);
    lua_getfield(L, -1, "__index");
    lua_pushcclosure(L, corpus_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}
