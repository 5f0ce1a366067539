/* test_tagger_rows.c — the tagger's weight rows as tagging reads them
 * (src/tagger.c keeps a row dense or sparse) give every emission score
 * bit for bit as the rows as written, added in template order: the
 * tagger's labels must not move when its tables change shape. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/tagger_int.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Weights of very different sizes, so that adding them in another order
 * would round differently. */
static float weight(void)
{
    float w = (float)((double)(rnd() % 2000001) / 1000000.0 - 1.0);
    return w * powf(10.0f, (float)(int)(rnd() % 13) - 6.0f);
}

enum { NROWS = 600, T = 7, NTOK = 400 };

typedef struct {
    uint64_t key;
    size_t k;
    uint8_t lab[LEDE_TAGGER_MAX_LABELS];
    float w[LEDE_TAGGER_MAX_LABELS];
} row_t;

/* A model of ntypes types (1 + 4 * ntypes labels) and rows of every
 * length, labels in any order, some repeating a label. */
static lede_tagger *model(row_t *rows, size_t ntypes)
{
    lede_tagger *m = calloc(1, sizeof *m);
    assert_non_null(m);
    static const char *const TYPES[] = { "LOC", "MISC", "ORG", "PER", "DATE", "MONEY", "TIME",
                                          "EVENT" };
    m->ntypes = ntypes;
    m->types = calloc(ntypes, sizeof *m->types);
    assert_non_null(m->types);
    for (size_t i = 0; i < ntypes; i++) assert_non_null(m->types[i] = strdup(TYPES[i]));
    assert_int_equal(tagger_init_labels(m), 0);
    static const char *const TPL[T] = { "bias", "w[0]", "lw[-1]", "lw[1]", "shape[0]",
                                        "suf3[0]", "lw[-1]|lw[0]" };
    char err[256];
    for (size_t j = 0; j < T; j++) assert_int_equal(tagger_featset_add(&m->fs, TPL[j], err, sizeof err), 0);
    size_t L = m->L, total = 0;
    for (size_t r = 0; r < NROWS; r++) {
        row_t *x = &rows[r];
        x->key = rnd() | 1;
        x->k = 1 + r % L;
        /* a permutation of the labels, its first k taken */
        uint8_t perm[LEDE_TAGGER_MAX_LABELS];
        for (size_t l = 0; l < L; l++) perm[l] = (uint8_t)l;
        for (size_t l = L - 1; l > 0; l--) {
            size_t o = rnd() % (l + 1);
            uint8_t tmp = perm[l];
            perm[l] = perm[o];
            perm[o] = tmp;
        }
        for (size_t c = 0; c < x->k; c++) x->lab[c] = perm[c], x->w[c] = weight();
        if (r % 5 == 4 && x->k > 1) x->lab[x->k - 1] = x->lab[0];   /* a repeated label */
        total += x->k;
    }
    assert_int_equal(tagger_model_reserve(m, NROWS, total), 0);
    for (size_t r = 0; r < NROWS; r++)
        tagger_model_put(m, rows[r].key, rows[r].lab, rows[r].w, rows[r].k);
    assert_int_equal(m->nfeat, NROWS);
    return m;
}

/* The scores as the rows are written: each key's row in template order,
 * its entries in their order. */
static void reference(const row_t *rows, const uint64_t *keys, size_t L, float *emit)
{
    memset(emit, 0, NTOK * L * sizeof *emit);
    for (size_t j = 0; j < NTOK * T; j++)
        for (size_t r = 0; r < NROWS; r++)
            if (keys[j] && rows[r].key == keys[j])
                for (size_t c = 0; c < rows[r].k; c++)
                    emit[(j / T) * L + rows[r].lab[c]] += rows[r].w[c];
}

static void same_scores(const lede_tagger *m, const row_t *rows, const uint64_t *keys)
{
    size_t L = m->L;
    float *got = malloc(NTOK * L * sizeof *got), *want = malloc(NTOK * L * sizeof *want);
    uint32_t *res = malloc(NTOK * T * sizeof *res);
    assert_non_null(got);
    assert_non_null(want);
    assert_non_null(res);
    tagger_emissions(m, keys, NTOK, got, res);
    reference(rows, keys, L, want);
    for (size_t i = 0; i < NTOK * L; i++)
        if (memcmp(&got[i], &want[i], sizeof *got))
            fail_msg("token %zu label %zu: %a, want %a", i / L, i % L, (double)got[i],
                     (double)want[i]);
    free(got);
    free(want);
    free(res);
}

/* Dense rows are added in groups of four labels (DENSE_WIDTH), so label
 * counts that are not a multiple of 4 and others are tried: 1, 2, 4, 6
 * and 8 types (5, 9, 17, 25, 33 labels; widths 8 to 36). */
static void rows_exact(size_t ntypes)
{
    row_t *rows = calloc(NROWS, sizeof *rows);
    uint64_t *keys = malloc(NTOK * T * sizeof *keys);
    assert_non_null(rows);
    assert_non_null(keys);
    lede_tagger *m = model(rows, ntypes);
    /* both kinds of row are there */
    size_t dense = 0, sparse = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].fc) SLOT_COUNT(&m->slots[i]) ? sparse++ : dense++;
    assert_true(dense > NROWS / 4);
    assert_true(sparse > NROWS / 4);
    /* tokens reading known keys, unknown keys and templates that do not fire */
    for (size_t j = 0; j < NTOK * T; j++) {
        uint64_t u = rnd() % 10;
        keys[j] = u == 0 ? 0 : u == 1 ? rnd() | 1 : rows[rnd() % NROWS].key;
    }
    same_scores(m, rows, keys);
    /* saved and read back: the same rows, the same scores */
    size_t n;
    unsigned char *b = lede_tagger_serialize(m, &n);
    assert_non_null(b);
    char err[256] = "";
    lede_tagger *m2 = lede_tagger_parse(b, n, "rows", err, sizeof err);
    if (!m2) fail_msg("parse: %s", err);
    same_scores(m2, rows, keys);
    size_t n2;
    unsigned char *b2 = lede_tagger_serialize(m2, &n2);
    assert_non_null(b2);
    assert_int_equal(n, n2);
    assert_memory_equal(b, b2, n);
    free(b);
    free(b2);
    lede_tagger_free(m2);
    lede_tagger_free(m);
    free(rows);
    free(keys);
}

static void test_rows_exact(void **state)
{
    (void)state;
    static const size_t NTYPES[] = { 1, 2, 4, 6, 8 };
    for (size_t i = 0; i < sizeof NTYPES / sizeof *NTYPES; i++) rows_exact(NTYPES[i]);
}

/* A template's key as tagging made it before keys had a path for tokens
 * away from the sentence's ends: every item bounds-checked. */
static uint64_t ref_key(const tpl_t *tp, const uint64_t *vals, size_t t, size_t n)
{
    uint64_t k = tp->seed;
    for (unsigned it = 0; it < tp->n && k; it++) {
        long at = (long)t + tp->off[it];
        uint64_t v = at < 0 ? tp->bos[it] : at >= (long)n ? tp->eos[it]
                            : vals[(size_t)at * TA_NATTR + tp->attr[it]];
        k = v ? tagger_mix(k ^ v) : 0;
    }
    return k;
}

/* tagger_sent_keys gives every token's keys as ref_key does, near the
 * sentence's ends and away from them, for static and hist templates,
 * values present and absent. */
static void test_keys_exact(void **state)
{
    (void)state;
    static const char *const TPL[] = {
        "bias", "w[0]", "lw[-4]", "lw[4]", "hist[0]", "lw[-1]|lw[0]|lw[1]", "cap[2]|lw[-3]",
        "hist[-1]|hist[0]", "shape[0]|sshape[-2]|suf3[1]|pre2[3]", "first|cap[0]", "dcase[-1]",
        "hist[1]|cap[-4]",
    };
    enum { NT = sizeof TPL / sizeof *TPL, MAXN = 14 };
    featset_t fs;
    memset(&fs, 0, sizeof fs);
    char err[256];
    for (size_t j = 0; j < NT; j++)
        if (tagger_featset_add(&fs, TPL[j], err, sizeof err) != 0) fail_msg("%s", err);
    assert_int_equal(fs.minoff, -4);
    assert_int_equal(fs.maxoff, 4);
    uint64_t *vals = malloc(MAXN * TA_NATTR * sizeof *vals);
    uint64_t keys[MAXN * NT];
    assert_non_null(vals);
    for (size_t n = 1; n <= MAXN; n++)
        for (int round = 0; round < 20; round++) {
            for (size_t i = 0; i < n * TA_NATTR; i++) vals[i] = rnd() % 4 == 0 ? 0 : rnd() | 1;
            for (int dyn = 0; dyn <= 1; dyn++) {
                for (size_t i = 0; i < n * NT; i++) keys[i] = 0x5555;
                tagger_sent_keys(&fs, vals, n, keys, dyn);
                for (size_t t = 0; t < n; t++)
                    for (size_t j = 0; j < NT; j++) {
                        uint64_t want = fs.dyn[j] == dyn ? ref_key(&fs.tpl[j], vals, t, n)
                                        : dyn ? 0x5555 : 0;
                        if (keys[t * NT + j] != want)
                            fail_msg("n %zu token %zu template %s dyn %d: %llx, want %llx", n,
                                     t, TPL[j], dyn, (unsigned long long)keys[t * NT + j],
                                     (unsigned long long)want);
                    }
            }
        }
    free(vals);
    tagger_featset_free(&fs);
}

/* Padded values give every token's keys as ref_key does; a token
 * marked same gets 0 for exactly the word's own templates. */
static void test_padded_keys_exact(void **state)
{
    (void)state;
    static const char *const TPL[] = {
        "bias", "w[0]", "lw[-4]", "lw[4]", "hist[0]", "lw[-1]|lw[0]|lw[1]", "cap[2]|lw[-3]",
        "hist[-1]|hist[0]", "shape[0]|sshape[-2]|suf3[1]|pre2[3]", "first|cap[0]", "dcase[-1]",
        "lw[0]|suf3[0]|pre1[0]|len[0]", "cap[0]|hl", "shape[0]", "hist[1]|cap[-4]",
    };
    /* the word's own: bias, w[0], lw|suf3|pre1|len at 0, shape[0] */
    static const int LOCAL[] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0 };
    enum { NT = sizeof TPL / sizeof *TPL, MAXN = 14 };
    featset_t fs;
    memset(&fs, 0, sizeof fs);
    char err[256];
    for (size_t j = 0; j < NT; j++)
        if (tagger_featset_add(&fs, TPL[j], err, sizeof err) != 0) fail_msg("%s", err);
    size_t nl = 0;
    for (size_t j = 0; j < NT; j++) {
        int in = 0;
        for (size_t q = 0; q < fs.nlocal; q++) in |= fs.local[q] == j;
        assert_int_equal(in, LOCAL[j]);
        nl += (size_t)LOCAL[j];
    }
    assert_int_equal(fs.nlocal + fs.nrest, fs.nkind[0]);
    assert_int_equal(fs.nlocal, nl);
    uint64_t *vals = malloc(MAXN * TA_NATTR * sizeof *vals);
    uint64_t *pad = malloc((MAXN + 2 * TAGGER_PAD) * TA_NATTR * sizeof *pad);
    uint64_t keys[MAXN * NT];
    uint8_t same[MAXN];
    assert_non_null(vals);
    assert_non_null(pad);
    for (size_t n = 1; n <= MAXN; n++)
        for (int round = 0; round < 20; round++) {
            for (size_t i = 0; i < n * TA_NATTR; i++) vals[i] = rnd() % 4 == 0 ? 0 : rnd() | 1;
            for (size_t t = 0; t < n; t++) same[t] = rnd() % 2;
            const uint64_t *pv = tagger_pad_vals(&fs, vals, n, pad);
            for (int dyn = 0; dyn <= 1; dyn++)
                for (int withsame = 0; withsame <= 1; withsame++) {
                    for (size_t i = 0; i < n * NT; i++) keys[i] = 0x5555;
                    tagger_sent_keys_padded(&fs, pv, n, keys, dyn, withsame ? same : NULL);
                    for (size_t t = 0; t < n; t++)
                        for (size_t j = 0; j < NT; j++) {
                            uint64_t want = fs.dyn[j] != dyn ? (dyn ? 0x5555 : 0)
                                            : !dyn && withsame && same[t] && LOCAL[j] ? 0
                                            : ref_key(&fs.tpl[j], vals, t, n);
                            if (keys[t * NT + j] != want)
                                fail_msg("n %zu token %zu template %s dyn %d: %llx, want %llx",
                                         n, t, TPL[j], dyn, (unsigned long long)keys[t * NT + j],
                                         (unsigned long long)want);
                        }
                }
        }
    free(vals);
    free(pad);
    tagger_featset_free(&fs);
}

/* tagger_doc_vals_src: the values of tagger_doc_vals, and each token's
 * first token of the same text. */
static void test_doc_vals_src(void **state)
{
    (void)state;
    static const char *const SENTS[] = {
        "Pirelli said Pirelli shares rose .",
        "PIRELLI SHARES ROSE IN MILAN",
        "In Milan , Pirelli and pirelli and Pirelli 's shares rose , said Pirelli .",
        "Pirelli",
        "rose rose rose",
    };
    enum { NS = sizeof SENTS / sizeof *SENTS, MAXT = 32 };
    static const char *const TPL[] = { "w[0]", "lw[0]", "dcase[0]", "first|cap[0]", "hl|lw[0]",
                                       "stype|cap[0]", "suf3[0]", "pre2[0]", "sshape[0]", "len[0]" };
    featset_t fs;
    memset(&fs, 0, sizeof fs);
    char err[256];
    for (size_t j = 0; j < sizeof TPL / sizeof *TPL; j++)
        if (tagger_featset_add(&fs, TPL[j], err, sizeof err) != 0) fail_msg("%s", err);
    lede_token toks[NS][MAXT];
    lede_tsent sents[NS];
    size_t ntok = 0;
    for (size_t i = 0; i < NS; i++) {
        const char *t = SENTS[i];
        size_t n = 0;
        for (size_t a = 0; t[a];) {
            size_t b = a;
            while (t[b] && t[b] != ' ') b++;
            assert_true(n < MAXT);
            toks[i][n++] = (lede_token){ (uint32_t)a, (uint32_t)b, LEDE_TOK_WORD };
            a = t[b] ? b + 1 : b;
        }
        sents[i] = (lede_tsent){ t, toks[i], n, i == 1 ? LEDE_TSENT_HEADLINE : 0u };
        ntok += n;
    }
    uint64_t *want = NULL, *got = NULL;
    uint32_t *src = NULL;
    assert_int_equal(tagger_doc_vals(&fs, sents, NS, &want), 0);
    assert_int_equal(tagger_doc_vals_src(&fs, sents, NS, &got, &src), 0);
    assert_memory_equal(want, got, ntok * TA_NATTR * sizeof *want);
    /* src: the first token of the same bytes */
    size_t g = 0;
    for (size_t i = 0; i < NS; i++)
        for (size_t t = 0; t < sents[i].n; t++, g++) {
            size_t first = g, h = 0;
            const char *p = sents[i].text + sents[i].toks[t].start;
            size_t len = sents[i].toks[t].stop - sents[i].toks[t].start;
            for (size_t a = 0; a < NS && first == g; a++)
                for (size_t b = 0; b < sents[a].n && h < g; b++, h++) {
                    const char *q = sents[a].text + sents[a].toks[b].start;
                    size_t lq = sents[a].toks[b].stop - sents[a].toks[b].start;
                    if (lq == len && !memcmp(p, q, len)) {
                        first = h;
                        break;
                    }
                }
            assert_int_equal(src[g], first);
        }
    free(want);
    free(got);
    free(src);
    tagger_featset_free(&fs);
}

/* tagger_model_finish fills the table again, rows of most labels first;
 * when that would make a key find another key's row (two keys sharing
 * their check, 32 high bits, in one probe chain) it keeps the table. */
static void test_finish_keeps_rows(void **state)
{
    (void)state;
    static const char *const TYPES[] = { "LOC", "PER" };
    for (int clash = 0; clash <= 1; clash++) {
        lede_tagger *m = calloc(1, sizeof *m);
        assert_non_null(m);
        m->ntypes = 2;
        m->types = calloc(2, sizeof *m->types);
        assert_non_null(m->types);
        for (size_t i = 0; i < 2; i++) assert_non_null(m->types[i] = strdup(TYPES[i]));
        assert_int_equal(tagger_init_labels(m), 0);
        char err[256];
        assert_int_equal(tagger_featset_add(&m->fs, "w[0]", err, sizeof err), 0);
        assert_int_equal(tagger_model_reserve(m, 3, 6), 0);
        assert_int_equal(m->cap, 16);
        /* B at 5, X (home 5) at 6, A (home 6) at 7. Refilled by labels,
         * X takes 5 and A 6, and B, probing 5 then 6, meets A: with the
         * check of A (clash) it would take A's row */
        uint64_t kb = 0x2222ull << 32 | 5, kx = 0x1111ull << 32 | 5;
        uint64_t ka = (clash ? 0x2222ull : 0x3333ull) << 32 | 6;
        const uint8_t lab[3] = { 1, 2, 3 };
        const float wb[1] = { 0.5f }, wx[3] = { 1, 2, 3 }, wa[2] = { -1, -2 };
        assert_int_equal(tagger_model_put(m, kb, lab, wb, 1), 0);
        assert_int_equal(tagger_model_put(m, kx, lab, wx, 3), 0);
        assert_int_equal(tagger_model_put(m, ka, lab, wa, 2), 0);
        assert_int_equal(m->nfeat, 3);
        tslot before[16];
        memcpy(before, m->slots, sizeof before);
        assert_int_equal(tagger_model_finish(m), 0);
        if (clash) assert_memory_equal(before, m->slots, sizeof before);
        else assert_memory_not_equal(before, m->slots, sizeof before);
        /* each key's scores are its own row's (one template, 3 tokens) */
        uint64_t keys[3] = { kb, kx, ka };
        float e[3 * 9];
        uint32_t res[3];
        tagger_emissions(m, keys, 3, e, res);
        const float want[3][9] = { { 0, 0.5f }, { 0, 1, 2, 3 }, { 0, -1, -2 } };
        assert_int_equal(m->L, 9);
        assert_memory_equal(e, want, sizeof want);
        lede_tagger_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_exact),
        cmocka_unit_test(test_keys_exact),
        cmocka_unit_test(test_padded_keys_exact),
        cmocka_unit_test(test_doc_vals_src),
        cmocka_unit_test(test_finish_keeps_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
