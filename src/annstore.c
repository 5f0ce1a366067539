/*
 * annstore.c — the per-article annotation store and its name tables (see
 * annstore.h).
 */
#include "annstore.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ names */

struct lede_names {
    char **names;             /* id -> name (malloc'd, NUL-terminated) */
    size_t *lens;
    size_t n, cap;
    int32_t *slots;           /* open addressing: id + 1, 0 empty */
    size_t nslots;            /* a power of two, at least 2n */
};

static uint32_t name_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

lede_names *lede_names_new(void)
{
    return calloc(1, sizeof(lede_names));
}

void lede_names_free(lede_names *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->n; i++) free(n->names[i]);
    free(n->names);
    free(n->lens);
    free(n->slots);
    free(n);
}

/* The slot where s is, or the empty slot where it would go. */
static size_t name_slot(const lede_names *n, const char *s, size_t len)
{
    size_t mask = n->nslots - 1, i = name_hash(s, len) & mask;
    while (n->slots[i]) {
        size_t id = (size_t)n->slots[i] - 1;
        if (n->lens[id] == len && !memcmp(n->names[id], s, len)) return i;
        i = (i + 1) & mask;
    }
    return i;
}

int32_t lede_names_find(const lede_names *n, const char *s, size_t len)
{
    if (!n->nslots) return -1;
    size_t i = name_slot(n, s, len);
    return n->slots[i] ? n->slots[i] - 1 : -1;
}

static int names_rehash(lede_names *n, size_t nslots)
{
    int32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots) return -1;
    free(n->slots);
    n->slots = slots;
    n->nslots = nslots;
    for (size_t id = 0; id < n->n; id++)
        n->slots[name_slot(n, n->names[id], n->lens[id])] = (int32_t)id + 1;
    return 0;
}

int32_t lede_names_intern(lede_names *n, const char *s, size_t len)
{
    int32_t id = lede_names_find(n, s, len);
    if (id >= 0) return id;
    if (n->n > UINT16_MAX) return -1;
    if (n->n == n->cap) {
        size_t cap = n->cap ? 2 * n->cap : 16;
        char **names = realloc(n->names, cap * sizeof *names);
        if (!names) return -1;
        n->names = names;
        size_t *lens = realloc(n->lens, cap * sizeof *lens);
        if (!lens) return -1;
        n->lens = lens;
        n->cap = cap;
    }
    if (2 * (n->n + 1) > n->nslots && names_rehash(n, n->nslots ? 2 * n->nslots : 32)) return -1;
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, s, len);
    copy[len] = 0;
    id = (int32_t)n->n++;
    n->names[id] = copy;
    n->lens[id] = len;
    n->slots[name_slot(n, s, len)] = id + 1;
    return id;
}

const char *lede_names_name(const lede_names *n, uint32_t id, size_t *len)
{
    if (id >= n->n) return NULL;
    if (len) *len = n->lens[id];
    return n->names[id];
}

size_t lede_names_count(const lede_names *n)
{
    return n->n;
}

/* ------------------------------------------------------------ store */

void lede_annstore_init(lede_annstore *st, const lede_names *kinds)
{
    memset(st, 0, sizeof *st);
    st->kinds = kinds;
}

void lede_annstore_free(lede_annstore *st)
{
    free(st->v);
    free(st->attrs);
    free(st->wide);
    free(st->strs);
    free(st->shash);
    const lede_names *kinds = st->kinds;
    lede_annstore_init(st, kinds);
}

/* Grow *p (of *cap elements of size sz) to hold need elements. */
static int grow(void **p, size_t *cap, size_t need, size_t sz, size_t first)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : first;
    while (c < need) {
        if (c > SIZE_MAX / 2 / sz) return -1;
        c *= 2;
    }
    void *q = realloc(*p, c * sz);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* a before b in the store's order (annstore.h). */
static int before(const lede_annstore *st, const lede_ann *a, const lede_ann *b)
{
    if (a->order != b->order) return a->order < b->order;
    if (a->start != b->start) return a->start < b->start;
    if (a->stop != b->stop) return a->stop > b->stop;
    if (a->kind == b->kind) return 0;
    return strcmp(lede_names_name(st->kinds, a->kind, NULL),
                  lede_names_name(st->kinds, b->kind, NULL)) < 0;
}

/* Where the string s[0..len) is in the buffer, added when new (each
 * string of an article once: "gazetteer", a canonical name, a date's
 * value recur); UINT32_MAX when out of memory. */
static uint32_t intern_str(lede_annstore *st, const char *s, size_t len)
{
    if (2 * (st->nshash + 1) > st->shash_cap) {
        size_t cap = st->shash_cap ? 2 * st->shash_cap : 64;
        uint32_t *h = calloc(cap, sizeof *h);
        if (!h) return UINT32_MAX;
        for (size_t k = 0; k < st->shash_cap; k++) {
            uint32_t off = st->shash[k];
            if (!off) continue;
            uint32_t l;
            memcpy(&l, st->strs + off - 1, sizeof l);
            size_t i = name_hash(st->strs + off - 1 + sizeof l, l) & (cap - 1);
            while (h[i]) i = (i + 1) & (cap - 1);
            h[i] = off;
        }
        free(st->shash);
        st->shash = h;
        st->shash_cap = cap;
    }
    size_t mask = st->shash_cap - 1, i = name_hash(s, len) & mask;
    for (; st->shash[i]; i = (i + 1) & mask) {
        const char *p = st->strs + st->shash[i] - 1;
        uint32_t l;
        memcpy(&l, p, sizeof l);
        if (l == len && !memcmp(p + sizeof l, s, len)) return st->shash[i] - 1;
    }
    size_t need = st->nstrs + sizeof(uint32_t) + len + 1;
    if (need > UINT32_MAX - 1 || grow((void **)&st->strs, &st->strs_cap, need, 1, 256))
        return UINT32_MAX;
    uint32_t off = (uint32_t)st->nstrs, l = (uint32_t)len;
    memcpy(st->strs + off, &l, sizeof l);
    if (len) memcpy(st->strs + off + sizeof l, s, len);
    st->strs[off + sizeof l + len] = 0;
    st->nstrs = need;
    st->shash[i] = off + 1;
    st->nshash++;
    return off;
}

/* Set at's value from in; -1 when out of memory. */
static int set_value(lede_annstore *st, lede_attr *at, const lede_attr_in *in)
{
    if (in->type == LEDE_AV_STR) {
        if (in->len > UINT32_MAX / 2) return -1;
        uint32_t off = intern_str(st, in->s, in->len);
        if (off == UINT32_MAX) return -1;
        at->val = off;
        return 0;
    }
    if (in->type == LEDE_AV_INT && in->i >= INT32_MIN && in->i <= INT32_MAX) {
        at->val = (uint32_t)(int32_t)in->i;
        return 0;
    }
    if (in->type != LEDE_AV_INT && in->type != LEDE_AV_NUM) return 0;   /* booleans */
    if (st->nwide >= UINT32_MAX ||
        grow((void **)&st->wide, &st->wide_cap, st->nwide + 1, sizeof *st->wide, 16))
        return -1;
    if (in->type == LEDE_AV_INT) st->wide[st->nwide].i = in->i;
    else st->wide[st->nwide].d = in->d;
    at->wide = 1;
    at->val = (uint32_t)st->nwide++;
    return 0;
}

long lede_annstore_add(lede_annstore *st, const lede_ann *a, const lede_attr_in *attrs,
                       size_t nattrs)
{
    if (nattrs > UINT16_MAX || st->nattrs + nattrs > UINT32_MAX ||
        grow((void **)&st->v, &st->cap, st->n + 1, sizeof *st->v, 16) ||
        grow((void **)&st->attrs, &st->attrs_cap, st->nattrs + nattrs, sizeof *st->attrs, 32))
        return -1;
    lede_ann r = *a;
    r.attr_first = (uint32_t)st->nattrs;
    r.nattrs = (uint16_t)nattrs;
    for (size_t i = 0; i < nattrs; i++) {
        lede_attr *at = &st->attrs[r.attr_first + i];
        memset(at, 0, sizeof *at);
        at->key = attrs[i].key;
        at->type = attrs[i].type;
        if (set_value(st, at, &attrs[i])) return -1;   /* what it added is unused */
    }
    st->nattrs += nattrs;
    r.seq = st->next_seq++;
    /* Annotations mostly come in text order: append; else the first place
     * whose annotation comes after r (binary search), after any equal. */
    size_t lo = st->n;
    if (st->n && before(st, &r, &st->v[st->n - 1])) {
        size_t hi = st->n - 1;
        lo = 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (before(st, &r, &st->v[mid])) hi = mid;
            else lo = mid + 1;
        }
        memmove(st->v + lo + 1, st->v + lo, (st->n - lo) * sizeof *st->v);
    }
    st->v[lo] = r;
    st->n++;
    return (long)lo;
}

long lede_annstore_find(const lede_annstore *st, uint32_t seq)
{
    for (size_t i = 0; i < st->n; i++)
        if (st->v[i].seq == seq) return (long)i;
    return -1;
}

void lede_annstore_remove(lede_annstore *st, size_t i)
{
    if (i >= st->n) return;
    memmove(st->v + i, st->v + i + 1, (st->n - i - 1) * sizeof *st->v);
    st->n--;
}

const char *lede_annstore_str(const lede_annstore *st, const lede_attr *at, size_t *len)
{
    uint32_t l;
    memcpy(&l, st->strs + at->val, sizeof l);
    if (len) *len = l;
    return st->strs + at->val + sizeof l;
}

int64_t lede_annstore_int(const lede_annstore *st, const lede_attr *at)
{
    return at->wide ? st->wide[at->val].i : (int64_t)(int32_t)at->val;
}

double lede_annstore_num(const lede_annstore *st, const lede_attr *at)
{
    return st->wide[at->val].d;
}

/* Shrink *p to n elements of size sz (kept as it is when realloc fails). */
static void shrink(void **p, size_t *cap, size_t n, size_t sz)
{
    if (*cap == n) return;
    if (n == 0) {
        free(*p);
        *p = NULL;
        *cap = 0;
        return;
    }
    void *q = realloc(*p, n * sz);
    if (!q) return;
    *p = q;
    *cap = n;
}

void lede_annstore_compact(lede_annstore *st)
{
    shrink((void **)&st->v, &st->cap, st->n, sizeof *st->v);
    shrink((void **)&st->attrs, &st->attrs_cap, st->nattrs, sizeof *st->attrs);
    shrink((void **)&st->wide, &st->wide_cap, st->nwide, sizeof *st->wide);
    shrink((void **)&st->strs, &st->strs_cap, st->nstrs, 1);
    free(st->shash);   /* made again if more strings come */
    st->shash = NULL;
    st->shash_cap = st->nshash = 0;
}

size_t lede_annstore_bytes(const lede_annstore *st)
{
    return st->cap * sizeof *st->v + st->attrs_cap * sizeof *st->attrs +
           st->wide_cap * sizeof *st->wide + st->strs_cap + st->shash_cap * sizeof *st->shash;
}
