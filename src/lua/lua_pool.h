/*
 * lua_pool.h — a small-block allocator for one Lua state.
 *
 * Extraction makes hundreds of thousands of short-lived tables, closures
 * and strings per megabyte of text; with glibc malloc a quarter of the run
 * went to malloc/free and the consolidation of their free lists. Lua passes
 * the old size of every block it frees or resizes, so blocks need no
 * header: a block of up to LEDE_POOL_MAX bytes is taken from a per-size
 * free list carved out of 64 KB slabs, anything larger goes to malloc.
 *
 * Ownership: a pool belongs to exactly one lua_State (one thread at a
 * time, like the state). Freed small blocks go back to their free list,
 * never to malloc; the slabs are released by lede_pool_free() after
 * lua_close(). So a pool's size is the peak of the small blocks its state
 * held at once (a few MB for a streamed corpus).
 */
#ifndef LEDE_LUA_POOL_H
#define LEDE_LUA_POOL_H

#include <stddef.h>

#define LEDE_POOL_MAX 256       /* largest pooled block, bytes */
#define LEDE_POOL_GRAIN 16      /* size classes: 16, 32, ..., 256 */

typedef struct lede_pool_slab lede_pool_slab;

typedef struct lede_pool {
    void *free[LEDE_POOL_MAX / LEDE_POOL_GRAIN];  /* free list per class */
    lede_pool_slab *slabs;      /* every slab, for lede_pool_free() */
    char *cur, *end;            /* unused tail of the newest slab */
} lede_pool;

/* lua_Alloc semantics without the limit: ptr/osize as Lua gives them
 * (osize is the block's size when ptr is not NULL); nsize 0 frees.
 * Returns NULL when memory runs out (ptr is then left untouched). */
void *lede_pool_realloc(lede_pool *p, void *ptr, size_t osize, size_t nsize);

/* Release every slab. Call after lua_close(); the pool can be reused. */
void lede_pool_free(lede_pool *p);

#endif
