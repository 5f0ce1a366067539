/*
 * fuzz_lua_common.h — a Lua state as the host makes one (lede_host_new:
 * the standard libraries, `lede`, the script roots on package.path, the
 * bundled rules), kept across inputs, for the harnesses that run Lua
 * (fuzz_rules, fuzz_merge). The scripts are found through LEDE_PATH (the
 * ctests and run.sh set it) or next to the binary.
 */
#ifndef LEDE_FUZZ_LUA_COMMON_H
#define LEDE_FUZZ_LUA_COMMON_H

#include "fuzz_common.h"
#include "host.h"

#include <lauxlib.h>
#include <lua.h>

/* The state with `driver` (a Lua chunk taking (data) and returning nothing
 * or raising a string on an invariant violation) compiled in the registry
 * as fuzz_driver. */
static lua_State *fuzz_lua_state(const char *driver)
{
    static lua_State *L;
    if (L) return L;
    static lede_host_opts opts;
    opts.output = "text";
    opts.quiet = 1;
    opts.argv0 = "lede";
    /* no --max-instructions: its count is for the state's whole life;
     * libFuzzer's -timeout catches an input that hangs the rules */
    L = lede_host_new(&opts);
    if (!L) {
        fprintf(stderr, "fuzz: cannot create the Lua state\n");
        abort();
    }
    if (luaL_loadstring(L, driver) != LUA_OK) {
        fprintf(stderr, "fuzz: driver: %s\n", lua_tostring(L, -1));
        abort();
    }
    lua_setfield(L, LUA_REGISTRYINDEX, "fuzz_driver");
    return L;
}

/* Run the driver on data; a Lua error is a failed invariant (or a crash of
 * the rules on this input): abort with it. Garbage is collected after each
 * input so memory stays flat. */
static void fuzz_lua_run(lua_State *L, const uint8_t *data, size_t size)
{
    int top = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, "fuzz_driver");
    lua_pushlstring(L, (const char *)data, size);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        fprintf(stderr, "fuzz: Lua error: %s\n", msg ? msg : "(not a string)");
        abort();
    }
    lua_settop(L, top);
    lua_gc(L, LUA_GCCOLLECT, 0);
}

#endif
