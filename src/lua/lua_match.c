/*
 * lua_match.c — what the Lua sides of the two matching engines share
 * (src/gazetteer.c in lua_gazetteer.c, src/pattern.c in lua_pattern.c):
 *
 *   gazetteer { lede_gazetteer*, nvals }  uv1 = values: id -> Lua value
 *   pattern   { lede_pattern*, nkinds }   uv1 = ent kinds: name -> bit
 *
 * Both match a Sentence, an Article (its whole token list) or a string
 * (tokenized on the spot). Results use the conventions of the objects:
 * start/stop are 1-based inclusive byte offsets into the article text
 * (into the string for a string), tok_first/tok_last 1-based indexes into
 * article:tokens() (into the string's tokens for a string).
 */
#include "lua_common.h"

#include <stdlib.h>
#include <string.h>

#define MT_SCRATCH "lede.MatchScratch"

void lede_lua_scratch_release(Lscratch *sc)
{
    lede_tokvec_free(&sc->tv);
    lede_gazvec_free(&sc->gv);
    lede_patvec_free(&sc->pv);
    free(sc->ents);
    sc->ents = NULL;
}

static int scratch_gc(lua_State *L)
{
    lede_lua_scratch_release(luaL_checkudata(L, 1, MT_SCRATCH));
    return 0;
}

Lscratch *lede_lua_push_scratch(lua_State *L)
{
    Lscratch *sc = lua_newuserdatauv(L, sizeof *sc, 0);
    memset(sc, 0, sizeof *sc);
    luaL_setmetatable(L, MT_SCRATCH);
    return sc;
}

/* Fill v from the Sentence, Article or string at idx; a string's tokens go
 * into sc. The text stays valid while the value at idx is on the stack. */
void lede_lua_get_tokview(lua_State *L, int idx, Lscratch *sc, tokview *v, const char *who)
{
    Lsentence *us;
    Larticle *ua;
    if ((us = luaL_testudata(L, idx, MT_SENTENCE))) {
        const lede_sentence *s = &us->a->sentences[us->i];
        const lede_token *toks = lede_lua_tokens_of(L, us->a);
        *v = (tokview){ us->a->text, us->a->text_len, toks ? toks + s->tok_first : NULL,
                        s->tok_count, s->tok_first, NULL };
    } else if ((ua = luaL_testudata(L, idx, MT_ARTICLE))) {
        *v = (tokview){ ua->a->text ? ua->a->text : "", ua->a->text_len,
                        lede_lua_tokens_of(L, ua->a), ua->a->ntokens, 0, ua->a };
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
void lede_lua_set_span_fields(lua_State *L, const tokview *v, size_t start, size_t stop,
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

void lede_lua_open_match(lua_State *L)
{
    luaL_newmetatable(L, MT_SCRATCH);
    lua_pushcfunction(L, scratch_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
}
