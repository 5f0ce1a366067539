/*
 * lua_sentence.c — the Sentence class: text, offsets, paragraph, and its
 * tokens (the same objects as article:tokens()).
 */
#include "lua_common.h"

static Lsentence *check_sentence(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MT_SENTENCE);
}

enum { SF_TEXT, SF_INDEX, SF_START, SF_STOP, SF_ARTICLE, SF_PARAGRAPH };
static const char *const sentence_fields[] = {
    "text", "index", "start", "stop", "article", "paragraph", NULL
};

/* A getter: the sentence at index 1 is one (checked by __index and by the
 * metamethods below). */
static int sentence_get(lua_State *L, int code)
{
    Lsentence *us = lua_touserdata(L, 1);
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
    lede_lua_weak_cache(L, 2);                                 /* 3 */
    lua_Integer key = (lua_Integer)us->i + 1;
    if (lua_rawgeti(L, 3, key) == LUA_TTABLE) return 1;
    lua_pop(L, 1);
    const lede_sentence *s = &us->a->sentences[us->i];
    /* The same token objects as article:tokens(), not a second set: rules
     * that walk sentences and the article's token list share them (half the
     * userdata, and t1 == t2 holds by identity too). Kept in the article's
     * weak cache, like the article's list. */
    lede_lua_push_article_tokens(L, 2);
    int all = lua_gettop(L);
    lua_createtable(L, (int)s->tok_count, 0);
    for (size_t i = 0; i < s->tok_count; i++) {
        lua_rawgeti(L, all, (lua_Integer)(s->tok_first + i) + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_lua_mark_array(L, -1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, 3, key);
    return 1;
}

/* sentence:token_fields() -> the sentence's tokens as plain tables { text,
 * lower, kind, start, stop, index } (the token objects' fields, read once
 * in one C call). Rules that walk tokens in loops read Lua fields from
 * these instead of a token object's C __index per read (issue 13: ~1,170
 * instructions a read). Kept in the article's weak cache under -(i + 1)
 * (tokens() uses i + 1), so a sentence asked again gets the same tables. */
static int sentence_token_fields(lua_State *L)
{
    Lsentence *us = check_sentence(L, 1);
    lua_settop(L, 1);
    lua_getiuservalue(L, 1, 1);                       /* 2: the article */
    lede_lua_weak_cache(L, 2);                        /* 3 */
    lua_Integer key = -((lua_Integer)us->i + 1);
    if (lua_rawgeti(L, 3, key) == LUA_TTABLE) return 1;
    lua_pop(L, 1);
    const lede_article *a = us->a;
    const lede_sentence *s = &a->sentences[us->i];
    /* The field names pushed once (4..9), each set by lua_rawset: a
     * lua_setfield per field looks its name up again (most of the cost). */
    static const char *const names[] = { "text", "lower", "kind", "start", "stop", "index" };
    for (int k = 0; k < 6; k++) lua_pushstring(L, names[k]);
    const lede_token *toks = lede_lua_tokens_of(L, a);
    lua_createtable(L, (int)s->tok_count, 0);
    for (size_t i = 0; i < s->tok_count; i++) {
        size_t ti = s->tok_first + i;
        const lede_token *t = &toks[ti];
        const char *w = a->text + t->start;
        size_t n = t->stop - t->start;
        lua_createtable(L, 0, 6);
        lua_pushvalue(L, 4);
        lua_pushlstring(L, w, n);
        lua_rawset(L, -3);
        lua_pushvalue(L, 5);
        lede_lua_push_folded(L, w, n);
        lua_rawset(L, -3);
        lua_pushvalue(L, 6);
        lua_pushstring(L, lede_tok_kind_name(t->kind));
        lua_rawset(L, -3);
        lua_pushvalue(L, 7);
        lua_pushinteger(L, (lua_Integer)t->start + 1);
        lua_rawset(L, -3);
        lua_pushvalue(L, 8);
        lua_pushinteger(L, (lua_Integer)t->stop);
        lua_rawset(L, -3);
        lua_pushvalue(L, 9);
        lua_pushinteger(L, (lua_Integer)ti + 1);
        lua_rawset(L, -3);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_lua_mark_array(L, -1);
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
    check_sentence(L, 1);
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
    check_sentence(L, 1);
    static const int codes[] = { SF_INDEX, SF_START, SF_STOP, SF_PARAGRAPH, SF_TEXT };
    lede_lua_fields_table(L, sentence_get, sentence_fields, codes, sizeof codes / sizeof codes[0]);
    return 1;
}

static const luaL_Reg sentence_meta[] = {
    { "__len", sentence_len }, { "__tostring", sentence_tostring }, { "__eq", sentence_eq },
    { "__tojson", sentence_tojson }, { NULL, NULL }
};
static const luaL_Reg sentence_methods[] = {
    { "tokens", sentence_tokens }, { "token_fields", sentence_token_fields }, { NULL, NULL }
};

void lede_lua_open_sentence(lua_State *L, int mod)
{
    lede_lua_new_class(L, mod, MT_SENTENCE, "Sentence", sentence_meta, sentence_methods,
                       sentence_fields, sentence_get);
}
