/*
 * tagger_io.c — the model file.
 *
 * Little-endian, versioned, self-contained (the word lists are inside, so
 * a model never depends on data files that may have changed since it was
 * trained), and checked: a checksum over everything before it, and every
 * count and length bounded by the bytes left, so a truncated or corrupt
 * file is an error naming the file and what is wrong, never a crash.
 *
 *   "LEDETAG\n" u32 version(1)
 *   str about
 *   u32 ntypes, str type...
 *   u32 nlists, { str name, u32 n, str entry... }...
 *   u32 ntemplates, str template...
 *   f32 start[L], stop[L], trans[L*L]          (L = 1 + 4 * ntypes)
 *   u32 nfeatures, u32 nentries
 *   { u64 key, u8 k, { u8 label, f32 weight } * k } * nfeatures
 *   u64 checksum (FNV-1a of all bytes before it)
 *   str: u32 length, bytes (no NUL)
 */
#include "tagger_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "LEDETAG\n"
#define VERSION 1u

/* ------------------------------------------------------------- writing */

typedef struct { unsigned char *b; size_t n, cap; int oom; } wbuf;

static void put(wbuf *w, const void *p, size_t n)
{
    if (w->oom) return;
    if (w->n + n > w->cap) {
        size_t c = w->cap ? w->cap : 1 << 16;
        while (c < w->n + n) c *= 2;
        unsigned char *b = realloc(w->b, c);
        if (!b) {
            w->oom = 1;
            return;
        }
        w->b = b;
        w->cap = c;
    }
    memcpy(w->b + w->n, p, n);
    w->n += n;
}

static void put_u8(wbuf *w, unsigned v)
{
    unsigned char c = (unsigned char)v;
    put(w, &c, 1);
}

static void put_u32(wbuf *w, uint32_t v)
{
    unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24) };
    put(w, b, 4);
}

static void put_u64(wbuf *w, uint64_t v)
{
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

static void put_f32(wbuf *w, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    put_u32(w, v);
}

static void put_str(wbuf *w, const char *s)
{
    size_t n = strlen(s);
    put_u32(w, (uint32_t)n);
    put(w, s, n);
}

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

unsigned char *lede_tagger_serialize(const lede_tagger *m, size_t *len)
{
    wbuf w = { 0 };
    put(&w, MAGIC, 8);
    put_u32(&w, VERSION);
    put_str(&w, lede_tagger_about(m));
    put_u32(&w, (uint32_t)m->ntypes);
    for (size_t i = 0; i < m->ntypes; i++) put_str(&w, m->types[i]);
    put_u32(&w, (uint32_t)m->fs.nlists);
    for (size_t i = 0; i < m->fs.nlists; i++) {
        put_str(&w, m->fs.lists[i].name);
        put_u32(&w, (uint32_t)m->fs.lists[i].n);
        for (size_t k = 0; k < m->fs.lists[i].n; k++) put_str(&w, m->fs.lists[i].entries[k]);
    }
    put_u32(&w, (uint32_t)m->fs.ntpl);
    for (size_t i = 0; i < m->fs.ntpl; i++) put_str(&w, m->fs.tpl_src[i]);
    for (size_t i = 0; i < m->L; i++) put_f32(&w, m->start[i]);
    for (size_t i = 0; i < m->L; i++) put_f32(&w, m->stop[i]);
    for (size_t i = 0; i < m->L * m->L; i++) put_f32(&w, m->trans[i]);
    put_u32(&w, (uint32_t)m->nfeat);
    put_u32(&w, (uint32_t)m->nentries);
    /* round the table from an empty slot: parsing puts the rows back in
     * this order, which gives each its slot again (a run of linear
     * probing that wraps past the end is never cut), so a loaded model
     * serialises to the bytes it was read from */
    size_t s0 = 0;
    while (s0 < m->cap && m->slots[s0].fc) s0++;
    for (size_t j = 0; j < m->cap; j++) {
        size_t i = (s0 + j) & (m->cap - 1);
        const tslot *sl = &m->slots[i];
        if (!sl->fc) continue;
        put_u64(&w, m->fullkey[i]);
        put_u8(&w, COLD_COUNT(m, i));
        for (unsigned c = 0; c < COLD_COUNT(m, i); c++) {
            put_u8(&w, m->ent[COLD_FIRST(m, i) + c].lab);
            put_f32(&w, m->ent[COLD_FIRST(m, i) + c].w);
        }
    }
    if (!w.oom) put_u64(&w, checksum(w.b, w.n));
    if (w.oom) {
        free(w.b);
        return NULL;
    }
    *len = w.n;
    return w.b;
}

int lede_tagger_save(const lede_tagger *m, const char *path, char *err, size_t errsize)
{
    wbuf w = { 0 };
    w.b = lede_tagger_serialize(m, &w.n);
    if (!w.b) {
        snprintf(err, errsize, "%s: out of memory", path);
        return -1;
    }
    /* write a temporary file and rename it, so a failed write never
     * leaves half a model where a good one was */
    size_t tl = strlen(path) + 8;
    char *tmp = malloc(tl);
    if (!tmp) {
        free(w.b);
        snprintf(err, errsize, "%s: out of memory", path);
        return -1;
    }
    snprintf(tmp, tl, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(w.b, 1, w.n, f) == w.n;
    if (f && fclose(f) != 0) ok = 0;
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) {
        snprintf(err, errsize, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    free(w.b);
    return ok ? 0 : -1;
}

/* ------------------------------------------------------------- reading */

typedef struct {
    const unsigned char *p;
    size_t n, at;
    const char *what;          /* what is being read, for messages */
    int bad;
} rbuf;

static const unsigned char *take(rbuf *r, size_t n)
{
    if (r->bad || n > r->n - r->at) {
        r->bad = 1;
        return NULL;
    }
    const unsigned char *p = r->p + r->at;
    r->at += n;
    return p;
}

static uint32_t get_u32(rbuf *r)
{
    const unsigned char *b = take(r, 4);
    return b ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24
             : 0;
}

static uint64_t get_u64(rbuf *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

static float get_f32(rbuf *r)
{
    uint32_t v = get_u32(r);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

/* A malloc'd NUL-terminated string; NULL when bad (r->bad) or on OOM. */
static char *get_str(rbuf *r)
{
    uint32_t n = get_u32(r);
    const unsigned char *s = take(r, n);
    if (!s) return NULL;
    if (memchr(s, 0, n)) {
        r->bad = 1;
        return NULL;
    }
    char *c = malloc((size_t)n + 1);
    if (!c) return NULL;
    memcpy(c, s, n);
    c[n] = 0;
    return c;
}

/* A count that cannot exceed the bytes left at `min` bytes per item. */
static uint32_t get_count(rbuf *r, size_t min, uint32_t limit)
{
    uint32_t n = get_u32(r);
    if (r->bad || n > limit || (size_t)n * min > r->n - r->at) r->bad = 1;
    return r->bad ? 0 : n;
}

static lede_tagger *parse(const unsigned char *p, size_t n, char *why, size_t whysize)
{
    rbuf r = { p, n, 0, "header", 0 };
    lede_tagger *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    if (n < 8 + 4 + 8 || memcmp(p, MAGIC, 8) != 0) {
        snprintf(why, whysize, "not a lede tagger model (no LEDETAG header)");
        goto fail;
    }
    rbuf tail = { p + n - 8, 8, 0, "checksum", 0 };
    uint64_t sum = get_u64(&tail);
    if (sum != checksum(p, n - 8)) {
        snprintf(why, whysize, "checksum mismatch: the file is damaged or cut short");
        goto fail;
    }
    r.n = n - 8;
    take(&r, 8);
    uint32_t version = get_u32(&r);
    if (version != VERSION) {
        snprintf(why, whysize, "model format version %u, this lede reads version %u",
                 version, VERSION);
        goto fail;
    }
    r.what = "description";
    if (!(m->about = get_str(&r))) goto bad;
    r.what = "entity types";
    m->ntypes = get_count(&r, 4, (LEDE_TAGGER_MAX_LABELS - 1) / 4);
    if (r.bad || m->ntypes == 0) goto bad;
    m->types = calloc(m->ntypes, sizeof *m->types);
    if (!m->types) goto oom;
    for (size_t i = 0; i < m->ntypes; i++)
        if (!(m->types[i] = get_str(&r))) goto bad;
    r.what = "word lists";
    uint32_t nl = get_count(&r, 8, LEDE_TAGGER_MAX_LISTS);
    if (r.bad) goto bad;
    for (uint32_t i = 0; i < nl; i++) {
        char *name = get_str(&r);
        uint32_t ne = get_count(&r, 4, UINT32_MAX);
        char **ent = calloc(ne ? ne : 1, sizeof *ent);
        int ok = name && ent && !r.bad;
        for (uint32_t k = 0; ok && k < ne; k++) ok = (ent[k] = get_str(&r)) != NULL;
        int rc = ok ? tagger_featset_add_list(&m->fs, name, (const char *const *)ent, ne) : -2;
        for (uint32_t k = 0; ent && k < ne; k++) free(ent[k]);
        free(ent);
        free(name);
        if (rc == -1) goto oom;
        if (rc != 0) goto bad;
    }
    r.what = "templates";
    uint32_t nt = get_count(&r, 4, LEDE_TAGGER_MAX_TEMPLATES);
    if (r.bad) goto bad;
    for (uint32_t i = 0; i < nt; i++) {
        char *s = get_str(&r);
        if (!s) goto bad;
        char err[256];
        int rc = tagger_featset_add(&m->fs, s, err, sizeof err);
        free(s);
        if (rc != 0) {
            snprintf(why, whysize, "%s", err);
            goto fail;
        }
    }
    if (tagger_init_labels(m) != 0) goto oom;
    r.what = "transition weights";
    for (size_t i = 0; i < m->L; i++) m->start[i] = get_f32(&r);
    for (size_t i = 0; i < m->L; i++) m->stop[i] = get_f32(&r);
    for (size_t i = 0; i < m->L * m->L; i++) m->trans[i] = get_f32(&r);
    /* finite, as the feature weights must be */
    for (size_t i = 0; i < m->L; i++)
        if (!isfinite(m->start[i]) || !isfinite(m->stop[i])) r.bad = 1;
    for (size_t i = 0; i < m->L * m->L; i++)
        if (!isfinite(m->trans[i])) r.bad = 1;
    if (r.bad) goto bad;
    r.what = "feature weights";
    uint32_t nf = get_count(&r, 9, UINT32_MAX);
    uint32_t ne = get_count(&r, 5, UINT32_MAX);
    if (r.bad) goto bad;
    if (ne >= (1u << 24) - 1) {
        snprintf(why, whysize, "%u weights: this lede reads models of at most 16,777,214", ne);
        goto fail;
    }
    if (tagger_model_reserve(m, nf, ne) != 0) goto oom;
    uint8_t lab[LEDE_TAGGER_MAX_LABELS];
    float w[LEDE_TAGGER_MAX_LABELS];
    size_t seen = 0;
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t key = get_u64(&r);
        const unsigned char *kp = take(&r, 1);
        if (!kp || key == 0 || *kp == 0 || *kp > m->L) goto bad;
        unsigned k = *kp;
        seen += k;
        if (seen > ne) goto bad;
        for (unsigned c = 0; c < k; c++) {
            const unsigned char *lp = take(&r, 1);
            if (!lp || *lp >= m->L) goto bad;
            lab[c] = *lp;
            w[c] = get_f32(&r);
            if (!isfinite(w[c])) goto bad;
        }
        if (r.bad) goto bad;
        if (tagger_model_put(m, key, lab, w, k) != 0) goto oom;
    }
    if (seen != ne || r.at != r.n) {
        r.what = "the end of the file";
        goto bad;
    }
    if (tagger_model_finish(m) != 0) goto oom;
    /* the arena was reserved for the most units the rows could take */
    void *hot = realloc(m->hot, m->nhot * sizeof(tentry));
    if (hot) m->hot = hot;
    return m;
bad:
    snprintf(why, whysize, "malformed model: bad %s at byte %zu", r.what, r.at);
    goto fail;
oom:
    snprintf(why, whysize, "out of memory");
fail:
    lede_tagger_free(m);
    return NULL;
}

lede_tagger *lede_tagger_load(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            size_t c = cap ? 2 * cap : 1 << 20;
            if (c > ((size_t)1 << 31)) {
                free(buf);
                fclose(f);
                snprintf(err, errsize, "%s: larger than 2 GB: not a model", path);
                return NULL;
            }
            unsigned char *b = realloc(buf, c);
            if (!b) {
                free(buf);
                fclose(f);
                snprintf(err, errsize, "%s: out of memory", path);
                return NULL;
            }
            buf = b;
            cap = c;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
    }
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        free(buf);
        snprintf(err, errsize, "%s: read error", path);
        return NULL;
    }
    lede_tagger *m = lede_tagger_parse(buf, n, path, err, errsize);
    free(buf);
    return m;
}

lede_tagger *lede_tagger_parse(const unsigned char *p, size_t n, const char *name, char *err,
                               size_t errsize)
{
    char why[256];
    lede_tagger *m = parse(p, n, why, sizeof why);
    if (!m) snprintf(err, errsize, "%s: %s", name, why);
    return m;
}
