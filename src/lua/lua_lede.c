/*
 * lua_lede.c — the `lede` module: luaopen_lede builds the module table from
 * the class files of src/lua/ (see lua_common.h for the map), plus the
 * introspection helpers lede.fields, lede.listdir and lede.about.
 */
#include "lua_common.h"
#include "host.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>
#include <string.h>

/* lede.fields(obj) -> class name, list of field names, methods table for a
 * lede object (nil for anything else). Methods added from Lua (such as
 * article:entities) are in the methods table too. */
static int l_fields(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TUSERDATA || !lua_getmetatable(L, 1)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lede_lua_k_class_info);
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
    lede_lua_mark_array(L, -1);
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
        { "load", lede_lua_load }, { "parse", lede_lua_parse }, { "re", lede_lua_re },
        { "fold", lede_lua_fold }, { "normalize", lede_lua_normalize }, { "date", lede_lua_date },
        { "tokenize", lede_lua_tokenize }, { "about", l_version_info }, { "fields", l_fields },
        { "listdir", l_listdir }, { "stream", lede_lua_stream },
        { "gazetteer", lede_lua_gazetteer }, { "pattern", lede_lua_pattern },
        { "shape", lede_lua_shape }, { "annstore", lede_lua_annstore },
        { "extract_record", lede_lua_extract_record }, { NULL, NULL }
    };
    lede_lua_open_common(L);
    lede_lua_open_match(L);
    lede_lua_open_annstore(L);

    luaL_newlib(L, funcs);
    int mod = lua_gettop(L);
    lua_pushstring(L, LEDE_VERSION);
    lua_setfield(L, mod, "version");
    lua_newtable(L);
    lua_setfield(L, mod, "options");
    luaopen_lede_tagger(L);
    lua_setfield(L, mod, "tagger");
    lede_width_register(L, mod);   /* lede.width, lede.fit: lua_width.c */
    lede_keyscan_register(L, mod); /* lede.keyscan: lua_keyscan.c */
    lede_entity_register(L, mod);  /* lede.entity: lua_entity.c */
    luaopen_lede_progress(L);
    lua_setfield(L, mod, "progress");
    lede_lua_open_json(L, mod);

    /* The classes, in this order (the order of the module's fields). */
    lede_lua_open_corpus(L, mod);
    lede_lua_open_article(L, mod);
    lede_lua_open_sentence(L, mod);
    lede_lua_open_token(L, mod);
    lede_lua_open_regex(L, mod);
    lede_lua_open_stream(L, mod);
    lede_lua_open_gazetteer(L, mod);
    lede_lua_open_pattern(L, mod);
    lede_lua_open_shingles(L, mod);   /* lede.shingles: lua_shingle.c */
    return 1;
}
