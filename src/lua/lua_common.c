/*
 * lua_common.c — what every class of the Lua boundary uses: class
 * registration (a metatable whose __index serves methods, then fields by
 * code), the JSON array marks, the registry tables behind them.
 */
#include "lua_common.h"

#include <string.h>

char lede_lua_k_json_arrays;
char lede_lua_k_class_info;

/* Registry state: JSON array markers (weak keys) and the class info that
 * lede.fields() reads. */
void lede_lua_open_common(lua_State *L)
{
    lua_newtable(L);
    lua_newtable(L);
    lua_pushstring(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lede_lua_k_json_arrays);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lede_lua_k_class_info);
}

/* Mark the table at idx as a JSON array (used by lede.json.encode). */
void lede_lua_mark_array(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lede_lua_k_json_arrays);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

/* Build a metatable whose __index looks in a methods table first and then
 * calls getter(L, self, field-code) with the code from a name->code table.
 * Leaves nothing on the stack; methods table is lede.<Name>. */
static int generic_index(lua_State *L)
{
    /* upvalue 1: methods, 2: fields (name -> code), 3: getter as light ud,
     * 4: the class's metatable (the getters trust that self is one) */
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
            if (!lua_getmetatable(L, 1) || !lua_rawequal(L, -1, lua_upvalueindex(4)))
                return luaL_typeerror(L, 1, "lede object of this class");
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
    lua_pushvalue(L, mt);
    lua_pushcclosure(L, generic_index, 4);
    lua_setfield(L, mt, "__index");
}

/* A table of the object's fields named by codes (for __tojson): the object
 * is at index 1; leaves the table on top. */
void lede_lua_fields_table(lua_State *L, getter_fn get, const char *const *names,
                           const int *codes, size_t n)
{
    lua_settop(L, 1);
    lua_newtable(L);
    for (size_t i = 0; i < n; i++) {
        get(L, codes[i]);
        lua_setfield(L, 2, names[codes[i]]);
    }
}

/* Register a class: metatable `mtname` with the given metamethods, a
 * methods table (also published as lede.<Name>) and field getters. The
 * module table must be at `mod`. */
void lede_lua_new_class(lua_State *L, int mod, const char *mtname, const char *pubname,
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
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lede_lua_k_class_info);
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
