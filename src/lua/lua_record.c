/*
 * lua_record.c — lede.extract_record(line): lede merge's check of one line
 * of `lede extract` output, in C.
 *
 *   local r, why = lede.extract_record(line)
 *   -- r: { index =, text =, title =, subtitle = } of a record (title and
 *   --    subtitle: nil, lede.json.null or a string, as decoded)
 *   --    or { lede_extract_end = true, articles = <the decoded value> }
 *   -- nil, why: why the line is not an extract record, in the words of
 *   --    lib/merge_read.lua ("not an extract record: malformed JSON near
 *   --    byte 7", "annotation 3 is outside the title", ...)
 *
 * lib/merge_read.lua decoded every line into Lua tables (lede.json.decode)
 * to check it and keep four fields: a quarter of merge's instructions,
 * spent on tables for annotations that st:load (lua_annotation.c) then
 * reads again from the line. The checks here are those of its Lua code,
 * made on the cJSON tree as lede.json.decode would have turned it into
 * Lua values: a key given twice counts by its last value, a number is an
 * integer when it is integral and below 2^53, JSON null is lede.json.null
 * (not nil), a string ends at its first NUL, and a JSON array is a table
 * too (so it passes "is a table" and fails on its missing fields).
 * tests/lua/test_extract_record.lua holds the Lua checks as its reference.
 */
#include "lua_common.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

/* r.name as decode gives it: lede_lua_json_member, the last member so named
 * (NULL when missing, and for anything that is not an object: r.x of an
 * array is nil). */
static const cJSON *get(const cJSON *o, const char *name) { return lede_lua_json_member(o, name); }

static int is_table(const cJSON *j) { return cJSON_IsObject(j) || cJSON_IsArray(j); }

/* A string as decode gives it: valuestring, which ends at its first NUL. */
static const char *str(const cJSON *j) { return cJSON_IsString(j) ? j->valuestring : NULL; }

/* math.type(v) == "integer" for the value decode makes of j. */
static int is_int(const cJSON *j, double *v)
{
    if (!cJSON_IsNumber(j) || !lede_lua_json_integral(j->valuedouble)) return 0;
    *v = j->valuedouble;
    return 1;
}

/* utf8.len(s) ~= nil: strict UTF-8 as Lua 5.4 reads it. */
static int utf8_ok(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t next = lede_lua_utf8_next(s, n, i);
        if (!next) return 0;
        i = next;
    }
    return 1;
}

/* Why the i-th annotation x of record r is not one, or NULL (the checks of
 * lib/merge_read.lua's not_a_record); buf holds the message. */
static const char *bad_annotation(const cJSON *r, const cJSON *x, int i, char *buf, size_t size)
{
    double start, stop;
    const cJSON *attrs = get(x, "attrs");
    const char *kind = str(get(x, "kind"));
    if (!is_table(x) || !kind || !*kind || !is_int(get(x, "start"), &start) ||
        !is_int(get(x, "stop"), &stop) || (attrs && !is_table(attrs))) {
        snprintf(buf, size, "annotation %d is malformed", i);
        return buf;
    }
    /* the field as lib/merge_read.lua's R.corpus gives it: "field", or else
     * the one among the attributes */
    const cJSON *field = get(x, "field");
    if (field && cJSON_IsNull(field)) field = NULL;
    if (!field && attrs) {
        const cJSON *af = get(attrs, "field");
        if (!(af && cJSON_IsNull(af))) field = af;
    }
    const char *fname = str(field);
    if (field && !(fname && (!strcmp(fname, "title") || !strcmp(fname, "subtitle")))) {
        snprintf(buf, size, "annotation %d is in an unknown field", i);
        return buf;
    }
    const char *within = field ? str(get(r, fname)) : str(get(r, "text"));
    if (!within || start < 1 || stop < start - 1 || stop > (double)strlen(within)) {
        snprintf(buf, size, "annotation %d is outside the %s", i, field ? fname : "text");
        return buf;
    }
    return NULL;
}

/* Why record r (the decoded line, not an end record) is not an extract
 * record, or NULL; buf holds a message made here. */
static const char *not_a_record(const cJSON *r, char *buf, size_t size)
{
    static const char *const strings[] = { "id", "path", "title", "subtitle", "date", "source",
                                           "url", "byline", "dateline", "agency" };
    if (!is_table(r)) return "not a JSON object";
    const char *text = str(get(r, "text"));
    if (!text) return "no \"text\" string";
    const cJSON *clean = get(r, "clean");
    if (!cJSON_IsTrue(clean) && !(str(clean) && !strcmp(str(clean), text)))
        return "not an extract record (no \"clean\" text)";
    double index;
    if (!is_int(get(r, "index"), &index) || index < 1 || index >= 4e9)
        return "not an extract record (no positive integer \"index\")";
    const cJSON *anns = get(r, "annotations");
    if (!is_table(anns)) return "not an extract record (no \"annotations\" list)";
    if (!utf8_ok(text)) return "the text is not valid UTF-8";
    for (size_t k = 0; k < sizeof strings / sizeof *strings; k++) {
        const cJSON *v = get(r, strings[k]);
        if (v && !cJSON_IsNull(v) && !cJSON_IsString(v)) {
            snprintf(buf, size, "field \"%s\" is not a string", strings[k]);
            return buf;
        }
    }
    /* ipairs over an object's table gives nothing: only arrays are walked */
    int i = 0;
    for (const cJSON *x = cJSON_IsArray(anns) ? anns->child : NULL; x; x = x->next) {
        const char *why = bad_annotation(r, x, ++i, buf, size);
        if (why) return why;
    }
    return NULL;
}

/* Push a member as decode gives it: nil when missing. */
static void push_member(lua_State *L, const cJSON *r, const char *name)
{
    const cJSON *v = get(r, name);
    if (v) lede_lua_json_push(L, v);
    else lua_pushnil(L);
}

/* The checks of the line at 1 on its tree (*box, made here): pushes the
 * results and returns their number. */
static int check_line(lua_State *L, cJSON **box)
{
    size_t n;
    const char *s = lua_tolstring(L, 1, &n);
    /* the parse and its messages as lede.json.decode's */
    const char *end = NULL;
    *box = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    if (!*box) {
        size_t at = end && end >= s ? (size_t)(end - s) : 0;
        const char *ep = cJSON_GetErrorPtr();
        if (ep && ep >= s && ep <= s + n) at = (size_t)(ep - s);
        lua_pushnil(L);
        lua_pushfstring(L, "not an extract record: malformed JSON near byte %d", (int)at + 1);
        return 2;
    }
    for (const char *p = end; p && p < s + n; p++)
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t') {
            lua_pushnil(L);
            lua_pushfstring(L, "not an extract record: trailing characters at byte %d", (int)(p - s) + 1);
            return 2;
        }
    const cJSON *r = *box;
    if (cJSON_IsTrue(get(r, "lede_extract_end"))) {
        lua_createtable(L, 0, 2);
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "lede_extract_end");
        push_member(L, r, "articles");
        lua_setfield(L, -2, "articles");
        return 1;
    }
    char buf[96];
    const char *why = not_a_record(r, buf, sizeof buf);
    if (why) {
        lua_pushnil(L);
        lua_pushstring(L, why);
        return 2;
    }
    lua_createtable(L, 0, 4);
    push_member(L, r, "index");
    lua_setfield(L, -2, "index");
    push_member(L, r, "text");
    lua_setfield(L, -2, "text");
    push_member(L, r, "title");
    lua_setfield(L, -2, "title");
    push_member(L, r, "subtitle");
    lua_setfield(L, -2, "subtitle");
    return 1;
}

/* lede.extract_record(line) -> the record's fields | nil, why */
int lede_lua_extract_record(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TSTRING);
    lua_settop(L, 1);
    /* the tree is freed by the box's __gc if pushing a result raises
     * (out of memory), and here at once otherwise: a tree is many times
     * its line's size in malloc'd nodes, which the collector does not see */
    cJSON **box = lede_lua_cjson_box(L);        /* 2 */
    int nres = check_line(L, box);
    cJSON_Delete(*box);
    *box = NULL;
    return nres;
}
