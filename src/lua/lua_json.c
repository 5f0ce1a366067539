/*
 * lua_json.c — lede.json: encode, decode, array, null. Encoding is done
 * here (deterministic: object keys sorted, so output is diffable and
 * testable); decoding uses cJSON.
 */
#include "lua_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MT_JBUF     "lede.JsonBuffer"
#define MT_JRAW     "lede.JsonRaw"

static char k_json_null;     /* the lede.json.null sentinel */

static int is_json_null(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TLIGHTUSERDATA && lua_touserdata(L, idx) == &k_json_null;
}

typedef lede_lua_jbuf jbuf;

static int jbuf_gc(lua_State *L)
{
    jbuf *b = lua_touserdata(L, 1);
    free(b->p);
    b->p = NULL;
    return 0;
}

void lede_lua_jb_add(jbuf *b, const char *s, size_t n)
{
    if (b->cap - b->n < n) {
        size_t ncap = b->cap ? b->cap : 256;
        while (ncap - b->n < n) ncap *= 2;
        char *np = realloc(b->p, ncap);
        if (!np) luaL_error(b->L, "lede.json.encode: out of memory");
        b->p = np;
        b->cap = ncap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void jb_addstring(jbuf *b, const char *s) { lede_lua_jb_add(b, s, strlen(s)); }
static void jb_addchar(jbuf *b, char c) { lede_lua_jb_add(b, &c, 1); }

void lede_lua_jb_string(jbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    jb_addchar(b, '"');
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* Copy valid UTF-8 as is; an invalid byte becomes U+FFFD so the
             * output is always valid JSON. */
            uint32_t cp;
            size_t k = lede_utf8_decode(s + i, n - i, &cp);
            if (cp == LEDE_REPLACEMENT && !(k == 3 && (unsigned char)s[i] == 0xEF))
                jb_addstring(b, "\xEF\xBF\xBD");
            else
                lede_lua_jb_add(b, s + i, k);
            i += k;
            continue;
        }
        switch (c) {
        case '"': jb_addstring(b, "\\\""); break;
        case '\\': jb_addstring(b, "\\\\"); break;
        case '\n': jb_addstring(b, "\\n"); break;
        case '\r': jb_addstring(b, "\\r"); break;
        case '\t': jb_addstring(b, "\\t"); break;
        case '\b': jb_addstring(b, "\\b"); break;
        case '\f': jb_addstring(b, "\\f"); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char esc[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
                jb_addstring(b, esc);
            } else {
                jb_addchar(b, (char)c);
            }
        }
        i++;
    }
    jb_addchar(b, '"');
}


typedef struct {
    lua_State *L;
    jbuf *b;
    int indent;      /* spaces per level, 0 = compact */
    int arrays;      /* stack index of the array-marker set */
} jenc;

static void json_newline(jenc *e, int depth)
{
    if (!e->indent) return;
    jb_addchar(e->b, '\n');
    for (int i = 0; i < depth * e->indent; i++) jb_addchar(e->b, ' ');
}

/* An object key: its name (may hold a NUL) and its pair's place. */
typedef struct {
    const char *s;
    size_t n;
    lua_Integer i;
} jkey;

static int key_cmp(const void *x, const void *y)
{
    const jkey *a = x, *b = y;
    int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* A number as JSON text: integers as such, floats in the shortest form
 * that reads back the same, non-finite ones as null. */
static void json_number(lua_State *L, int idx, char *buf, size_t size)
{
    if (lua_isinteger(L, idx)) {
        snprintf(buf, size, "%lld", (long long)lua_tointeger(L, idx));
        return;
    }
    lede_lua_json_float(lua_tonumber(L, idx), buf, size);
}

void lede_lua_json_float(double d, char *buf, size_t size)
{
    if (!isfinite(d)) snprintf(buf, size, "null");
    else if (d == floor(d) && fabs(d) < 1e15) snprintf(buf, size, "%.0f", d);
    else {
        snprintf(buf, size, "%.17g", d);
        for (int p = 1; p <= 17; p++) {
            char t[64];
            snprintf(t, sizeof t, "%.*g", p, d);
            if (strtod(t, NULL) == d) { snprintf(buf, size, "%s", t); break; }
        }
    }
}

static void json_value(jenc *e, int idx, int depth);

/* Encode the table at idx. Arrays: marked with lede.json.array, or a
 * non-empty sequence with no other keys. Other tables are objects. */
static void json_table(jenc *e, int idx, int depth)
{
    lua_State *L = e->L;
    jbuf *b = e->b;
    lua_pushvalue(L, idx);
    lua_rawget(L, e->arrays);
    int marked = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    size_t nkeys = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        nkeys++;
        lua_pop(L, 1);
    }
    if (marked || (n > 0 && (size_t)n == nkeys)) {
        jb_addchar(b, '[');
        for (lua_Integer i = 1; i <= n; i++) {
            if (i > 1) jb_addchar(b, ',');
            json_newline(e, depth + 1);
            lua_rawgeti(L, idx, i);
            json_value(e, lua_gettop(L), depth + 1);
            lua_pop(L, 1);
        }
        if (n > 0) json_newline(e, depth);
        jb_addchar(b, ']');
        return;
    }
    /* Object: collect keys as strings (numbers as they encode as values)
 * with their values, sort, emit. Names and values are kept alive in a
 * scratch table (name at 2i-1, value at 2i) while their C strings are in
 * use; a name may hold a NUL (escaped as \u0000). */
    lua_createtable(L, (int)(2 * nkeys), 0);
    int keys = lua_gettop(L);
    lua_Integer k = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int kt = lua_type(L, -2);
        if (kt == LUA_TSTRING) {
            lua_pushvalue(L, -2);
        } else if (kt == LUA_TNUMBER) {
            char nb[64];
            json_number(L, -2, nb, sizeof nb);
            if (!strcmp(nb, "null"))
                luaL_error(L, "lede.json.encode: cannot encode the key %s", lua_tostring(L, -2));
            lua_pushstring(L, nb);
        } else {
            luaL_error(L, "lede.json.encode: cannot encode a %s key", lua_typename(L, kt));
        }
        lua_rawseti(L, keys, 2 * k + 1);   /* the name */
        lua_rawseti(L, keys, 2 * k + 2);   /* the value (popped) */
        k++;
    }
    jkey *names = lua_newuserdatauv(L, (size_t)(k ? k : 1) * sizeof *names, 0);
    for (lua_Integer i = 0; i < k; i++) {
        lua_rawgeti(L, keys, 2 * i + 1);
        names[i].s = lua_tolstring(L, -1, &names[i].n);
        names[i].i = i;
        lua_pop(L, 1);           /* still referenced by `keys` */
    }
    qsort(names, (size_t)k, sizeof *names, key_cmp);
    for (lua_Integer i = 1; i < k; i++)
        if (!key_cmp(&names[i - 1], &names[i]))
            luaL_error(L, "lede.json.encode: duplicate key \"%s\" (a number and a string key "
                          "that encode the same)", names[i].s);
    jb_addchar(b, '{');
    for (lua_Integer i = 0; i < k; i++) {
        if (i) jb_addchar(b, ',');
        json_newline(e, depth + 1);
        lede_lua_jb_string(b, names[i].s, names[i].n);
        jb_addchar(b, ':');
        if (e->indent) jb_addchar(b, ' ');
        lua_rawgeti(L, keys, 2 * names[i].i + 2);
        json_value(e, lua_gettop(L), depth + 1);
        lua_pop(L, 1);
    }
    if (k > 0) json_newline(e, depth);
    jb_addchar(b, '}');
    lua_pop(L, 2);               /* names, keys */
}

static void json_value(jenc *e, int idx, int depth)
{
    lua_State *L = e->L;
    jbuf *b = e->b;
    if (depth > 200) luaL_error(L, "lede.json.encode: nesting deeper than 200 (a cycle?)");
    luaL_checkstack(L, 8, "json nesting");
    switch (lua_type(L, idx)) {
    case LUA_TNIL: jb_addstring(b, "null"); break;
    case LUA_TBOOLEAN: jb_addstring(b, lua_toboolean(L, idx) ? "true" : "false"); break;
    case LUA_TNUMBER: {
        char buf[64];
        json_number(L, idx, buf, sizeof buf);
        jb_addstring(b, buf);
        break;
    }
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        lede_lua_jb_string(b, s, n);
        break;
    }
    case LUA_TTABLE:
        /* A table with a __tojson metamethod (e.g. lede.Annotation) encodes
         * as what it returns; plain tables encode as themselves. */
        if (luaL_getmetafield(L, idx, "__tojson") != LUA_TNIL) {
            lua_pushvalue(L, idx);
            lua_call(L, 1, 1);
            json_value(e, lua_gettop(L), depth + 1);
            lua_pop(L, 1);
            break;
        }
        json_table(e, idx, depth);
        break;
    case LUA_TLIGHTUSERDATA:
        if (is_json_null(L, idx)) { jb_addstring(b, "null"); break; }
        /* fall through */
    default:
        /* lede.json.raw(text): JSON made elsewhere, written as it is */
        if (luaL_testudata(L, idx, MT_JRAW)) {
            lua_getiuservalue(L, idx, 1);
            size_t n;
            const char *s = lua_tolstring(L, -1, &n);
            lede_lua_jb_add(b, s, n);
            lua_pop(L, 1);
            break;
        }
        /* Objects with a __tojson metamethod (articles, sentences, tokens,
         * and any Lua class that defines one) encode as what it returns. */
        if (luaL_getmetafield(L, idx, "__tojson") != LUA_TNIL) {
            lua_pushvalue(L, idx);
            lua_call(L, 1, 1);
            json_value(e, lua_gettop(L), depth + 1);
            lua_pop(L, 1);
            break;
        }
        if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
            lua_pop(L, 1);
            size_t n;
            const char *s = luaL_tolstring(L, idx, &n);
            lede_lua_jb_string(b, s, n);
            lua_pop(L, 1);
            break;
        }
        luaL_error(L, "lede.json.encode: cannot encode a %s", luaL_typename(L, idx));
    }
}

/* Push a new empty buffer, freed by the collector (or on error). */
jbuf *lede_lua_jbuf_new(lua_State *L)
{
    jbuf *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    b->L = L;
    luaL_setmetatable(L, MT_JBUF);
    return b;
}

/* Append the compact JSON of the value at idx, as lede.json.encode makes it. */
void lede_lua_jb_value(jbuf *b, int idx)
{
    lua_State *L = b->L;
    idx = lua_absindex(L, idx);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lede_lua_k_json_arrays);
    jenc e = { L, b, 0, lua_gettop(L) };
    json_value(&e, idx, 0);
    lua_pop(L, 1);
}

/* lede.json.raw(text) -> a value that lede.json.encode writes as text, as
 * it is: JSON made by other code (lede extract's annotation arrays, made
 * from the annotation store in C). The text is not checked. */
static int l_json_raw(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TSTRING);
    lua_newuserdatauv(L, 0, 1);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    luaL_setmetatable(L, MT_JRAW);
    return 1;
}

/* lede.json.encode(value [, {indent = true|N}]) -> string */
static int l_json_encode(lua_State *L)
{
    luaL_checkany(L, 1);
    int indent = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "indent");
        if (lua_isinteger(L, -1)) indent = (int)lua_tointeger(L, -1);
        else if (lua_toboolean(L, -1)) indent = 2;
        lua_pop(L, 1);
    }
    lua_settop(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lede_lua_k_json_arrays);   /* 2 */
    /* The output is built in a malloc'd buffer owned by a userdata box, not
     * a luaL_Buffer: encoding pushes keys and values on the stack between
     * appends, which a luaL_Buffer does not allow, and the box's __gc frees
     * the memory if an error unwinds through here. */
    jbuf *b = lede_lua_jbuf_new(L);                        /* 3 */
    jenc e = { L, b, indent, 2 };
    json_value(&e, 1, 0);
    lua_pushlstring(L, b->p ? b->p : "", b->n);
    free(b->p);
    b->p = NULL;
    return 1;
}

#include <cjson/cJSON.h>

static void json_push(lua_State *L, const cJSON *j, int depth);

void lede_lua_json_push(lua_State *L, const struct cJSON *j) { json_push(L, j, 0); }

int lede_lua_json_integral(double d) { return d == floor(d) && fabs(d) < 9007199254740992.0; }

const struct cJSON *lede_lua_json_member(const struct cJSON *o, const char *name)
{
    const cJSON *found = NULL;
    if (!cJSON_IsObject(o)) return NULL;
    for (const cJSON *c = o->child; c; c = c->next)
        if (c->string && !strcmp(c->string, name)) found = c;
    return found;
}

static void json_push(lua_State *L, const cJSON *j, int depth)
{
    luaL_checkstack(L, 4, "json nesting");
    if (depth > 1000) luaL_error(L, "lede.json.decode: nesting too deep");
    if (cJSON_IsNull(j)) {
        lua_pushlightuserdata(L, &k_json_null);
    } else if (cJSON_IsBool(j)) {
        lua_pushboolean(L, cJSON_IsTrue(j));
    } else if (cJSON_IsNumber(j)) {
        double d = j->valuedouble;
        if (lede_lua_json_integral(d)) lua_pushinteger(L, (lua_Integer)d);
        else lua_pushnumber(L, d);
    } else if (cJSON_IsString(j)) {
        lua_pushstring(L, j->valuestring);
    } else if (cJSON_IsArray(j)) {
        lua_createtable(L, cJSON_GetArraySize(j), 0);
        lua_Integer i = 0;
        for (const cJSON *c = j->child; c; c = c->next) {
            json_push(L, c, depth + 1);
            lua_rawseti(L, -2, ++i);
        }
        lede_lua_mark_array(L, -1);
    } else if (cJSON_IsObject(j)) {
        lua_newtable(L);
        for (const cJSON *c = j->child; c; c = c->next) {
            json_push(L, c, depth + 1);
            lua_setfield(L, -2, c->string);
        }
    } else {
        lua_pushnil(L);
    }
}

#define MT_CJSON_BOX "lede.CJSONBox"

static int json_tree_gc(lua_State *L)
{
    cJSON **p = lua_touserdata(L, 1);
    if (*p) cJSON_Delete(*p);
    *p = NULL;
    return 0;
}

/* A box for a cJSON tree, pushed: the tree put in it is freed by the box's
 * __gc if an error unwinds through the caller (which frees it itself with
 * cJSON_Delete otherwise, and sets *box to NULL). */
struct cJSON **lede_lua_cjson_box(lua_State *L)
{
    cJSON **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    luaL_setmetatable(L, MT_CJSON_BOX);
    return box;
}

/* lede.json.decode(string) -> value | raises "... at byte N" */
static int l_json_decode(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    cJSON **box = lede_lua_cjson_box(L);
    const char *end = NULL;
    *box = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    if (!*box) {
        size_t at = end && end >= s ? (size_t)(end - s) : 0;
        const char *ep = cJSON_GetErrorPtr();
        if (ep && ep >= s && ep <= s + n) at = (size_t)(ep - s);
        return luaL_error(L, "lede.json.decode: malformed JSON near byte %d", (int)at + 1);
    }
    /* Trailing non-space is an error too. */
    for (const char *p = end; p && p < s + n; p++)
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
            return luaL_error(L, "lede.json.decode: trailing characters at byte %d", (int)(p - s) + 1);
    json_push(L, *box, 0);
    cJSON_Delete(*box);
    *box = NULL;
    return 1;
}

/* lede.json.array([t]) -> t, marked to encode as a JSON array even when empty */
static int l_json_array(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lede_lua_mark_array(L, 1);
    return 1;
}

/* lede.json, set on the module table at mod. */
void lede_lua_open_json(lua_State *L, int mod)
{
    luaL_newmetatable(L, MT_JBUF);
    lua_pushcfunction(L, jbuf_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, MT_CJSON_BOX);
    lua_pushcfunction(L, json_tree_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, MT_JRAW);
    lua_pushliteral(L, "lede.JsonRaw");
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushcfunction(L, l_json_raw);
    lua_setfield(L, -2, "raw");
    lua_pushcfunction(L, l_json_encode);
    lua_setfield(L, -2, "encode");
    lua_pushcfunction(L, l_json_decode);
    lua_setfield(L, -2, "decode");
    lua_pushcfunction(L, l_json_array);
    lua_setfield(L, -2, "array");
    lua_pushlightuserdata(L, &k_json_null);
    lua_setfield(L, -2, "null");
    lua_setfield(L, mod, "json");
}
