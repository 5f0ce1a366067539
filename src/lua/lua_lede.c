/*
 * lua_lede.c — the Lua boundary. The only file that knows how lede objects
 * look from Lua: corpus, article, sentence and token userdata, lede.re
 * (PCRE2 regexes), lede.gazetteer and lede.pattern (the matching engines),
 * lede.json and the small helpers of the `lede` module.
 *
 * Object model
 * ------------
 * Every object is a small userdata holding a pointer into the C model and
 * one or two "user values" (Lua 5.4 lua_newuserdatauv):
 *
 *   corpus    { lede_corpus* }            uv1 = cache: article index -> userdata
 *   article   { lede_article* }           uv1 = corpus userdata (keeps it alive)
 *                                         uv2 = cache: name -> list/table
 *   sentence  { lede_article*, index }    uv1 = article userdata, uv2 = token list
 *   token     { lede_article*, index }    uv1 = article userdata
 *   gazetteer, pattern: see their section (they hold no corpus pointers)
 *
 * Because each object references its parent through a user value, the C
 * corpus (and its arena) is freed by the corpus's __gc only when no object
 * pointing into it is reachable. Objects are created lazily and cached, so
 * `corpus[1] == corpus[1]` and `s.article == a` hold and repeated access
 * does not allocate.
 *
 * Offsets seen from Lua are 1-based and inclusive, like string.find and
 * string.sub: article.text:sub(s.start, s.stop) == s.text.
 *
 * Extending from Lua: lede.Corpus, lede.Article, lede.Sentence, lede.Token,
 * lede.Regex, lede.Gazetteer and lede.Pattern are the method tables; a
 * function added there becomes a method of every object of the class
 * (rspamd-style plugins do this).
 */
#include "lbind.h"
#include "host.h"
#include "nfc.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <lauxlib.h>
#include <lualib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <limits.h>
#include <string.h>

#define MT_CORPUS   "lede.Corpus"
#define MT_ARTICLE  "lede.Article"
#define MT_SENTENCE "lede.Sentence"
#define MT_TOKEN    "lede.Token"
#define MT_REGEX    "lede.Regex"
#define MT_RXENV    "lede.RegexEnv"
#define MT_JBUF     "lede.JsonBuffer"

/* Registry keys (addresses of these statics are unique light userdata). */
static char k_json_arrays;   /* weak-keyed set of tables encoded as arrays */
static char k_class_info;    /* metatable -> {fields = {...}, methods = M, name = "Article"} */
static char k_json_null;     /* the lede.json.null sentinel */
static char k_re_cache;      /* weak-valued: flags/pattern -> regex */
static char k_rx_env;        /* the per-state PCRE2 match context */
static char k_atom_cache;    /* the per-state gazetteer atoms of the last article */

typedef struct { lede_corpus *c; int view; } Lcorpus;   /* view: not owned */
typedef struct { lede_article *a; } Larticle;
typedef struct { lede_article *a; uint32_t i; } Lsentence;  /* i: 0-based */
typedef struct { lede_article *a; uint32_t i; } Ltoken;     /* i: 0-based */

/* ------------------------------------------------------------ helpers */

static void push_nstr(lua_State *L, const char *s)
{
    if (s) lua_pushstring(L, s);
    else lua_pushnil(L);
}

/* Mark the table at idx as a JSON array (used by lede.json.encode). */
static void mark_array(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_json_arrays);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

static void push_str_list(lua_State *L, const char **v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    mark_array(L, -1);
}

/* Build a metatable whose __index looks in a methods table first and then
 * calls getter(L, self, field-code) with the code from a name->code table.
 * Leaves nothing on the stack; methods table is lede.<Name>. */
typedef int (*getter_fn)(lua_State *L, int code);

static int generic_index(lua_State *L)
{
    /* upvalue 1: methods, 2: fields (name -> code), 3: getter as light ud */
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
    if (lua_type(L, 2) == LUA_TSTRING) {
        lua_pushvalue(L, 2);
        lua_rawget(L, lua_upvalueindex(2));
        if (lua_isinteger(L, -1)) {
            int code = (int)lua_tointeger(L, -1);
            lua_pop(L, 1);
            getter_fn g;
            memcpy(&g, lua_touserdata(L, lua_upvalueindex(3)), sizeof g);
            return g(L, code);
        }
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    return 1;
}

/* The metatable at `mt` gets an __index built from the methods table at
 * `methods` and the field names. */
static void set_index(lua_State *L, int mt, int methods, const char *const *fields, getter_fn g)
{
    mt = lua_absindex(L, mt);
    methods = lua_absindex(L, methods);
    lua_pushvalue(L, methods);
    lua_newtable(L);
    for (int i = 0; fields[i]; i++) {
        lua_pushinteger(L, i);
        lua_setfield(L, -2, fields[i]);
    }
    getter_fn *slot = lua_newuserdatauv(L, sizeof g, 0);
    memcpy(slot, &g, sizeof g);
    lua_pushcclosure(L, generic_index, 3);
    lua_setfield(L, mt, "__index");
}

/* ------------------------------------------------------------- corpus */

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
static void push_article(lua_State *L, int cidx, size_t i)
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
        if (whole && i >= 1 && (size_t)i <= c->narticles) push_article(L, 1, (size_t)i);
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
    push_article(L, lua_upvalueindex(1), (size_t)i);
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

/* ------------------------------------------------------------ article */

static Larticle *check_article(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_ARTICLE);
}

/* Cached per-article value: cache[name] or build(L, a) stored there. */
static int cached(lua_State *L, int aidx, const char *name,
                  void (*build)(lua_State *L, int aidx))
{
    aidx = lua_absindex(L, aidx);
    lua_getiuservalue(L, aidx, 2);
    if (lua_getfield(L, -1, name) != LUA_TNIL) {
        lua_remove(L, -2);
        return 1;
    }
    lua_pop(L, 1);
    build(L, aidx);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    lua_remove(L, -2);
    return 1;
}

/* As cached(), in a weak-valued table (article uservalue 3): for values
 * that are large and cheap to rebuild, above all the token objects (about
 * 90 bytes each, hundreds per article). The rules use them while they run
 * on an article; after that, nothing keeps them, and a whole corpus held
 * in memory does not keep every article's tokens too. Keys are names or
 * sentence indexes. */
static char k_weak_mt;

static void weak_cache(lua_State *L, int aidx)
{
    if (lua_getiuservalue(L, aidx, 3) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &k_weak_mt) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "v");
        lua_setfield(L, -2, "__mode");
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &k_weak_mt);
    }
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, aidx, 3);
}

static void build_tokens(lua_State *L, int aidx);

/* article:tokens(), from the weak cache or built (aidx: the article). */
static void push_article_tokens(lua_State *L, int aidx)
{
    aidx = lua_absindex(L, aidx);
    weak_cache(L, aidx);
    if (lua_getfield(L, -1, "tokens") != LUA_TTABLE) {
        lua_pop(L, 1);
        build_tokens(L, aidx);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, "tokens");
    }
    lua_remove(L, -2);
}

/* article.text: every rule and every annotation's .text reads it, and a
 * body is kilobytes that Lua would copy on each read. The string is kept
 * in the weak cache inside a one-slot table (a string alone is never
 * cleared from a weak table): it lives until the next collection that finds
 * it unused, which spans the rules' work on one article. */
static void push_article_text(lua_State *L, int aidx, const lede_article *a)
{
    aidx = lua_absindex(L, aidx);
    weak_cache(L, aidx);
    if (lua_getfield(L, -1, "text") == LUA_TTABLE) {
        lua_rawgeti(L, -1, 1);
        lua_replace(L, -3);
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    lua_pushlstring(L, a->text ? a->text : "", a->text_len);
    lua_createtable(L, 1, 0);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, 1);
    lua_setfield(L, -3, "text");
    lua_replace(L, -2);
}

static void build_paragraphs(lua_State *L, int aidx)
{
    lede_article *a = check_article(L, aidx)->a;
    lua_createtable(L, (int)a->nparagraphs, 0);
    for (size_t i = 0; i < a->nparagraphs; i++) {
        lede_span sp = a->paragraphs[i];
        lua_pushlstring(L, a->text + sp.start, sp.stop - sp.start);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    mark_array(L, -1);
}

static void build_categories(lua_State *L, int aidx)
{
    lede_article *a = check_article(L, aidx)->a;
    push_str_list(L, a->categories, a->ncategories);
}

static void build_boilerplate(lua_State *L, int aidx)
{
    lede_article *a = check_article(L, aidx)->a;
    push_str_list(L, a->boilerplate, a->nboilerplate);
}

static void build_sentences(lua_State *L, int aidx)
{
    lede_article *a = check_article(L, aidx)->a;
    lua_createtable(L, (int)a->nsentences, 0);
    for (size_t i = 0; i < a->nsentences; i++) {
        Lsentence *us = lua_newuserdatauv(L, sizeof *us, 1);
        us->a = a;
        us->i = (uint32_t)i;
        lua_pushvalue(L, aidx);
        lua_setiuservalue(L, -2, 1);
        luaL_setmetatable(L, MT_SENTENCE);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    mark_array(L, -1);
}

static void push_token_list(lua_State *L, int aidx, lede_article *a, size_t first, size_t n)
{
    aidx = lua_absindex(L, aidx);
    luaL_getmetatable(L, MT_TOKEN);   /* looked up once, not per token */
    int mt = lua_gettop(L);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        Ltoken *ut = lua_newuserdatauv(L, sizeof *ut, 1);
        ut->a = a;
        ut->i = (uint32_t)(first + i);
        lua_pushvalue(L, aidx);
        lua_setiuservalue(L, -2, 1);
        lua_pushvalue(L, mt);
        lua_setmetatable(L, -2);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_remove(L, mt);
    mark_array(L, -1);
}

static void build_tokens(lua_State *L, int aidx)
{
    lede_article *a = check_article(L, aidx)->a;
    push_token_list(L, aidx, a, 0, a->ntokens);
}

static int article_sentences(lua_State *L)
{
    check_article(L, 1);
    return cached(L, 1, "sentences", build_sentences);
}

static int article_tokens(lua_State *L)
{
    check_article(L, 1);
    push_article_tokens(L, 1);
    return 1;
}

enum {
    AF_INDEX, AF_ID, AF_PATH, AF_LINE, AF_TITLE, AF_SUBTITLE, AF_DATE, AF_SOURCE,
    AF_URL, AF_BYLINE, AF_DATELINE, AF_AGENCY, AF_CATEGORIES, AF_BOILERPLATE,
    AF_TEXT, AF_PARAGRAPHS, AF_RAW, AF_CORPUS, AF_ATTACHED,
    AF_FORMAT, AF_COMPRESSION, AF_DATE_DOUBTFUL, AF_DATE_EVIDENCE, AF_ORIGINAL, AF_HEADINGS
};
static const char *const article_fields[] = {
    "index", "id", "path", "line", "title", "subtitle", "date", "source",
    "url", "byline", "dateline", "agency", "categories", "boilerplate",
    "text", "paragraphs", "raw", "corpus", "attached",
    "format", "compression", "date_doubtful", "date_evidence", "original", "headings", NULL
};

static int article_get(lua_State *L, int code)
{
    lede_article *a = check_article(L, 1)->a;
    switch (code) {
    case AF_INDEX: lua_pushinteger(L, a->index); break;
    case AF_ID: push_nstr(L, a->id); break;
    case AF_PATH: push_nstr(L, a->path); break;
    case AF_LINE: if (a->line) lua_pushinteger(L, a->line); else lua_pushnil(L); break;
    case AF_TITLE: push_nstr(L, a->title); break;
    case AF_SUBTITLE: push_nstr(L, a->subtitle); break;
    case AF_DATE: push_nstr(L, a->date); break;
    case AF_SOURCE: push_nstr(L, a->source); break;
    case AF_URL: push_nstr(L, a->url); break;
    case AF_BYLINE: push_nstr(L, a->byline); break;
    case AF_DATELINE: push_nstr(L, a->dateline); break;
    case AF_AGENCY: push_nstr(L, a->agency); break;
    case AF_CATEGORIES: return cached(L, 1, "categories", build_categories);
    case AF_BOILERPLATE: return cached(L, 1, "boilerplate", build_boilerplate);
    case AF_TEXT: push_article_text(L, 1, a); break;
    case AF_PARAGRAPHS: return cached(L, 1, "paragraphs", build_paragraphs);
    case AF_RAW: lua_pushlstring(L, a->raw ? a->raw : "", a->raw_len); break;
    case AF_CORPUS: lua_getiuservalue(L, 1, 1); break;
    case AF_ATTACHED: push_nstr(L, a->attached); break;
    /* the reader, and the date's doubt (src/article.c) */
    case AF_FORMAT: lua_pushstring(L, a->format ? a->format : "text"); break;
    case AF_COMPRESSION: push_nstr(L, a->compression); break;
    case AF_DATE_DOUBTFUL: lua_pushboolean(L, a->date_doubtful); break;
    case AF_DATE_EVIDENCE: push_nstr(L, a->date_evidence); break;
    /* the text as read, before NFC (raw when NFC left it as it was) */
    case AF_ORIGINAL:
        if (a->original) lua_pushlstring(L, a->original, a->original_len);
        else lua_pushlstring(L, a->raw ? a->raw : "", a->raw_len);
        break;
    case AF_HEADINGS: push_nstr(L, a->headings); break;
    default: lua_pushnil(L);
    }
    return 1;
}

static int article_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_article(L, 1)->a->nsentences);
    return 1;
}

static int article_tostring(lua_State *L)
{
    lede_article *a = check_article(L, 1)->a;
    lua_pushfstring(L, "article %s: %s%s%s%s", a->id ? a->id : "?",
                    a->title ? a->title : "(untitled)",
                    a->date ? " (" : "", a->date ? a->date : "", a->date ? ")" : "");
    return 1;
}

static int article_eq(lua_State *L)
{
    Larticle *x = luaL_testudata(L, 1, MT_ARTICLE), *y = luaL_testudata(L, 2, MT_ARTICLE);
    lua_pushboolean(L, x && y && x->a == y->a);
    return 1;
}

/* __tojson: the article's metadata (not its sentences) as a table. */
/* A table of the object's fields named by codes (for __tojson): the object
 * is at index 1; leaves the table on top. */
static void fields_table(lua_State *L, getter_fn get, const char *const *names,
                         const int *codes, size_t n)
{
    lua_settop(L, 1);
    lua_newtable(L);
    for (size_t i = 0; i < n; i++) {
        get(L, codes[i]);
        lua_setfield(L, 2, names[codes[i]]);
    }
}

static int article_tojson(lua_State *L)
{
    lede_article *a = check_article(L, 1)->a;
    static const int codes[] = { AF_ID, AF_PATH, AF_TITLE, AF_SUBTITLE, AF_DATE, AF_SOURCE,
                                 AF_URL, AF_BYLINE, AF_DATELINE, AF_AGENCY, AF_CATEGORIES };
    fields_table(L, article_get, article_fields, codes, sizeof codes / sizeof codes[0]);
    lua_pushinteger(L, a->index);
    lua_setfield(L, -2, "index");
    lua_pushinteger(L, (lua_Integer)a->nparagraphs);
    lua_setfield(L, -2, "paragraphs");
    lua_pushinteger(L, (lua_Integer)a->nsentences);
    lua_setfield(L, -2, "sentences");
    return 1;
}

/* article:sentence_at(pos) -> the sentence containing 1-based byte pos. */
/* a:original_offset(i): where byte i (1-based) of a.raw, which is NFC,
 * is in a.original, the text as read (src/nfc.c); i itself when NFC
 * changed nothing. */
static int article_original_offset(lua_State *L)
{
    const lede_article *a = check_article(L, 1)->a;
    lua_Integer i = luaL_checkinteger(L, 2);
    luaL_argcheck(L, i >= 1 && (size_t)i <= a->raw_len + 1, 2, "out of the text");
    size_t o = a->original ? lede_nfc_offset(a->original, a->original_len, (size_t)i - 1)
                           : (size_t)i - 1;
    lua_pushinteger(L, (lua_Integer)o + 1);
    return 1;
}

static int article_sentence_at(lua_State *L)
{
    lede_article *a = check_article(L, 1)->a;
    lua_Integer pos = luaL_checkinteger(L, 2) - 1;
    size_t lo = 0, hi = a->nsentences;
    while (lo < hi) {   /* first sentence with stop > pos */
        size_t mid = lo + (hi - lo) / 2;
        if ((lua_Integer)a->sentences[mid].stop <= pos) lo = mid + 1;
        else hi = mid;
    }
    if (lo >= a->nsentences || (lua_Integer)a->sentences[lo].start > pos) {
        lua_pushnil(L);
        return 1;
    }
    article_sentences(L);
    lua_rawgeti(L, -1, (lua_Integer)lo + 1);
    return 1;
}

/* ----------------------------------------------------------- sentence */

static Lsentence *check_sentence(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_SENTENCE);
}

enum { SF_TEXT, SF_INDEX, SF_START, SF_STOP, SF_ARTICLE, SF_PARAGRAPH };
static const char *const sentence_fields[] = {
    "text", "index", "start", "stop", "article", "paragraph", NULL
};

static int sentence_get(lua_State *L, int code)
{
    Lsentence *us = check_sentence(L, 1);
    const lede_sentence *s = &us->a->sentences[us->i];
    switch (code) {
    case SF_TEXT: lua_pushlstring(L, us->a->text + s->start, s->stop - s->start); break;
    case SF_INDEX: lua_pushinteger(L, (lua_Integer)us->i + 1); break;
    case SF_START: lua_pushinteger(L, (lua_Integer)s->start + 1); break;
    case SF_STOP: lua_pushinteger(L, (lua_Integer)s->stop); break;
    case SF_ARTICLE: lua_getiuservalue(L, 1, 1); break;
    case SF_PARAGRAPH: lua_pushinteger(L, (lua_Integer)s->para + 1); break;
    default: lua_pushnil(L);
    }
    return 1;
}

static int sentence_tokens(lua_State *L)
{
    Lsentence *us = check_sentence(L, 1);
    lua_settop(L, 1);
    lua_getiuservalue(L, 1, 1);                       /* 2: the article */
    weak_cache(L, 2);                                 /* 3 */
    lua_Integer key = (lua_Integer)us->i + 1;
    if (lua_rawgeti(L, 3, key) == LUA_TTABLE) return 1;
    lua_pop(L, 1);
    const lede_sentence *s = &us->a->sentences[us->i];
    /* The same token objects as article:tokens(), not a second set: rules
     * that walk sentences and the article's token list share them (half the
     * userdata, and t1 == t2 holds by identity too). Kept in the article's
     * weak cache, like the article's list. */
    push_article_tokens(L, 2);
    int all = lua_gettop(L);
    lua_createtable(L, (int)s->tok_count, 0);
    for (size_t i = 0; i < s->tok_count; i++) {
        lua_rawgeti(L, all, (lua_Integer)(s->tok_first + i) + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    mark_array(L, -1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, 3, key);
    return 1;
}

static int sentence_len(lua_State *L)
{
    Lsentence *us = check_sentence(L, 1);
    lua_pushinteger(L, us->a->sentences[us->i].tok_count);
    return 1;
}

static int sentence_tostring(lua_State *L)
{
    return sentence_get(L, SF_TEXT);
}

static int sentence_eq(lua_State *L)
{
    Lsentence *x = luaL_testudata(L, 1, MT_SENTENCE), *y = luaL_testudata(L, 2, MT_SENTENCE);
    lua_pushboolean(L, x && y && x->a == y->a && x->i == y->i);
    return 1;
}

static int sentence_tojson(lua_State *L)
{
    static const int codes[] = { SF_INDEX, SF_START, SF_STOP, SF_PARAGRAPH, SF_TEXT };
    fields_table(L, sentence_get, sentence_fields, codes, sizeof codes / sizeof codes[0]);
    return 1;
}

/* -------------------------------------------------------------- token */

static Ltoken *check_token(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_TOKEN);
}

/* Lowercased, diacritics stripped: the form gazetteers match on. */
static void push_folded(lua_State *L, const char *s, size_t n)
{
    /* Fast path: a short ASCII word (nearly every token) only needs its
     * capitals lowered; ASCII has nothing else to fold. */
    char small[64];
    if (n <= sizeof small) {
        size_t i = 0;
        for (; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80) break;
            small[i] = (char)(c >= (unsigned char)'A' && c <= (unsigned char)'Z' ? c + 0x20 : c);
        }
        if (i == n) {
            lua_pushlstring(L, small, n);
            return;
        }
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = lede_utf8_decode(s + i, n - i, &cp);
        char enc[4];
        size_t m = lede_utf8_encode(lede_cp_fold_case(lede_cp_fold_punct(cp)), enc);
        luaL_addlstring(&b, enc, m);
        i += k;
    }
    luaL_pushresult(&b);
}

/* spaCy-style word shape (lede_shape) of s[0..n). */
static void push_shape(lua_State *L, const char *s, size_t n)
{
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, n ? n : 1);
    luaL_pushresultsize(&b, lede_shape(s, n, out));
}

enum { TF_TEXT, TF_KIND, TF_START, TF_STOP, TF_INDEX, TF_ARTICLE, TF_SENTENCE, TF_LOWER, TF_SHAPE };
static const char *const token_fields[] = {
    "text", "kind", "start", "stop", "index", "article", "sentence", "lower", "shape", NULL
};

static int token_get(lua_State *L, int code)
{
    Ltoken *ut = check_token(L, 1);
    const lede_token *t = &ut->a->tokens[ut->i];
    switch (code) {
    case TF_TEXT: lua_pushlstring(L, ut->a->text + t->start, t->stop - t->start); break;
    case TF_KIND: lua_pushstring(L, lede_tok_kind_name(t->kind)); break;
    case TF_START: lua_pushinteger(L, (lua_Integer)t->start + 1); break;
    case TF_STOP: lua_pushinteger(L, (lua_Integer)t->stop); break;
    case TF_INDEX: lua_pushinteger(L, (lua_Integer)ut->i + 1); break;
    case TF_ARTICLE: lua_getiuservalue(L, 1, 1); break;
    case TF_SENTENCE: {
        /* Sentences are sorted by token index: binary search. */
        const lede_article *a = ut->a;
        size_t lo = 0, hi = a->nsentences;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (a->sentences[mid].tok_first + a->sentences[mid].tok_count <= ut->i) lo = mid + 1;
            else hi = mid;
        }
        if (lo >= a->nsentences) { lua_pushnil(L); break; }
        lua_getiuservalue(L, 1, 1);
        cached(L, -1, "sentences", build_sentences);
        lua_rawgeti(L, -1, (lua_Integer)lo + 1);
        break;
    }
    case TF_LOWER: push_folded(L, ut->a->text + t->start, t->stop - t->start); break;
    case TF_SHAPE: push_shape(L, ut->a->text + t->start, t->stop - t->start); break;
    default: lua_pushnil(L);
    }
    return 1;
}

static int token_len(lua_State *L)
{
    Ltoken *ut = check_token(L, 1);
    const lede_token *t = &ut->a->tokens[ut->i];
    lua_pushinteger(L, t->stop - t->start);
    return 1;
}

static int token_tostring(lua_State *L)
{
    return token_get(L, TF_TEXT);
}

static int token_eq(lua_State *L)
{
    Ltoken *x = luaL_testudata(L, 1, MT_TOKEN), *y = luaL_testudata(L, 2, MT_TOKEN);
    lua_pushboolean(L, x && y && x->a == y->a && x->i == y->i);
    return 1;
}

static int token_tojson(lua_State *L)
{
    static const int codes[] = { TF_TEXT, TF_KIND, TF_START, TF_STOP };
    fields_table(L, token_get, token_fields, codes, sizeof codes / sizeof codes[0]);
    return 1;
}

/* -------------------------------------------------------------- regex */

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
static int l_re(lua_State *L)
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
    mark_array(L, -1);
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

/* ============================================= gazetteer and patterns
 *
 * Lua side of the two matching engines (src/gazetteer.c, src/pattern.c):
 *
 *   gazetteer { lede_gazetteer*, nvals }  uv1 = values: id -> Lua value
 *   pattern   { lede_pattern*, nkinds }   uv1 = ent kinds: name -> bit
 *
 * Both match a Sentence, an Article (its whole token list) or a string
 * (tokenized on the spot). Results use the conventions of the objects
 * above: start/stop are 1-based inclusive byte offsets into the article
 * text (into the string for a string), tok_first/tok_last 1-based indexes
 * into article:tokens() (into the string's tokens for a string).
 */

#define MT_GAZ     "lede.Gazetteer"
#define MT_PAT     "lede.Pattern"
#define MT_SCRATCH "lede.MatchScratch"

typedef struct { lede_gazetteer *g; lua_Integer nvals; } Lgaz;
typedef struct { lede_pattern *p; int nkinds; } Lpat;

/* The C vectors of one match call live in a userdata box whose __gc frees
 * them, so a Lua error while building the result tables cannot leak. */
typedef struct {
    lede_tokvec tv;
    lede_gazvec gv;
    lede_patvec pv;
    uint64_t *ents;
} Lscratch;

static void scratch_release(Lscratch *sc)
{
    lede_tokvec_free(&sc->tv);
    lede_gazvec_free(&sc->gv);
    lede_patvec_free(&sc->pv);
    free(sc->ents);
    sc->ents = NULL;
}

static int scratch_gc(lua_State *L)
{
    scratch_release(luaL_checkudata(L, 1, MT_SCRATCH));
    return 0;
}

static Lscratch *push_scratch(lua_State *L)
{
    Lscratch *sc = lua_newuserdatauv(L, sizeof *sc, 0);
    memset(sc, 0, sizeof *sc);
    luaL_setmetatable(L, MT_SCRATCH);
    return sc;
}

/* What a matcher runs over. */
typedef struct {
    const char *text;
    size_t len;
    const lede_token *toks;
    size_t n;
    size_t base;              /* index of toks[0] in the article's token list */
    const lede_article *art;  /* an Article target: matched sentence by sentence */
} tokview;

/* Fill v from the Sentence, Article or string at idx; a string's tokens go
 * into sc. The text stays valid while the value at idx is on the stack. */
static void get_tokview(lua_State *L, int idx, Lscratch *sc, tokview *v, const char *who)
{
    Lsentence *us;
    Larticle *ua;
    if ((us = luaL_testudata(L, idx, MT_SENTENCE))) {
        const lede_sentence *s = &us->a->sentences[us->i];
        *v = (tokview){ us->a->text, us->a->text_len, us->a->tokens + s->tok_first,
                        s->tok_count, s->tok_first, NULL };
    } else if ((ua = luaL_testudata(L, idx, MT_ARTICLE))) {
        *v = (tokview){ ua->a->text ? ua->a->text : "", ua->a->text_len, ua->a->tokens,
                        ua->a->ntokens, 0, ua->a };
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        if (lede_tokenize(s, 0, n, &sc->tv)) luaL_error(L, "out of memory");
        *v = (tokview){ s, n, sc->tv.v, sc->tv.n, 0, NULL };
    } else {
        luaL_error(L, "%s: expected a Sentence, an Article or a string, got %s", who,
                   luaL_typename(L, idx));
    }
}

/* Set start, stop, text, tok_first, tok_last of the table on top for bytes
 * [start, stop) and view tokens [tf, tstop). */
static void set_span_fields(lua_State *L, const tokview *v, size_t start, size_t stop,
                            size_t tf, size_t tstop)
{
    lua_pushinteger(L, (lua_Integer)start + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)stop);
    lua_setfield(L, -2, "stop");
    lua_pushlstring(L, v->text + start, stop - start);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)(v->base + tf) + 1);
    lua_setfield(L, -2, "tok_first");
    lua_pushinteger(L, (lua_Integer)(v->base + tstop));
    lua_setfield(L, -2, "tok_last");
}

/* ---------------------------------------------------------- gazetteer */

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
static int l_gazetteer(lua_State *L)
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
        lede_gaz_atoms *at = lede_gaz_atomize(a->text ? a->text : "", a->tokens, a->ntokens);
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
    Lscratch *sc = push_scratch(L);                  /* 3 */
    tokview v;
    get_tokview(L, 2, sc, &v, "gazetteer:match");
    if (gaz_match_view(L, 2, ug->g, &v, &sc->gv)) return luaL_error(L, "out of memory");
    lua_getiuservalue(L, 1, 1);                      /* 4: values */
    lua_createtable(L, (int)sc->gv.n, 0);
    for (size_t i = 0; i < sc->gv.n; i++) {
        const lede_gaz_hit *h = &sc->gv.v[i];
        lua_createtable(L, 0, 6);
        set_span_fields(L, &v, h->start, h->stop, h->tok_first, (size_t)h->tok_first + h->tok_count);
        lua_rawgeti(L, 4, h->id);
        lua_setfield(L, -2, "value");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    mark_array(L, -1);
    scratch_release(sc);
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

/* ------------------------------------------------------------ pattern */

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
static int l_pattern(lua_State *L)
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
    Lscratch *sc = push_scratch(L);                  /* 4 */
    tokview v;
    get_tokview(L, 2, sc, &v, "pattern:match");
    const uint64_t *ents = lua_isnil(L, 3) ? NULL : annotation_bits(L, 1, 3, &v, sc);
    int rc = pat_match_view(up->p, &v, ents, &sc->pv);
    if (rc < 0) return luaL_error(L, "out of memory");
    size_t ng = lede_pat_ngroups(up->p);
    lua_createtable(L, (int)sc->pv.n, 0);
    for (size_t i = 0; i < sc->pv.n; i++) {
        const lede_pat_hit *h = &sc->pv.v[i];
        lua_createtable(L, 0, 6);
        set_span_fields(L, &v, v.toks[h->tok_first].start, v.toks[h->tok_stop - 1].stop,
                        h->tok_first, h->tok_stop);
        lua_createtable(L, 0, (int)ng);
        for (size_t g = 0; g < ng; g++) {
            const lede_tokrange *r = &sc->pv.groups[h->group_off + g];
            if (r->tok_first == LEDE_PAT_UNSET) continue;
            lua_createtable(L, 0, 5);
            set_span_fields(L, &v, v.toks[r->tok_first].start, v.toks[r->tok_stop - 1].stop,
                            r->tok_first, r->tok_stop);
            lua_setfield(L, -2, lede_pat_group_name(up->p, g));
        }
        lua_setfield(L, -2, "groups");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    mark_array(L, -1);
    scratch_release(sc);
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
        mark_array(L, -1);
        break;
    }
    default: lua_pushnil(L);
    }
    return 1;
}

/* lede.shape(s) -> spaCy-style word shape ("Xxxxx", "dd,ddd") */
static int l_shape(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    push_shape(L, s, n);
    return 1;
}

static const luaL_Reg gaz_meta[] = {
    { "__gc", gaz_gc }, { "__len", gaz_len }, { "__tostring", gaz_tostring }, { NULL, NULL }
};
static const luaL_Reg gaz_methods[] = { { "add", gaz_add }, { "match", gaz_match }, { NULL, NULL } };
static const luaL_Reg pat_meta[] = {
    { "__gc", pat_gc }, { "__len", pat_len }, { "__tostring", pat_tostring }, { NULL, NULL }
};
static const luaL_Reg pat_methods[] = { { "match", pat_match }, { NULL, NULL } };

/* ==================================== end of gazetteer and patterns */

/* --------------------------------------------------------------- json */

/* Encoding is done here (deterministic: object keys sorted, so output is
 * diffable and testable); decoding uses cJSON. */

static int is_json_null(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TLIGHTUSERDATA && lua_touserdata(L, idx) == &k_json_null;
}

/* A growable output buffer for the JSON encoder (see l_json_encode). */
typedef struct jbuf {
    lua_State *L;
    char *p;
    size_t n, cap;
} jbuf;

static int jbuf_gc(lua_State *L)
{
    jbuf *b = lua_touserdata(L, 1);
    free(b->p);
    b->p = NULL;
    return 0;
}

static void jb_addlstring(jbuf *b, const char *s, size_t n)
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

static void jb_addstring(jbuf *b, const char *s) { jb_addlstring(b, s, strlen(s)); }
static void jb_addchar(jbuf *b, char c) { jb_addlstring(b, &c, 1); }

static void json_string(jbuf *b, const char *s, size_t n)
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
                jb_addlstring(b, s + i, k);
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
    double d = lua_tonumber(L, idx);
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
        json_string(b, names[i].s, names[i].n);
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
        json_string(b, s, n);
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
            json_string(b, s, n);
            lua_pop(L, 1);
            break;
        }
        luaL_error(L, "lede.json.encode: cannot encode a %s", luaL_typename(L, idx));
    }
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
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_json_arrays);   /* 2 */
    /* The output is built in a malloc'd buffer owned by a userdata box, not
     * a luaL_Buffer: encoding pushes keys and values on the stack between
     * appends, which a luaL_Buffer does not allow, and the box's __gc frees
     * the memory if an error unwinds through here. */
    jbuf *b = lua_newuserdatauv(L, sizeof *b, 0);          /* 3 */
    memset(b, 0, sizeof *b);
    b->L = L;
    luaL_setmetatable(L, MT_JBUF);
    jenc e = { L, b, indent, 2 };
    json_value(&e, 1, 0);
    lua_pushlstring(L, b->p ? b->p : "", b->n);
    free(b->p);
    b->p = NULL;
    return 1;
}

#include <cjson/cJSON.h>

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
        if (d == floor(d) && fabs(d) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)d);
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
        mark_array(L, -1);
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

/* cJSON tree freed even if building the Lua value raises. */
static int json_tree_gc(lua_State *L)
{
    cJSON **p = lua_touserdata(L, 1);
    if (*p) cJSON_Delete(*p);
    *p = NULL;
    return 0;
}

/* lede.json.decode(string) -> value | raises "... at byte N" */
static int l_json_decode(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    cJSON **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    lua_newtable(L);
    lua_pushcfunction(L, json_tree_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
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
    mark_array(L, 1);
    return 1;
}

/* ------------------------------------------------------- lede module */

/* `quiet` from the options table at idx, or, when idx is 0 (no table),
 * from lede.options. idx 0 is never read from the stack: it is not a valid
 * index, and reading it crashed a script whose first line was
 * lede.load(path). */
static int opt_quiet(lua_State *L, int idx)
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

static void silent_diag(void *ud, int level, const char *path, long line, long offset,
                        const char *msg)
{
    (void)ud; (void)level; (void)path; (void)line; (void)offset; (void)msg;
}

/* The arguments of lede.load/lede.stream: paths, then an optional options
 * table (a trailing nil is an absent one). Returns the table's index, 0 if
 * there is none, and sets *npaths; any other argument is a Lua error. */
static int paths_and_options(lua_State *L, int *npaths)
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
static int l_load(lua_State *L)
{
    int npaths;
    int optidx = paths_and_options(L, &npaths);
    int quiet = opt_quiet(L, optidx);
    for (int i = 1; i <= npaths; i++)   /* --sandbox: only the allowed paths */
        lede_host_check_read(L, "lede.load", lua_tostring(L, i), LEDE_READ_ANY);
    lede_corpus *c = lede_corpus_new();
    if (!c) return luaL_error(L, "out of memory");
    if (quiet) c->diag = silent_diag;
    lede_lua_push_corpus(L, c);   /* owned by Lua from here on */
    for (int i = 1; i <= npaths; i++) lede_corpus_add_path(c, lua_tostring(L, i));
    lede_host_check_memory(L);   /* --max-memory counts corpora too */
    return 1;
}

/* lede.parse(text [, {name = "NAME", format = "text"|"jsonl", quiet}]) -> corpus */
static int l_parse(lua_State *L)
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
    int quiet = opt_quiet(L, lua_istable(L, 2) ? 2 : 0);
    if (strcmp(format, "text") && strcmp(format, "jsonl"))
        return luaL_error(L, "lede.parse: format must be \"text\" or \"jsonl\", not \"%s\"", format);
    lede_corpus *c = lede_corpus_new();
    if (!c) return luaL_error(L, "out of memory");
    if (quiet) c->diag = silent_diag;
    lede_lua_push_corpus(L, c);
    if (!strcmp(format, "jsonl")) lede_corpus_add_jsonl(c, name, s, n);
    else lede_corpus_add_text(c, name, s, n);
    lede_host_check_memory(L);   /* --max-memory counts corpora too */
    return 1;
}

/* lede.fold(s) -> lowercased, diacritics and punctuation variants folded */
static int l_fold(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    push_folded(L, s, n);
    return 1;
}

/* lede.normalize(s) -> curly quotes, dashes and odd spaces folded to ASCII */
static int l_normalize(lua_State *L)
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
static int l_date(lua_State *L)
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
static int l_tokenize(lua_State *L)
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
    mark_array(L, -1);
    return 1;
}

/* ------------------------------------------------------------- stream */

#define MT_STREAM "lede.Stream"

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
    push_article(L, -1, 1);
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
static int l_stream(lua_State *L)
{
    int npaths;
    int optidx = paths_and_options(L, &npaths);
    int quiet = opt_quiet(L, optidx);
    for (int i = 1; i <= npaths; i++)   /* --sandbox: only the allowed paths */
        lede_host_check_read(L, "lede.stream", lua_tostring(L, i), LEDE_READ_ANY);
    lede_stream *st = lede_stream_new(quiet ? silent_diag : NULL, NULL);
    if (!st) return luaL_error(L, "out of memory");
    lede_lua_push_stream(L, st);
    for (int i = 1; i <= npaths; i++)
        if (lede_stream_add_path(st, lua_tostring(L, i)) != 0) return luaL_error(L, "out of memory");
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
        push_article(L, 1, i);
        lua_call(L, 1, 0);
    }
    return 0;
}

/* Register a class: metatable `mtname` with the given metamethods, a
 * methods table (also published as lede.<Name>) and field getters. The
 * module table must be at `mod`. */
static void new_class(lua_State *L, int mod, const char *mtname, const char *pubname,
                      const luaL_Reg *meta, const luaL_Reg *methods,
                      const char *const *fields, getter_fn getter)
{
    mod = lua_absindex(L, mod);
    luaL_newmetatable(L, mtname);
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L);                        /* methods */
    luaL_setfuncs(L, methods, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, mod, pubname);
    set_index(L, -2, -1, fields, getter);   /* sets mt.__index */
    /* What lede.fields() reports (REPL completion, introspection). */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_class_info);
    lua_pushvalue(L, -3);                   /* key: the metatable */
    lua_createtable(L, 0, 3);
    lua_newtable(L);
    for (int i = 0; fields[i]; i++) {
        lua_pushstring(L, fields[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "fields");
    lua_pushvalue(L, -4);
    lua_setfield(L, -2, "methods");
    lua_pushstring(L, pubname);
    lua_setfield(L, -2, "name");
    lua_rawset(L, -3);
    lua_pop(L, 1);                          /* class info table */
    lua_pop(L, 1);                          /* methods */
    lua_pushstring(L, "lede object");
    lua_setfield(L, -2, "__metatable");     /* scripts cannot swap it */
    lua_pop(L, 1);
}

static const luaL_Reg corpus_meta[] = {
    { "__gc", corpus_gc }, { "__len", corpus_len }, { "__tostring", corpus_tostring }, { NULL, NULL }
};
static const luaL_Reg corpus_methods[] = {
    { "articles", corpus_articles }, { "add", corpus_add }, { "each", corpus_each }, { NULL, NULL }
};
static const luaL_Reg article_meta[] = {
    { "__len", article_len }, { "__tostring", article_tostring }, { "__eq", article_eq },
    { "__tojson", article_tojson }, { NULL, NULL }
};
static const luaL_Reg article_methods[] = {
    { "sentences", article_sentences }, { "tokens", article_tokens },
    { "sentence_at", article_sentence_at }, { "original_offset", article_original_offset },
    { NULL, NULL }
};
static const luaL_Reg sentence_meta[] = {
    { "__len", sentence_len }, { "__tostring", sentence_tostring }, { "__eq", sentence_eq },
    { "__tojson", sentence_tojson }, { NULL, NULL }
};
static const luaL_Reg sentence_methods[] = { { "tokens", sentence_tokens }, { NULL, NULL } };
static const luaL_Reg token_meta[] = {
    { "__len", token_len }, { "__tostring", token_tostring }, { "__eq", token_eq },
    { "__tojson", token_tojson }, { NULL, NULL }
};
static const luaL_Reg no_methods[] = { { NULL, NULL } };
static const luaL_Reg stream_meta[] = {
    { "__gc", stream_gc }, { "__len", stream_len }, { "__tostring", stream_tostring }, { NULL, NULL }
};
static const luaL_Reg stream_methods[] = {
    { "articles", stream_articles }, { "each", stream_each }, { NULL, NULL }
};
static const luaL_Reg regex_meta[] = {
    { "__gc", regex_gc }, { "__tostring", regex_tostring }, { NULL, NULL }
};
static const luaL_Reg regex_methods[] = {
    { "find", regex_find }, { "match", regex_match }, { "gmatch", regex_gmatch },
    { "gsub", regex_gsub }, { "split", regex_split }, { "test", regex_test }, { NULL, NULL }
};

/* lede.fields(obj) -> class name, list of field names, methods table for a
 * lede object (nil for anything else). Methods added from Lua (such as
 * article:entities) are in the methods table too. */
static int l_fields(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TUSERDATA || !lua_getmetatable(L, 1)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &k_class_info);
    lua_pushvalue(L, -2);
    if (lua_rawget(L, -2) != LUA_TTABLE) return 0;
    int info = lua_gettop(L);
    lua_getfield(L, info, "name");
    lua_getfield(L, info, "fields");
    lua_getfield(L, info, "methods");
    return 3;
}

/* lede.listdir(path) -> sorted entry names (hidden ones left out), or nil,
 * message: the listing every loader uses (lede_list_dir). */
static int l_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    lede_host_check_read(L, "lede.listdir", path, LEDE_READ_DIR);   /* --sandbox */
    char **names;
    size_t n;
    int rc = lede_list_dir(path, &names, &n);
    if (rc != 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, rc == -1 ? strerror(errno) : "out of memory");
        return 2;
    }
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, names[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_list_free(names, n);
    mark_array(L, -1);
    return 1;
}

static int l_version_info(lua_State *L)
{
    char pv[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, pv);
    lua_pushfstring(L, "lede %s (%s, PCRE2 %s)", LEDE_VERSION, LUA_RELEASE, pv);
    return 1;
}

int luaopen_lede(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        { "load", l_load }, { "parse", l_parse }, { "re", l_re }, { "fold", l_fold },
        { "normalize", l_normalize }, { "date", l_date }, { "tokenize", l_tokenize },
        { "about", l_version_info }, { "fields", l_fields }, { "listdir", l_listdir }, { "stream", l_stream }, { "gazetteer", l_gazetteer }, { "pattern", l_pattern },
        { "shape", l_shape }, { NULL, NULL }
    };
    /* Registry state: JSON array markers (weak keys), regex cache (weak values). */
    lua_newtable(L);
    lua_newtable(L);
    lua_pushstring(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_json_arrays);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushstring(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_re_cache);
    luaL_newmetatable(L, MT_JBUF);
    lua_pushcfunction(L, jbuf_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, MT_SCRATCH);
    lua_pushcfunction(L, scratch_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, MT_ATOMS);
    lua_pushcfunction(L, atoms_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, MT_RXENV);
    lua_pushcfunction(L, rxenv_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);

    luaL_newlib(L, funcs);
    int mod = lua_gettop(L);
    lua_pushstring(L, LEDE_VERSION);
    lua_setfield(L, mod, "version");
    lua_newtable(L);
    lua_setfield(L, mod, "options");
    luaopen_lede_tagger(L);
    lua_setfield(L, mod, "tagger");
    lede_width_register(L, mod);   /* lede.width, lede.fit: src/lwidth.c */
    lede_keyscan_register(L, mod); /* lede.keyscan: src/lkeyscan.c */
    luaopen_lede_progress(L);
    lua_setfield(L, mod, "progress");

    lua_newtable(L);
    lua_pushcfunction(L, l_json_encode);
    lua_setfield(L, -2, "encode");
    lua_pushcfunction(L, l_json_decode);
    lua_setfield(L, -2, "decode");
    lua_pushcfunction(L, l_json_array);
    lua_setfield(L, -2, "array");
    lua_pushlightuserdata(L, &k_json_null);
    lua_setfield(L, -2, "null");
    lua_setfield(L, mod, "json");

    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &k_class_info);
    new_class(L, mod, MT_CORPUS, "Corpus", corpus_meta, corpus_methods, corpus_fields, corpus_get);
    /* corpus[i]: integers first, then the generic index. */
    luaL_getmetatable(L, MT_CORPUS);
    lua_getfield(L, -1, "__index");
    lua_pushcclosure(L, corpus_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    new_class(L, mod, MT_ARTICLE, "Article", article_meta, article_methods, article_fields, article_get);
    new_class(L, mod, MT_SENTENCE, "Sentence", sentence_meta, sentence_methods, sentence_fields, sentence_get);
    new_class(L, mod, MT_TOKEN, "Token", token_meta, no_methods, token_fields, token_get);
    new_class(L, mod, MT_REGEX, "Regex", regex_meta, regex_methods, regex_fields, regex_get);
    new_class(L, mod, MT_STREAM, "Stream", stream_meta, stream_methods, stream_fields, stream_get);
    new_class(L, mod, MT_GAZ, "Gazetteer", gaz_meta, gaz_methods, gaz_fields, gaz_get);
    new_class(L, mod, MT_PAT, "Pattern", pat_meta, pat_methods, pat_fields, pat_get);
    return 1;
}
