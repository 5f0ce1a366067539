/*
 * lua_shingle.c — lede.shingles: word shingles as sorted 64-bit hashes,
 * MinHash signatures and their comparisons, in C (the duplicates report).
 *
 *   lede.shingles.hashes(words, k) -> hashes, n
 *       every run of k consecutive strings of the list words (all of them
 *       when there are fewer), joined by one space, hashed with 64-bit
 *       FNV-1a; hashes: the distinct values, sorted, packed as native
 *       8-byte integers; n: how many
 *   lede.shingles.minhash(hashes, a, b) -> signature | nil
 *       for each i of the lists a and b (integers): the least
 *       (a[i] * x + b[i]) >> 32 (64-bit wrap-around, logical shift) over
 *       the hashes x, packed as native 4-byte integers; nil without hashes
 *   lede.shingles.shared(h1, h2) -> the number of hashes in both
 *   lede.shingles.same(s1, s2)   -> the number of positions where two
 *       signatures are equal
 *
 * The report kept each article's shingles as a Lua table of strings (some
 * 100 bytes a shingle, 411 MB of peak on 1,000 articles of the bench
 * corpus); as hashes they are 8 bytes each, and two articles' shingles are
 * compared by one merge of two sorted arrays. Two distinct shingles with
 * one 64-bit hash would count as one (about n^2 / 2^65 for n shingles).
 */
#include "lua_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv_bytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int l_hashes(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer k = luaL_checkinteger(L, 2);
    lua_Integer nw = (lua_Integer)lua_rawlen(L, 1);
    if (k > nw) k = nw;
    if (k < 1) {
        lua_pushliteral(L, "");
        lua_pushinteger(L, 0);
        return 2;
    }
    size_t nsh = (size_t)(nw - k + 1);
    /* the words' bytes, read once (a userdata, freed by the collector) */
    const char **w = lua_newuserdatauv(L, (size_t)nw * (sizeof *w + sizeof(size_t)), 0);
    size_t *wl = (size_t *)(w + nw);
    for (lua_Integer i = 0; i < nw; i++) {
        lua_rawgeti(L, 1, i + 1);
        w[i] = lua_tolstring(L, -1, &wl[i]);   /* held by the table */
        if (!w[i]) return luaL_error(L, "shingles.hashes: word %d is not a string", (int)i + 1);
        lua_pop(L, 1);
    }
    uint64_t *h = lua_newuserdatauv(L, nsh * sizeof *h, 0);
    for (size_t i = 0; i < nsh; i++) {
        uint64_t x = FNV_OFFSET;
        for (lua_Integer j = 0; j < k; j++) {
            if (j) x = fnv_bytes(x, " ", 1);
            x = fnv_bytes(x, w[i + (size_t)j], wl[i + (size_t)j]);
        }
        h[i] = x;
    }
    qsort(h, nsh, sizeof *h, cmp_u64);
    size_t n = 0;
    for (size_t i = 0; i < nsh; i++)
        if (n == 0 || h[i] != h[n - 1]) h[n++] = h[i];
    lua_pushlstring(L, (const char *)h, n * sizeof *h);
    lua_pushinteger(L, (lua_Integer)n);
    return 2;
}

/* A string of hashes and how many; read through at() (a Lua string's
 * bytes need not be aligned for 8-byte loads with lede's allocator). */
static const char *check_hashes(lua_State *L, int idx, size_t *n)
{
    size_t len;
    const char *s = luaL_checklstring(L, idx, &len);
    if (len % sizeof(uint64_t)) luaL_argerror(L, idx, "not a string of hashes");
    *n = len / sizeof(uint64_t);
    return s;
}

static uint64_t at(const char *s, size_t i)
{
    uint64_t v;
    memcpy(&v, s + i * sizeof v, sizeof v);
    return v;
}

static int l_minhash(lua_State *L)
{
    size_t n;
    const char *h = check_hashes(L, 1, &n);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    size_t m = lua_rawlen(L, 2);
    if (lua_rawlen(L, 3) != m) return luaL_error(L, "shingles.minhash: a and b differ in length");
    if (n == 0) return 0;
    uint32_t *sig = lua_newuserdatauv(L, (m ? m : 1) * sizeof *sig, 0);
    for (size_t i = 0; i < m; i++) {
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        int ok1, ok2;
        uint64_t a = (uint64_t)lua_tointegerx(L, -2, &ok1), b = (uint64_t)lua_tointegerx(L, -1, &ok2);
        lua_pop(L, 2);
        if (!ok1 || !ok2) return luaL_error(L, "shingles.minhash: a and b hold integers");
        uint64_t lo = UINT64_MAX;
        for (size_t j = 0; j < n; j++) {
            uint64_t v = (a * at(h, j) + b) >> 32;
            if (v < lo) lo = v;
        }
        sig[i] = (uint32_t)lo;
    }
    lua_pushlstring(L, (const char *)sig, m * sizeof *sig);
    return 1;
}

static int l_shared(lua_State *L)
{
    size_t n1, n2, i = 0, j = 0;
    lua_Integer both = 0;
    const char *a = check_hashes(L, 1, &n1), *b = check_hashes(L, 2, &n2);
    uint64_t x = n1 ? at(a, 0) : 0, y = n2 ? at(b, 0) : 0;
    while (i < n1 && j < n2) {
        if (x < y) {
            if (++i < n1) x = at(a, i);
        } else if (x > y) {
            if (++j < n2) y = at(b, j);
        } else {
            both++;
            if (++i < n1) x = at(a, i);
            if (++j < n2) y = at(b, j);
        }
    }
    lua_pushinteger(L, both);
    return 1;
}

static int l_same(lua_State *L)
{
    size_t l1, l2;
    const char *s1 = luaL_checklstring(L, 1, &l1), *s2 = luaL_checklstring(L, 2, &l2);
    if (l1 != l2 || l1 % sizeof(uint32_t)) return luaL_error(L, "shingles.same: signatures differ in length");
    lua_Integer same = 0;
    for (size_t i = 0; i < l1; i += sizeof(uint32_t)) same += !memcmp(s1 + i, s2 + i, sizeof(uint32_t));
    lua_pushinteger(L, same);
    return 1;
}

void lede_lua_open_shingles(lua_State *L, int mod)
{
    static const luaL_Reg funcs[] = {
        { "hashes", l_hashes }, { "minhash", l_minhash }, { "shared", l_shared }, { "same", l_same },
        { NULL, NULL }
    };
    luaL_newlib(L, funcs);
    lua_setfield(L, mod, "shingles");
}
