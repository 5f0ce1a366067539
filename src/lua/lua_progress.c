/*
 * lua_progress.c — lede.progress: the Lua side of the progress line
 * (progress.h). lib/annotate.lua calls lede.progress.article(a) once per
 * article whose rules have run; a script that writes to io.stderr while a
 * long run shows the line may call lede.progress.clear() first.
 */
#include "lbind.h"
#include "progress.h"

#include <lauxlib.h>

/* lede.progress.article(article): one more article through the rules. */
static int l_progress_article(lua_State *L)
{
    lede_article *a = lede_lua_toarticle(L, 1);
    if (!a) return luaL_argerror(L, 1, "an article expected");
    lede_progress_add(1, a->raw_len);
    return 0;
}

static int l_progress_clear(lua_State *L)
{
    (void)L;
    lede_progress_clear();
    return 0;
}

static int l_progress_enabled(lua_State *L)
{
    lua_pushboolean(L, lede_progress_enabled());
    return 1;
}

int luaopen_lede_progress(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        { "article", l_progress_article },
        { "clear", l_progress_clear },
        { "enabled", l_progress_enabled },
        { NULL, NULL }
    };
    luaL_newlib(L, funcs);
    return 1;
}
