/*
 * lua_gazetteer.c — lede.gazetteer: name lists matched leftmost-longest,
 * accent- and case-folded, over sentences, articles and strings
 * (src/gazetteer.c).
 */
#include "lua_common.h"

#include <stdio.h>

static char k_atom_cache;    /* the per-state gazetteer atoms of the last article */

typedef struct { lede_gazetteer *g; lua_Integer nvals; } Lgaz;

static Lgaz *check_gaz(lua_State *L, int idx)
{
    Lgaz *ug = luaL_checkudata(L, idx, MT_GAZ);
    if (!ug->g) luaL_error(L, "gazetteer has been freed");
    return ug;
}

static int gaz_gc(lua_State *L)
{
    Lgaz *ug = luaL_checkudata(L, 1, MT_GAZ);
    lede_gaz_free(ug->g);
    ug->g = NULL;
    return 0;
}

/* Add name (at nidx) with value (at vidx; the name when none/nil). ctx
 * prefixes error messages. Returns the new id. */
static lua_Integer gaz_add_one(lua_State *L, int gidx, int nidx, int vidx, int casef,
                               const char *ctx)
{
    Lgaz *ug = check_gaz(L, gidx);
    if (lua_type(L, nidx) != LUA_TSTRING)
        luaL_error(L, "%sname must be a string, not %s", ctx, luaL_typename(L, nidx));
    size_t n;
    const char *name = lua_tolstring(L, nidx, &n);
    if (ug->nvals >= (lua_Integer)UINT32_MAX - 1) luaL_error(L, "%stoo many names", ctx);
    lua_Integer id = ug->nvals + 1;
    int rc = lede_gaz_add(ug->g, name, n, (uint32_t)id, casef ? LEDE_GAZ_CASE : 0);
    if (rc == -2) luaL_error(L, "%sname \"%s\" has no tokens", ctx, name);
    if (rc != 0) luaL_error(L, "out of memory");
    int src = vidx && !lua_isnoneornil(L, vidx) ? vidx : nidx;   /* before pushing */
    lua_getiuservalue(L, gidx, 1);
    lua_pushvalue(L, src);
    lua_rawseti(L, -2, id);
    lua_pop(L, 1);
    ug->nvals = id;
    return id;
}

static int opt_case(lua_State *L, int idx)
{
    if (lua_isnoneornil(L, idx)) return 0;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_getfield(L, idx, "case");
    int c = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return c;
}

/* g:add(name [, value [, {case = true}]]) -> id */
static int gaz_add(lua_State *L)
{
    check_gaz(L, 1);
    int casef = opt_case(L, 4);
    lua_settop(L, 3);
    lua_pushinteger(L, gaz_add_one(L, 1, 2, 3, casef, "gazetteer:add: "));
    return 1;
}

/* lede.gazetteer([entries]) -> gazetteer; entries: {{name=, value=, case=}, ...} */
int lede_lua_gazetteer(lua_State *L)
{
    if (!lua_isnoneornil(L, 1)) luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    Lgaz *ug = lua_newuserdatauv(L, sizeof *ug, 1);   /* 2 */
    ug->g = NULL;
    ug->nvals = 0;
    luaL_setmetatable(L, MT_GAZ);
    lua_newtable(L);
    lua_setiuservalue(L, 2, 1);
    if (!(ug->g = lede_gaz_new())) return luaL_error(L, "out of memory");
    if (lua_istable(L, 1)) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
        for (lua_Integer i = 1; i <= n; i++) {
            char ctx[64];
            snprintf(ctx, sizeof ctx, "lede.gazetteer: entry %d: ", (int)i);
            if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
                return luaL_error(L, "%sexpected a table, got %s", ctx, luaL_typename(L, -1));
            int e = lua_gettop(L);
            lua_getfield(L, e, "name");
            lua_getfield(L, e, "value");
            lua_getfield(L, e, "case");
            gaz_add_one(L, 2, e + 1, e + 2, lua_toboolean(L, e + 3), ctx);
            lua_settop(L, 2);
        }
    }
    return 1;
}

/* Folding and hashing an article's tokens (atomizing) is most of a
 * gazetteer match, and the rules run several gazetteers over one article
 * before moving to the next: each Lua state keeps the atoms of the last
 * article matched. The cache holds that article's userdata (uservalue 1),
 * so the article cannot be freed, and its address reused, while cached. */
#define MT_ATOMS "lede.AtomCache"
#define ATOM_CACHE_MAX_TOKENS 200000   /* ~8 MB of atoms; longer articles are not cached */
typedef struct { const lede_article *a; lede_gaz_atoms *at; } Latoms;

static int atoms_gc(lua_State *L)
{
    Latoms *c = luaL_checkudata(L, 1, MT_ATOMS);
    lede_gaz_atoms_free(c->at);
    c->at = NULL;
    c->a = NULL;
    return 0;
}

static const lede_gaz_atoms *article_atoms(lua_State *L, int aidx, const lede_article *a)
{
    aidx = lua_absindex(L, aidx);
    Latoms *c;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &k_atom_cache) == LUA_TUSERDATA) {
        c = lua_touserdata(L, -1);
    } else {
        lua_pop(L, 1);
        c = lua_newuserdatauv(L, sizeof *c, 1);
        c->a = NULL;
        c->at = NULL;
        luaL_setmetatable(L, MT_ATOMS);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &k_atom_cache);
    }
    if (c->a != a || !c->at) {
        lede_gaz_atoms *at = lede_gaz_atomize(a->text ? a->text : "", lede_lua_tokens_of(L, a),
                                              a->ntokens);
        if (!at) luaL_error(L, "out of memory");
        lede_gaz_atoms_free(c->at);
        c->at = at;
        c->a = a;
        lua_pushvalue(L, aidx);
        lua_setiuservalue(L, -2, 1);
    }
    lua_pop(L, 1);
    return c->at;
}

/* Match over the view of the value at idx. An article is matched one
 * sentence at a time in one call (a name never spans two sentences: a
 * heading line without a full stop does not run into the paragraph after
 * it), over its cached atoms. */
static int gaz_match_view(lua_State *L, int idx, const lede_gazetteer *g, const tokview *v,
                          lede_gazvec *out)
{
    if (!v->art) return lede_gaz_match(g, v->text, v->toks, v->n, out);
    if (v->art->ntokens > ATOM_CACHE_MAX_TOKENS) {
        /* A huge article: atomize one sentence at a time and keep nothing,
         * rather than hold atoms for all of it. */
        for (size_t k = 0; k < v->art->nsentences; k++) {
            const lede_sentence *s = &v->art->sentences[k];
            size_t from = out->n;
            if (lede_gaz_match(g, v->text, v->toks + s->tok_first, s->tok_count, out)) return -1;
            for (size_t i = from; i < out->n; i++) out->v[i].tok_first += s->tok_first;
        }
        return 0;
    }
    const lede_gaz_atoms *at = article_atoms(L, idx, v->art);
    for (size_t k = 0; k < v->art->nsentences; k++) {
        const lede_sentence *s = &v->art->sentences[k];
        if (lede_gaz_match_atoms(g, v->text, at, s->tok_first, (size_t)s->tok_first + s->tok_count,
                                 out))
            return -1;
    }
    return 0;
}

/* g:match(sentence | article | string) -> list of hits
 * {start, stop, text, value, tok_first, tok_last}; a name with several
 * values gives one hit per value, in the order they were added. */
static int gaz_match(lua_State *L)
{
    Lgaz *ug = check_gaz(L, 1);
    lua_settop(L, 2);
    Lscratch *sc = lede_lua_push_scratch(L);                  /* 3 */
    tokview v;
    lede_lua_get_tokview(L, 2, sc, &v, "gazetteer:match");
    if (gaz_match_view(L, 2, ug->g, &v, &sc->gv)) return luaL_error(L, "out of memory");
    lua_getiuservalue(L, 1, 1);                      /* 4: values */
    lua_createtable(L, (int)sc->gv.n, 0);
    for (size_t i = 0; i < sc->gv.n; i++) {
        const lede_gaz_hit *h = &sc->gv.v[i];
        lua_createtable(L, 0, 6);
        lede_lua_set_span_fields(L, &v, h->start, h->stop, h->tok_first, (size_t)h->tok_first + h->tok_count);
        lua_rawgeti(L, 4, h->id);
        lua_setfield(L, -2, "value");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_lua_mark_array(L, -1);
    lede_lua_scratch_release(sc);
    return 1;
}

static int gaz_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lede_gaz_size(check_gaz(L, 1)->g));
    return 1;
}

static int gaz_tostring(lua_State *L)
{
    lua_pushfstring(L, "lede.gazetteer: %d entries", (int)lede_gaz_size(check_gaz(L, 1)->g));
    return 1;
}

enum { GZF_SIZE };
static const char *const gaz_fields[] = { "size", NULL };

static int gaz_get(lua_State *L, int code)
{
    Lgaz *ug = check_gaz(L, 1);
    if (code == GZF_SIZE) lua_pushinteger(L, (lua_Integer)lede_gaz_size(ug->g));
    else lua_pushnil(L);
    return 1;
}

static const luaL_Reg gaz_meta[] = {
    { "__gc", gaz_gc }, { "__len", gaz_len }, { "__tostring", gaz_tostring }, { NULL, NULL }
};
static const luaL_Reg gaz_methods[] = { { "add", gaz_add }, { "match", gaz_match }, { NULL, NULL } };

void lede_lua_open_gazetteer(lua_State *L, int mod)
{
    luaL_newmetatable(L, MT_ATOMS);
    lua_pushcfunction(L, atoms_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lede_lua_new_class(L, mod, MT_GAZ, "Gazetteer", gaz_meta, gaz_methods, gaz_fields, gaz_get);
}
