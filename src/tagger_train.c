/*
 * tagger_train.c — training the tagger: an averaged structured perceptron
 * (Collins 2002) with the lazy-averaging trick (Daumé III): each weight
 * keeps w and u = sum of (time * update), and the average after c steps
 * is w - u / c, so averaging costs nothing per step.
 *
 * Sentences are kept as text (tokens joined by single spaces) with their
 * tokens and gold labels; when training starts, the types are fixed
 * (sorted by name, so the labels do not depend on the order of the data),
 * and every token's feature keys are computed once, document by document.
 * An epoch is then only lookups, Viterbi and updates.
 *
 * Weight rows are dense over the labels and made when a feature is first
 * updated, so features that only ever fire where the prediction is right
 * take no memory.
 */
#include "tagger_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t text_off;          /* into ds->text */
    size_t tok0, n;           /* into ds->toks / ds->gold */
    uint32_t doc;
    unsigned flags;
} srec;

typedef struct {
    char *text; size_t ntext, ctext;
    lede_token *toks; size_t ntoks, ctoks;
    int16_t *gtype;           /* per token: type index (as added) or -1 */
    uint8_t *gbegin;          /* per token: 1 where an entity begins */
    uint16_t *gold;           /* BILOU labels, made when training starts */
    srec *s; size_t ns, cs;
    uint64_t *keys;           /* ntoks * ntpl, made when training starts */
    uint64_t *vals;           /* ntoks * TA_NATTR (hist templates only) */
    size_t *docs; size_t ndocs;   /* first sentence of each document, + ns */
    uint32_t *docof;          /* per sentence: its document */
    uint16_t *last;           /* per token: the last prediction (NO_LABEL: none) */
} dataset;

#define NO_LABEL 0xffffu

struct lede_trainer {
    featset_t fs;
    char *about;
    char *types[LEDE_TAGGER_MAX_LABELS];
    size_t ntypes;
    dataset ds[2];            /* 0 train, 1 dev */
    int ready;
    size_t L;
    /* rows: hash of key -> row + 1 */
    size_t hcap, nrows, rcap;
    uint64_t *hkeys;
    uint32_t *hrow;
    float *w;                 /* nrows * L */
    double *u;
    float *tw, *sw, *ew;      /* transitions L*L, start L, stop L */
    double *tu, *su, *eu;
    unsigned char *allowed, *astart, *astop;
    double c;                 /* steps so far */
};

lede_trainer *lede_trainer_new(void)
{
    return calloc(1, sizeof(lede_trainer));
}

void lede_trainer_free(lede_trainer *t)
{
    if (!t) return;
    tagger_featset_free(&t->fs);
    free(t->about);
    for (size_t i = 0; i < t->ntypes; i++) free(t->types[i]);
    for (int d = 0; d < 2; d++) {
        dataset *ds = &t->ds[d];
        free(ds->text);
        free(ds->toks);
        free(ds->gtype);
        free(ds->gbegin);
        free(ds->gold);
        free(ds->s);
        free(ds->keys);
        free(ds->vals);
        free(ds->docs);
        free(ds->docof);
        free(ds->last);
    }
    free(t->hkeys);
    free(t->hrow);
    free(t->w);
    free(t->u);
    free(t->tw);
    free(t->sw);
    free(t->ew);
    free(t->tu);
    free(t->su);
    free(t->eu);
    free(t->allowed);
    free(t->astart);
    free(t->astop);
    free(t);
}

int lede_trainer_add_list(lede_trainer *t, const char *name, const char *const *entries,
                          size_t n)
{
    if (t->ready || t->fs.ntpl) return -2;
    return tagger_featset_add_list(&t->fs, name, entries, n);
}

int lede_trainer_add_template(lede_trainer *t, const char *src, char *err, size_t errsize)
{
    if (t->ready) {
        snprintf(err, errsize, "templates must be added before training starts");
        return -1;
    }
    return tagger_featset_add(&t->fs, src, err, errsize);
}

void lede_trainer_set_about(lede_trainer *t, const char *about)
{
    char *s = strdup(about ? about : "");
    if (!s) return;
    free(t->about);
    t->about = s;
}

/* ------------------------------------------------------------ the data */

static int type_index(lede_trainer *t, const char *s, size_t n)
{
    for (size_t i = 0; i < t->ntypes; i++)
        if (strlen(t->types[i]) == n && !memcmp(t->types[i], s, n)) return (int)i;
    if (t->ntypes >= (LEDE_TAGGER_MAX_LABELS - 1) / 4) return -2;
    char *c = malloc(n + 1);
    if (!c) return -1;
    memcpy(c, s, n);
    c[n] = 0;
    t->types[t->ntypes] = c;
    return (int)t->ntypes++;
}

static uint32_t token_kind(const char *s, size_t n)
{
    uint32_t cp;
    lede_utf8_decode(s, n, &cp);
    if (lede_cp_is_alpha(cp)) return LEDE_TOK_WORD;
    if (lede_cp_is_digit(cp)) return LEDE_TOK_NUMBER;
    if (strchr(".,;:!?\"'()[]{}-", (int)cp) || cp == 0x2026 || (cp >= 0x2010 && cp <= 0x201f))
        return LEDE_TOK_PUNCT;
    return LEDE_TOK_SYMBOL;
}

#define GROW(ptr, n, cap, need, first)                                          \
    do {                                                                        \
        while ((n) + (need) > (cap)) {                                          \
            void *g_ = lede_grow((ptr), &(cap), sizeof *(ptr), (first));        \
            if (!g_) return -1;                                                 \
            (ptr) = g_;                                                         \
        }                                                                       \
    } while (0)

int lede_trainer_add(lede_trainer *t, int dev, uint32_t doc, const char *const *tokens,
                     const char *const *tags, size_t n, unsigned flags, char *err,
                     size_t errsize)
{
    if (t->ready) {
        snprintf(err, errsize, "sentences must be added before training starts");
        return -2;
    }
    if (n == 0) return 0;
    dataset *ds = &t->ds[dev ? 1 : 0];
    /* the tags first, so a bad one leaves the data as it was */
    int16_t *ty = malloc(n * sizeof *ty);
    uint8_t *be = malloc(n);
    if (!ty || !be) {
        free(ty);
        free(be);
        return -1;
    }
    size_t ntypes0 = t->ntypes;   /* a rejected sentence adds no type */
    int open = -1;             /* type of the entity open at the previous token */
    for (size_t k = 0; k < n; k++) {
        const char *g = tags[k];
        if (!strcmp(g, "O")) {
            ty[k] = -1, be[k] = 0, open = -1;
            continue;
        }
        size_t gl = strlen(g);
        if (gl < 3 || g[1] != '-' || !strchr("BILEUS", g[0])) {
            snprintf(err, errsize, "bad tag '%s' (want O, or B-, I-, L-, E-, U- or S- and a type)",
                     g);
            while (t->ntypes > ntypes0) free(t->types[--t->ntypes]);
            free(ty);
            free(be);
            return -2;
        }
        int ti = type_index(t, g + 2, gl - 2);
        if (ti < 0) {
            snprintf(err, errsize, ti == -2 ? "too many entity types" : "out of memory");
            while (t->ntypes > ntypes0) free(t->types[--t->ntypes]);
            free(ty);
            free(be);
            return ti == -2 ? -2 : -1;
        }
        int begins = strchr("BUS", g[0]) || open != ti;
        ty[k] = (int16_t)ti;
        be[k] = (uint8_t)begins;
        open = strchr("LEUS", g[0]) ? -1 : ti;
    }
    size_t len = 0;
    for (size_t k = 0; k < n; k++) len += strlen(tokens[k]) + 1;
    GROW(ds->text, ds->ntext, ds->ctext, len, 4096);
    GROW(ds->toks, ds->ntoks, ds->ctoks, n, 1024);
    size_t cap2 = ds->ctoks;
    int16_t *gt = realloc(ds->gtype, cap2 * sizeof *gt);
    if (!gt) return -1;
    ds->gtype = gt;
    uint8_t *gb = realloc(ds->gbegin, cap2);
    if (!gb) return -1;
    ds->gbegin = gb;
    GROW(ds->s, ds->ns, ds->cs, 1, 256);
    srec *r = &ds->s[ds->ns++];
    r->text_off = ds->ntext;
    r->tok0 = ds->ntoks;
    r->n = n;
    r->doc = doc;
    r->flags = flags;
    size_t o = 0;
    char *text = ds->text + ds->ntext;
    for (size_t k = 0; k < n; k++) {
        size_t m = strlen(tokens[k]);
        if (k) text[o++] = ' ';
        memcpy(text + o, tokens[k], m);
        ds->toks[ds->ntoks + k] = (lede_token){ (uint32_t)o, (uint32_t)(o + m),
                                                token_kind(tokens[k], m) };
        o += m;
    }
    text[o++] = 0;
    ds->ntext += o;
    memcpy(ds->gtype + ds->ntoks, ty, n * sizeof *ty);
    memcpy(ds->gbegin + ds->ntoks, be, n);
    ds->ntoks += n;
    free(ty);
    free(be);
    return 0;
}

size_t lede_trainer_nsentences(const lede_trainer *t, int dev) { return t->ds[dev ? 1 : 0].ns; }
size_t lede_trainer_ntokens(const lede_trainer *t, int dev) { return t->ds[dev ? 1 : 0].ntoks; }
size_t lede_trainer_ntypes(const lede_trainer *t) { return t->ntypes; }
const char *lede_trainer_type(const lede_trainer *t, size_t i) { return i < t->ntypes ? t->types[i] : NULL; }

/* ------------------------------------------------------- getting ready */

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Types sorted by name; gold labels in BILOU. */
static int fix_types(lede_trainer *t)
{
    char *old[LEDE_TAGGER_MAX_LABELS];
    memcpy(old, t->types, t->ntypes * sizeof *old);
    qsort(t->types, t->ntypes, sizeof *t->types, cmp_name);
    int remap[LEDE_TAGGER_MAX_LABELS];
    for (size_t i = 0; i < t->ntypes; i++)
        for (size_t j = 0; j < t->ntypes; j++)
            if (old[i] == t->types[j]) remap[i] = (int)j;
    for (int d = 0; d < 2; d++) {
        dataset *ds = &t->ds[d];
        ds->gold = malloc((ds->ntoks ? ds->ntoks : 1) * sizeof *ds->gold);
        if (!ds->gold) return -1;
        for (size_t si = 0; si < ds->ns; si++) {
            size_t a = ds->s[si].tok0, n = ds->s[si].n;
            for (size_t k = 0; k < n; k++) {
                int16_t ty = ds->gtype[a + k];
                if (ty < 0) {
                    ds->gold[a + k] = LAB_O;
                    continue;
                }
                int nt = remap[ty];
                int last = k + 1 == n || ds->gtype[a + k + 1] != ty || ds->gbegin[a + k + 1];
                int b = ds->gbegin[a + k];
                ds->gold[a + k] = (uint16_t)(b && last ? LAB_U(nt) : b ? LAB_B(nt)
                                             : last ? LAB_L(nt) : LAB_I(nt));
            }
        }
    }
    return 0;
}

static lede_tsent sent_view(const dataset *ds, size_t i)
{
    const srec *r = &ds->s[i];
    return (lede_tsent){ ds->text + r->text_off, ds->toks + r->tok0, r->n, r->flags };
}

/* Every token's values and static keys, a document (a run of sentences
 * with one doc id) at a time; the values are kept only when a template
 * reads hist (its keys change as the predictions do). */
static int make_keys(lede_trainer *t, dataset *ds)
{
    size_t T = t->fs.ntpl ? t->fs.ntpl : 1;
    ds->keys = calloc((ds->ntoks ? ds->ntoks : 1) * T, sizeof *ds->keys);
    ds->docs = malloc((ds->ns + 1) * sizeof *ds->docs);
    ds->docof = malloc((ds->ns ? ds->ns : 1) * sizeof *ds->docof);
    ds->last = malloc((ds->ntoks ? ds->ntoks : 1) * sizeof *ds->last);
    if (!ds->docof || !ds->last) {
        return -1;
    }
    for (size_t i = 0; i < ds->ntoks; i++) ds->last[i] = NO_LABEL;
    if (t->fs.has_hist) ds->vals = malloc((ds->ntoks ? ds->ntoks : 1) * TA_NATTR * sizeof *ds->vals);
    lede_tsent *view = malloc((ds->ns ? ds->ns : 1) * sizeof *view);
    if (!ds->keys || !ds->docs || !view || (t->fs.has_hist && !ds->vals)) {
        free(view);
        return -1;
    }
    for (size_t i = 0; i < ds->ns; i++) view[i] = sent_view(ds, i);
    ds->ndocs = 0;
    for (size_t i = 0; i < ds->ns;) {
        size_t j = i + 1;
        while (j < ds->ns && ds->s[j].doc == ds->s[i].doc) j++;
        for (size_t k = i; k < j; k++) ds->docof[k] = (uint32_t)ds->ndocs;
        ds->docs[ds->ndocs++] = i;
        uint64_t *vals;
        if (tagger_doc_vals(&t->fs, view + i, j - i, &vals) != 0) {
            free(view);
            return -1;
        }
        size_t tok0 = ds->s[i].tok0, ntok = 0;
        for (size_t k = i; k < j; k++) {
            const srec *r = &ds->s[k];
            tagger_sent_keys(&t->fs, vals + (r->tok0 - tok0) * TA_NATTR, r->n,
                             ds->keys + r->tok0 * T, 0);
            ntok += r->n;
        }
        if (ds->vals) memcpy(ds->vals + tok0 * TA_NATTR, vals, ntok * TA_NATTR * sizeof *vals);
        free(vals);
        i = j;
    }
    ds->docs[ds->ndocs] = ds->ns;
    free(view);
    return 0;
}

static int get_ready(lede_trainer *t)
{
    if (t->ready) return 0;
    if (t->ntypes == 0) return -2;
    if (fix_types(t) != 0) return -1;
    t->L = 1 + 4 * t->ntypes;
    size_t L = t->L;
    t->tw = calloc(L * L, sizeof *t->tw);
    t->tu = calloc(L * L, sizeof *t->tu);
    t->sw = calloc(L, sizeof *t->sw);
    t->su = calloc(L, sizeof *t->su);
    t->ew = calloc(L, sizeof *t->ew);
    t->eu = calloc(L, sizeof *t->eu);
    t->allowed = malloc(L * L);
    t->astart = malloc(L);
    t->astop = malloc(L);
    if (!t->tw || !t->tu || !t->sw || !t->su || !t->ew || !t->eu || !t->allowed
        || !t->astart || !t->astop)
        return -1;
    tagger_allowed(L, t->allowed, t->astart, t->astop);
    if (make_keys(t, &t->ds[0]) != 0 || make_keys(t, &t->ds[1]) != 0) return -1;
    t->ready = 1;
    return 0;
}

/* ------------------------------------------------------------- weights */

/* The row of key, made when create (then -1 only on OOM); -1 when absent. */
static long row_of(lede_trainer *t, uint64_t key, int create)
{
    if (t->hcap) {
        size_t i = (size_t)key & (t->hcap - 1);
        while (t->hkeys[i]) {
            if (t->hkeys[i] == key) return (long)t->hrow[i] - 1;
            i = (i + 1) & (t->hcap - 1);
        }
        if (!create) return -1;
    } else if (!create) {
        return -1;
    }
    if (2 * (t->nrows + 1) > t->hcap) {
        size_t ncap = t->hcap ? 2 * t->hcap : 1u << 16;
        uint64_t *nk = calloc(ncap, sizeof *nk);
        uint32_t *nr = calloc(ncap, sizeof *nr);
        if (!nk || !nr) {
            free(nk);
            free(nr);
            return -1;
        }
        for (size_t i = 0; i < t->hcap; i++) {
            if (!t->hkeys[i]) continue;
            size_t j = (size_t)t->hkeys[i] & (ncap - 1);
            while (nk[j]) j = (j + 1) & (ncap - 1);
            nk[j] = t->hkeys[i];
            nr[j] = t->hrow[i];
        }
        free(t->hkeys);
        free(t->hrow);
        t->hkeys = nk;
        t->hrow = nr;
        t->hcap = ncap;
    }
    if (t->nrows == t->rcap) {
        size_t nc = t->rcap ? 2 * t->rcap : 1u << 15;
        float *w = realloc(t->w, nc * t->L * sizeof *w);
        if (!w) return -1;
        t->w = w;
        double *u = realloc(t->u, nc * t->L * sizeof *u);
        if (!u) return -1;
        t->u = u;
        t->rcap = nc;
    }
    size_t r = t->nrows++;
    memset(t->w + r * t->L, 0, t->L * sizeof *t->w);
    memset(t->u + r * t->L, 0, t->L * sizeof *t->u);
    size_t i = (size_t)key & (t->hcap - 1);
    while (t->hkeys[i]) i = (i + 1) & (t->hcap - 1);
    t->hkeys[i] = key;
    t->hrow[i] = (uint32_t)(r + 1);
    return (long)r;
}

/* Emission scores of n tokens: current weights, or averaged ones. */
static void emit_scores(lede_trainer *t, const uint64_t *keys, size_t n, int avg, float *e)
{
    size_t L = t->L, T = t->fs.ntpl;
    memset(e, 0, n * L * sizeof *e);
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < T; j++) {
            uint64_t key = keys[k * T + j];
            if (!key) continue;
            long r = row_of(t, key, 0);
            if (r < 0) continue;
            const float *w = t->w + (size_t)r * L;
            if (!avg) {
                for (size_t l = 0; l < L; l++) e[k * L + l] += w[l];
            } else {
                const double *u = t->u + (size_t)r * L;
                for (size_t l = 0; l < L; l++)
                    e[k * L + l] += (float)(w[l] - u[l] / t->c);
            }
        }
}

/* Transition tables, averaged when avg (into the caller's buffers). */
static void transitions(lede_trainer *t, int avg, float *tr, float *st, float *sp)
{
    size_t L = t->L;
    for (size_t i = 0; i < L * L; i++)
        tr[i] = avg && t->c ? (float)(t->tw[i] - t->tu[i] / t->c) : t->tw[i];
    for (size_t i = 0; i < L; i++) {
        st[i] = avg && t->c ? (float)(t->sw[i] - t->su[i] / t->c) : t->sw[i];
        sp[i] = avg && t->c ? (float)(t->ew[i] - t->eu[i] / t->c) : t->ew[i];
    }
}

static void bump(float *w, double *u, size_t i, float d, double c)
{
    w[i] += d;
    u[i] += c * d;
}

/* The perceptron update for one sentence: gold up, prediction down. */
static int update(lede_trainer *t, const uint64_t *keys, const uint16_t *gold,
                  const uint16_t *pred, size_t n)
{
    size_t L = t->L, T = t->fs.ntpl;
    double c = t->c;
    for (size_t k = 0; k < n; k++) {
        if (gold[k] != pred[k]) {
            for (size_t j = 0; j < T; j++) {
                uint64_t key = keys[k * T + j];
                if (!key) continue;
                long r = row_of(t, key, 1);
                if (r < 0) return -1;
                bump(t->w + (size_t)r * L, t->u + (size_t)r * L, gold[k], 1, c);
                bump(t->w + (size_t)r * L, t->u + (size_t)r * L, pred[k], -1, c);
            }
        }
        if (k == 0) {
            bump(t->sw, t->su, gold[0], 1, c);
            bump(t->sw, t->su, pred[0], -1, c);
        } else {
            bump(t->tw, t->tu, (size_t)gold[k - 1] * L + gold[k], 1, c);
            bump(t->tw, t->tu, (size_t)pred[k - 1] * L + pred[k], -1, c);
        }
    }
    bump(t->ew, t->eu, gold[n - 1], 1, c);
    bump(t->ew, t->eu, pred[n - 1], -1, c);
    return 0;
}

static uint64_t rng_next(uint64_t *s)
{
    *s += 0x9e3779b97f4a7c15ULL;
    return tagger_mix(*s);
}

typedef struct {
    float *emit, *tr, *st, *sp;
    uint16_t *pred;
    size_t maxn;
    thist hist;
} work;

static int work_init(lede_trainer *t, const dataset *ds, work *w)
{
    memset(w, 0, sizeof *w);
    for (size_t i = 0; i < ds->ns; i++)
        if (ds->s[i].n > w->maxn) w->maxn = ds->s[i].n;
    size_t L = t->L, m = w->maxn ? w->maxn : 1;
    w->emit = malloc(m * L * sizeof *w->emit);
    w->tr = malloc(L * L * sizeof *w->tr);
    w->st = malloc(L * sizeof *w->st);
    w->sp = malloc(L * sizeof *w->sp);
    w->pred = malloc(m * sizeof *w->pred);
    return w->emit && w->tr && w->st && w->sp && w->pred ? 0 : -1;
}

static void work_free(work *w)
{
    tagger_hist_free(&w->hist);
    free(w->emit);
    free(w->tr);
    free(w->st);
    free(w->sp);
    free(w->pred);
}

/* Decode sentence i of ds (its hist keys made from w->hist first). */
static float decode(lede_trainer *t, dataset *ds, size_t i, int avg, work *w)
{
    const srec *r = &ds->s[i];
    uint64_t *keys = ds->keys + r->tok0 * t->fs.ntpl;
    if (t->fs.has_hist) {
        uint64_t *v = ds->vals + r->tok0 * TA_NATTR;
        tagger_hist_fill(&w->hist, v, r->n);
        tagger_sent_keys(&t->fs, v, r->n, keys, 1);
    }
    emit_scores(t, keys, r->n, avg, w->emit);
    return lede_viterbi(w->emit, w->tr, w->st, w->sp, t->allowed, t->astart, t->astop, r->n,
                        t->L, w->pred);
}

/* After decoding: the prediction joins the document's history. */
static int remember(lede_trainer *t, const dataset *ds, size_t i, work *w)
{
    if (!t->fs.has_hist) return 0;
    const srec *r = &ds->s[i];
    return tagger_hist_add(&w->hist, ds->vals + r->tok0 * TA_NATTR, w->pred, r->n);
}

/* Training's history for sentence si: what the model last predicted for
 * the sentences before it in its document (as tagging, which goes through
 * a document in order, sees it), so the sentences themselves can still be
 * visited in a shuffled order. */
static int history_before(lede_trainer *t, const dataset *ds, size_t si, thist *h)
{
    tagger_hist_clear(h);
    for (size_t k = ds->docs[ds->docof[si]]; k < si; k++) {
        const srec *r = &ds->s[k];
        const uint16_t *lab = ds->last + r->tok0;
        if (!r->n || lab[0] == NO_LABEL) continue;
        if (tagger_hist_add(h, ds->vals + r->tok0 * TA_NATTR, lab, r->n) != 0) return -1;
    }
    (void)t;
    return 0;
}

long lede_trainer_epoch(lede_trainer *t, uint64_t seed)
{
    int rc = get_ready(t);
    if (rc != 0) return rc;
    dataset *ds = &t->ds[0];
    size_t *order = malloc((ds->ns ? ds->ns : 1) * sizeof *order);
    work w = { 0 };           /* freed below even when work_init did not run */
    if (!order || work_init(t, ds, &w) != 0) {
        free(order);
        work_free(&w);
        return -1;
    }
    for (size_t i = 0; i < ds->ns; i++) order[i] = i;
    uint64_t st = seed;
    for (size_t i = ds->ns; i > 1; i--) {
        size_t j = (size_t)(rng_next(&st) % i);
        size_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
    long wrong = 0;
    for (size_t oi = 0; oi < ds->ns; oi++) {
        size_t si = order[oi];
        const srec *r = &ds->s[si];
        t->c += 1;
        if (r->n == 0) continue;
        /* transitions change with every update: copy them in */
        transitions(t, 0, w.tr, w.st, w.sp);
        if ((t->fs.has_hist && history_before(t, ds, si, &w.hist) != 0)
            || isnan(decode(t, ds, si, 0, &w))) {
            wrong = -1;
            break;
        }
        memcpy(ds->last + r->tok0, w.pred, r->n * sizeof *w.pred);
        const uint16_t *gold = ds->gold + r->tok0;
        if (memcmp(gold, w.pred, r->n * sizeof *gold) == 0) continue;
        wrong++;
        if (update(t, ds->keys + r->tok0 * t->fs.ntpl, gold, w.pred, r->n) != 0) {
            wrong = -1;
            break;
        }
    }
    free(order);
    work_free(&w);
    return wrong;
}

/* Exact spans: count gold, predicted and matching (same tokens, type). */
static int count_spans(const uint16_t *gold, const uint16_t *pred, size_t n, size_t *g,
                       size_t *p, size_t *c)
{
    lede_tspanvec a = { 0 }, b = { 0 };
    if (tagger_spans(gold, n, 0, &a) != 0 || tagger_spans(pred, n, 0, &b) != 0) {
        lede_tspanvec_free(&a);
        lede_tspanvec_free(&b);
        return -1;
    }
    for (size_t i = 0; i < a.n; i++) g[a.v[i].type]++;
    for (size_t i = 0; i < b.n; i++) p[b.v[i].type]++;
    size_t i = 0, j = 0;     /* both in token order */
    while (i < a.n && j < b.n) {
        if (a.v[i].tok_first < b.v[j].tok_first) i++;
        else if (a.v[i].tok_first > b.v[j].tok_first) j++;
        else {
            if (a.v[i].tok_count == b.v[j].tok_count && a.v[i].type == b.v[j].type)
                c[a.v[i].type]++;
            i++, j++;
        }
    }
    lede_tspanvec_free(&a);
    lede_tspanvec_free(&b);
    return 0;
}

int lede_trainer_score(lede_trainer *t, int dev, size_t *gold, size_t *pred, size_t *correct)
{
    int rc = get_ready(t);
    if (rc != 0) return rc;
    memset(gold, 0, t->ntypes * sizeof *gold);
    memset(pred, 0, t->ntypes * sizeof *pred);
    memset(correct, 0, t->ntypes * sizeof *correct);
    dataset *ds = &t->ds[dev ? 1 : 0];
    work w;
    if (work_init(t, ds, &w) != 0) {
        work_free(&w);
        return -1;
    }
    transitions(t, 1, w.tr, w.st, w.sp);
    rc = 0;
    for (size_t d = 0; d < ds->ndocs && rc == 0; d++) {
        tagger_hist_clear(&w.hist);
        for (size_t i = ds->docs[d]; i < ds->docs[d + 1] && rc == 0; i++) {
            if (ds->s[i].n == 0) continue;
            if (isnan(decode(t, ds, i, t->c > 0, &w)) || remember(t, ds, i, &w) != 0) rc = -1;
            else rc = count_spans(ds->gold + ds->s[i].tok0, w.pred, ds->s[i].n, gold, pred,
                                  correct);
        }
    }
    work_free(&w);
    return rc;
}

/* ------------------------------------------------------------- a model */

static int copy_featset(featset_t *to, const featset_t *from)
{
    memset(to, 0, sizeof *to);
    for (size_t i = 0; i < from->nlists; i++)
        if (tagger_featset_add_list(to, from->lists[i].name,
                                    (const char *const *)from->lists[i].entries,
                                    from->lists[i].n) != 0)
            return -1;
    char err[256];
    for (size_t i = 0; i < from->ntpl; i++)
        if (tagger_featset_add(to, from->tpl_src[i], err, sizeof err) != 0) return -1;
    return 0;
}

lede_tagger *lede_trainer_model(lede_trainer *t, float prune)
{
    if (get_ready(t) != 0) return NULL;
    lede_tagger *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    size_t L = t->L;
    m->ntypes = t->ntypes;
    m->types = calloc(t->ntypes, sizeof *m->types);
    m->about = strdup(t->about ? t->about : "");
    if (!m->types || !m->about || copy_featset(&m->fs, &t->fs) != 0) goto oom;
    for (size_t i = 0; i < t->ntypes; i++)
        if (!(m->types[i] = strdup(t->types[i]))) goto oom;
    if (tagger_init_labels(m) != 0) goto oom;
    transitions(t, 1, m->trans, m->start, m->stop);
    /* count what survives pruning, then fill */
    double c = t->c > 0 ? t->c : 1;
    size_t nfeat = 0, nent = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        size_t k = 0;
        for (size_t l = 0; l < L; l++)
            if (fabs(t->w[r * L + l] - t->u[r * L + l] / c) > prune) k++;
        if (k) nfeat++, nent += k;
    }
    if (tagger_model_reserve(m, nfeat, nent) != 0) goto oom;
    uint8_t lab[LEDE_TAGGER_MAX_LABELS];
    float w[LEDE_TAGGER_MAX_LABELS];
    for (size_t i = 0; i < t->hcap; i++) {
        if (!t->hkeys[i]) continue;
        size_t r = t->hrow[i] - 1, k = 0;
        for (size_t l = 0; l < L; l++) {
            float a = (float)(t->w[r * L + l] - t->u[r * L + l] / c);
            if (fabsf(a) > prune) lab[k] = (uint8_t)l, w[k] = a, k++;
        }
        if (k && tagger_model_put(m, t->hkeys[i], lab, w, k) != 0) goto oom;
    }
    return m;
oom:
    lede_tagger_free(m);
    return NULL;
}

/* ------------------------------------------------------ averaging models */

static int same_shape(const lede_tagger *a, const lede_tagger *b)
{
    if (a->ntypes != b->ntypes || a->fs.ntpl != b->fs.ntpl || a->fs.nlists != b->fs.nlists)
        return 0;
    for (size_t i = 0; i < a->ntypes; i++)
        if (strcmp(a->types[i], b->types[i])) return 0;
    for (size_t i = 0; i < a->fs.ntpl; i++)
        if (strcmp(a->fs.tpl_src[i], b->fs.tpl_src[i])) return 0;
    for (size_t i = 0; i < a->fs.nlists; i++) {
        const tlist_t *x = &a->fs.lists[i], *y = &b->fs.lists[i];
        if (strcmp(x->name, y->name) || x->n != y->n) return 0;
        for (size_t k = 0; k < x->n; k++)
            if (strcmp(x->entries[k], y->entries[k])) return 0;
    }
    return 1;
}

lede_tagger *lede_tagger_average(const lede_tagger *const *models, size_t n, float prune,
                                 const char *about, char *err, size_t errsize)
{
    if (n == 0) {
        snprintf(err, errsize, "no models to average");
        return NULL;
    }
    for (size_t i = 1; i < n; i++)
        if (!same_shape(models[0], models[i])) {
            snprintf(err, errsize, "model %zu has other types, templates or word lists than "
                     "model 1: only models trained alike can be averaged", i + 1);
            return NULL;
        }
    const lede_tagger *m0 = models[0];
    size_t L = m0->L;
    /* every key of every model, in a table of dense rows */
    size_t cap = 16, total = 0;
    for (size_t i = 0; i < n; i++) total += models[i]->nfeat;
    while (cap < 2 * total + 2) cap *= 2;
    uint64_t *keys = calloc(cap, sizeof *keys);
    float *rows = calloc(cap * L, sizeof *rows);
    lede_tagger *out = calloc(1, sizeof *out);
    if (!keys || !rows || !out) goto oom;
    for (size_t i = 0; i < n; i++) {
        const lede_tagger *m = models[i];
        for (size_t s = 0; s < m->cap; s++) {
            const tslot *sl = &m->slots[s];
            if (!sl->fc) continue;
            uint64_t k = m->fullkey[s];
            size_t j = (size_t)k & (cap - 1);
            while (keys[j] && keys[j] != k) j = (j + 1) & (cap - 1);
            keys[j] = k;
            const tentry *en = m->ent + COLD_FIRST(m, s);
            for (unsigned c = 0; c < COLD_COUNT(m, s); c++) rows[j * L + en[c].lab] += en[c].w / (float)n;
        }
    }
    out->ntypes = m0->ntypes;
    out->types = calloc(m0->ntypes, sizeof *out->types);
    out->about = strdup(about ? about : "");
    if (!out->types || !out->about || copy_featset(&out->fs, &m0->fs) != 0) goto oom;
    for (size_t i = 0; i < m0->ntypes; i++)
        if (!(out->types[i] = strdup(m0->types[i]))) goto oom;
    if (tagger_init_labels(out) != 0) goto oom;
    for (size_t i = 0; i < n; i++) {
        for (size_t l = 0; l < L; l++) {
            out->start[l] += models[i]->start[l] / (float)n;
            out->stop[l] += models[i]->stop[l] / (float)n;
        }
        for (size_t l = 0; l < L * L; l++) out->trans[l] += models[i]->trans[l] / (float)n;
    }
    size_t nfeat = 0, nent = 0;
    for (size_t j = 0; j < cap; j++) {
        if (!keys[j]) continue;
        size_t k = 0;
        for (size_t l = 0; l < L; l++) k += fabsf(rows[j * L + l]) > prune;
        if (k) nfeat++, nent += k;
    }
    if (tagger_model_reserve(out, nfeat, nent) != 0) goto oom;
    uint8_t lab[LEDE_TAGGER_MAX_LABELS];
    float w[LEDE_TAGGER_MAX_LABELS];
    for (size_t j = 0; j < cap; j++) {
        if (!keys[j]) continue;
        size_t k = 0;
        for (size_t l = 0; l < L; l++)
            if (fabsf(rows[j * L + l]) > prune) lab[k] = (uint8_t)l, w[k] = rows[j * L + l], k++;
        if (k && tagger_model_put(out, keys[j], lab, w, k) != 0) goto oom;
    }
    free(keys);
    free(rows);
    return out;
oom:
    free(keys);
    free(rows);
    lede_tagger_free(out);
    snprintf(err, errsize, "out of memory");
    return NULL;
}

int lede_trainer_score_model(lede_trainer *t, const lede_tagger *m, int dev, size_t *gold,
                             size_t *pred, size_t *correct)
{
    int rc = get_ready(t);
    if (rc != 0) return rc;
    if (m->ntypes != t->ntypes) return -2;
    for (size_t i = 0; i < t->ntypes; i++)
        if (strcmp(m->types[i], t->types[i])) return -2;
    memset(gold, 0, t->ntypes * sizeof *gold);
    memset(pred, 0, t->ntypes * sizeof *pred);
    memset(correct, 0, t->ntypes * sizeof *correct);
    dataset *ds = &t->ds[dev ? 1 : 0];
    lede_tsent *view = malloc((ds->ns ? ds->ns : 1) * sizeof *view);
    uint16_t *lab = malloc((ds->ntoks ? ds->ntoks : 1) * sizeof *lab);
    rc = view && lab ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < ds->ns; i++) view[i] = sent_view(ds, i);
    for (size_t d = 0; rc == 0 && d < ds->ndocs; d++) {
        size_t a = ds->docs[d], b = ds->docs[d + 1];
        if (a == b) continue;
        rc = lede_tagger_labels(m, view + a, b - a, lab + ds->s[a].tok0);
        for (size_t i = a; rc == 0 && i < b; i++)
            if (ds->s[i].n)
                rc = count_spans(ds->gold + ds->s[i].tok0, lab + ds->s[i].tok0, ds->s[i].n, gold,
                                 pred, correct);
    }
    free(view);
    free(lab);
    return rc;
}
