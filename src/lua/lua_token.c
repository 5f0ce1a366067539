/*
 * lua_token.c — the Token class: text, kind, offsets, the folded form
 * (lower) and the word shape, read on demand from the C token.
 */
#include "lua_common.h"

static Ltoken *check_token(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_TOKEN);
}

/* Lowercased, diacritics stripped: the form gazetteers match on. */
void lede_lua_push_folded(lua_State *L, const char *s, size_t n)
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
void lede_lua_push_shape(lua_State *L, const char *s, size_t n)
{
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, n ? n : 1);
    luaL_pushresultsize(&b, lede_shape(s, n, out));
}

enum { TF_TEXT, TF_KIND, TF_START, TF_STOP, TF_INDEX, TF_ARTICLE, TF_SENTENCE, TF_LOWER, TF_SHAPE };
static const char *const token_fields[] = {
    "text", "kind", "start", "stop", "index", "article", "sentence", "lower", "shape", NULL
};

const lede_token *lede_lua_tokens_of(lua_State *L, const lede_article *a)
{
    const lede_token *t = lede_article_tokens(a);
    if (!t && a->ntokens) luaL_error(L, "out of memory");
    return t;
}

const lede_token *lede_lua_token_of(lua_State *L, const lede_article *a, size_t i)
{
    return lede_lua_tokens_of(L, a) + i;
}

/* A getter: the token at index 1 is one (lede_lua_new_class's __index and
 * this file's metamethods checked it; a check per field read was 4% of an
 * extraction's instructions). */
static int token_get(lua_State *L, int code)
{
    Ltoken *ut = lua_touserdata(L, 1);
    const lede_token *t = lede_lua_token_of(L, ut->a, ut->i);
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
        lede_lua_weak_cached(L, -1, "sentences", lede_lua_build_sentences);
        lua_rawgeti(L, -1, (lua_Integer)lo + 1);
        break;
    }
    case TF_LOWER: lede_lua_push_folded(L, ut->a->text + t->start, t->stop - t->start); break;
    case TF_SHAPE: lede_lua_push_shape(L, ut->a->text + t->start, t->stop - t->start); break;
    default: lua_pushnil(L);
    }
    return 1;
}

static int token_len(lua_State *L)
{
    Ltoken *ut = check_token(L, 1);
    const lede_token *t = lede_lua_token_of(L, ut->a, ut->i);
    lua_pushinteger(L, t->stop - t->start);
    return 1;
}

static int token_tostring(lua_State *L)
{
    check_token(L, 1);
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
    check_token(L, 1);
    static const int codes[] = { TF_TEXT, TF_KIND, TF_START, TF_STOP };
    lede_lua_fields_table(L, token_get, token_fields, codes, sizeof codes / sizeof codes[0]);
    return 1;
}

static const luaL_Reg token_meta[] = {
    { "__len", token_len }, { "__tostring", token_tostring }, { "__eq", token_eq },
    { "__tojson", token_tojson }, { NULL, NULL }
};
static const luaL_Reg no_methods[] = { { NULL, NULL } };

void lede_lua_open_token(lua_State *L, int mod)
{
    lede_lua_new_class(L, mod, MT_TOKEN, "Token", token_meta, no_methods, token_fields, token_get);
}
