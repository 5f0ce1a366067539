/*
 * gazetteer.c — finding known names in token sequences.
 *
 * Names are stored in a trie over *atoms* (see lede.h: tokens, with word
 * tokens split at inner hyphens and apostrophes). The trie has no node
 * structs with child arrays: every edge is one entry of a single
 * open-addressing hash table keyed by (parent node, folded atom), so
 * adding 100k names costs a few large reallocations, not 100k mallocs,
 * and following an edge is one hash probe. Edge strings live in an arena.
 *
 * A node that ends a name has a list of entries (id, flags, exact form),
 * kept in insertion order so that a name's ids come back in the order they
 * were added.
 *
 * Matching atomizes the token sequence once (folded bytes and hashes in
 * scratch vectors), then from each atom walks the trie as far as it goes,
 * remembering the last node that accepts: leftmost-longest for free, and
 * most start positions cost one failed probe.
 */
#include "lede/lede.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct { uint32_t first, last; } gnode;   /* entry list, NONE when empty */

typedef struct {
    uint32_t id, flags;
    uint32_t next;            /* next entry of the same node, NONE at the end */
    uint32_t exact_len;       /* LEDE_GAZ_CASE: the atoms' original bytes, */
    const char *exact;        /* concatenated without separators */
} gentry;

typedef struct {
    uint64_t h;               /* hash of (parent, atom): no rehash on growth */
    const char *s;            /* folded atom, in the arena */
    uint32_t len;
    uint32_t parent;
    uint32_t child;           /* 0 marks an empty slot: the root is never a child */
} gslot;

/* One atom of a scanned token sequence. */
typedef struct {
    uint32_t start, stop;     /* original bytes in the text */
    uint32_t tok;             /* index of its token */
    uint32_t fold_off, fold_len;   /* folded bytes in atomvec.buf */
    uint64_t h;               /* hash of the folded bytes */
} gatom;

typedef struct {
    gatom *v;
    size_t n, cap;
    char *buf;
    size_t blen, bcap;
} atomvec;

struct lede_gazetteer {
    lede_arena *arena;
    gnode *nodes;
    size_t nnodes, ncap;
    gentry *ents;
    size_t nents, ecap;
    gslot *slots;
    /* per slot, a 16-bit tag of its hash (0 empty): a probe reads the
     * tags, 16 times smaller than the slots, and a slot only when its tag
     * matches. Matching probes from every atom, mostly in vain, and the
     * slots of a 100k-name list are megabytes; its tags stay in cache. */
    uint16_t *tags;
    size_t nslots, nused;     /* nslots is a power of two */
    /* Scratch for lede_gaz_add (matching uses its own: g is const there). */
    lede_tokvec toks;
    atomvec atoms;
};

/* ------------------------------------------------------------- hashing */

static uint64_t mix64(uint64_t x)
{
    /* splitmix64 finalizer: spreads FNV's weak low bits over the table. */
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

static uint64_t edge_hash(uint32_t parent, uint64_t atom_hash)
{
    return mix64(atom_hash ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ull));
}

/* --------------------------------------------------------------- atoms */

static int is_separator(uint32_t cp)
{
    switch (cp) {
    case '\'': case 0x2019: case 0x2BC:             /* apostrophes */
    case '-': case 0x2010: case 0x2011: case 0x2013: /* hyphens, en dash */
        return 1;
    default:
        return 0;
    }
}

/* Combining marks and invisible joiners: dropped by the fold so that a
 * decomposed "Geoană" (a + U+0306) matches the precomposed one. */
static int is_ignorable(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0xAD || cp == 0x200C || cp == 0x200D;
}

static int buf_reserve(atomvec *av, size_t extra)
{
    if (av->bcap - av->blen >= extra) return 0;
    size_t cap = av->bcap ? av->bcap : 1024;
    while (cap - av->blen < extra) cap *= 2;
    char *b = realloc(av->buf, cap);
    if (!b) return -1;
    av->buf = b;
    av->bcap = cap;
    return 0;
}

/* Append the atom s[start..stop) (non-empty) of token tok. */
static int push_atom(atomvec *av, const char *s, size_t start, size_t stop, size_t tok)
{
    if (av->n == av->cap) {
        gatom *v = lede_grow(av->v, &av->cap, sizeof *v, 64);
        if (!v) return -1;
        av->v = v;
    }
    /* Folds never lengthen a code point beyond 4 bytes. */
    if (buf_reserve(av, (stop - start) * 4)) return -1;
    size_t off = av->blen;
    for (int keep_marks = 0; keep_marks < 2; keep_marks++) {
        size_t o = off, i = start;
        while (i < stop) {
            uint32_t cp;
            size_t k = lede_utf8_decode(s + i, stop - i, &cp);
            i += k;
            if (!keep_marks && is_ignorable(cp)) continue;
            o += lede_utf8_encode(lede_cp_fold_case(lede_cp_fold_punct(cp)), av->buf + o);
        }
        av->blen = o;
        if (o > off) break;   /* an atom of marks only keeps them */
    }
    gatom *a = &av->v[av->n++];
    a->start = (uint32_t)start;
    a->stop = (uint32_t)stop;
    a->tok = (uint32_t)tok;
    a->fold_off = (uint32_t)off;
    a->fold_len = (uint32_t)(av->blen - off);
    a->h = hash_bytes(av->buf + off, a->fold_len);
    return 0;
}

/* Atomize toks[0..ntoks) of text into av (cleared first). */
static int atomize(const char *text, const lede_token *toks, size_t ntoks, atomvec *av)
{
    av->n = 0;
    av->blen = 0;
    for (size_t t = 0; t < ntoks; t++) {
        size_t start = toks[t].start, stop = toks[t].stop;
        if (stop <= start) continue;
        if (toks[t].kind != LEDE_TOK_WORD) {
            if (push_atom(av, text, start, stop, t)) return -1;
            continue;
        }
        size_t from = start, i = start;
        while (i < stop) {
            uint32_t cp;
            size_t k = lede_utf8_decode(text + i, stop - i, &cp);
            if (is_separator(cp)) {
                if (i > from && push_atom(av, text, from, i, t)) return -1;
                if (push_atom(av, text, i, i + k, t)) return -1;
                from = i + k;
            }
            i += k;
        }
        if (stop > from && push_atom(av, text, from, stop, t)) return -1;
    }
    return 0;
}

static void atomvec_free(atomvec *av)
{
    free(av->v);
    free(av->buf);
    memset(av, 0, sizeof *av);
}

/* ---------------------------------------------------------------- trie */

lede_gazetteer *lede_gaz_new(void)
{
    lede_gazetteer *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    /* Start small and double: rules build gazetteers of a few names per
     * article (surnames) as well as lists of 100k names. */
    g->arena = lede_arena_new_sized(1024);
    g->ncap = 16;
    g->nodes = malloc(g->ncap * sizeof *g->nodes);
    g->nslots = 32;
    g->slots = calloc(g->nslots, sizeof *g->slots);
    g->tags = calloc(g->nslots, sizeof *g->tags);
    if (!g->arena || !g->nodes || !g->slots || !g->tags) {
        lede_gaz_free(g);
        return NULL;
    }
    g->nodes[0].first = g->nodes[0].last = NONE;   /* the root */
    g->nnodes = 1;
    return g;
}

void lede_gaz_free(lede_gazetteer *g)
{
    if (!g) return;
    lede_arena_free(g->arena);
    free(g->nodes);
    free(g->ents);
    free(g->slots);
    free(g->tags);
    lede_tokvec_free(&g->toks);
    atomvec_free(&g->atoms);
    free(g);
}

size_t lede_gaz_size(const lede_gazetteer *g)
{
    return g ? g->nents : 0;
}

/* A slot's tag: bits of its hash other than those that place it, never 0. */
static uint16_t hash_tag(uint64_t h)
{
    uint16_t t = (uint16_t)(h >> 48);
    return t ? t : 1;
}

/* Child of parent along the folded atom (s, len, hash h), or 0. */
static uint32_t edge_find(const lede_gazetteer *g, uint32_t parent, const char *s,
                          uint32_t len, uint64_t atom_hash)
{
    uint64_t h = edge_hash(parent, atom_hash);
    size_t mask = g->nslots - 1;
    uint16_t tag = hash_tag(h);
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint16_t t = g->tags[i];
        if (!t) return 0;
        if (t != tag) continue;
        const gslot *sl = &g->slots[i];
        if (sl->h == h && sl->parent == parent && sl->len == len && !memcmp(sl->s, s, len))
            return sl->child;
    }
}

static int slots_grow(lede_gazetteer *g)
{
    size_t n = g->nslots * 2, mask = n - 1;
    gslot *ns = calloc(n, sizeof *ns);
    uint16_t *nt = calloc(n, sizeof *nt);
    if (!ns || !nt) {
        free(ns);
        free(nt);
        return -1;
    }
    for (size_t i = 0; i < g->nslots; i++) {
        if (!g->slots[i].child) continue;
        size_t j = (size_t)g->slots[i].h & mask;
        while (ns[j].child) j = (j + 1) & mask;
        ns[j] = g->slots[i];
        nt[j] = g->tags[i];
    }
    free(g->slots);
    free(g->tags);
    g->slots = ns;
    g->tags = nt;
    g->nslots = n;
    return 0;
}

/* Child of parent along the atom, created when missing; 0 on OOM. */
static uint32_t edge_get(lede_gazetteer *g, uint32_t parent, const char *s, uint32_t len,
                         uint64_t atom_hash)
{
    uint32_t c = edge_find(g, parent, s, len, atom_hash);
    if (c) return c;
    if ((g->nused + 1) * 2 > g->nslots && slots_grow(g)) return 0;
    if (g->nnodes == g->ncap) {
        gnode *nv = lede_grow(g->nodes, &g->ncap, sizeof *nv, 16);
        if (!nv) return 0;
        g->nodes = nv;
    }
    if (g->nnodes >= NONE - 1) return 0;
    const char *copy = lede_arena_memdup(g->arena, s, len ? len : 1);
    if (!copy) return 0;
    c = (uint32_t)g->nnodes++;
    g->nodes[c].first = g->nodes[c].last = NONE;
    uint64_t h = edge_hash(parent, atom_hash);
    size_t mask = g->nslots - 1, i = (size_t)h & mask;
    while (g->slots[i].child) i = (i + 1) & mask;
    g->slots[i] = (gslot){ h, copy, len, parent, c };
    g->tags[i] = hash_tag(h);
    g->nused++;
    return c;
}

/* Do the original bytes of atoms[i..j] equal e's exact form? */
static int exact_equal(const gentry *e, const char *text, const gatom *atoms, size_t i, size_t j)
{
    size_t off = 0;
    for (size_t k = i; k <= j; k++) {
        size_t len = atoms[k].stop - atoms[k].start;
        if (off + len > e->exact_len || memcmp(e->exact + off, text + atoms[k].start, len))
            return 0;
        off += len;
    }
    return off == e->exact_len;
}

static int entry_accepts(const gentry *e, const char *text, const gatom *atoms, size_t i, size_t j)
{
    return !(e->flags & LEDE_GAZ_CASE) || exact_equal(e, text, atoms, i, j);
}

int lede_gaz_add(lede_gazetteer *g, const char *name, size_t n, uint32_t id, unsigned flags)
{
    g->toks.n = 0;
    if (lede_tokenize(name, 0, n, &g->toks)) return -1;
    if (atomize(name, g->toks.v, g->toks.n, &g->atoms)) return -1;
    const atomvec *av = &g->atoms;
    if (av->n == 0) return -2;
    uint32_t node = 0;
    for (size_t k = 0; k < av->n; k++) {
        const gatom *a = &av->v[k];
        node = edge_get(g, node, av->buf + a->fold_off, a->fold_len, a->h);
        if (!node) return -1;
    }
    /* The exact form: atoms' original bytes, spaces between tokens left out
     * like everywhere else in matching. */
    size_t elen = 0;
    for (size_t k = 0; k < av->n; k++) elen += av->v[k].stop - av->v[k].start;
    for (uint32_t e = g->nodes[node].first; e != NONE; e = g->ents[e].next) {
        const gentry *x = &g->ents[e];
        if (x->id == id && x->flags == flags &&
            (!(flags & LEDE_GAZ_CASE) || exact_equal(x, name, av->v, 0, av->n - 1)))
            return 0;   /* already there */
    }
    gentry ne = { id, flags, NONE, 0, NULL };
    if (flags & LEDE_GAZ_CASE) {
        char *ex = lede_arena_alloc(g->arena, elen + 1);
        if (!ex) return -1;
        size_t off = 0;
        for (size_t k = 0; k < av->n; k++) {
            size_t len = av->v[k].stop - av->v[k].start;
            memcpy(ex + off, name + av->v[k].start, len);
            off += len;
        }
        ex[off] = '\0';
        ne.exact = ex;
        ne.exact_len = (uint32_t)elen;
    }
    if (g->nents == g->ecap) {
        gentry *v = lede_grow(g->ents, &g->ecap, sizeof *v, 256);
        if (!v) return -1;
        g->ents = v;
    }
    uint32_t ei = (uint32_t)g->nents++;
    g->ents[ei] = ne;
    gnode *nd = &g->nodes[node];
    if (nd->last == NONE) nd->first = ei;
    else g->ents[nd->last].next = ei;
    nd->last = ei;
    return 0;
}

/* ------------------------------------------------------------ matching */

void lede_gazvec_free(lede_gazvec *v)
{
    if (!v) return;
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

static int push_hit(lede_gazvec *out, const gatom *first, const gatom *last, uint32_t id)
{
    if (out->n == out->cap) {
        lede_gaz_hit *v = lede_grow(out->v, &out->cap, sizeof *v, 64);
        if (!v) return -1;
        out->v = v;
    }
    out->v[out->n++] = (lede_gaz_hit){ first->start, last->stop, first->tok,
                                       last->tok - first->tok + 1, id };
    return 0;
}

/* Leftmost-longest over atoms [a0, a1) of av. */
static int match_range(const lede_gazetteer *g, const char *text, const atomvec *av,
                       size_t a0, size_t a1, lede_gazvec *out)
{
    size_t i = a0;
    while (i < a1) {
        uint32_t node = 0, best = 0;
        size_t best_j = 0;
        for (size_t j = i; j < a1; j++) {
            const gatom *a = &av->v[j];
            node = edge_find(g, node, av->buf + a->fold_off, a->fold_len, a->h);
            if (!node) break;
            for (uint32_t e = g->nodes[node].first; e != NONE; e = g->ents[e].next) {
                if (entry_accepts(&g->ents[e], text, av->v, i, j)) {
                    best = node;
                    best_j = j;
                    break;
                }
            }
        }
        if (!best) {
            i++;
            continue;
        }
        for (uint32_t e = g->nodes[best].first; e != NONE; e = g->ents[e].next) {
            if (entry_accepts(&g->ents[e], text, av->v, i, best_j) &&
                push_hit(out, &av->v[i], &av->v[best_j], g->ents[e].id))
                return -1;
        }
        i = best_j + 1;
    }
    return 0;
}

int lede_gaz_match(const lede_gazetteer *g, const char *text, const lede_token *toks,
                   size_t ntoks, lede_gazvec *out)
{
    atomvec av = { 0 };
    int rc = atomize(text, toks, ntoks, &av) ? -1 : match_range(g, text, &av, 0, av.n, out);
    atomvec_free(&av);
    return rc;
}

/* ------------------------------------------------------ shared atoms */

struct lede_gaz_atoms {
    atomvec av;
};

lede_gaz_atoms *lede_gaz_atomize(const char *text, const lede_token *toks, size_t ntoks)
{
    lede_gaz_atoms *at = calloc(1, sizeof *at);
    if (!at) return NULL;
    if (atomize(text, toks, ntoks, &at->av)) {
        lede_gaz_atoms_free(at);
        return NULL;
    }
    return at;
}

void lede_gaz_atoms_free(lede_gaz_atoms *at)
{
    if (!at) return;
    atomvec_free(&at->av);
    free(at);
}

/* First atom whose token index is >= tok (atoms are in token order). */
static size_t atom_at(const atomvec *av, size_t tok)
{
    size_t lo = 0, hi = av->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (av->v[mid].tok < tok) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int lede_gaz_match_atoms(const lede_gazetteer *g, const char *text, const lede_gaz_atoms *at,
                         size_t tok_first, size_t tok_stop, lede_gazvec *out)
{
    const atomvec *av = &at->av;
    return match_range(g, text, av, atom_at(av, tok_first), atom_at(av, tok_stop), out);
}

int lede_gaz_match_lists(const lede_gazetteer *g, const char *text, const lede_gaz_atoms *at,
                         size_t tok_first, size_t tok_stop, size_t nids, lede_gazvec *out)
{
    const atomvec *av = &at->av;
    size_t a0 = atom_at(av, tok_first), a1 = atom_at(av, tok_stop), na = a1 - a0;
    if (na == 0 || nids == 0) return 0;
    /* end[(i - a0) * nids + id]: one past the last atom of list id's
     * longest name starting at atom i, 0 for none */
    uint32_t *end = calloc(na * nids, sizeof *end);
    if (!end) return -1;
    for (size_t i = a0; i < a1; i++) {
        uint32_t node = 0;
        for (size_t j = i; j < a1; j++) {
            const gatom *a = &av->v[j];
            node = edge_find(g, node, av->buf + a->fold_off, a->fold_len, a->h);
            if (!node) break;
            for (uint32_t e = g->nodes[node].first; e != NONE; e = g->ents[e].next)
                if (g->ents[e].id < nids && entry_accepts(&g->ents[e], text, av->v, i, j))
                    end[(i - a0) * nids + g->ents[e].id] = (uint32_t)(j + 1);
        }
    }
    int rc = 0;
    for (size_t id = 0; id < nids && rc == 0; id++)
        for (size_t i = a0; i < a1;) {
            uint32_t stop = end[(i - a0) * nids + id];
            if (!stop) {
                i++;
                continue;
            }
            if (push_hit(out, &av->v[i], &av->v[stop - 1], (uint32_t)id)) {
                rc = -1;
                break;
            }
            i = stop;
        }
    free(end);
    return rc;
}
