/*
 * arena.c — bump allocation with one lifetime.
 *
 * A corpus allocates everything it owns (strings, articles, sentence and
 * token arrays) from one arena and frees it in one call. Blocks grow
 * geometrically; a request larger than a block gets a block of its own so
 * that big article texts do not waste the tail of the current block.
 */
#include "lede/lede.h"
#include "lede_mem.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_MIN_BLOCK (64u * 1024u)
#define ARENA_MAX_BLOCK (8u * 1024u * 1024u)

typedef struct block {
    struct block *next;
    size_t size, used;
    /* data follows, 16-aligned via the union in struct alignment below */
    max_align_t data[];
} block;

struct lede_arena {
    block *head;          /* current block (others chained behind it) */
    size_t next_size;     /* size of the next ordinary block */
    size_t handed;        /* bytes handed out, for stats */
    int counted;          /* its blocks count for --max-memory (lede_mem.h) */
};

/* ------------------------------------------------ memory accounting */

static atomic_size_t mem_counted;
static atomic_size_t mem_limit;
static atomic_int mem_hit;
static atomic_int mem_exempt;

size_t lede_mem_counted(void) { return atomic_load(&mem_counted); }
void lede_mem_set_limit(size_t bytes) { atomic_store(&mem_limit, bytes); }
size_t lede_mem_limit(void) { return atomic_load(&mem_limit); }
void lede_mem_exempt(int on) { atomic_store(&mem_exempt, on); }
int lede_mem_is_exempt(void) { return atomic_load(&mem_exempt); }
int lede_mem_take_hit(void) { return atomic_exchange(&mem_hit, 0); }

static int charge(size_t n)
{
    size_t lim = atomic_load(&mem_limit);
    size_t now = atomic_fetch_add(&mem_counted, n) + n;
    if (lim && (now > lim || now < n)) {
        atomic_fetch_sub(&mem_counted, n);
        atomic_store(&mem_hit, 1);
        return -1;
    }
    return 0;
}

int lede_mem_charge(size_t n, int *counted)
{
    *counted = 0;
    if (atomic_load(&mem_exempt)) return 0;
    if (charge(n) != 0) return -1;
    *counted = 1;
    return 0;
}

void lede_mem_discharge(size_t n)
{
    atomic_fetch_sub(&mem_counted, n);
}

lede_arena *lede_arena_new(void)
{
    return lede_arena_new_sized(ARENA_MIN_BLOCK);
}

lede_arena *lede_arena_new_sized(size_t first)
{
    lede_arena *a = calloc(1, sizeof *a);
    if (a) a->counted = !lede_mem_is_exempt();
    if (a) a->next_size = first < 256 ? 256 : first > ARENA_MAX_BLOCK ? ARENA_MAX_BLOCK : first;
    return a;
}

void lede_arena_free(lede_arena *a)
{
    if (!a) return;
    block *b = a->head;
    while (b) {
        block *n = b->next;
        if (a->counted) lede_mem_discharge(sizeof(block) + b->size);
        free(b);
        b = n;
    }
    free(a);
}

static block *new_block(lede_arena *a, size_t size)
{
    if (size > SIZE_MAX - sizeof(block)) return NULL;   /* header + size overflows */
    if (a->counted && charge(sizeof(block) + size) != 0) return NULL;
    block *b = malloc(sizeof(block) + size);
    if (!b) {
        if (a->counted) lede_mem_discharge(sizeof(block) + size);
        return NULL;
    }
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *lede_arena_alloc(lede_arena *a, size_t n)
{
    if (n == 0) n = 1;
    size_t need = (n + 7u) & ~(size_t)7u;
    if (need < n) return NULL; /* overflow */
    block *b = a->head;
    if (b && b->size - b->used >= need) {
        void *p = (char *)b->data + b->used;
        b->used += need;
        a->handed += need;
        return p;
    }
    if (need > a->next_size / 4) {
        /* Large request: its own block, chained behind the current one so
         * the current block's free tail stays usable. */
        block *big = new_block(a, need);
        if (!big) return NULL;
        big->used = need;
        if (a->head) {
            big->next = a->head->next;
            a->head->next = big;
        } else {
            a->head = big;
        }
        a->handed += need;
        return big->data;
    }
    block *nb = new_block(a, a->next_size);
    if (!nb) return NULL;
    if (a->next_size < ARENA_MAX_BLOCK) a->next_size *= 2;
    nb->next = a->head;
    a->head = nb;
    nb->used = need;
    a->handed += need;
    return nb->data;
}

void *lede_arena_calloc(lede_arena *a, size_t n)
{
    void *p = lede_arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

void *lede_arena_memdup(lede_arena *a, const void *p, size_t n)
{
    void *q = lede_arena_alloc(a, n ? n : 1);
    if (q && n) memcpy(q, p, n);
    return q;
}

char *lede_arena_strndup(lede_arena *a, const char *s, size_t n)
{
    char *q = lede_arena_alloc(a, n + 1);
    if (!q) return NULL;
    if (n) memcpy(q, s, n);
    q[n] = '\0';
    return q;
}

char *lede_arena_strdup(lede_arena *a, const char *s)
{
    return lede_arena_strndup(a, s, strlen(s));
}

char *lede_arena_printf(lede_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *q = lede_arena_alloc(a, (size_t)n + 1);
    if (!q) return NULL;
    va_start(ap, fmt);
    vsnprintf(q, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return q;
}

size_t lede_arena_used(const lede_arena *a)
{
    return a->handed;
}

void lede_arena_reset(lede_arena *a)
{
    /* Keep the newest ordinary block (the head): it is the one a stream of
     * similar articles will fill again. Large private blocks go. */
    block *keep = a->head;
    if (!keep) return;
    block *b = keep->next;
    while (b) {
        block *n = b->next;
        if (a->counted) lede_mem_discharge(sizeof(block) + b->size);
        free(b);
        b = n;
    }
    keep->next = NULL;
    keep->used = 0;
    a->handed = 0;
}

int lede_bytes_append(char **str, size_t *len, size_t *cap, const char *s, size_t n,
                      size_t first)
{
    if (n > SIZE_MAX - 1 - *len) return -1;
    size_t need = *len + n + 1;
    if (need > *cap) {
        size_t nc = *cap ? *cap : (first ? first : 1);
        while (nc < need) {
            if (nc > SIZE_MAX / 2) { nc = need; break; }
            nc *= 2;
        }
        char *ns = realloc(*str, nc);
        if (!ns) return -1;
        *str = ns;
        *cap = nc;
    }
    if (n) memcpy(*str + *len, s, n);
    *len += n;
    (*str)[*len] = '\0';
    return 0;
}

void *lede_grow(void *v, size_t *cap, size_t elem, size_t first)
{
    size_t ncap = *cap ? *cap : first;
    if (*cap) {
        if (ncap > SIZE_MAX / 2) return NULL;
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem) return NULL;
    void *nv = realloc(v, ncap * elem);
    if (!nv) return NULL;
    *cap = ncap;
    return nv;
}
