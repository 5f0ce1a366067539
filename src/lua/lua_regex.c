/*
 * lua_regex.c — lede.re: PCRE2 regexes (JIT-compiled, cached by pattern
 * and flags) with find, match, gmatch, gsub, split and test.
 */
#include "lua_common.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>

#define MT_RXENV    "lede.RegexEnv"

static char k_re_cache;      /* weak-valued: flags/pattern -> regex */
static char k_rx_env;        /* the per-state PCRE2 match context */

/* One match context per Lua state, with a JIT stack larger than PCRE2's
 * 32 KiB default so that patterns with deep backtracking on long
 * paragraphs do not fail with PCRE2_ERROR_JIT_STACKLIMIT. */
typedef struct {
    pcre2_match_context *mctx;
    pcre2_jit_stack *jstack;
} Lrxenv;

typedef struct {
    pcre2_code *code;
    pcre2_match_data *md;     /* reused: Lua never re-enters a match */
    Lrxenv *env;
    uint32_t ncap;            /* capture groups, not counting group 0 */
    int jit;                  /* 1 when JIT compiled */
} Lregex;

static int rxenv_gc(lua_State *L)
{
    Lrxenv *e = luaL_checkudata(L, 1, MT_RXENV);
    if (e->mctx) pcre2_match_context_free(e->mctx);
    if (e->jstack) pcre2_jit_stack_free(e->jstack);
    e->mctx = NULL;
    e->jstack = NULL;
    return 0;
}

static Lrxenv *get_rxenv(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &k_rx_env) == LUA_TUSERDATA) {
        Lrxenv *e = lua_touserdata(L, -1);
        lua_pop(L, 1);
        return e;
    }
    lua_pop(L, 1);
    Lrxenv *e = lua_newuserdatauv(L, sizeof *e, 0);
    e->mctx = NULL;
    e->jstack = NULL;
    luaL_setmetatable(L, MT_RXENV);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_rx_env);
    e->mctx = pcre2_match_context_create(NULL);
    e->jstack = pcre2_jit_stack_create(32 * 1024, 4 * 1024 * 1024, NULL);
    if (!e->mctx || !e->jstack) luaL_error(L, "out of memory");
    pcre2_jit_stack_assign(e->mctx, NULL, e->jstack);
    return e;
}

static int regex_gc(lua_State *L)
{
    Lregex *r = luaL_checkudata(L, 1, MT_REGEX);
    if (r->md) pcre2_match_data_free(r->md);
    if (r->code) pcre2_code_free(r->code);
    r->md = NULL;
    r->code = NULL;
    return 0;
}

static Lregex *check_regex(lua_State *L, int idx)
{
    Lregex *r = luaL_checkudata(L, idx, MT_REGEX);
    if (!r->code) luaL_error(L, "regex has been freed");
    return r;
}

static uint32_t parse_flags(lua_State *L, const char *flags)
{
    uint32_t opt = PCRE2_UTF | PCRE2_UCP;
    for (const char *f = flags; *f; f++) {
        switch (*f) {
        case 'i': opt |= PCRE2_CASELESS; break;
        case 'm': opt |= PCRE2_MULTILINE; break;
        case 's': opt |= PCRE2_DOTALL; break;
        case 'x': opt |= PCRE2_EXTENDED; break;
        case 'U': opt |= PCRE2_UNGREEDY; break;
        case 'n': opt |= PCRE2_NO_AUTO_CAPTURE; break;
        case 'a': opt &= ~(uint32_t)PCRE2_UCP; break;
        default:
            luaL_error(L, "lede.re: unknown flag '%c' (flags are i m s x U n a)", *f);
        }
    }
    return opt;
}

/* lede.re(pattern [, flags]) -> regex. Compiled once (and JIT-compiled);
 * the same pattern and flags return the same cached object. */
int lede_lua_re(lua_State *L)
{
    size_t plen;
    const char *pat = luaL_checklstring(L, 1, &plen);
    const char *flags = luaL_optstring(L, 2, "");
    uint32_t opt = parse_flags(L, flags);

    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_re_cache);
    lua_pushfstring(L, "%s/", flags);
    lua_pushvalue(L, 1);
    lua_concat(L, 2);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, -3) == LUA_TUSERDATA) return 1;
    lua_pop(L, 1);                         /* stack: cache, key */

    Lrxenv *env = get_rxenv(L);
    Lregex *r = lua_newuserdatauv(L, sizeof *r, 3);
    memset(r, 0, sizeof *r);
    luaL_setmetatable(L, MT_REGEX);
    int err;
    PCRE2_SIZE erroff;
    r->code = pcre2_compile((PCRE2_SPTR)pat, plen, opt, &err, &erroff, NULL);
    if (!r->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        return luaL_error(L, "lede.re: %s at offset %d in pattern \"%s\"", (const char *)msg,
                          (int)erroff, pat);
    }
    /* LEDE_NO_JIT=1 runs the interpreter: valgrind cannot follow JIT code
     * (tests/valgrind.sh sets it). */
    r->jit = !getenv("LEDE_NO_JIT") && pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0;
    r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
    if (!r->md) return luaL_error(L, "out of memory");
    r->env = env;
    pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &r->ncap);

    /* uv1: names table {name = number}; uv2: the env (kept alive). */
    lua_newtable(L);
    uint32_t nnames = 0, esize = 0;
    PCRE2_SPTR table = NULL;
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &nnames);
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &esize);
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &table);
    for (uint32_t i = 0; i < nnames; i++) {
        const unsigned char *e = table + (size_t)i * esize;
        lua_pushinteger(L, (e[0] << 8) | e[1]);
        lua_setfield(L, -2, (const char *)e + 2);
    }
    lua_setiuservalue(L, -2, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_rx_env);
    lua_setiuservalue(L, -2, 2);
    lua_pushvalue(L, -2);     /* uv3: the cache key "flags/pattern" */
    lua_setiuservalue(L, -2, 3);

    lua_pushvalue(L, -2);     /* key */
    lua_pushvalue(L, -2);     /* regex */
    lua_rawset(L, -5);
    return 1;
}

/* Run one match at byte offset `at`; returns 1 (match), 0 (no match) or
 * raises the PCRE2 error (e.g. invalid UTF-8 in the subject). */
static int rx_exec(lua_State *L, Lregex *r, const char *s, size_t len, size_t at, uint32_t opts)
{
    int rc = pcre2_match(r->code, (PCRE2_SPTR)s, len, at, opts, r->md, r->env->mctx);
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(rc, msg, sizeof msg);
    if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
        return luaL_error(L, "lede.re: subject is not valid UTF-8 at byte %d: %s",
                          (int)pcre2_get_startchar(r->md) + 1, (const char *)msg);
    return luaL_error(L, "lede.re: match failed: %s", (const char *)msg);
}

/* Lua init argument (1-based, negative from the end) to a 0-based offset;
 * returns 0 when init is past the end (+1) so that callers return nil. */
static int init_offset(lua_State *L, int idx, size_t len, size_t *at)
{
    lua_Integer init = luaL_optinteger(L, idx, 1);
    if (init < 0) init = (lua_Integer)len + init + 1;
    if (init < 1) init = 1;
    if ((size_t)init > len + 1) return 0;
    *at = (size_t)init - 1;
    return 1;
}

/* Push a match table from r->md: m[0] whole match, m[i] groups (false when
 * unset), m[name] named groups, m.start/m.stop (1-based, inclusive) and
 * m.spans[i] / m.spans[name] = {start, stop}. rx at ridx. */
static void push_match(lua_State *L, int ridx, Lregex *r, const char *s)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    lua_createtable(L, (int)r->ncap, 4);
    lua_createtable(L, (int)r->ncap, 0);        /* spans */
    for (uint32_t g = 0; g <= r->ncap; g++) {
        PCRE2_SIZE a = ov[2 * g], b = ov[2 * g + 1];
        if (a == PCRE2_UNSET) {
            lua_pushboolean(L, 0);
            lua_rawseti(L, -3, g);
            continue;
        }
        lua_pushlstring(L, s + a, b - a);
        lua_rawseti(L, -3, g);
        lua_createtable(L, 2, 0);
        lua_pushinteger(L, (lua_Integer)a + 1);
        lua_rawseti(L, -2, 1);
        lua_pushinteger(L, (lua_Integer)b);
        lua_rawseti(L, -2, 2);
        lua_rawseti(L, -2, g);
    }
    /* Named groups alias their numbered entries. */
    int mt_ = lua_absindex(L, -2), sp = lua_absindex(L, -1);
    lua_getiuservalue(L, ridx, 1);
    int names = lua_absindex(L, -1);
    lua_pushnil(L);
    while (lua_next(L, names)) {
        lua_Integer g = lua_tointeger(L, -1);
        lua_pop(L, 1);                           /* keep the key for next */
        lua_pushvalue(L, -1);
        lua_rawgeti(L, mt_, g);
        lua_rawset(L, mt_);                      /* m[name] */
        lua_pushvalue(L, -1);
        lua_rawgeti(L, sp, g);
        lua_rawset(L, sp);                       /* spans[name] */
    }
    lua_pop(L, 1);
    lua_setfield(L, -2, "spans");
    lua_pushinteger(L, (lua_Integer)ov[0] + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)ov[1]);
    lua_setfield(L, -2, "stop");
}

/* re:find(s [, init]) -> start, stop, captures... | nil (like string.find) */
static int regex_find(lua_State *L)
{
    Lregex *r = check_regex(L, 1);
    size_t len, at;
    const char *s = luaL_checklstring(L, 2, &len);
    if (!init_offset(L, 3, len, &at) || !rx_exec(L, r, s, len, at, 0)) {
        lua_pushnil(L);
        return 1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    luaL_checkstack(L, (int)r->ncap + 2, "too many captures");
    lua_pushinteger(L, (lua_Integer)ov[0] + 1);
    lua_pushinteger(L, (lua_Integer)ov[1]);
    for (uint32_t g = 1; g <= r->ncap; g++) {
        if (ov[2 * g] == PCRE2_UNSET) lua_pushboolean(L, 0);
        else lua_pushlstring(L, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
    }
    return 2 + (int)r->ncap;
}

/* re:match(s [, init]) -> match table | nil */
static int regex_match(lua_State *L)
{
    Lregex *r = check_regex(L, 1);
    size_t len, at;
    const char *s = luaL_checklstring(L, 2, &len);
    if (!init_offset(L, 3, len, &at) || !rx_exec(L, r, s, len, at, 0)) {
        lua_pushnil(L);
        return 1;
    }
    push_match(L, 1, r, s);
    return 1;
}

/* re:test(s [, init]) -> boolean */
static int regex_test(lua_State *L)
{
    Lregex *r = check_regex(L, 1);
    size_t len, at;
    const char *s = luaL_checklstring(L, 2, &len);
    lua_pushboolean(L, init_offset(L, 3, len, &at) && rx_exec(L, r, s, len, at, 0));
    return 1;
}

/* The next match at or after *at, with the standard rule for empty
 * matches: after an empty match, first try a non-empty match at the same
 * place, then move on by one character. *checked avoids re-validating
 * UTF-8 on every call of a scan over one subject. */
static int rx_next(lua_State *L, Lregex *r, const char *s, size_t len, size_t *at,
                   int *last_empty, int *checked)
{
    for (;;) {
        if (*at > len) return 0;
        uint32_t opts = *checked ? PCRE2_NO_UTF_CHECK : 0;
        if (*last_empty) opts |= PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED;
        int m = rx_exec(L, r, s, len, *at, opts);
        *checked = 1;
        if (m) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            *last_empty = ov[0] == ov[1];
            *at = ov[1];
            return 1;
        }
        if (!*last_empty) return 0;
        /* Advance one UTF-8 character past the empty match. */
        *last_empty = 0;
        if (*at >= len) return 0;
        (*at)++;
        while (*at < len && ((unsigned char)s[*at] & 0xC0) == 0x80) (*at)++;
    }
}

static int gmatch_iter(lua_State *L)
{
    Lregex *r = check_regex(L, lua_upvalueindex(1));
    size_t len;
    const char *s = lua_tolstring(L, lua_upvalueindex(2), &len);
    size_t at = (size_t)lua_tointeger(L, lua_upvalueindex(3));
    int last_empty = lua_toboolean(L, lua_upvalueindex(4));
    int checked = lua_toboolean(L, lua_upvalueindex(5));
    if (!rx_next(L, r, s, len, &at, &last_empty, &checked)) return 0;
    push_match(L, lua_upvalueindex(1), r, s);
    lua_pushinteger(L, (lua_Integer)at);
    lua_replace(L, lua_upvalueindex(3));
    lua_pushboolean(L, last_empty);
    lua_replace(L, lua_upvalueindex(4));
    lua_pushboolean(L, checked);
    lua_replace(L, lua_upvalueindex(5));
    return 1;
}

/* for m in re:gmatch(s [, init]) do ... end  (m is a match table) */
static int regex_gmatch(lua_State *L)
{
    check_regex(L, 1);
    size_t len, at = 0;
    luaL_checklstring(L, 2, &len);
    if (!init_offset(L, 3, len, &at)) at = len + 1;
    lua_settop(L, 2);
    lua_pushinteger(L, (lua_Integer)at);
    lua_pushboolean(L, 0);
    lua_pushboolean(L, 0);
    lua_pushcclosure(L, gmatch_iter, 5);
    return 1;
}

/* Expand a replacement template: $0..$9, ${N}, ${name}, $$. */
static void add_template(lua_State *L, luaL_Buffer *b, int ridx, Lregex *r, const char *s,
                         const char *t, size_t tl)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    for (size_t i = 0; i < tl; i++) {
        if (t[i] != '$' || i + 1 >= tl) {
            luaL_addchar(b, t[i]);
            continue;
        }
        char c = t[++i];
        long g = -1;
        if (c == '$') {
            luaL_addchar(b, '$');
            continue;
        } else if (c >= '0' && c <= '9') {
            g = c - '0';
        } else if (c == '{') {
            const char *end = memchr(t + i, '}', tl - i);
            if (!end) luaL_error(L, "lede.re: unterminated ${ in replacement");
            size_t nl = (size_t)(end - (t + i + 1));
            const char *name = t + i + 1;
            char *stop;
            g = strtol(name, &stop, 10);
            if (nl == 0 || stop != end) {
                lua_getiuservalue(L, ridx, 1);
                lua_pushlstring(L, name, nl);
                if (lua_rawget(L, -2) != LUA_TNUMBER)
                    luaL_error(L, "lede.re: no group named '%s' in replacement", lua_pushlstring(L, name, nl));
                g = (long)lua_tointeger(L, -1);
                lua_pop(L, 2);
            }
            i = (size_t)(end - t);
        } else {
            luaL_addchar(b, '$');
            luaL_addchar(b, c);
            continue;
        }
        if (g < 0 || (uint32_t)g > r->ncap) luaL_error(L, "lede.re: no group %d in replacement", (int)g);
        if (ov[2 * g] != PCRE2_UNSET) luaL_addlstring(b, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
    }
}

/* re:gsub(s, repl [, n]) -> string, count. repl: template string, table
 * (looked up by group 1 or the whole match) or function(m) -> string. A
 * false/nil result keeps the match unchanged. */
static int regex_gsub(lua_State *L)
{
    Lregex *r = check_regex(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    int rt = lua_type(L, 3);
    luaL_argexpected(L, rt == LUA_TSTRING || rt == LUA_TNUMBER || rt == LUA_TTABLE ||
                     rt == LUA_TFUNCTION, 3, "string/function/table");
    lua_Integer maxn = luaL_optinteger(L, 4, -1);
    size_t tl = 0;
    const char *tmpl = (rt == LUA_TSTRING || rt == LUA_TNUMBER) ? lua_tolstring(L, 3, &tl) : NULL;

    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t at = 0, copied = 0;
    int last_empty = 0, checked = 0;
    lua_Integer count = 0;
    while ((maxn < 0 || count < maxn) && rx_next(L, r, s, len, &at, &last_empty, &checked)) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
        size_t ms = ov[0], me = ov[1];
        luaL_addlstring(&b, s + copied, ms - copied);
        copied = me;
        count++;
        if (tmpl) {
            add_template(L, &b, 1, r, s, tmpl, tl);
            continue;
        }
        if (rt == LUA_TTABLE) {
            size_t g = (r->ncap >= 1 && ov[2] != PCRE2_UNSET) ? 1 : 0;
            lua_pushlstring(L, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            lua_gettable(L, 3);
        } else {
            lua_pushvalue(L, 3);
            push_match(L, 1, r, s);
            lua_call(L, 1, 1);
            /* The callback may have used this regex: ms/me are our copies. */
        }
        if (!lua_toboolean(L, -1)) {
            lua_pop(L, 1);
            luaL_addlstring(&b, s + ms, me - ms);
        } else if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER) {
            luaL_addvalue(&b);
        } else {
            return luaL_error(L, "lede.re: invalid replacement value (a %s)", luaL_typename(L, -1));
        }
    }
    luaL_addlstring(&b, s + copied, len - copied);
    luaL_pushresult(&b);
    lua_pushinteger(L, count);
    return 2;
}

/* re:split(s [, max]) -> list of the pieces between matches */
static int regex_split(lua_State *L)
{
    Lregex *r = check_regex(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    lua_Integer maxn = luaL_optinteger(L, 3, -1);
    lua_newtable(L);
    size_t at = 0, from = 0;
    int last_empty = 0, checked = 0;
    lua_Integer n = 0;
    while ((maxn < 0 || n + 1 < maxn) && rx_next(L, r, s, len, &at, &last_empty, &checked)) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
        if (ov[0] == ov[1] && (ov[0] == 0 || ov[0] == len)) continue;  /* no empty edges */
        lua_pushlstring(L, s + from, ov[0] - from);
        lua_rawseti(L, -2, ++n);
        from = ov[1];
    }
    lua_pushlstring(L, s + from, len - from);
    lua_rawseti(L, -2, ++n);
    lede_lua_mark_array(L, -1);
    return 1;
}

enum { RF_PATTERN, RF_FLAGS, RF_GROUPS, RF_NAMES, RF_JIT };
static const char *const regex_fields[] = { "pattern", "flags", "groups", "names", "jit", NULL };

static int regex_get(lua_State *L, int code)
{
    Lregex *r = check_regex(L, 1);
    switch (code) {
    case RF_PATTERN:
    case RF_FLAGS: {
        lua_getiuservalue(L, 1, 3);
        const char *key = lua_tostring(L, -1);
        const char *slash = strchr(key, '/');
        if (code == RF_FLAGS) lua_pushlstring(L, key, (size_t)(slash - key));
        else lua_pushstring(L, slash + 1);
        return 1;
    }
    case RF_GROUPS: lua_pushinteger(L, r->ncap); break;
    case RF_NAMES: {
        lua_newtable(L);
        lua_getiuservalue(L, 1, 1);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_rawseti(L, -5, lua_tointeger(L, -2));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        break;
    }
    case RF_JIT: lua_pushboolean(L, r->jit); break;
    default: lua_pushnil(L);
    }
    return 1;
}

static int regex_tostring(lua_State *L)
{
    check_regex(L, 1);
    regex_get(L, RF_PATTERN);
    lua_pushfstring(L, "lede.re(%s)", lua_tostring(L, -1));
    return 1;
}

static const luaL_Reg regex_meta[] = {
    { "__gc", regex_gc }, { "__tostring", regex_tostring }, { NULL, NULL }
};
static const luaL_Reg regex_methods[] = {
    { "find", regex_find }, { "match", regex_match }, { "gmatch", regex_gmatch },
    { "gsub", regex_gsub }, { "split", regex_split }, { "test", regex_test }, { NULL, NULL }
};

void lede_lua_open_regex(lua_State *L, int mod)
{
    /* The regex cache: weak values. */
    lua_newtable(L);
    lua_newtable(L);
    lua_pushstring(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_re_cache);
    luaL_newmetatable(L, MT_RXENV);
    lua_pushcfunction(L, rxenv_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lede_lua_new_class(L, mod, MT_REGEX, "Regex", regex_meta, regex_methods, regex_fields,
                       regex_get);
}
