/*
 * lua_pattern.c — lede.pattern: token patterns with quantifiers, captures
 * and annotation tests (spaCy-Matcher style; src/pattern.c matches).
 */
#include "lua_common.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct { lede_pattern *p; int nkinds; } Lpat;

static Lpat *check_pat(lua_State *L, int idx)
{
    Lpat *up = luaL_checkudata(L, idx, MT_PAT);
    if (!up->p) luaL_error(L, "pattern has been freed");
    return up;
}

static int pat_gc(lua_State *L)
{
    Lpat *up = luaL_checkudata(L, 1, MT_PAT);
    lede_pat_free(up->p);
    up->p = NULL;
    return 0;
}

/* Where a spec error is: "lede.pattern: item 2: not: ". */
typedef struct { int item; int depth; } specpos;

static int spec_error(lua_State *L, const specpos *sp, const char *fmt, ...)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_pushfstring(L, "lede.pattern: item %d: ", sp->item);
    luaL_addvalue(&b);
    for (int i = 0; i < sp->depth; i++) luaL_addstring(&b, "not: ");
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    luaL_addvalue(&b);
    luaL_pushresult(&b);
    return lua_error(L);
}

static void check_rc(lua_State *L, const specpos *sp, int rc, const char *key)
{
    if (rc == -1) luaL_error(L, "out of memory");
    if (rc) spec_error(L, sp, "invalid '%s'", key);
}

/* The value at vidx as a list of strings (a string is a list of one):
 * pushes a userdata holding the pointers and lengths (valid while the
 * spec table is alive) and returns the count. */
static size_t string_list(lua_State *L, const specpos *sp, int vidx, const char *key,
                          const char ***strs, size_t **lens)
{
    vidx = lua_absindex(L, vidx);
    size_t n = lua_type(L, vidx) == LUA_TSTRING ? 1
             : lua_type(L, vidx) == LUA_TTABLE ? (size_t)lua_rawlen(L, vidx) : 0;
    if (n == 0)
        spec_error(L, sp, "'%s' must be a string or a non-empty list of strings", key);
    char *box = lua_newuserdatauv(L, n * (sizeof **strs + sizeof **lens), 0);
    *strs = (const char **)(void *)box;
    *lens = (size_t *)(void *)(box + n * sizeof **strs);
    if (lua_type(L, vidx) == LUA_TSTRING) {
        (*strs)[0] = lua_tolstring(L, vidx, &(*lens)[0]);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, vidx, (lua_Integer)i + 1) != LUA_TSTRING)
            spec_error(L, sp, "'%s'[%d] must be a string, not %s", key, (int)i + 1,
                       luaL_typename(L, -1));
        (*strs)[i] = lua_tolstring(L, -1, &(*lens)[i]);
        lua_pop(L, 1);   /* still referenced by the spec table */
    }
    return n;
}

static const struct { const char *name; lede_pat_test test; } flag_tests[] = {
    { "is_cap", LEDE_PT_IS_CAP }, { "is_upper", LEDE_PT_IS_UPPER },
    { "is_lower", LEDE_PT_IS_LOWER }, { "is_title", LEDE_PT_IS_TITLE },
    { "is_alpha", LEDE_PT_IS_ALPHA }, { "is_digit", LEDE_PT_IS_DIGIT },
    { "is_punct", LEDE_PT_IS_PUNCT },
};

/* Bit of the annotation kind `name` for the pattern at pidx (interned). */
static uint64_t ent_bit(lua_State *L, int pidx, const specpos *sp, const char *name)
{
    Lpat *up = lua_touserdata(L, pidx);
    lua_getiuservalue(L, pidx, 1);
    lua_getfield(L, -1, name);
    int bit;
    if (lua_isinteger(L, -1)) {
        bit = (int)lua_tointeger(L, -1);
    } else {
        if (up->nkinds >= 64) spec_error(L, sp, "more than 64 'ent' kinds");
        bit = up->nkinds++;
        lua_pushinteger(L, bit);
        lua_setfield(L, -3, name);
    }
    lua_pop(L, 2);
    return (uint64_t)1 << bit;
}

/* Add the tests of the table at tidx to the pattern at pidx. At item
 * level (depth 0) the keys op and name are skipped: the caller read them. */
static void compile_tests(lua_State *L, int pidx, int tidx, specpos *sp)
{
    lede_pattern *p = ((Lpat *)lua_touserdata(L, pidx))->p;
    tidx = lua_absindex(L, tidx);
    /* Each 'not' level recurses with a key, a value and a few temporaries
     * on the stack: Lua only guarantees LUA_MINSTACK free slots. */
    luaL_checkstack(L, 10, "pattern nested too deep");
    lua_pushnil(L);
    while (lua_next(L, tidx)) {
        int top = lua_gettop(L);      /* value at top, key below */
        if (lua_type(L, -2) != LUA_TSTRING)
            spec_error(L, sp, "test names must be strings, not %s", luaL_typename(L, -2));
        const char *key = lua_tostring(L, -2);
        int found = 0;
        if (!strcmp(key, "op") || !strcmp(key, "name")) {
            if (sp->depth) spec_error(L, sp, "'%s' is not allowed inside 'not'", key);
            found = 1;
        } else if (!strcmp(key, "text") || !strcmp(key, "lower") || !strcmp(key, "shape")) {
            const char **strs;
            size_t *lens;
            size_t n = string_list(L, sp, top, key, &strs, &lens);
            lede_pat_test t = key[0] == 't' ? LEDE_PT_TEXT : key[0] == 'l' ? LEDE_PT_LOWER
                                                                          : LEDE_PT_SHAPE;
            check_rc(L, sp, lede_pat_add_strings(p, t, strs, lens, n), key);
            found = 1;
        } else if (!strcmp(key, "re")) {
            if (lua_type(L, top) != LUA_TSTRING) spec_error(L, sp, "'re' must be a string");
            size_t n;
            const char *re = lua_tolstring(L, top, &n);
            char err[300];
            int rc = lede_pat_add_regex(p, re, n, err, sizeof err);
            if (rc == -3) spec_error(L, sp, "'re': %s in \"%s\"", err, re);
            check_rc(L, sp, rc, key);
            found = 1;
        } else if (!strcmp(key, "kind")) {
            const char **strs;
            size_t *lens;
            size_t n = string_list(L, sp, top, key, &strs, &lens);
            uint32_t mask = 0;
            for (size_t i = 0; i < n; i++) {
                uint32_t k = LEDE_TOK_WORD;
                while (k <= LEDE_TOK_SYMBOL && strcmp(strs[i], lede_tok_kind_name(k))) k++;
                if (k > LEDE_TOK_SYMBOL)
                    spec_error(L, sp, "unknown kind '%s' (word, number, punct, symbol)", strs[i]);
                mask |= 1u << k;
            }
            check_rc(L, sp, lede_pat_add_kinds(p, mask), key);
            found = 1;
        } else if (!strcmp(key, "ent")) {
            const char **strs;
            size_t *lens;
            size_t n = string_list(L, sp, top, key, &strs, &lens);
            uint64_t mask = 0;
            for (size_t i = 0; i < n; i++) mask |= ent_bit(L, pidx, sp, strs[i]);
            check_rc(L, sp, lede_pat_add_ent(p, mask), key);
            found = 1;
        } else if (!strcmp(key, "not")) {
            if (!lua_istable(L, top)) spec_error(L, sp, "'not' must be a table of tests");
            if (sp->depth + 1 >= (int)LEDE_PAT_MAX_NOT) spec_error(L, sp, "'not' nested too deep");
            check_rc(L, sp, lede_pat_begin_not(p), key);
            sp->depth++;
            compile_tests(L, pidx, top, sp);
            sp->depth--;
            check_rc(L, sp, lede_pat_end_not(p), key);
            found = 1;
        } else {
            for (size_t i = 0; i < sizeof flag_tests / sizeof flag_tests[0]; i++) {
                if (strcmp(key, flag_tests[i].name)) continue;
                if (!lua_isboolean(L, top)) spec_error(L, sp, "'%s' must be a boolean", key);
                check_rc(L, sp, lede_pat_add_flag(p, flag_tests[i].test, lua_toboolean(L, top)), key);
                found = 1;
            }
        }
        if (!found) spec_error(L, sp, "unknown test '%s'", key);
        lua_settop(L, top - 1);       /* keep the key for lua_next */
    }
}

/* "?", "*", "+", "{n}", "{m,n}", "{m,}", "{,n}" -> min, max. */
static int parse_op(const char *op, uint32_t *min, uint32_t *max)
{
    if (!strcmp(op, "?")) { *min = 0; *max = 1; return 1; }
    if (!strcmp(op, "*")) { *min = 0; *max = LEDE_PAT_MANY; return 1; }
    if (!strcmp(op, "+")) { *min = 1; *max = LEDE_PAT_MANY; return 1; }
    if (!strcmp(op, "1")) { *min = 1; *max = 1; return 1; }
    if (op[0] != '{') return 0;
    const char *s = op + 1;
    char *end;
    unsigned long a = 0, b;
    int have_a = *s >= '0' && *s <= '9';
    if (have_a) {
        a = strtoul(s, &end, 10);
        s = end;
    }
    if (*s == '}') {
        if (!have_a || s[1]) return 0;
        b = a;
    } else if (*s == ',') {
        s++;
        if (*s >= '0' && *s <= '9') {
            b = strtoul(s, &end, 10);
            s = end;
        } else {
            b = LEDE_PAT_MANY;
        }
        if (*s != '}' || s[1]) return 0;
    } else {
        return 0;
    }
    if (a > 100000 || (b != LEDE_PAT_MANY && b > 100000) || b == 0 || a > b) return 0;
    *min = (uint32_t)a;
    *max = (uint32_t)b;
    return 1;
}

/* lede.pattern(spec) -> pattern. spec: list of item tables (see docs). */
int lede_lua_pattern(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_Integer nitems = (lua_Integer)lua_rawlen(L, 1);
    if (nitems == 0) return luaL_error(L, "lede.pattern: the pattern has no items");
    if (nitems > (lua_Integer)LEDE_PAT_MAX_ITEMS)
        return luaL_error(L, "lede.pattern: more than %d items", (int)LEDE_PAT_MAX_ITEMS);
    Lpat *up = lua_newuserdatauv(L, sizeof *up, 1);   /* 2; freed by __gc on error */
    up->p = NULL;
    up->nkinds = 0;
    luaL_setmetatable(L, MT_PAT);
    lua_newtable(L);
    lua_setiuservalue(L, 2, 1);
    if (!(up->p = lede_pat_new())) return luaL_error(L, "out of memory");
    for (lua_Integer i = 1; i <= nitems; i++) {
        specpos sp = { (int)i, 0 };
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            spec_error(L, &sp, "expected a table, got %s", luaL_typename(L, -1));
        int it = lua_gettop(L);
        uint32_t min = 1, max = 1;
        if (lua_getfield(L, it, "op") != LUA_TNIL) {
            const char *op = lua_tostring(L, -1);
            if (lua_type(L, -1) != LUA_TSTRING || !parse_op(op, &min, &max))
                spec_error(L, &sp, "bad op '%s' (one of ? * + {n} {m,n} {m,} {,n})",
                           luaL_tolstring(L, -1, NULL));
        }
        const char *name = NULL;
        if (lua_getfield(L, it, "name") != LUA_TNIL) {
            if (lua_type(L, -1) != LUA_TSTRING) spec_error(L, &sp, "'name' must be a string");
            name = lua_tostring(L, -1);
        }
        int rc = lede_pat_add_item(up->p, min, max, name);
        if (rc == -1) return luaL_error(L, "out of memory");
        compile_tests(L, 2, it, &sp);
        lua_settop(L, 2);
    }
    return 1;
}

/* Per-token annotation bits from the list of {kind, start, stop} at aidx:
 * a token gets a kind's bit when it lies inside an annotation of it. */
static uint64_t *annotation_bits(lua_State *L, int pidx, int aidx, const tokview *v, Lscratch *sc)
{
    luaL_checktype(L, aidx, LUA_TTABLE);
    if (!(sc->ents = calloc(v->n ? v->n : 1, sizeof *sc->ents))) luaL_error(L, "out of memory");
    lua_getiuservalue(L, pidx, 1);
    int kinds = lua_gettop(L);
    lua_Integer na = (lua_Integer)lua_rawlen(L, aidx);
    for (lua_Integer i = 1; i <= na; i++) {
        if (lua_rawgeti(L, aidx, i) != LUA_TTABLE)
            luaL_error(L, "pattern:match: annotation %d: expected a table", (int)i);
        int at = lua_gettop(L);
        lua_getfield(L, at, "kind");
        lua_getfield(L, at, "start");
        lua_getfield(L, at, "stop");
        if (lua_type(L, at + 1) != LUA_TSTRING || !lua_isinteger(L, at + 2) || !lua_isinteger(L, at + 3))
            luaL_error(L, "pattern:match: annotation %d: needs kind (string), start and stop (integers)",
                       (int)i);
        lua_pushvalue(L, at + 1);
        if (lua_rawget(L, kinds) == LUA_TNUMBER) {      /* kinds no test uses are skipped */
            uint64_t bit = (uint64_t)1 << lua_tointeger(L, -1);
            lua_Integer s0 = lua_tointeger(L, at + 2) - 1, s1 = lua_tointeger(L, at + 3);
            /* Tokens are sorted: binary search the first starting at s0 or later. */
            size_t lo = 0, hi = v->n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if ((lua_Integer)v->toks[mid].start < s0) lo = mid + 1;
                else hi = mid;
            }
            for (size_t t = lo; t < v->n && (lua_Integer)v->toks[t].start < s1; t++)
                if ((lua_Integer)v->toks[t].stop <= s1) sc->ents[t] |= bit;
        }
        lua_settop(L, at - 1);
    }
    lua_pop(L, 1);
    return sc->ents;
}

/* p:match(sentence | article | string [, annotations]) -> list of matches
 * {start, stop, text, tok_first, tok_last, groups = {name = span}}. */
/* As gaz_match_view: an article sentence by sentence, in one call. */
static int pat_match_view(const lede_pattern *p, const tokview *v, const uint64_t *ents,
                          lede_patvec *out)
{
    if (!v->art) return lede_pat_match(p, v->text, v->toks, v->n, ents, out);
    int abandoned = 0;
    for (size_t k = 0; k < v->art->nsentences; k++) {
        const lede_sentence *s = &v->art->sentences[k];
        size_t from = out->n, gfrom = out->ngroups;
        int rc = lede_pat_match(p, v->text, v->toks + s->tok_first, s->tok_count,
                                ents ? ents + s->tok_first : NULL, out);
        if (rc < 0) return rc;
        abandoned += rc;
        for (size_t i = from; i < out->n; i++) {
            out->v[i].tok_first += s->tok_first;
            out->v[i].tok_stop += s->tok_first;
        }
        for (size_t i = gfrom; i < out->ngroups; i++) {
            if (out->groups[i].tok_first == LEDE_PAT_UNSET) continue;
            out->groups[i].tok_first += s->tok_first;
            out->groups[i].tok_stop += s->tok_first;
        }
    }
    return abandoned;
}

static int pat_match(lua_State *L)
{
    Lpat *up = check_pat(L, 1);
    lua_settop(L, 3);
    Lscratch *sc = lede_lua_push_scratch(L);                  /* 4 */
    tokview v;
    lede_lua_get_tokview(L, 2, sc, &v, "pattern:match");
    const uint64_t *ents = lua_isnil(L, 3) ? NULL : annotation_bits(L, 1, 3, &v, sc);
    int rc = pat_match_view(up->p, &v, ents, &sc->pv);
    if (rc < 0) return luaL_error(L, "out of memory");
    size_t ng = lede_pat_ngroups(up->p);
    lua_createtable(L, (int)sc->pv.n, 0);
    for (size_t i = 0; i < sc->pv.n; i++) {
        const lede_pat_hit *h = &sc->pv.v[i];
        lua_createtable(L, 0, 6);
        lede_lua_set_span_fields(L, &v, v.toks[h->tok_first].start, v.toks[h->tok_stop - 1].stop,
                        h->tok_first, h->tok_stop);
        lua_createtable(L, 0, (int)ng);
        for (size_t g = 0; g < ng; g++) {
            const lede_tokrange *r = &sc->pv.groups[h->group_off + g];
            if (r->tok_first == LEDE_PAT_UNSET) continue;
            lua_createtable(L, 0, 5);
            lede_lua_set_span_fields(L, &v, v.toks[r->tok_first].start, v.toks[r->tok_stop - 1].stop,
                            r->tok_first, r->tok_stop);
            lua_setfield(L, -2, lede_pat_group_name(up->p, g));
        }
        lua_setfield(L, -2, "groups");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_lua_mark_array(L, -1);
    lede_lua_scratch_release(sc);
    return 1;
}

static int pat_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lede_pat_nitems(check_pat(L, 1)->p));
    return 1;
}

static int pat_tostring(lua_State *L)
{
    lua_pushfstring(L, "lede.pattern: %d items", (int)lede_pat_nitems(check_pat(L, 1)->p));
    return 1;
}

enum { PTF_ITEMS, PTF_GROUPS };
static const char *const pat_fields[] = { "items", "groups", NULL };

static int pat_get(lua_State *L, int code)
{
    lede_pattern *p = check_pat(L, 1)->p;
    switch (code) {
    case PTF_ITEMS: lua_pushinteger(L, (lua_Integer)lede_pat_nitems(p)); break;
    case PTF_GROUPS: {
        size_t ng = lede_pat_ngroups(p);
        lua_createtable(L, (int)ng, 0);
        for (size_t g = 0; g < ng; g++) {
            lua_pushstring(L, lede_pat_group_name(p, g));
            lua_rawseti(L, -2, (lua_Integer)g + 1);
        }
        lede_lua_mark_array(L, -1);
        break;
    }
    default: lua_pushnil(L);
    }
    return 1;
}

static const luaL_Reg pat_meta[] = {
    { "__gc", pat_gc }, { "__len", pat_len }, { "__tostring", pat_tostring }, { NULL, NULL }
};
static const luaL_Reg pat_methods[] = { { "match", pat_match }, { NULL, NULL } };

void lede_lua_open_pattern(lua_State *L, int mod)
{
    lede_lua_new_class(L, mod, MT_PAT, "Pattern", pat_meta, pat_methods, pat_fields, pat_get);
}
