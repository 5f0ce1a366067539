/*
 * lua_annotation.c — lede.annstore: the Lua side of an article's
 * annotation store (src/annstore.c), used by lib/annotate.lua.
 *
 *   local st = lede.annstore(article, Annotation)   -- Annotation: the metatable
 *   st:add(kind, start, stop [, attrs]) -> the annotation table | nil, message
 *   st:list([want])       -> the annotations (of the kinds in the set want), sorted
 *   st:list(want, from, to) -> those of the body that start in from..to (a sentence)
 *   st:count()            -> how many
 *   st:remove(annotation) -> true | false
 *   st:compact()          -> the arrays trimmed to their contents
 *   st:json([keep])       -> the JSON array lede extract writes (keep: a set of
 *                            annotation fields), made here without Lua tables
 *   st:load(line)         -> the annotations of an extract record (a JSON line
 *                            lib/merge_read.lua checked), added without Lua tables
 *   st:pack()             -> the annotations as one string | nil (see below)
 *   st:unpack(s)          -> the kind names; s's annotations added
 *
 * The store keeps kind, span and attributes in C; the Lua table of an
 * annotation ({kind, start, stop, article, field, order, attrs} with the
 * Annotation metatable, as lib/annotate.lua made them before) is made when
 * a script reads it and cached in one weak table per Lua state: while
 * anything holds it, the same table comes back (identity holds); once
 * nothing does, the collector may take it and the next read makes it again
 * from C. An attrs table the store cannot hold (a value that is a table, a
 * function, a key that is not a string...) is kept as given, in Lua.
 *
 *   userdata { lede_annstore, id }   uv1 = article,
 *                                    uv2 = attrs kept in Lua: seq+1 -> table
 *   registry: the names (kinds, attribute names), the cache (id << 32 | seq
 *   -> table, weak values) and the Annotation metatable
 */
#include "lua_common.h"
#include "annstore.h"
#include "lede_mem.h"
#include "json_raw.h"

#include <cjson/cJSON.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MT_ANNSTORE "lede.AnnStore"
#define MT_ANNNAMES "lede.AnnNames"
#define MAX_C_ATTRS 32         /* more attributes than this: kept in Lua */

static char k_names;           /* the state's kind and attribute names */
static char k_cache;           /* weak-valued: id << 32 | seq -> annotation table */
static char k_meta;            /* the Annotation metatable */

typedef struct {
    lede_names *kinds, *keys;
    uint32_t next_id;          /* of the next store */
} Lnames;

typedef struct {
    lede_annstore st;
    Lnames *names;             /* kept alive by the registry */
    const lede_article *a;
    lua_Integer id;            /* cache keys: id << 32 | seq */
    size_t charged;            /* bytes counted for --max-memory (lede_mem.h) */
} Lstore;

static int names_gc(lua_State *L)
{
    Lnames *n = luaL_checkudata(L, 1, MT_ANNNAMES);
    lede_names_free(n->kinds);
    lede_names_free(n->keys);
    n->kinds = n->keys = NULL;
    return 0;
}

/* The state's names, made on first use (with the cache). */
static Lnames *get_names(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &k_names) == LUA_TUSERDATA) {
        Lnames *n = lua_touserdata(L, -1);
        lua_pop(L, 1);
        return n;
    }
    lua_pop(L, 1);
    Lnames *n = lua_newuserdatauv(L, sizeof *n, 0);
    memset(n, 0, sizeof *n);
    luaL_setmetatable(L, MT_ANNNAMES);
    if (!(n->kinds = lede_names_new()) || !(n->keys = lede_names_new()))
        luaL_error(L, "out of memory");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_names);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_cache);
    return n;
}

static int store_gc(lua_State *L)
{
    Lstore *s = luaL_checkudata(L, 1, MT_ANNSTORE);
    lede_annstore_free(&s->st);
    lede_mem_discharge(s->charged);
    s->charged = 0;
    return 0;
}

static Lstore *check_store(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_ANNSTORE);
}

/* Count the store's bytes for --max-memory; past the limit, an error. */
static void charge(lua_State *L, Lstore *s)
{
    size_t now = lede_annstore_bytes(&s->st);
    if (now < s->charged) {
        lede_mem_discharge(s->charged - now);
        s->charged = now;
    } else if (now > s->charged) {
        int counted = 0;
        if (lede_mem_charge(now - s->charged, &counted)) luaL_error(L, "not enough memory");
        if (counted) s->charged = now;
    }
}

/* lede.annstore(article, Annotation) -> an empty store */
int lede_lua_annstore(lua_State *L)
{
    Larticle *ua = luaL_checkudata(L, 1, MT_ARTICLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    Lnames *n = get_names(L);
    lua_pushvalue(L, 2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_meta);
    Lstore *s = lua_newuserdatauv(L, sizeof *s, 2);       /* 3 */
    lede_annstore_init(&s->st, n->kinds);
    s->names = n;
    s->a = ua->a;
    s->id = (lua_Integer)n->next_id++;
    s->charged = 0;
    luaL_setmetatable(L, MT_ANNSTORE);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, 3, 1);
    return 1;
}

static const char *const field_names[] = { NULL, "title", "subtitle", NULL };

/* Push the attrs table of annotation r, made from the store. */
static void push_attrs(lua_State *L, const Lstore *s, const lede_ann *r)
{
    lua_createtable(L, 0, r->nattrs);
    for (uint32_t k = 0; k < r->nattrs; k++) {
        const lede_attr *at = &s->st.attrs[r->attr_first + k];
        size_t len;
        const char *key = lede_names_name(s->names->keys, at->key, &len);
        lua_pushlstring(L, key, len);
        switch (at->type) {
        case LEDE_AV_FALSE: lua_pushboolean(L, 0); break;
        case LEDE_AV_TRUE: lua_pushboolean(L, 1); break;
        case LEDE_AV_INT: lua_pushinteger(L, (lua_Integer)lede_annstore_int(&s->st, at)); break;
        case LEDE_AV_NUM: lua_pushnumber(L, (lua_Number)lede_annstore_num(&s->st, at)); break;
        default: {
            const char *v = lede_annstore_str(&s->st, at, &len);
            lua_pushlstring(L, v, len);
        }
        }
        lua_rawset(L, -3);
    }
}

/* Push the Lua table of the annotation at place i of the store at sidx,
 * from the cache at cidx or made (with the attrs table at aidx when aidx). */
static void push_annotation(lua_State *L, int sidx, Lstore *s, int cidx, size_t i, int aidx)
{
    const lede_ann *r = &s->st.v[i];
    lua_Integer key = (s->id << 32) | (lua_Integer)r->seq;
    if (lua_rawgeti(L, cidx, key) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_createtable(L, 0, 8);
    size_t len;
    const char *kind = lede_names_name(s->st.kinds, r->kind, &len);
    lua_pushlstring(L, kind, len);
    lua_setfield(L, -2, "kind");
    lua_pushinteger(L, r->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, r->stop);
    lua_setfield(L, -2, "stop");
    lua_getiuservalue(L, sidx, 1);
    lua_setfield(L, -2, "article");
    if (r->order < 3) {
        lua_pushstring(L, field_names[r->order]);
        lua_setfield(L, -2, "field");
    }
    lua_pushinteger(L, r->order);
    lua_setfield(L, -2, "order");
    if (aidx) {
        lua_pushvalue(L, aidx);
    } else if (r->flags & LEDE_ANN_LUA_ATTRS) {
        lua_getiuservalue(L, sidx, 2);
        lua_rawgeti(L, -1, (lua_Integer)r->seq + 1);
        lua_remove(L, -2);
    } else {
        push_attrs(L, s, r);
    }
    lua_setfield(L, -2, "attrs");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_meta);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawseti(L, cidx, key);
}

/* Read the attrs table at aidx into in[]; 0 when some key or value is
 * not one the store holds (then the table is kept in Lua). */
static int read_attrs(lua_State *L, int aidx, Lstore *s, lede_attr_in *in, size_t *n)
{
    *n = 0;
    lua_pushnil(L);
    while (lua_next(L, aidx)) {
        if (lua_type(L, -2) != LUA_TSTRING || *n == MAX_C_ATTRS) {
            lua_pop(L, 2);
            return 0;
        }
        lede_attr_in *a = &in[*n];
        memset(a, 0, sizeof *a);
        switch (lua_type(L, -1)) {
        case LUA_TBOOLEAN: a->type = lua_toboolean(L, -1) ? LEDE_AV_TRUE : LEDE_AV_FALSE; break;
        case LUA_TNUMBER:
            if (lua_isinteger(L, -1)) {
                a->type = LEDE_AV_INT;
                a->i = (int64_t)lua_tointeger(L, -1);
            } else {
                a->type = LEDE_AV_NUM;
                a->d = (double)lua_tonumber(L, -1);
            }
            break;
        case LUA_TSTRING:
            a->type = LEDE_AV_STR;
            a->s = lua_tolstring(L, -1, &a->len);   /* held by the table */
            if (a->len > UINT32_MAX / 4) {
                lua_pop(L, 2);
                return 0;
            }
            break;
        default:
            lua_pop(L, 2);
            return 0;
        }
        size_t klen;
        const char *key = lua_tolstring(L, -2, &klen);
        int32_t id = lede_names_intern(s->names->keys, key, klen);
        if (id < 0) luaL_error(L, "out of memory");
        a->key = (uint16_t)id;
        (*n)++;
        lua_pop(L, 1);
    }
    return 1;
}

/* The field of attrs (at idx, a table) and its order: 1 title, 2
 * subtitle, 3 the body; 0 for any other value. */
static int field_order(lua_State *L, int idx, const char **field)
{
    *field = NULL;
    if (lua_getfield(L, idx, "field") == LUA_TNIL) {
        lua_pop(L, 1);
        return 3;
    }
    int order = 0;
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char *f = lua_tostring(L, -1);
        if (!strcmp(f, "title")) order = 1;
        else if (!strcmp(f, "subtitle")) order = 2;
        *field = order == 1 ? "title" : "subtitle";
    }
    lua_pop(L, 1);
    return order;
}

/* nil and the message of a bad annotation (lib/annotate.lua raises it
 * at its caller's line). */
static int bad(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lua_pushnil(L);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return 2;
}

static void num_or_nil(char *buf, size_t size, int valid, lua_Integer v)
{
    if (valid) snprintf(buf, size, LUA_INTEGER_FMT, (LUAI_UACINT)v);
    else snprintf(buf, size, "nil");
}

/* The text an annotation of this order lies in (1 title, 2 subtitle, 3 the
 * body; "" when the article has none) and its length in *len. */
static const char *field_text(const lede_article *a, int order, size_t *len)
{
    const char *t = order == 1 ? a->title : order == 2 ? a->subtitle : a->text;
    if (!t) {
        *len = 0;
        return "";
    }
    *len = order == 3 ? a->text_len : strlen(t);
    return t;
}

/* st:add(kind, start, stop [, attrs]) -> the annotation, or nil and what
 * is wrong. attrs.field = "title" | "subtitle" puts the span in that field
 * instead of the body (headlines have entities too). */
static int st_add(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING || lua_rawlen(L, 2) == 0)
        return bad(L, "annotate: kind must be a non-empty string");
    size_t klen;
    const char *kind = lua_tolstring(L, 2, &klen);
    int vs, ve;
    lua_Integer start = lua_tointegerx(L, 3, &vs), stop = lua_tointegerx(L, 4, &ve);
    if (lua_isnoneornil(L, 5)) {
        lua_settop(L, 4);
        lua_newtable(L);
    }
    luaL_checktype(L, 5, LUA_TTABLE);
    lua_settop(L, 5);
    const char *field;
    int order = field_order(L, 5, &field);
    if (!order) return bad(L, "annotate: field must be \"title\" or \"subtitle\"");
    size_t len;
    field_text(s->a, order, &len);
    if (!vs || !ve || start < 1 || stop < start - 1 || stop > (lua_Integer)len) {
        char b1[32], b2[32];
        num_or_nil(b1, sizeof b1, vs, start);
        num_or_nil(b2, sizeof b2, ve, stop);
        return bad(L, "annotate: span %s..%s is outside the article %s (1..%d)", b1, b2,
                   field ? field : "text", (int)len);
    }
    int32_t kid = lede_names_intern(s->names->kinds, kind, klen);
    if (kid < 0) return luaL_error(L, "out of memory");
    lede_attr_in in[MAX_C_ATTRS];
    size_t n = 0;
    lede_ann r = { 0 };
    r.start = (uint32_t)start;
    r.stop = (uint32_t)stop;
    r.kind = (uint16_t)kid;
    r.order = (uint8_t)order;
    if (!read_attrs(L, 5, s, in, &n)) {
        r.flags = LEDE_ANN_LUA_ATTRS;
        n = 0;
    }
    long at = lede_annstore_add(&s->st, &r, in, n);
    if (at < 0) return luaL_error(L, "out of memory");
    charge(L, s);
    if (r.flags & LEDE_ANN_LUA_ATTRS) {
        if (lua_getiuservalue(L, 1, 2) != LUA_TTABLE) {
            lua_pop(L, 1);
            lua_newtable(L);
            lua_pushvalue(L, -1);
            lua_setiuservalue(L, 1, 2);
        }
        lua_pushvalue(L, 5);
        lua_rawseti(L, -2, (lua_Integer)s->st.v[at].seq + 1);
        lua_pop(L, 1);
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_cache);             /* 6 */
    push_annotation(L, 1, s, 6, (size_t)at, 5);
    return 1;
}

/* The first place at or after which the body's annotations start at or
 * after from (the order puts the headline's first, then the body's by
 * start): binary search. */
static size_t body_from(const lede_annstore *st, lua_Integer from)
{
    size_t lo = 0, hi = st->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const lede_ann *r = &st->v[mid];
        if (r->order < 3 || (lua_Integer)r->start < from) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* st:list([want [, from, to]]) -> the annotations whose kind is a key of
 * want with a true value (all without want), sorted; with from and to,
 * only the body's that start in from..to (sentence:annotations, without
 * going through the whole article's list for each sentence). */
static int st_list(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    int want = !lua_isnoneornil(L, 2);
    if (want) luaL_checktype(L, 2, LUA_TTABLE);
    int range = !lua_isnoneornil(L, 3);
    lua_Integer from = range ? luaL_checkinteger(L, 3) : 0;
    lua_Integer to = range ? luaL_checkinteger(L, 4) : 0;
    lua_settop(L, 2);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_cache);              /* 3 */
    /* which kind ids are wanted: one look-up per kind, not per annotation */
    size_t nk = lede_names_count(s->st.kinds);
    unsigned char *ok = NULL;
    if (want) {
        ok = lua_newuserdatauv(L, nk ? nk : 1, 0);           /* 4 */
        for (size_t k = 0; k < nk; k++) {
            size_t len;
            const char *name = lede_names_name(s->st.kinds, (uint32_t)k, &len);
            lua_pushlstring(L, name, len);
            ok[k] = (unsigned char)(lua_rawget(L, 2) != LUA_TNIL && lua_toboolean(L, -1));
            lua_pop(L, 1);
        }
    }
    lua_createtable(L, (int)s->st.n, 0);
    int out = lua_gettop(L);
    lua_Integer j = 0;
    for (size_t i = range ? body_from(&s->st, from) : 0; i < s->st.n; i++) {
        if (range && (lua_Integer)s->st.v[i].start > to) break;
        if (ok && !ok[s->st.v[i].kind]) continue;
        push_annotation(L, 1, s, 3, i, 0);
        lua_rawseti(L, out, ++j);
    }
    return 1;
}

static int st_count(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_store(L, 1)->st.n);
    return 1;
}

/* st:remove(annotation) -> true, or false when it is not in the store.
 * Rare (a rule stopped by its budget): the store is searched for a place
 * whose cached table is this one. */
static int st_remove(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    lua_settop(L, 2);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_cache);              /* 3 */
    for (size_t i = 0; i < s->st.n; i++) {
        lua_Integer key = (s->id << 32) | (lua_Integer)s->st.v[i].seq;
        lua_rawgeti(L, 3, key);
        int same = lua_rawequal(L, -1, 2);
        lua_pop(L, 1);
        if (same) {
            lua_pushnil(L);
            lua_rawseti(L, 3, key);
            lede_annstore_remove(&s->st, i);
            lua_pushboolean(L, 1);
            return 1;
        }
    }
    lua_pushboolean(L, 0);
    return 1;
}

static int st_compact(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    lede_annstore_compact(&s->st);
    charge(L, s);
    return 0;
}

/* ---------------------------------------------------------------- JSON */

/* lede extract's annotation records, written from the store in C: what
 * lib/extract_record.lua made with a Lua table per annotation and per
 * attrs table, then encoded (a tenth of an extraction's time). The output
 * is byte for byte what lede.json.encode made of those tables: keys in
 * byte order, the same number and string forms, and character positions
 * counted as Lua's utf8.len counts them (strict decoding; a position that
 * is not on a character's first byte falls back to byte counts, as
 * `utf8.len(...) or n` did). */

enum { JF_ATTRS, JF_CHAR_START, JF_CHAR_STOP, JF_FIELD, JF_KIND, JF_START, JF_STOP, JF_TEXT, JF_N };
static const char *const json_fields[JF_N] = {   /* in byte order: the order written */
    "attrs", "char_start", "char_stop", "field", "kind", "start", "stop", "text"
};

/* One character of s[i..] as Lua 5.4's utf8_decode reads it (strict),
 * bytes at or past n read as NUL; returns the next index or 0 if invalid. */
size_t lede_lua_utf8_next(const char *s, size_t n, size_t i)
{
    static const uint32_t limits[] = { ~(uint32_t)0, 0x80, 0x800, 0x10000u, 0x200000u, 0x4000000u };
    unsigned int c = (unsigned char)s[i];
    uint32_t res = 0;
    int count = 0;
    if (c < 0x80) return i + 1;
    for (; c & 0x40; c <<= 1) {
        count++;
        unsigned int cc = i + (size_t)count < n ? (unsigned char)s[i + (size_t)count] : 0;
        if ((cc & 0xC0) != 0x80) return 0;
        res = (res << 6) | (cc & 0x3F);
    }
    res |= ((uint32_t)(c & 0x7F) << (count * 5));
    if (count > 5 || res > 0x7FFFFFFFu || res < limits[count]) return 0;
    if (res > 0x10FFFFu || (res >= 0xD800u && res <= 0xDFFFu)) return 0;
    return i + (size_t)count + 1;
}

/* utf8.len(s, i, j) for 1-based i..j inside s[0..n): -1 when it fails. */
static long lua_utf8_len(const char *s, size_t n, size_t i, size_t j)
{
    long count = 0;
    size_t p = i - 1;
    while (p + 1 <= j) {
        size_t q = p < n ? lede_lua_utf8_next(s, n, p) : 0;
        if (!q) return -1;
        p = q;
        count++;
    }
    return count;
}

/* The character position of byte b in a text, counted on from the last
 * position asked (annotations come sorted by start: one walk per text). */
typedef struct { const char *s; size_t n, byte, chr; } char_counter;

static size_t count_to(char_counter *c, size_t b)
{
    if (b < c->byte) c->byte = c->chr = 1;
    long k = b > 1 && b - 1 >= c->byte ? lua_utf8_len(c->s, c->n, c->byte, b - 1) : 0;
    c->chr += k >= 0 ? (size_t)k : b - c->byte;
    c->byte = b;
    return c->chr;
}

static void jb_int(lede_lua_jbuf *b, long long v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld", v);
    lede_lua_jb_add(b, buf, (size_t)n);
}

static void jb_key(lede_lua_jbuf *b, int *first, int f)
{
    if (!*first) lede_lua_jb_add(b, ",", 1);
    *first = 0;
    lede_lua_jb_add(b, "\"", 1);
    lede_lua_jb_add(b, json_fields[f], strlen(json_fields[f]));
    lede_lua_jb_add(b, "\":", 2);
}

/* An attribute's value as lede.json.encode writes the Lua value push_attrs makes. */
static void jb_attr_value(lede_lua_jbuf *b, const Lstore *s, const lede_attr *at)
{
    char buf[64];
    size_t len;
    switch (at->type) {
    case LEDE_AV_FALSE: lede_lua_jb_add(b, "false", 5); break;
    case LEDE_AV_TRUE: lede_lua_jb_add(b, "true", 4); break;
    case LEDE_AV_INT: jb_int(b, (long long)lede_annstore_int(&s->st, at)); break;
    case LEDE_AV_NUM:
        lede_lua_json_float(lede_annstore_num(&s->st, at), buf, sizeof buf);
        lede_lua_jb_add(b, buf, strlen(buf));
        break;
    default: {
        const char *v = lede_annstore_str(&s->st, at, &len);
        lede_lua_jb_string(b, v, len);
    }
    }
}

typedef struct { const char *s; size_t n; uint32_t k; } attr_key;

static int attr_key_cmp(const void *x, const void *y)
{
    const attr_key *a = x, *b = y;
    int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* The attrs object of r: keys sorted, as lede.json.encode sorts them. */
static void jb_attrs(lede_lua_jbuf *b, lua_State *L, int sidx, const Lstore *s, const lede_ann *r)
{
    if (r->flags & LEDE_ANN_LUA_ATTRS) {     /* a table the store could not hold */
        lua_getiuservalue(L, sidx, 2);
        lua_rawgeti(L, -1, (lua_Integer)r->seq + 1);
        lede_lua_jb_value(b, -1);
        lua_pop(L, 2);
        return;
    }
    attr_key keys[MAX_C_ATTRS];
    size_t n = r->nattrs <= MAX_C_ATTRS ? r->nattrs : MAX_C_ATTRS;
    for (size_t k = 0; k < n; k++) {
        const lede_attr *at = &s->st.attrs[r->attr_first + k];
        keys[k].s = lede_names_name(s->names->keys, at->key, &keys[k].n);
        keys[k].k = (uint32_t)k;
    }
    qsort(keys, n, sizeof *keys, attr_key_cmp);
    lede_lua_jb_add(b, "{", 1);
    for (size_t k = 0; k < n; k++) {
        if (k) lede_lua_jb_add(b, ",", 1);
        lede_lua_jb_string(b, keys[k].s, keys[k].n);
        lede_lua_jb_add(b, ":", 1);
        jb_attr_value(b, s, &s->st.attrs[r->attr_first + keys[k].k]);
    }
    lede_lua_jb_add(b, "}", 1);
}

/* st:json([keep]) -> the annotations as lede extract's JSON array: each
 * {kind, start, stop, char_start, char_stop, text, field, attrs}, the
 * fields kept those whose names are keys of keep (all without it). */
static int st_json(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    unsigned keep = (1u << JF_N) - 1;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        keep = 0;
        for (int f = 0; f < JF_N; f++) {
            if (lua_getfield(L, 2, json_fields[f]) != LUA_TNIL && lua_toboolean(L, -1)) keep |= 1u << f;
            lua_pop(L, 1);
        }
    }
    lua_settop(L, 1);
    char_counter cc[4] = { { 0 } };
    const char *base[4] = { "" };
    size_t blen[4] = { 0 };
    for (int k = 1; k < 4; k++) {
        base[k] = field_text(s->a, k, &blen[k]);
        cc[k] = (char_counter){ base[k], blen[k], 1, 1 };
    }
    lede_lua_jbuf *b = lede_lua_jbuf_new(L);                  /* 2 */
    lede_lua_jb_add(b, "[", 1);
    for (size_t i = 0; i < s->st.n; i++) {
        const lede_ann *r = &s->st.v[i];
        int o = r->order >= 1 && r->order <= 3 ? r->order : 3;
        /* the span's text, as base:sub(start, stop) gives it */
        size_t st = r->start >= 1 ? r->start : 1, sp = r->stop < blen[o] ? r->stop : blen[o];
        const char *t = base[o] + st - 1;
        size_t tn = sp >= st ? sp - st + 1 : 0;
        if (i) lede_lua_jb_add(b, ",", 1);
        lede_lua_jb_add(b, "{", 1);
        int first = 1;
        if (keep & (1u << JF_ATTRS)) { jb_key(b, &first, JF_ATTRS); jb_attrs(b, L, 1, s, r); }
        size_t cs = 0;
        if (keep & ((1u << JF_CHAR_START) | (1u << JF_CHAR_STOP))) cs = count_to(&cc[o], r->start);
        if (keep & (1u << JF_CHAR_START)) { jb_key(b, &first, JF_CHAR_START); jb_int(b, (long long)cs); }
        if (keep & (1u << JF_CHAR_STOP)) {
            long k = lua_utf8_len(t, tn, 1, tn);
            jb_key(b, &first, JF_CHAR_STOP);
            jb_int(b, (long long)cs + (k >= 0 ? k : (long)tn) - 1);
        }
        if ((keep & (1u << JF_FIELD)) && o < 3) {
            jb_key(b, &first, JF_FIELD);
            lede_lua_jb_string(b, field_names[o], strlen(field_names[o]));
        }
        if (keep & (1u << JF_KIND)) {
            size_t len;
            const char *kind = lede_names_name(s->st.kinds, r->kind, &len);
            jb_key(b, &first, JF_KIND);
            lede_lua_jb_string(b, kind, len);
        }
        if (keep & (1u << JF_START)) { jb_key(b, &first, JF_START); jb_int(b, r->start); }
        if (keep & (1u << JF_STOP)) { jb_key(b, &first, JF_STOP); jb_int(b, r->stop); }
        if (keep & (1u << JF_TEXT)) { jb_key(b, &first, JF_TEXT); lede_lua_jb_string(b, t, tn); }
        lede_lua_jb_add(b, "}", 1);
    }
    lede_lua_jb_add(b, "]", 1);
    lua_pushlstring(L, b->p, b->n);
    return 1;
}

/* ---------------------------------------------------------------- load */

/* lede merge gives each article the annotations of its extract record.
 * lib/merge_read.lua checks a record as lede.json.decode reads it (a key
 * given twice: its last value) and lib/annotate.lua's preload added a Lua
 * table per annotation; here the record's line is read again with cJSON
 * and each annotation goes into the store as st:add would put it (the
 * record's "field" set among the attributes, JSON nulls left out), with no
 * Lua table unless an attribute's value is an array or an object. */


/* An integer as lede.json.decode reads a number; 0 when it is not one. */
static int json_int(const cJSON *j, lua_Integer *v)
{
    if (!cJSON_IsNumber(j) || !lede_lua_json_integral(j->valuedouble)) return 0;
    *v = (lua_Integer)j->valuedouble;
    return 1;
}

/* The attributes of annotation x into in[] (last value of each key; nulls
 * left out; the record's field last): 0 when a value is no scalar or there
 * are more keys than the store holds inline (then st:add takes a table). */
static int load_attrs(lua_State *L, Lstore *s, const cJSON *x, lede_attr_in *in, size_t *n)
{
    const cJSON *vals[MAX_C_ATTRS];
    const char *keys[MAX_C_ATTRS];
    size_t k = 0;
    const cJSON *attrs = lede_lua_json_member(x, "attrs");
    const cJSON *field = lede_lua_json_member(x, "field");
    if (field && cJSON_IsNull(field)) field = NULL;
    for (const cJSON *c = cJSON_IsObject(attrs) ? attrs->child : NULL; ; c = c->next) {
        const cJSON *v = c;
        const char *key = c ? c->string : NULL;
        if (!c) {
            if (!field) break;
            v = field;
            key = "field";
        }
        if (!key) return 0;
        size_t j = 0;
        while (j < k && strcmp(keys[j], key)) j++;
        if (j == k) {
            if (k == MAX_C_ATTRS) return 0;
            keys[k] = key;
            k++;
        }
        vals[j] = v;
        if (!c) break;
    }
    *n = 0;
    for (size_t j = 0; j < k; j++) {
        const cJSON *v = vals[j];
        if (cJSON_IsNull(v)) continue;       /* a nil before extraction */
        lede_attr_in *a = &in[*n];
        memset(a, 0, sizeof *a);
        lua_Integer iv;
        if (cJSON_IsBool(v)) {
            a->type = cJSON_IsTrue(v) ? LEDE_AV_TRUE : LEDE_AV_FALSE;
        } else if (json_int(v, &iv)) {
            a->type = LEDE_AV_INT;
            a->i = (int64_t)iv;
        } else if (cJSON_IsNumber(v)) {
            a->type = LEDE_AV_NUM;
            a->d = v->valuedouble;
        } else if (cJSON_IsString(v) && v->valuestring) {
            a->type = LEDE_AV_STR;
            a->s = v->valuestring;
            a->len = strlen(v->valuestring);
            if (a->len > UINT32_MAX / 4) return 0;
        } else {
            return 0;
        }
        int32_t id = lede_names_intern(s->names->keys, keys[j], strlen(keys[j]));
        if (id < 0) luaL_error(L, "out of memory");
        a->key = (uint16_t)id;
        (*n)++;
    }
    return 1;
}

/* Annotation x (the i-th) through st:add, with its attrs as a Lua table:
 * for values the store does not hold inline (arrays, objects). */
static void load_with_table(lua_State *L, int sidx, const cJSON *x, long i)
{
    lua_pushcfunction(L, st_add);
    lua_pushvalue(L, sidx);
    const cJSON *kind = lede_lua_json_member(x, "kind");
    lua_pushstring(L, cJSON_IsString(kind) && kind->valuestring ? kind->valuestring : "");
    lua_Integer v;
    if (json_int(lede_lua_json_member(x, "start"), &v)) lua_pushinteger(L, v); else lua_pushnil(L);
    if (json_int(lede_lua_json_member(x, "stop"), &v)) lua_pushinteger(L, v); else lua_pushnil(L);
    const cJSON *attrs = lede_lua_json_member(x, "attrs");
    if (cJSON_IsObject(attrs)) lede_lua_json_push(L, attrs); else lua_newtable(L);
    int t = lua_gettop(L);
    const cJSON *field = lede_lua_json_member(x, "field");
    if (field && !cJSON_IsNull(field)) {
        lede_lua_json_push(L, field);
        lua_setfield(L, t, "field");
    }
    /* JSON nulls inside attributes were nils before extraction */
    lua_pushnil(L);
    while (lua_next(L, t)) {
        int null = lua_type(L, -1) == LUA_TLIGHTUSERDATA;
        lua_pop(L, 1);
        if (null) {
            lua_pushvalue(L, -1);
            lua_pushnil(L);
            lua_rawset(L, t);
        }
    }
    lua_call(L, 5, 2);
    if (lua_isnil(L, -2)) luaL_error(L, "merge: annotation %d: %s", (int)i, lua_tostring(L, -1));
    lua_pop(L, 2);
}

/* One annotation x (the i-th of its record) into the store. */
static void load_one(lua_State *L, int sidx, Lstore *s, const cJSON *x, long i)
{
    lede_attr_in in[MAX_C_ATTRS];
    size_t n = 0;
    if (!load_attrs(L, s, x, in, &n)) {
        load_with_table(L, sidx, x, i);
        return;
    }
    const cJSON *kind = lede_lua_json_member(x, "kind");
    lua_Integer start = 0, stop = 0;
    if (!cJSON_IsString(kind) || !kind->valuestring || !*kind->valuestring ||
        !json_int(lede_lua_json_member(x, "start"), &start) ||
        !json_int(lede_lua_json_member(x, "stop"), &stop))
        luaL_error(L, "merge: annotation %d is malformed", (int)i);
    int order = 3;
    for (size_t k = 0; k < n; k++) {
        size_t len;
        const char *key = lede_names_name(s->names->keys, in[k].key, &len);
        if (strcmp(key, "field")) continue;
        order = in[k].type != LEDE_AV_STR ? 0 : !strcmp(in[k].s, "title") ? 1
              : !strcmp(in[k].s, "subtitle") ? 2 : 0;
    }
    if (!order) luaL_error(L, "merge: annotation %d is in an unknown field", (int)i);
    size_t len;
    field_text(s->a, order, &len);
    if (start < 1 || stop < start - 1 || stop > (lua_Integer)len)
        luaL_error(L, "merge: annotation %d is outside the %s", (int)i,
                   order == 1 ? "title" : order == 2 ? "subtitle" : "text");
    int32_t kid = lede_names_intern(s->names->kinds, kind->valuestring, strlen(kind->valuestring));
    if (kid < 0) luaL_error(L, "out of memory");
    lede_ann r = { 0 };
    r.start = (uint32_t)start;
    r.stop = (uint32_t)stop;
    r.kind = (uint16_t)kid;
    r.order = (uint8_t)order;
    if (lede_annstore_add(&s->st, &r, in, n) < 0) luaL_error(L, "out of memory");
}

/* st:load(line) -> the number of annotations added from the extract
 * record on line (its last "annotations" list, as lede.json.decode and
 * lib/merge_read.lua's checks read it). */
static int st_load(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    size_t n;
    const char *line = luaL_checklstring(L, 2, &n);
    lua_settop(L, 2);
    cJSON **box = lede_lua_cjson_box(L);        /* 3 */
    /* Only the list is read when it can be found in the text (a key spelt
     * with \u escapes could name it too: then the whole record is read). */
    size_t rn = 0;
    const char *raw = lede_json_has_u_escape(line, n) ? NULL
                    : lede_json_member_raw_last(line, n, "annotations", &rn);
    *box = raw ? cJSON_ParseWithLength(raw, rn) : cJSON_ParseWithLength(line, n);
    if (!*box) return luaL_error(L, "merge: the record does not read as JSON");
    const cJSON *list = raw ? *box : lede_lua_json_member(*box, "annotations");
    long i = 0;
    for (const cJSON *x = cJSON_IsArray(list) ? list->child : NULL; x; x = x->next) {
        ++i;
        if (!cJSON_IsObject(x)) luaL_error(L, "merge: annotation %d is malformed", (int)i);
        load_one(L, 1, s, x, i);
    }
    cJSON_Delete(*box);
    *box = NULL;
    charge(L, s);
    lua_pushinteger(L, i);
    return 1;
}

/* ------------------------------------------------ packed, between states
 *
 * st:pack() -> a string holding every annotation of the store as it is
 * (kind, span, field, typed attributes, in the store's order), or nil
 * when some annotation keeps its attributes in Lua; st:unpack(s) adds the
 * annotations of such a string to a store, in that order, and returns the
 * kind names it holds. The -j workers hand their articles' annotations to
 * the main state this way (lib/prefetch.lua): the records come out of C
 * and go back into C without a Lua table per annotation, as the JSON they
 * replaced made on both sides. Names travel as text (each state interns
 * its own). Layout, native byte order (both ends are the same process):
 *
 *   u32 nkinds, then each: u32 len, bytes     (the kinds used, local ids)
 *   u32 nkeys, then each: u32 len, bytes      (the attribute names used)
 *   u32 n, then each annotation: u16 kind, u8 order, u8 0, u32 start,
 *     u32 stop, u16 nattrs, then each attribute: u16 key, u8 type, then
 *     an i64 (INT), an f64 (NUM), or u32 len + bytes (STR)
 */

static void put(luaL_Buffer *b, const void *p, size_t n) { luaL_addlstring(b, (const char *)p, n); }
static void put_u32(luaL_Buffer *b, uint32_t v) { put(b, &v, sizeof v); }
static void put_u16(luaL_Buffer *b, uint16_t v) { put(b, &v, sizeof v); }

/* The local id of name id in map (made on first use, its text written to
 * names), UINT16_MAX + 1 ids at most as the names tables. */
static uint16_t local_id(int32_t *map, uint32_t *count, uint32_t id)
{
    if (map[id] < 0) map[id] = (int32_t)(*count)++;
    return (uint16_t)map[id];
}

static void put_names(luaL_Buffer *b, const lede_names *names, const int32_t *map, size_t nmap,
                      uint32_t count)
{
    put_u32(b, count);
    for (uint32_t want = 0; want < count; want++)
        for (size_t id = 0; id < nmap; id++)
            if (map[id] == (int32_t)want) {
                size_t len;
                const char *s = lede_names_name(names, (uint32_t)id, &len);
                put_u32(b, (uint32_t)len);
                put(b, s, len);
                break;
            }
}

static int st_pack(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    lua_settop(L, 1);
    const lede_annstore *st = &s->st;
    for (size_t i = 0; i < st->n; i++)
        if (st->v[i].flags & LEDE_ANN_LUA_ATTRS) return 0;
    size_t nk = lede_names_count(st->kinds), nkeys = lede_names_count(s->names->keys);
    int32_t *kmap = lua_newuserdatauv(L, (nk + nkeys + 1) * sizeof *kmap, 0);
    int32_t *amap = kmap + nk;
    for (size_t i = 0; i < nk + nkeys; i++) kmap[i] = -1;
    uint32_t nkused = 0, naused = 0;
    luaL_Buffer rec;                  /* the records, after the names */
    luaL_buffinit(L, &rec);
    put_u32(&rec, (uint32_t)st->n);
    for (size_t i = 0; i < st->n; i++) {
        const lede_ann *r = &st->v[i];
        put_u16(&rec, local_id(kmap, &nkused, r->kind));
        unsigned char ord[2] = { r->order, 0 };
        put(&rec, ord, 2);
        put_u32(&rec, r->start);
        put_u32(&rec, r->stop);
        put_u16(&rec, r->nattrs);
        for (uint32_t k = 0; k < r->nattrs; k++) {
            const lede_attr *at = &st->attrs[r->attr_first + k];
            put_u16(&rec, local_id(amap, &naused, at->key));
            put(&rec, &at->type, 1);
            if (at->type == LEDE_AV_INT) {
                int64_t v = lede_annstore_int(st, at);
                put(&rec, &v, sizeof v);
            } else if (at->type == LEDE_AV_NUM) {
                double v = lede_annstore_num(st, at);
                put(&rec, &v, sizeof v);
            } else if (at->type == LEDE_AV_STR) {
                size_t len;
                const char *v = lede_annstore_str(st, at, &len);
                put_u32(&rec, (uint32_t)len);
                put(&rec, v, len);
            }
        }
    }
    luaL_pushresult(&rec);            /* 3 */
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    put_names(&b, st->kinds, kmap, nk, nkused);
    put_names(&b, s->names->keys, amap, nkeys, naused);
    lua_pushvalue(L, 3);
    luaL_addvalue(&b);
    luaL_pushresult(&b);
    return 1;
}

typedef struct {
    const unsigned char *p, *end;
} reader;

static int take(reader *r, void *out, size_t n)
{
    if ((size_t)(r->end - r->p) < n) return 0;
    memcpy(out, r->p, n);
    r->p += n;
    return 1;
}

/* Read a names table of the string, interning each name in into; map[i]:
 * the id there of local name i (a userdata pushed on L). */
static int32_t *read_names(lua_State *L, reader *r, lede_names *into, uint32_t *count,
                           int kinds)
{
    if (!take(r, count, sizeof *count) || *count > (uint32_t)(r->end - r->p)) return NULL;
    int32_t *map = lua_newuserdatauv(L, (*count + 1) * sizeof *map, 0);
    for (uint32_t i = 0; i < *count; i++) {
        uint32_t len;
        if (!take(r, &len, sizeof len) || len > (size_t)(r->end - r->p) || (kinds && !len))
            return NULL;
        if ((map[i] = lede_names_intern(into, (const char *)r->p, len)) < 0)
            luaL_error(L, "out of memory");
        if (kinds) {
            lua_pushlstring(L, (const char *)r->p, len);
            lua_rawseti(L, -3, (lua_Integer)i + 1);
        }
        r->p += len;
    }
    return map;
}

static int st_unpack(lua_State *L)
{
    Lstore *s = check_store(L, 1);
    size_t len;
    const char *blob = luaL_checklstring(L, 2, &len);
    lua_settop(L, 2);
    reader r = { (const unsigned char *)blob, (const unsigned char *)blob + len };
    lua_newtable(L);                                          /* 3: kind names */
    uint32_t nk, na, n;
    int32_t *kmap = read_names(L, &r, s->names->kinds, &nk, 1);
    int32_t *amap = kmap ? read_names(L, &r, s->names->keys, &na, 0) : NULL;
    if (!amap || !take(&r, &n, sizeof n)) return luaL_error(L, "unpack: a bad string");
    const lede_article *a = s->a;
    for (uint32_t i = 0; i < n; i++) {
        lede_ann rec = { 0 };
        uint16_t kind, nattrs;
        unsigned char ord[2];
        if (!take(&r, &kind, 2) || !take(&r, ord, 2) || !take(&r, &rec.start, 4) ||
            !take(&r, &rec.stop, 4) || !take(&r, &nattrs, 2) || kind >= nk || nattrs > MAX_C_ATTRS ||
            ord[0] < 1 || ord[0] > 3)
            return luaL_error(L, "unpack: a bad string");
        size_t flen;
        field_text(a, ord[0], &flen);
        if (rec.start < 1 || rec.stop + 1 < rec.start || rec.stop > flen)
            return luaL_error(L, "unpack: a span outside the article");
        rec.kind = (uint16_t)kmap[kind];
        rec.order = ord[0];
        lede_attr_in in[MAX_C_ATTRS];
        for (uint16_t k = 0; k < nattrs; k++) {
            lede_attr_in *x = &in[k];
            memset(x, 0, sizeof *x);
            uint16_t key;
            uint32_t slen;
            int ok = take(&r, &key, 2) && key < na && take(&r, &x->type, 1);
            x->key = ok ? (uint16_t)amap[key] : 0;
            if (ok && x->type == LEDE_AV_INT) ok = take(&r, &x->i, sizeof x->i);
            else if (ok && x->type == LEDE_AV_NUM) ok = take(&r, &x->d, sizeof x->d);
            else if (ok && x->type == LEDE_AV_STR) {
                ok = take(&r, &slen, sizeof slen) && slen <= (size_t)(r.end - r.p);
                if (ok) {
                    x->s = (const char *)r.p;
                    x->len = slen;
                    r.p += slen;
                }
            } else if (ok) ok = x->type == LEDE_AV_FALSE || x->type == LEDE_AV_TRUE;
            if (!ok) return luaL_error(L, "unpack: a bad string");
        }
        if (lede_annstore_add(&s->st, &rec, in, nattrs) < 0) return luaL_error(L, "out of memory");
    }
    charge(L, s);
    lua_settop(L, 3);
    return 1;
}

void lede_lua_open_annstore(lua_State *L)
{
    static const luaL_Reg methods[] = {
        { "add", st_add }, { "list", st_list }, { "count", st_count }, { "remove", st_remove },
        { "compact", st_compact }, { "json", st_json }, { "load", st_load },
        { "pack", st_pack }, { "unpack", st_unpack }, { NULL, NULL }
    };
    luaL_newmetatable(L, MT_ANNNAMES);
    lua_pushcfunction(L, names_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, MT_ANNSTORE);
    lua_pushcfunction(L, store_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, st_count);
    lua_setfield(L, -2, "__len");
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, "lede object");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}
