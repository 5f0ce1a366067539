/*
 * lua_pool.c — small-block allocator for Lua states (see lua_pool.h).
 */
#include "lua_pool.h"

#include <stdlib.h>
#include <string.h>

/* Under AddressSanitizer a block is poisoned while it sits on a free list
 * or in a slab's unused tail, so a use after free or an overrun by the
 * C bindings into Lua memory is still caught as it would be with malloc. */
#if defined(__SANITIZE_ADDRESS__)
#define LEDE_POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEDE_POOL_ASAN 1
#endif
#endif
#ifdef LEDE_POOL_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define SLAB_BYTES (64 * 1024)

struct lede_pool_slab {
    lede_pool_slab *next;
    /* max_align_t keeps every block aligned as malloc's would be */
    _Alignas(max_align_t) char data[];
};

/* class index of a size 1..LEDE_POOL_MAX; its block size is (i+1)*GRAIN */
static size_t class_of(size_t n) { return (n - 1) / LEDE_POOL_GRAIN; }

static void *take(lede_pool *p, size_t n)
{
    size_t c = class_of(n);
    size_t bs = (c + 1) * LEDE_POOL_GRAIN;
    void *b = p->free[c];
    if (b) {
        UNPOISON(b, sizeof(void *));
        memcpy(&p->free[c], b, sizeof(void *));   /* next link */
        POISON(b, bs);
        UNPOISON(b, n);
        return b;
    }
    if ((size_t)(p->end - p->cur) < bs) {
        /* The old slab's tail (under LEDE_POOL_MAX bytes) is left unused
         * rather than split into lists: simpler, at most 0.4% lost. */
        lede_pool_slab *s = malloc(sizeof *s + SLAB_BYTES);
        if (!s) return NULL;
        s->next = p->slabs;
        p->slabs = s;
        p->cur = s->data;
        p->end = s->data + SLAB_BYTES;
        POISON(p->cur, SLAB_BYTES);
    }
    b = p->cur;
    p->cur += bs;
    UNPOISON(b, n);
    return b;
}

static void give(lede_pool *p, void *b, size_t n)
{
    size_t c = class_of(n);
    UNPOISON(b, sizeof(void *));
    memcpy(b, &p->free[c], sizeof(void *));
    p->free[c] = b;
    POISON(b, (c + 1) * LEDE_POOL_GRAIN);
}

void *lede_pool_realloc(lede_pool *p, void *ptr, size_t osize, size_t nsize)
{
    size_t old = ptr ? osize : 0;
    int small_old = old > 0 && old <= LEDE_POOL_MAX;
    if (nsize == 0) {
        if (small_old) give(p, ptr, old);
        else free(ptr);
        return NULL;
    }
    if (nsize <= LEDE_POOL_MAX) {
        if (small_old && class_of(old) == class_of(nsize)) {
            POISON(ptr, (class_of(old) + 1) * LEDE_POOL_GRAIN);
            UNPOISON(ptr, nsize);
            return ptr;
        }
        void *nb = take(p, nsize);
        if (!nb) return NULL;
        if (ptr) {
            memcpy(nb, ptr, old < nsize ? old : nsize);
            if (small_old) give(p, ptr, old);
            else free(ptr);
        }
        return nb;
    }
    if (!small_old) return realloc(ptr, nsize);  /* large to large */
    void *nb = malloc(nsize);
    if (!nb) return NULL;
    memcpy(nb, ptr, old);                        /* small to large: grows */
    give(p, ptr, old);
    return nb;
}

void lede_pool_free(lede_pool *p)
{
    lede_pool_slab *s = p->slabs;
    while (s) {
        lede_pool_slab *next = s->next;
        UNPOISON(s->data, SLAB_BYTES);
        free(s);
        s = next;
    }
    memset(p, 0, sizeof *p);
}
