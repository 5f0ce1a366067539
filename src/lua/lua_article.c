/*
 * lua_article.c — the Article class: metadata fields, text, paragraphs,
 * sentences and tokens, built lazily and kept in the article's caches
 * (uservalue 2: kept; uservalue 3: weak, for what is large and cheap to
 * rebuild).
 */
#include "lua_common.h"
#include "nfc.h"

static void push_nstr(lua_State *L, const char *s)
{
    if (s) lua_pushstring(L, s);
    else lua_pushnil(L);
}

static void push_str_list(lua_State *L, const char **v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_lua_mark_array(L, -1);
}

static Larticle *check_article(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_ARTICLE);
}

/* a.raw: kept whole, or packed (rebuilt from its rest and the text). */
static void push_raw(lua_State *L, const lede_article *a)
{
    if (a->raw || !a->raw_rest) {
        lua_pushlstring(L, a->raw ? a->raw : "", a->raw ? a->raw_len : 0);
        return;
    }
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, a->raw_len);
    lede_article_raw_copy(a, p);
    luaL_pushresultsize(&b, a->raw_len);
}

/* Cached per-article value: cache[name] or build(L, a) stored there. */
int lede_lua_cached(lua_State *L, int aidx, const char *name,
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

/* As lede_lua_cached(), in a weak-valued table (article uservalue 3): for
 * values that are large and cheap to rebuild, above all the token objects (about
 * 90 bytes each, hundreds per article). The rules use them while they run
 * on an article; after that, nothing keeps them, and a whole corpus held
 * in memory does not keep every article's tokens too. Keys are names or
 * sentence indexes. */
static char k_weak_mt;

void lede_lua_weak_cache(lua_State *L, int aidx)
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

/* As lede_lua_cached(), in the weak cache: the sentence objects, which a
 * corpus held in memory kept for every article after its rules had run
 * (2 MB per 1,000 articles). */
int lede_lua_weak_cached(lua_State *L, int aidx, const char *name,
                         void (*build)(lua_State *L, int aidx))
{
    aidx = lua_absindex(L, aidx);
    lede_lua_weak_cache(L, aidx);
    if (lua_getfield(L, -1, name) == LUA_TNIL) {
        lua_pop(L, 1);
        build(L, aidx);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, name);
    }
    lua_remove(L, -2);
    return 1;
}

static void build_tokens(lua_State *L, int aidx);

/* article:tokens(), from the weak cache or built (aidx: the article). */
void lede_lua_push_article_tokens(lua_State *L, int aidx)
{
    aidx = lua_absindex(L, aidx);
    lede_lua_weak_cache(L, aidx);
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
    lede_lua_weak_cache(L, aidx);
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
    lede_lua_mark_array(L, -1);
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

void lede_lua_build_sentences(lua_State *L, int aidx)
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
    lede_lua_mark_array(L, -1);
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
    lede_lua_mark_array(L, -1);
}

static void build_tokens(lua_State *L, int aidx)
{
    lede_article *a = check_article(L, aidx)->a;
    push_token_list(L, aidx, a, 0, a->ntokens);
}

static int article_sentences(lua_State *L)
{
    check_article(L, 1);
    return lede_lua_weak_cached(L, 1, "sentences", lede_lua_build_sentences);
}

static int article_tokens(lua_State *L)
{
    check_article(L, 1);
    lede_lua_push_article_tokens(L, 1);
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

/* A getter: the article at index 1 is one (checked by __index and by
 * article_tojson). */
static int article_get(lua_State *L, int code)
{
    lede_article *a = ((Larticle *)lua_touserdata(L, 1))->a;
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
    case AF_CATEGORIES: return lede_lua_cached(L, 1, "categories", build_categories);
    case AF_BOILERPLATE: return lede_lua_cached(L, 1, "boilerplate", build_boilerplate);
    case AF_TEXT: push_article_text(L, 1, a); break;
    case AF_PARAGRAPHS: return lede_lua_cached(L, 1, "paragraphs", build_paragraphs);
    case AF_RAW: push_raw(L, a); break;
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
        else push_raw(L, a);
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

static int article_tojson(lua_State *L)
{
    lede_article *a = check_article(L, 1)->a;
    static const int codes[] = { AF_ID, AF_PATH, AF_TITLE, AF_SUBTITLE, AF_DATE, AF_SOURCE,
                                 AF_URL, AF_BYLINE, AF_DATELINE, AF_AGENCY, AF_CATEGORIES };
    lede_lua_fields_table(L, article_get, article_fields, codes, sizeof codes / sizeof codes[0]);
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

static const luaL_Reg article_meta[] = {
    { "__len", article_len }, { "__tostring", article_tostring }, { "__eq", article_eq },
    { "__tojson", article_tojson }, { NULL, NULL }
};
static const luaL_Reg article_methods[] = {
    { "sentences", article_sentences }, { "tokens", article_tokens },
    { "sentence_at", article_sentence_at }, { "original_offset", article_original_offset },
    { NULL, NULL }
};

void lede_lua_open_article(lua_State *L, int mod)
{
    lede_lua_new_class(L, mod, MT_ARTICLE, "Article", article_meta, article_methods,
                       article_fields, article_get);
}
