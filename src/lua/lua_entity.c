/*
 * lua_entity.c — lede.entity: what the entity rule (scripts/rules/
 * 10_entities.lua) does per token or per byte, done in C so that the
 * rule's Lua makes decisions per candidate (issue 13, "Lua declares, C
 * executes"):
 *
 *   lede.entity.tokens(article)   the article's tokens as plain tables
 *                                 { text, lower, kind, start, stop, index },
 *                                 each made when first read
 *   lede.entity.sentence_starts(article)  { [sentence.start] = true, ... }
 *   lede.entity.coverage()        a set of byte positions: free(c, a, b),
 *                                 mark(c, a, b)
 *   lede.entity.first_after(spans, a)  binary search on the spans' stops
 *   lede.entity.caps_runs(target, blocked, max)  runs of capitalized words
 *
 * Every Lua VM instruction costs a rule about as much again in the host's
 * count hook (the watchdog and budget), so a loop over the bytes of each
 * name, or a token object's C __index per field read, is what these save.
 */
#include "lua_common.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ tokens */

/* The proxy's __index has the article userdata as upvalue 1 (it keeps the
 * article alive), the six field names as upvalues 2..7 (pushed once per
 * article; lua_rawset with a pushed name skips the name's look-up) and the
 * C article as upvalue 8 (a light userdata: no class check per token). */
static const char *const tok_names[] = { "text", "lower", "kind", "start", "stop", "index" };
enum { TN_COUNT = 6 };

/* proxy[k] for a k not yet there: token k of the article (upvalue 1) as a
 * plain table, stored in the proxy (so a token read again is a plain table
 * read and the same table); nil for any other key. */
static int tokens_index(lua_State *L)
{
    const lede_article *a = lua_touserdata(L, lua_upvalueindex(8));
    int isnum = 0;
    lua_Integer k = lua_tointegerx(L, 2, &isnum);
    if (!isnum || k < 1 || (lua_Unsigned)k > a->ntokens) {
        lua_pushnil(L);
        return 1;
    }
    /* a copy: the thread's token cache holds the article's tokens only
     * for a while */
    const lede_token tok = *lede_lua_token_of(L, a, (size_t)(k - 1));
    const lede_token *t = &tok;
    const char *w = a->text + t->start;
    size_t n = t->stop - t->start;
    lua_createtable(L, 0, TN_COUNT);
    int tab = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushlstring(L, w, n);
    lua_rawset(L, tab);
    lua_pushvalue(L, lua_upvalueindex(3));
    lede_lua_push_folded(L, w, n);
    lua_rawset(L, tab);
    lua_pushvalue(L, lua_upvalueindex(4));
    lua_pushstring(L, lede_tok_kind_name(t->kind));
    lua_rawset(L, tab);
    lua_pushvalue(L, lua_upvalueindex(5));
    lua_pushinteger(L, (lua_Integer)t->start + 1);
    lua_rawset(L, tab);
    lua_pushvalue(L, lua_upvalueindex(6));
    lua_pushinteger(L, (lua_Integer)t->stop);
    lua_rawset(L, tab);
    lua_pushvalue(L, lua_upvalueindex(7));
    lua_pushinteger(L, k);
    lua_rawset(L, tab);
    lua_pushvalue(L, tab);
    lua_rawseti(L, 1, k);
    return 1;
}

static int tokens_len(lua_State *L)
{
    const lede_article *a = lua_touserdata(L, lua_upvalueindex(2));
    lua_pushinteger(L, (lua_Integer)a->ntokens);
    return 1;
}

/* lede.entity.tokens(article) -> a table that reads as article:tokens()
 * read field by field (#t, t[k].text, .lower, .kind, .start, .stop,
 * .index; nil past either end), whose tokens are plain tables made on the
 * first read of each. A rule that looks at a few tokens around each
 * candidate makes those, not a userdata per token of the article. */
static int l_tokens(lua_State *L)
{
    lede_article *a = lede_lua_toarticle(L, 1);
    if (!a) return luaL_typeerror(L, 1, "article");
    lua_settop(L, 1);
    /* 2: the proxy, its array part sized for every token: a token made
     * goes to its slot (keys 1..n filled out of order would otherwise
     * land in the hash part and rehash it as it grows) */
    lua_createtable(L, a->ntokens < INT32_MAX ? (int)a->ntokens : 0, 0);
    lua_createtable(L, 0, 2);                          /* 3: its metatable */
    lua_pushvalue(L, 1);
    for (int k = 0; k < TN_COUNT; k++) lua_pushstring(L, tok_names[k]);
    lua_pushlightuserdata(L, a);
    lua_pushcclosure(L, tokens_index, 2 + TN_COUNT);
    lua_setfield(L, 3, "__index");
    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, a);
    lua_pushcclosure(L, tokens_len, 2);
    lua_setfield(L, 3, "__len");
    lua_setmetatable(L, 2);
    return 1;
}

/* lede.entity.sentence_starts(article) -> { [s.start] = true } for each
 * sentence s (1-based offsets, as sentence.start), without making the
 * sentence objects. */
static int l_sentence_starts(lua_State *L)
{
    const lede_article *a = lede_lua_toarticle(L, 1);
    if (!a) return luaL_typeerror(L, 1, "article");
    lua_createtable(L, 0, (int)a->nsentences);
    for (size_t i = 0; i < a->nsentences; i++) {
        lua_pushboolean(L, 1);
        lua_rawseti(L, -2, (lua_Integer)a->sentences[i].start + 1);
    }
    return 1;
}

/* ------------------------------------------------------------ spans */

/* lede.entity.first_after(list, a) -> the index of the first span of list
 * (tables in text order whose stops ascend: disjoint spans) with
 * span.stop >= a; #list + 1 when none. A binary search that reads the
 * spans' current stops (the rule trims spans as it goes), as the rule's
 * Lua search did, at a C call's cost instead of some fifty VM steps. */
static int l_first_after(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer a = luaL_checkinteger(L, 2);
    lua_Integer lo = 1, hi = (lua_Integer)lua_rawlen(L, 1) + 1;
    while (lo < hi) {
        lua_Integer mid = lo + (hi - lo) / 2;
        lua_rawgeti(L, 1, mid);
        lua_getfield(L, -1, "stop");
        int isnum = 0;
        lua_Integer stop = lua_tointegerx(L, -1, &isnum);
        if (!isnum) return luaL_error(L, "first_after: span %d has no integer stop", (int)mid);
        lua_pop(L, 2);
        if (stop < a) lo = mid + 1;
        else hi = mid;
    }
    lua_pushinteger(L, lo);
    return 1;
}

/* ------------------------------------------------------------ capitalized runs */

/* Does token t start with an uppercase letter and is it a word? (the
 * pattern engine's {kind = "word", is_cap = true}: the first code point) */
static int cap_word(const char *text, const lede_token *t)
{
    if (t->kind != LEDE_TOK_WORD || t->stop <= t->start) return 0;
    uint32_t cp;
    lede_utf8_decode(text + t->start, t->stop - t->start, &cp);
    return lede_cp_is_upper(cp);
}

/* Mark in out[0..n) the tokens of v that lie inside a span of the list at
 * lidx ({start, stop}, 1-based inclusive): as the pattern engine's `ent`
 * bits, a token inside [start - 1, stop) in 0-based bytes. */
static void blocked_tokens(lua_State *L, int lidx, const tokview *v, unsigned char *out)
{
    lua_Integer na = (lua_Integer)lua_rawlen(L, lidx);
    for (lua_Integer i = 1; i <= na; i++) {
        if (lua_rawgeti(L, lidx, i) != LUA_TTABLE)
            luaL_error(L, "caps_runs: blocked span %d: expected a table", (int)i);
        lua_getfield(L, -1, "start");
        lua_getfield(L, -2, "stop");
        if (!lua_isinteger(L, -2) || !lua_isinteger(L, -1))
            luaL_error(L, "caps_runs: blocked span %d: needs start and stop (integers)", (int)i);
        lua_Integer s0 = lua_tointeger(L, -2) - 1, s1 = lua_tointeger(L, -1);
        lua_pop(L, 3);
        size_t lo = 0, hi = v->n;             /* the first token starting at s0 or later */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if ((lua_Integer)v->toks[mid].start < s0) lo = mid + 1;
            else hi = mid;
        }
        for (size_t k = lo; k < v->n && (lua_Integer)v->toks[k].start < s1; k++)
            if ((lua_Integer)v->toks[k].stop <= s1) out[k] = 1;
    }
}

/* The runs of toks[from, to) (one sentence, or a string's tokens) of
 * capitalized words not blocked, leftmost first, at most max tokens each
 * (a longer run comes in pieces): appended to the list on top as token
 * indexes first, last (1-based, article-wide). */
static lua_Integer push_runs(lua_State *L, const tokview *v, const unsigned char *blocked,
                             size_t from, size_t to, size_t max, lua_Integer n)
{
    size_t pos = from;
    while (pos < to) {
        size_t r = 0;
        while (r < max && pos + r < to && !blocked[pos + r] && cap_word(v->text, &v->toks[pos + r]))
            r++;
        if (r == 0) {
            pos++;
            continue;
        }
        lua_pushinteger(L, (lua_Integer)(v->base + pos) + 1);
        lua_rawseti(L, -2, ++n);
        lua_pushinteger(L, (lua_Integer)(v->base + pos + r));
        lua_rawseti(L, -2, ++n);
        pos += r;
    }
    return n;
}

/* lede.entity.caps_runs(target, blocked, max) -> { first1, last1, first2,
 * last2, ... }: what lede.pattern { { kind = "word", is_cap = true,
 * ["not"] = { ent = kinds }, op = "{1,max}" } }:match(target, blocked)
 * finds (its matches' tok_first and tok_last, in order), where blocked
 * holds only spans of those kinds: over an article sentence by sentence,
 * over a string (tokenized) whole. One flat list of numbers instead of a
 * table per match, and a scan instead of the general pattern engine. */
static int l_caps_runs(lua_State *L)
{
    lua_settop(L, 3);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer max = luaL_checkinteger(L, 3);
    luaL_argcheck(L, max >= 1, 3, "at least 1");
    Lscratch *sc = lede_lua_push_scratch(L);                  /* 4 */
    tokview v;
    lede_lua_get_tokview(L, 1, sc, &v, "caps_runs");
    unsigned char *blocked = lua_newuserdatauv(L, v.n ? v.n : 1, 0);   /* 5: freed by the GC */
    memset(blocked, 0, v.n ? v.n : 1);
    blocked_tokens(L, 2, &v, blocked);
    lua_newtable(L);
    lua_Integer n = 0;
    if (v.art) {
        for (size_t k = 0; k < v.art->nsentences; k++) {
            const lede_sentence *s = &v.art->sentences[k];
            n = push_runs(L, &v, blocked, s->tok_first, (size_t)s->tok_first + s->tok_count,
                          (size_t)max, n);
        }
    } else {
        n = push_runs(L, &v, blocked, 0, v.n, (size_t)max, n);
    }
    lede_lua_scratch_release(sc);
    return 1;
}

/* ------------------------------------------------------------ coverage */

/* A set of byte positions 1.. (one byte each, grown on demand): the
 * bytes a rule's names already cover. */
#define MT_COVERAGE "lede.entity.Coverage"
typedef struct { unsigned char *on; size_t cap; } Lcoverage;

static Lcoverage *check_coverage(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_COVERAGE);
}

static int coverage_gc(lua_State *L)
{
    Lcoverage *c = check_coverage(L, 1);
    free(c->on);
    c->on = NULL;
    c->cap = 0;
    return 0;
}

/* Positions a..b (inclusive) of the arguments at 2 and 3; b < a is an
 * empty range. Positions start at 1. */
static void coverage_range(lua_State *L, lua_Integer *a, lua_Integer *b)
{
    *a = luaL_checkinteger(L, 2);
    *b = luaL_checkinteger(L, 3);
    if (*b >= *a && *a < 1) luaL_argerror(L, 2, "positions start at 1");
}

/* free(c, a, b) -> true when none of positions a..b is marked. */
static int coverage_free(lua_State *L)
{
    Lcoverage *c = check_coverage(L, 1);
    lua_Integer a, b;
    coverage_range(L, &a, &b);
    if (b >= (lua_Integer)c->cap) b = (lua_Integer)c->cap - 1;   /* never marked */
    int ok = 1;
    if (b >= a) ok = memchr(c->on + a, 1, (size_t)(b - a + 1)) == NULL;
    lua_pushboolean(L, ok);
    return 1;
}

/* mark(c, a, b): positions a..b are covered. */
static int coverage_mark(lua_State *L)
{
    Lcoverage *c = check_coverage(L, 1);
    lua_Integer a, b;
    coverage_range(L, &a, &b);
    if (b < a) return 0;
    if ((lua_Unsigned)b >= (lua_Unsigned)c->cap) {
        if ((lua_Unsigned)b >= (lua_Unsigned)(SIZE_MAX / 2)) return luaL_error(L, "out of memory");
        size_t cap = c->cap ? c->cap : 256;
        while (cap <= (size_t)b) cap *= 2;
        unsigned char *on = realloc(c->on, cap);
        if (!on) return luaL_error(L, "out of memory");
        memset(on + c->cap, 0, cap - c->cap);
        c->on = on;
        c->cap = cap;
    }
    memset(c->on + a, 1, (size_t)(b - a + 1));
    return 0;
}

/* lede.entity.coverage() -> an empty set of positions. */
static int l_coverage(lua_State *L)
{
    Lcoverage *c = lua_newuserdatauv(L, sizeof *c, 0);
    c->on = NULL;
    c->cap = 0;
    luaL_setmetatable(L, MT_COVERAGE);
    return 1;
}

/* ------------------------------------------------------------ module */

void lede_entity_register(lua_State *L, int mod)
{
    mod = lua_absindex(L, mod);
    if (luaL_newmetatable(L, MT_COVERAGE)) {
        lua_pushcfunction(L, coverage_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    static const luaL_Reg funcs[] = {
        { "tokens", l_tokens }, { "sentence_starts", l_sentence_starts },
        { "coverage", l_coverage }, { "free", coverage_free }, { "mark", coverage_mark },
        { "first_after", l_first_after }, { "caps_runs", l_caps_runs },
        { NULL, NULL }
    };
    luaL_newlib(L, funcs);
    lua_setfield(L, mod, "entity");
}
