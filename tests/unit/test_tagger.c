/* test_tagger.c — the sequence tagger: training, tagging, the model file,
 * Viterbi against brute force, bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede/lede.h"
#include "lede/tagger.h"

/* internal (src/tagger.c): BILOU's allowed transitions for L labels */
void tagger_allowed(size_t L, unsigned char *allowed, unsigned char *astart,
                    unsigned char *astop);

/* ------------------------------------------------------------ helpers */

/* A sentence from space-separated words (and tags): text is the words as
 * given, tokens at the spaces. */
#define MAXTOK 400
typedef struct {
    char text[4096];
    char buf[4096];
    const char *words[MAXTOK];
    const char *tags[MAXTOK];
    lede_token toks[MAXTOK];
    size_t n;
    char *own;                 /* the tags' storage */
} sent_t;

static size_t split(char *s, const char **out)
{
    size_t n = 0;
    char *save = NULL;
    for (char *w = strtok_r(s, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        assert_true(n < MAXTOK);
        out[n++] = w;
    }
    return n;
}

static sent_t *mk(const char *words, const char *tags)
{
    sent_t *s = calloc(1, sizeof *s);
    assert_non_null(s);
    assert_true(strlen(words) < sizeof s->text);
    strcpy(s->text, words);
    strcpy(s->buf, words);
    s->n = split(s->buf, s->words);
    for (size_t i = 0; i < s->n; i++) {
        uint32_t a = (uint32_t)(s->words[i] - s->buf);
        s->toks[i] = (lede_token){ a, a + (uint32_t)strlen(s->words[i]), LEDE_TOK_WORD };
    }
    if (tags) {
        s->own = malloc(strlen(tags) + 1);
        assert_non_null(s->own);
        strcpy(s->own, tags);
        assert_int_equal(split(s->own, s->tags), s->n);
    }
    return s;
}

static void unmk(sent_t *s)
{
    if (!s) return;
    free(s->own);
    free(s);
}

static lede_tsent view(const sent_t *s)
{
    return (lede_tsent){ s->text, s->toks, s->n, 0 };
}

/* The training corpus: IOB2, IOB1 and BILOU/BIOES tags mixed. */
static const char *const CORPUS[][2] = {
    { "Mircea Geoană visited Prishtinë on Monday .", "B-PER I-PER O B-LOC O O O" },
    { "NATO troops arrived in Kosovo .", "I-ORG O O O I-LOC O" },
    { "Vjosa Osmani met Aleksandar Vučić in Brussels .", "I-PER I-PER O I-PER I-PER O I-LOC O" },
    { "The European Union said talks in Brussels will resume .", "O B-ORG I-ORG O O O B-LOC O O O" },
    { "Albin Kurti spoke to reporters in Prishtinë .", "B-PER I-PER O O O O B-LOC O" },
    { "Serbia and Kosovo signed nothing .", "B-LOC O B-LOC O O O" },
    { "KFOR said the situation in Zvečan was calm .", "B-ORG O O O O B-LOC O O O" },
    { "Josep Borrell of the European Union warned Belgrade .", "B-PER E-PER O O B-ORG L-ORG O U-LOC O" },
    { "Police in Mitrovica detained two men .", "O O I-LOC O O O O" },
    { "Geoană thanked KFOR and NATO .", "U-PER O U-ORG O S-ORG O" },
};
#define NCORPUS (sizeof CORPUS / sizeof *CORPUS)
/* entities per type, types sorted by name */
static const size_t GOLD[3] = { 10, 6, 6 };   /* LOC ORG PER */

static const char *const PLACES[] = { "Prishtinë", "Kosovo", "Brussels", "Belgrade", "Mitrovica",
                                      "Zvečan", "Serbia" };
static const char *const PEOPLE[] = { "Mircea Geoană", "Vjosa Osmani", "Albin Kurti" };

static const char *const BASIC_TPL[] = { "w[0]", "lw[-1]", "lw[1]", "shape[0]", "bias",
                                         "gaz:places[0]", "gaz:people[0]" };
static const char *const RICH_TPL[] = {
    "w[0]", "lw[-1]|lw[0]", "lw[1]", "suf3[0]", "pre2[0]", "shape[0]", "sshape[0]",
    "cap[0]|cap[-1]", "len[0]", "dcase[0]", "hl", "first", "bias", "gaz:places[0]",
    "gaz:people[0]|w[-2]",
};

static lede_trainer *trainer(const char *const *tpl, size_t ntpl)
{
    lede_trainer *t = lede_trainer_new();
    assert_non_null(t);
    assert_int_equal(lede_trainer_add_list(t, "places", PLACES, 7), 0);
    assert_int_equal(lede_trainer_add_list(t, "people", PEOPLE, 3), 0);
    char err[512];
    for (size_t i = 0; i < ntpl; i++) {
        err[0] = 0;
        int rc = lede_trainer_add_template(t, tpl[i], err, sizeof err);
        if (rc != 0) fail_msg("template %s: %s", tpl[i], err);
    }
    lede_trainer_set_about(t, "unit test corpus");
    for (size_t i = 0; i < NCORPUS; i++) {
        sent_t *s = mk(CORPUS[i][0], CORPUS[i][1]);
        err[0] = 0;
        int rc = lede_trainer_add(t, 0, (uint32_t)(i / 3), s->words, s->tags, s->n, 0, err,
                                  sizeof err);
        if (rc != 0) fail_msg("sentence %zu: %d %s", i, rc, err);
        unmk(s);
    }
    assert_int_equal(lede_trainer_nsentences(t, 0), NCORPUS);
    assert_int_equal(lede_trainer_nsentences(t, 1), 0);
    return t;
}

/* Train until an epoch makes no mistake (and a few more); returns the
 * epochs it took. */
static int train(lede_trainer *t, int max)
{
    int first_clean = -1;
    for (int e = 0; e < max; e++) {
        long wrong = lede_trainer_epoch(t, 1000 + (uint64_t)e);
        assert_true(wrong >= 0);
        assert_true((size_t)wrong <= NCORPUS);
        if (first_clean >= 0) assert_int_equal(wrong, 0);   /* no update, no change */
        if (wrong == 0 && first_clean < 0) first_clean = e;
        if (first_clean >= 0 && e >= first_clean + 8) return first_clean;
    }
    fail_msg("no clean epoch in %d", max);
    return -1;
}

static int valid_bilou(const lede_tagger *m, const uint16_t *lab, size_t n)
{
    char open = 0;
    const char *otype = NULL;
    for (size_t t = 0; t < n; t++) {
        if (lab[t] >= lede_tagger_nlabels(m)) return 0;
        const char *s = lede_tagger_label(m, lab[t]);
        char part = s[0];
        const char *type = s + 2;
        if (!strcmp(s, "O")) part = 'O', type = NULL;
        if (open) {
            if (part != 'I' && part != 'L') return 0;
            if (strcmp(type, otype) != 0) return 0;
        } else if (part == 'I' || part == 'L') {
            return 0;
        }
        open = part == 'B' || part == 'I';
        otype = type;
    }
    return !open;
}

static void check_spans(const lede_tagger *m, const lede_tsent *s, size_t ns,
                        const lede_tspanvec *v)
{
    for (size_t i = 0; i < v->n; i++) {
        const lede_tspan *p = &v->v[i];
        assert_true(p->sent < ns);
        assert_true(p->tok_count >= 1);
        assert_true((size_t)p->tok_first + p->tok_count <= s[p->sent].n);
        assert_true(p->type < lede_tagger_ntypes(m));
        if (i) {
            const lede_tspan *q = &v->v[i - 1];
            assert_true(q->sent < p->sent
                        || (q->sent == p->sent && q->tok_first + q->tok_count <= p->tok_first));
        }
    }
}

/* ------------------------------------------------- 1. training learns */

static void test_train_learns(void **state)
{
    (void)state;
    lede_trainer *t = trainer(BASIC_TPL, sizeof BASIC_TPL / sizeof *BASIC_TPL);
    assert_int_equal(lede_trainer_ntokens(t, 0), 76);
    train(t, 60);
    assert_int_equal(lede_trainer_ntypes(t), 3);
    assert_string_equal(lede_trainer_type(t, 0), "LOC");
    assert_string_equal(lede_trainer_type(t, 1), "ORG");
    assert_string_equal(lede_trainer_type(t, 2), "PER");
    size_t gold[LEDE_TAGGER_MAX_LABELS], pred[LEDE_TAGGER_MAX_LABELS],
        corr[LEDE_TAGGER_MAX_LABELS];
    assert_int_equal(lede_trainer_score(t, 0, gold, pred, corr), 0);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(gold[i], GOLD[i]);
        assert_int_equal(pred[i], GOLD[i]);
        assert_int_equal(corr[i], GOLD[i]);
    }
    /* an empty dev set scores nothing */
    assert_int_equal(lede_trainer_score(t, 1, gold, pred, corr), 0);
    for (size_t i = 0; i < 3; i++) assert_int_equal(gold[i] + pred[i] + corr[i], 0);

    lede_tagger *m = lede_trainer_model(t, 0);
    assert_non_null(m);
    assert_int_equal(lede_tagger_ntypes(m), 3);
    assert_string_equal(lede_tagger_type(m, 0), "LOC");
    assert_string_equal(lede_tagger_type(m, 1), "ORG");
    assert_string_equal(lede_tagger_type(m, 2), "PER");
    assert_null(lede_tagger_type(m, 3));
    assert_int_equal(lede_tagger_nlabels(m), 13);
    assert_string_equal(lede_tagger_label(m, 0), "O");
    assert_string_equal(lede_tagger_label(m, 1), "B-LOC");
    assert_string_equal(lede_tagger_label(m, 8), "U-ORG");
    assert_string_equal(lede_tagger_label(m, 12), "U-PER");
    assert_null(lede_tagger_label(m, 13));
    assert_int_equal(lede_tagger_ntemplates(m), sizeof BASIC_TPL / sizeof *BASIC_TPL);
    assert_string_equal(lede_tagger_template(m, 5), "gaz:places[0]");
    assert_int_equal(lede_tagger_nlists(m), 2);
    assert_string_equal(lede_tagger_list_name(m, 0), "places");
    assert_int_equal(lede_tagger_list_size(m, 0), 7);
    assert_int_equal(lede_tagger_list_size(m, 1), 3);
    assert_true(lede_tagger_nfeatures(m) > 0);
    assert_string_equal(lede_tagger_about(m), "unit test corpus");

    /* sentence 8: Josep Borrell of the European Union warned Belgrade . */
    sent_t *s = mk(CORPUS[7][0], NULL);
    lede_tsent ts = view(s);
    lede_tspanvec out = { 0 };
    assert_int_equal(lede_tagger_tag(m, &ts, 1, &out), 0);
    assert_int_equal(out.n, 3);
    const lede_tspan want[3] = { { 0, 0, 2, 2 }, { 0, 4, 2, 1 }, { 0, 7, 1, 0 } };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(out.v[i].sent, want[i].sent);
        assert_int_equal(out.v[i].tok_first, want[i].tok_first);
        assert_int_equal(out.v[i].tok_count, want[i].tok_count);
        assert_int_equal(out.v[i].type, want[i].type);
    }
    assert_string_equal(lede_tagger_type(m, out.v[0].type), "PER");
    assert_string_equal(lede_tagger_type(m, out.v[2].type), "LOC");
    uint16_t lab[16];
    assert_int_equal(lede_tagger_labels(m, &ts, 1, lab), 0);
    static const char *const wantlab[] = { "B-PER", "L-PER", "O", "O", "B-ORG", "L-ORG",
                                           "O", "U-LOC", "O" };
    for (size_t i = 0; i < 9; i++) assert_string_equal(lede_tagger_label(m, lab[i]), wantlab[i]);
    lede_tspanvec_free(&out);
    unmk(s);

    /* every training sentence, as one document: all the gold spans */
    sent_t *all[NCORPUS];
    lede_tsent doc[NCORPUS];
    size_t per_type[3] = { 0 };
    for (size_t i = 0; i < NCORPUS; i++) all[i] = mk(CORPUS[i][0], NULL), doc[i] = view(all[i]);
    assert_int_equal(lede_tagger_tag(m, doc, NCORPUS, &out), 0);
    check_spans(m, doc, NCORPUS, &out);
    for (size_t i = 0; i < out.n; i++) per_type[out.v[i].type]++;
    for (size_t i = 0; i < 3; i++) assert_int_equal(per_type[i], GOLD[i]);
    /* sentence 2 (IOB1 "I-ORG O O O I-LOC O"): NATO, Kosovo */
    size_t k = 0;
    while (k < out.n && out.v[k].sent != 1) k++;
    assert_true(k + 1 < out.n);
    assert_int_equal(out.v[k].tok_first, 0);
    assert_int_equal(out.v[k].tok_count, 1);
    assert_int_equal(out.v[k].type, 1);
    assert_int_equal(out.v[k + 1].tok_first, 4);
    assert_int_equal(out.v[k + 1].type, 0);
    lede_tspanvec_free(&out);

    /* real tokens from lede_tokenize: punctuation attached in the text */
    const char *text = "Albin Kurti spoke to reporters in Prishtinë.";
    lede_tokvec tv = { 0 };
    assert_int_equal(lede_tokenize(text, 0, strlen(text), &tv), 0);
    assert_int_equal(tv.n, 8);
    lede_tsent rs = { text, tv.v, tv.n, 0 };
    assert_int_equal(lede_tagger_tag(m, &rs, 1, &out), 0);
    assert_int_equal(out.n, 2);
    assert_int_equal(out.v[0].type, 2);
    assert_int_equal(out.v[0].tok_count, 2);
    const lede_token *lt = &tv.v[out.v[1].tok_first];
    assert_int_equal(out.v[1].type, 0);
    assert_int_equal(out.v[1].tok_count, 1);
    assert_int_equal(lt->stop - lt->start, strlen("Prishtinë"));
    assert_memory_equal(text + lt->start, "Prishtinë", strlen("Prishtinë"));
    lede_tspanvec_free(&out);
    lede_tokvec_free(&tv);

    for (size_t i = 0; i < NCORPUS; i++) unmk(all[i]);
    lede_tagger_free(m);
    lede_trainer_free(t);
}

/* lw folds case and diacritics: PRISHTINE reads as Prishtinë */
static void test_lw_folds(void **state)
{
    (void)state;
    lede_trainer *t = lede_trainer_new();
    assert_non_null(t);
    char err[256];
    assert_int_equal(lede_trainer_add_template(t, "lw[0]", err, sizeof err), 0);
    assert_int_equal(lede_trainer_add_template(t, "bias", err, sizeof err), 0);
    sent_t *a = mk("in Prishtinë today", "O U-LOC O");
    sent_t *b = mk("in Geoană today", "O U-PER O");
    assert_int_equal(lede_trainer_add(t, 0, 0, a->words, a->tags, a->n, 0, err, sizeof err), 0);
    assert_int_equal(lede_trainer_add(t, 0, 1, b->words, b->tags, b->n, 0, err, sizeof err), 0);
    for (int e = 0; e < 10; e++) assert_true(lede_trainer_epoch(t, (uint64_t)e) >= 0);
    lede_tagger *m = lede_trainer_model(t, 0);
    assert_non_null(m);
    static const char *const forms[][2] = {
        { "PRISHTINE", "LOC" }, { "prishtine", "LOC" }, { "Prishtinë", "LOC" },
        { "GEOANA", "PER" }, { "geoană", "PER" },
    };
    for (size_t i = 0; i < 5; i++) {
        char words[64];
        snprintf(words, sizeof words, "in %s today", forms[i][0]);
        sent_t *s = mk(words, NULL);
        lede_tsent ts = view(s);
        lede_tspanvec out = { 0 };
        assert_int_equal(lede_tagger_tag(m, &ts, 1, &out), 0);
        assert_int_equal(out.n, 1);
        assert_int_equal(out.v[0].tok_first, 1);
        assert_string_equal(lede_tagger_type(m, out.v[0].type), forms[i][1]);
        lede_tspanvec_free(&out);
        unmk(s);
    }
    lede_tagger_free(m);
    lede_trainer_free(t);
    unmk(a);
    unmk(b);
}

/* -------------------------------------------------- 2. determinism */

static unsigned char *trained_bytes(const char *const *tpl, size_t ntpl, size_t *len)
{
    lede_trainer *t = trainer(tpl, ntpl);
    for (int e = 0; e < 6; e++) assert_true(lede_trainer_epoch(t, 42 + (uint64_t)e) >= 0);
    lede_tagger *m = lede_trainer_model(t, 0.001f);
    assert_non_null(m);
    unsigned char *b = lede_tagger_serialize(m, len);
    assert_non_null(b);
    lede_tagger_free(m);
    lede_trainer_free(t);
    return b;
}

static void test_deterministic(void **state)
{
    (void)state;
    const size_t nt = sizeof RICH_TPL / sizeof *RICH_TPL;
    size_t n1, n2;
    unsigned char *a = trained_bytes(RICH_TPL, nt, &n1);
    unsigned char *b = trained_bytes(RICH_TPL, nt, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    /* the same model serialised twice */
    lede_trainer *t = trainer(BASIC_TPL, sizeof BASIC_TPL / sizeof *BASIC_TPL);
    assert_true(lede_trainer_epoch(t, 7) >= 0);
    lede_tagger *m = lede_trainer_model(t, 0);
    a = lede_tagger_serialize(m, &n1);
    b = lede_tagger_serialize(m, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    lede_tagger_free(m);
    lede_trainer_free(t);
}

/* ---------------------------------------------- 3. save/load round trip */

static const char *const EXTRA[] = {
    "Mircea Geoană visited Prishtinë on Monday .",
    "NATO and KFOR met in Brussels .",
    "Ms Osmani told Josep Borrell that Serbia was wrong .",
    "TALKS IN BRUSSELS COLLAPSE",
    "nobody here",
    "Zvečan Mitrovica Belgrade",
};

static void same_tagging(const lede_tagger *a, const lede_tagger *b)
{
    const size_t ne = sizeof EXTRA / sizeof *EXTRA;
    sent_t *s[sizeof EXTRA / sizeof *EXTRA];
    lede_tsent ts[sizeof EXTRA / sizeof *EXTRA];
    for (size_t i = 0; i < ne; i++) s[i] = mk(EXTRA[i], NULL), ts[i] = view(s[i]);
    ts[3].flags = LEDE_TSENT_HEADLINE;
    /* the whole document, and each sentence on its own */
    for (size_t from = 0; from <= ne; from++) {
        size_t cnt = from == ne ? ne : 1, at = from == ne ? 0 : from;
        lede_tspanvec va = { 0 }, vb = { 0 };
        assert_int_equal(lede_tagger_tag(a, ts + at, cnt, &va), 0);
        assert_int_equal(lede_tagger_tag(b, ts + at, cnt, &vb), 0);
        assert_int_equal(va.n, vb.n);
        if (va.n) assert_memory_equal(va.v, vb.v, va.n * sizeof *va.v);
        check_spans(a, ts + at, cnt, &va);
        lede_tspanvec_free(&va);
        lede_tspanvec_free(&vb);
        uint16_t la[64], lb[64];
        assert_int_equal(lede_tagger_labels(a, ts + at, cnt, la), 0);
        assert_int_equal(lede_tagger_labels(b, ts + at, cnt, lb), 0);
        size_t ntok = 0;
        for (size_t i = 0; i < cnt; i++) ntok += ts[at + i].n;
        assert_memory_equal(la, lb, ntok * sizeof *la);
    }
    for (size_t i = 0; i < ne; i++) unmk(s[i]);
}

static void test_save_load(void **state)
{
    (void)state;
    lede_trainer *t = trainer(RICH_TPL, sizeof RICH_TPL / sizeof *RICH_TPL);
    train(t, 60);
    lede_tagger *m = lede_trainer_model(t, 0);
    assert_non_null(m);
    char path[] = "/tmp/lede_tagger_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[512] = "";
    assert_int_equal(lede_tagger_save(m, path, err, sizeof err), 0);
    lede_tagger *m2 = lede_tagger_load(path, err, sizeof err);
    if (!m2) fail_msg("load: %s", err);
    assert_int_equal(lede_tagger_ntypes(m2), lede_tagger_ntypes(m));
    for (size_t i = 0; i < lede_tagger_ntypes(m); i++)
        assert_string_equal(lede_tagger_type(m2, i), lede_tagger_type(m, i));
    assert_int_equal(lede_tagger_nlabels(m2), lede_tagger_nlabels(m));
    for (size_t i = 0; i < lede_tagger_nlabels(m); i++)
        assert_string_equal(lede_tagger_label(m2, i), lede_tagger_label(m, i));
    assert_int_equal(lede_tagger_ntemplates(m2), lede_tagger_ntemplates(m));
    for (size_t i = 0; i < lede_tagger_ntemplates(m); i++)
        assert_string_equal(lede_tagger_template(m2, i), lede_tagger_template(m, i));
    assert_int_equal(lede_tagger_nlists(m2), lede_tagger_nlists(m));
    for (size_t i = 0; i < lede_tagger_nlists(m); i++) {
        assert_string_equal(lede_tagger_list_name(m2, i), lede_tagger_list_name(m, i));
        assert_int_equal(lede_tagger_list_size(m2, i), lede_tagger_list_size(m, i));
    }
    assert_int_equal(lede_tagger_nfeatures(m2), lede_tagger_nfeatures(m));
    assert_string_equal(lede_tagger_about(m2), lede_tagger_about(m));
    size_t n1, n2;
    unsigned char *a = lede_tagger_serialize(m, &n1);
    unsigned char *b = lede_tagger_serialize(m2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    /* the file holds exactly those bytes */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char *fb = malloc(n1 + 1);
    assert_int_equal(fread(fb, 1, n1 + 1, f), n1);
    fclose(f);
    assert_memory_equal(fb, a, n1);
    free(fb);
    /* parse from memory too */
    lede_tagger *m3 = lede_tagger_parse(a, n1, "mem", err, sizeof err);
    assert_non_null(m3);
    same_tagging(m, m2);
    same_tagging(m, m3);
    /* saving over an existing model, and no temporary left behind */
    assert_int_equal(lede_tagger_save(m2, path, err, sizeof err), 0);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_not_equal(access(tmp, F_OK), 0);
    /* a save that cannot be written */
    err[0] = 0;
    assert_int_equal(lede_tagger_save(m, "/nonexistent-dir-lede/x.model", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent-dir-lede/x.model"));
    free(a);
    free(b);
    lede_tagger_free(m3);
    lede_tagger_free(m2);
    lede_tagger_free(m);
    lede_trainer_free(t);
    unlink(path);
}

/* round trip of a model whose table wraps around its end: load, save,
 * load again and every generation serialises the same */
static void test_reserialize_stable(void **state)
{
    (void)state;
    for (int variant = 0; variant < 12; variant++) {
        lede_trainer *t = trainer(RICH_TPL, 3 + (size_t)variant);
        for (int e = 0; e < 1 + variant % 4; e++) assert_true(lede_trainer_epoch(t, (uint64_t)e) >= 0);
        lede_tagger *m = lede_trainer_model(t, variant % 3 ? 0.5f : 0);
        assert_non_null(m);
        size_t n1, n2;
        unsigned char *a = lede_tagger_serialize(m, &n1);
        char err[256];
        lede_tagger *m2 = lede_tagger_parse(a, n1, "gen1", err, sizeof err);
        assert_non_null(m2);
        unsigned char *b = lede_tagger_serialize(m2, &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        same_tagging(m, m2);
        free(a);
        free(b);
        lede_tagger_free(m2);
        lede_tagger_free(m);
        lede_trainer_free(t);
    }
}

/* ------------------------------------------------ 4. Viterbi vs brute */

static uint64_t rng = 0x1234567887654321ULL;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static float rndf(void) { return (float)((double)(rnd() % 20001) / 1000.0 - 10.0); }

/* the score of a path, added in the order Viterbi adds; -INFINITY when a
 * step is forbidden */
static float path_score(const float *emit, const float *trans, const float *start,
                        const float *stop, const unsigned char *al, const unsigned char *as,
                        const unsigned char *ae, size_t n, size_t L, const uint16_t *y)
{
    if (!as[y[0]]) return -INFINITY;
    float s = start[y[0]] + emit[y[0]];
    for (size_t t = 1; t < n; t++) {
        if (!al[y[t - 1] * L + y[t]]) return -INFINITY;
        s = s + trans[y[t - 1] * L + y[t]];
        s = s + emit[t * L + y[t]];
    }
    if (!ae[y[n - 1]]) return -INFINITY;
    return s + stop[y[n - 1]];
}

static void test_viterbi_brute(void **state)
{
    (void)state;
    float emit[5 * 5], trans[25], start[5], stop[5];
    unsigned char al[25], as[5], ae[5];
    uint16_t out[5], y[5];
    int none = 0, some = 0;
    for (int iter = 0; iter < 4000; iter++) {
        size_t L = 1 + rnd() % 5, n = 1 + rnd() % 5;
        unsigned dens = (unsigned)(rnd() % 4);   /* 0 sparse .. 3 all allowed */
        for (size_t i = 0; i < n * L; i++) emit[i] = rndf();
        for (size_t i = 0; i < L * L; i++) {
            trans[i] = rndf();
            al[i] = dens == 3 || rnd() % 4 < dens + 1;
        }
        for (size_t i = 0; i < L; i++) {
            start[i] = rndf();
            stop[i] = rndf();
            as[i] = dens == 3 || rnd() % 4 < dens + 1;
            ae[i] = dens == 3 || rnd() % 4 < dens + 1;
        }
        switch (rnd() % 16) {   /* some all-forbidden masks */
        case 0: memset(as, 0, L); break;
        case 1: memset(ae, 0, L); break;
        case 2: memset(al, 0, L * L); break;
        default: break;
        }
        /* brute force */
        float best = -INFINITY;
        size_t total = 1;
        for (size_t i = 0; i < n; i++) total *= L;
        for (size_t c = 0; c < total; c++) {
            size_t x = c;
            for (size_t i = 0; i < n; i++) y[i] = (uint16_t)(x % L), x /= L;
            float s = path_score(emit, trans, start, stop, al, as, ae, n, L, y);
            if (s > best) best = s;
        }
        for (size_t i = 0; i < 5; i++) out[i] = 0xbeef;
        float v = lede_viterbi(emit, trans, start, stop, al, as, ae, n, L, out);
        assert_false(isnan(v));
        if (best == -INFINITY) {
            none++;
            assert_true(v == -INFINITY);
            for (size_t i = 0; i < n; i++) assert_true(out[i] < L);   /* written, in range */
            continue;
        }
        some++;
        if (v != best)
            fail_msg("iter %d L=%zu n=%zu: viterbi %.9g brute %.9g", iter, L, n, v, best);
        for (size_t i = 0; i < n; i++) assert_true(out[i] < L);
        float ps = path_score(emit, trans, start, stop, al, as, ae, n, L, out);
        assert_true(ps == v);
    }
    assert_true(none > 100);
    assert_true(some > 1000);
    /* no tokens: nothing written, score 0 */
    out[0] = 7;
    assert_true(lede_viterbi(emit, trans, start, stop, al, as, ae, 0, 3, out) == 0);
    assert_int_equal(out[0], 7);
}

/* tagger_allowed against BILOU written out from label names */
static void test_bilou_constraints(void **state)
{
    (void)state;
    lede_trainer *t = trainer(BASIC_TPL, sizeof BASIC_TPL / sizeof *BASIC_TPL);
    assert_true(lede_trainer_epoch(t, 1) >= 0);
    lede_tagger *m = lede_trainer_model(t, 0);
    assert_non_null(m);
    size_t L = lede_tagger_nlabels(m);
    unsigned char *al = malloc(L * L), *as = malloc(L), *ae = malloc(L);
    tagger_allowed(L, al, as, ae);
    for (size_t p = 0; p < L; p++) {
        const char *a = lede_tagger_label(m, p);
        int aopen = a[0] == 'B' || a[0] == 'I';
        assert_int_equal(as[p], a[0] == 'O' || a[0] == 'B' || a[0] == 'U');
        assert_int_equal(ae[p], !aopen);
        for (size_t l = 0; l < L; l++) {
            const char *b = lede_tagger_label(m, l);
            int bcont = b[0] == 'I' || b[0] == 'L';
            int ok = aopen ? bcont && !strcmp(a + 2, b + 2) : !bcont;
            assert_int_equal(al[p * L + l], ok);
        }
    }
    /* random emissions under those constraints: always a valid sequence */
    float *emit = malloc(12 * L * sizeof *emit), *trans = malloc(L * L * sizeof *trans);
    float *st = malloc(L * sizeof *st), *sp = malloc(L * sizeof *sp);
    uint16_t out[12];
    for (int iter = 0; iter < 2000; iter++) {
        size_t n = 1 + rnd() % 12;
        for (size_t i = 0; i < n * L; i++) emit[i] = rndf();
        for (size_t i = 0; i < L * L; i++) trans[i] = rndf();
        for (size_t i = 0; i < L; i++) st[i] = rndf(), sp[i] = rndf();
        float v = lede_viterbi(emit, trans, st, sp, al, as, ae, n, L, out);
        assert_true(isfinite(v));
        assert_true(valid_bilou(m, out, n));
    }
    /* and what the tagger decodes, on random word salad */
    static const char *const vocab[] = { "Mircea", "Geoană", "NATO", "in", "Kosovo", "European",
                                         "Union", "said", ".", "Josep", "Borrell", "KFOR",
                                         "and", "Prishtinë", "the", "Albin" };
    for (int iter = 0; iter < 300; iter++) {
        char words[1024] = "";
        size_t n = 1 + rnd() % 20;
        for (size_t i = 0; i < n; i++) {
            if (i) strcat(words, " ");
            strcat(words, vocab[rnd() % 16]);
        }
        sent_t *s = mk(words, NULL);
        lede_tsent ts = view(s);
        uint16_t lab[32];
        assert_int_equal(lede_tagger_labels(m, &ts, 1, lab), 0);
        assert_true(valid_bilou(m, lab, n));
        lede_tspanvec v = { 0 };
        assert_int_equal(lede_tagger_tag(m, &ts, 1, &v), 0);
        check_spans(m, &ts, 1, &v);
        /* the spans are the B..L and U runs of the labels */
        size_t nent = 0;
        for (size_t i = 0; i < n; i++) {
            const char *l = lede_tagger_label(m, lab[i]);
            nent += l[0] == 'B' || l[0] == 'U';
        }
        assert_int_equal(v.n, nent);
        for (size_t i = 0; i < v.n; i++) {
            const char *l0 = lede_tagger_label(m, lab[v.v[i].tok_first]);
            const char *l1 = lede_tagger_label(m, lab[v.v[i].tok_first + v.v[i].tok_count - 1]);
            assert_true(v.v[i].tok_count == 1 ? l0[0] == 'U' : l0[0] == 'B' && l1[0] == 'L');
            assert_string_equal(l0 + 2, lede_tagger_type(m, v.v[i].type));
        }
        lede_tspanvec_free(&v);
        unmk(s);
    }
    free(emit);
    free(trans);
    free(st);
    free(sp);
    free(al);
    free(as);
    free(ae);
    lede_tagger_free(m);
    lede_trainer_free(t);
}

/* -------------------------------------------------- 5. bad model files */

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/* the body's checksum put right (so the parser, not the checksum, must
 * catch what is wrong) */
static void fix_sum(unsigned char *p, size_t n)
{
    uint64_t h = fnv1a(p, n - 8);
    for (int i = 0; i < 8; i++) p[n - 8 + i] = (unsigned char)(h >> (8 * i));
}

static unsigned char *small_model(size_t *len)
{
    static const char *const tpl[] = { "w[0]", "gaz:places[0]", "bias" };
    lede_trainer *t = trainer(tpl, 3);
    for (int e = 0; e < 3; e++) assert_true(lede_trainer_epoch(t, (uint64_t)e) >= 0);
    lede_tagger *m = lede_trainer_model(t, 0.5f);
    assert_non_null(m);
    unsigned char *b = lede_tagger_serialize(m, len);
    assert_non_null(b);
    lede_tagger_free(m);
    lede_trainer_free(t);
    return b;
}

/* Parse n bytes from their own allocation (so ASan sees any overread):
 * NULL and a message naming the input, or a model that tags. */
static int try_parse(const unsigned char *p, size_t n, int must_fail)
{
    unsigned char *c = malloc(n ? n : 1);
    assert_non_null(c);
    memcpy(c, p, n);
    char err[512];
    memset(err, 0, sizeof err);
    lede_tagger *m = lede_tagger_parse(c, n, "bad.model", err, sizeof err);
    free(c);
    if (!m) {
        if (!strstr(err, "bad.model") || strlen(err) <= strlen("bad.model: "))
            fail_msg("no good message for %zu bytes: '%s'", n, err);
        return 0;
    }
    if (must_fail) fail_msg("%zu bytes parsed", n);
    sent_t *s = mk(EXTRA[2], NULL);
    lede_tsent ts = view(s);
    lede_tspanvec v = { 0 };
    assert_int_equal(lede_tagger_tag(m, &ts, 1, &v), 0);
    check_spans(m, &ts, 1, &v);
    lede_tspanvec_free(&v);
    unmk(s);
    lede_tagger_free(m);
    return 1;
}

static void write_file(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (n) assert_int_equal(fwrite(p, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void load_fails(const char *path)
{
    char err[512];
    memset(err, 0, sizeof err);
    lede_tagger *m = lede_tagger_load(path, err, sizeof err);
    if (m) fail_msg("%s loaded", path);
    if (!strstr(err, path) || strlen(err) <= strlen(path) + 2)
        fail_msg("message for %s: '%s'", path, err);
}

static void test_bad_files(void **state)
{
    (void)state;
    size_t n;
    unsigned char *good = small_model(&n);
    assert_true(n > 100);
    assert_true(try_parse(good, n, 0) == 1);
    char path[] = "/tmp/lede_badmodel_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);

    write_file(path, good, 0);                 /* empty */
    load_fails(path);
    unsigned char *c = malloc(n);
    memcpy(c, good, n);
    c[0] = 'X';                                /* wrong magic */
    write_file(path, c, n);
    load_fails(path);
    memcpy(c, "LEDETAG\n", 8);
    c[8] = 2;                                  /* another version, checksum right */
    fix_sum(c, n);
    write_file(path, c, n);
    load_fails(path);
    write_file(path, (const unsigned char *)"LEDETAG\n", 8);   /* header only */
    load_fails(path);
    write_file(path, good, n - 1);
    load_fails(path);
    load_fails("/tmp/lede-no-such-dir/no-such.model");
    load_fails("/tmp");                        /* a directory */

    /* cut at every byte: the checksum catches it, and with the checksum
     * put right the parser must */
    for (size_t k = 0; k < n; k++) {
        try_parse(good, k, 1);
        if (k >= 8 + 12) {
            memcpy(c, good, k - 8);
            memset(c + k - 8, 0, 8);
            fix_sum(c, k);
            try_parse(c, k, 1);
        }
    }
    /* one byte changed at every position */
    size_t parsed = 0;
    for (size_t i = 0; i < n; i++) {
        static const unsigned char delta[] = { 0x01, 0x80, 0xff };
        for (size_t d = 0; d < 3; d++) {
            memcpy(c, good, n);
            c[i] ^= delta[d];
            try_parse(c, n, 1);                /* checksum mismatch */
            if (i < n - 8) {
                fix_sum(c, n);
                parsed += (size_t)try_parse(c, n, 0);   /* must not crash */
            }
        }
        memcpy(c, good, n);
        c[i] = 0xff;
        if (i < n - 8) fix_sum(c, n), parsed += (size_t)try_parse(c, n, 0);
    }
    assert_true(parsed > 0);                   /* some weights changed: still a model */
    /* written to a file: the message names it */
    memcpy(c, good, n);
    c[n / 2] ^= 0x55;
    write_file(path, c, n);
    load_fails(path);
    free(c);
    free(good);
    unlink(path);
}

/* A NaN or infinite transition weight is as malformed as a NaN feature
 * weight */
static void test_nonfinite_weights(void **state)
{
    (void)state;
    size_t n;
    unsigned char *good = small_model(&n);
    /* find the transition weights: after header, about, types, lists,
     * templates */
    size_t at = 12;
    uint32_t len;
#define U32(o) ((uint32_t)good[o] | (uint32_t)good[(o) + 1] << 8 | (uint32_t)good[(o) + 2] << 16 \
                | (uint32_t)good[(o) + 3] << 24)
    len = U32(at), at += 4 + len;                               /* about */
    uint32_t nty = U32(at);
    at += 4;
    assert_int_equal(nty, 3);
    for (uint32_t i = 0; i < nty; i++) len = U32(at), at += 4 + len;
    uint32_t nl = U32(at);
    at += 4;
    assert_int_equal(nl, 2);
    for (uint32_t i = 0; i < nl; i++) {
        len = U32(at), at += 4 + len;
        uint32_t ne = U32(at);
        at += 4;
        for (uint32_t k = 0; k < ne; k++) len = U32(at), at += 4 + len;
    }
    uint32_t nt = U32(at);
    at += 4;
    assert_int_equal(nt, 3);
    for (uint32_t i = 0; i < nt; i++) len = U32(at), at += 4 + len;
#undef U32
    size_t L = 13, ntrans = 2 * L + L * L;
    assert_true(at + 4 * ntrans + 8 + 8 < n);
    static const uint32_t bad[] = { 0x7fc00000u, 0x7f800000u, 0xff800000u };
    unsigned char *c = malloc(n);
    for (size_t w = 0; w < ntrans; w += 7) {
        for (size_t b = 0; b < 3; b++) {
            memcpy(c, good, n);
            for (int i = 0; i < 4; i++) c[at + 4 * w + (size_t)i] = (unsigned char)(bad[b] >> (8 * i));
            fix_sum(c, n);
            try_parse(c, n, 1);
        }
    }
    free(c);
    free(good);
}

/* ------------------------------------------- 6. bad templates and tags */

static void test_bad_templates(void **state)
{
    (void)state;
    lede_trainer *t = lede_trainer_new();
    assert_int_equal(lede_trainer_add_list(t, "places", PLACES, 7), 0);
    assert_int_equal(lede_trainer_add_list(t, "places", PLACES, 7), -2);   /* repeated */
    assert_int_equal(lede_trainer_add_list(t, "", PLACES, 7), -2);
    assert_int_equal(lede_trainer_add_list(t, "a|b", PLACES, 7), -2);
    static const char *const bad[] = { "nonsense[0]", "w[9]", "w[-5]", "gaz:missing[0]",
                                       "w[0", "w[]", "w[x]", "pre7[0]", "suf0[0]", "w[0]|",
                                       "|w[0]", "w|lw|cap|len|shape", "gaz:[0]", "W[0]" };
    char err[512];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = 0;
        assert_int_equal(lede_trainer_add_template(t, bad[i], err, sizeof err), -1);
        if (!strstr(err, bad[i])) fail_msg("'%s': message '%s'", bad[i], err);
    }
    err[0] = 0;
    assert_int_equal(lede_trainer_add_template(t, "", err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    static const char *const good[] = { "w[0]", "w[-4]|w[4]", "pre6[0]", "suf1[+1]",
                                        "gaz:places[0]", "bias", "first|cap[0]" };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_int_equal(lede_trainer_add_template(t, good[i], err, sizeof err), 0);
    /* lists after templates: refused */
    assert_int_equal(lede_trainer_add_list(t, "late", PLACES, 1), -2);

    /* bad tags: -2 and a message, the data untouched */
    sent_t *s = mk("Mircea Geoană said", "B-PER I-PER O");
    static const char *const badtags[] = { "X-FOO", "B", "B-", "b-PER", "BPER", "" };
    for (size_t i = 0; i < sizeof badtags / sizeof *badtags; i++) {
        const char *tags[3] = { "B-NEW", "L-NEW", badtags[i] };
        err[0] = 0;
        assert_int_equal(lede_trainer_add(t, 0, 0, s->words, tags, 3, 0, err, sizeof err), -2);
        assert_true(strlen(err) > 0);
        if (badtags[i][0] && !strstr(err, badtags[i]))
            fail_msg("tag '%s': message '%s'", badtags[i], err);
        assert_int_equal(lede_trainer_nsentences(t, 0), 0);
        assert_int_equal(lede_trainer_ntokens(t, 0), 0);
        assert_int_equal(lede_trainer_ntypes(t), 0);   /* no type from a rejected sentence */
    }
    /* nothing to learn yet */
    assert_int_equal(lede_trainer_epoch(t, 1), -2);
    /* IOB1: I-PER I-PER B-PER is two entities; L- and E- close one */
    {
        sent_t *a = mk("Vjosa Osmani Kurti said", "I-PER I-PER B-PER O");
        sent_t *b = mk("NATO KFOR EULEX UN", "I-ORG L-ORG I-ORG E-ORG");
        sent_t *c = mk("Kosovo Serbia Albania", "I-LOC I-ORG I-LOC");
        assert_int_equal(lede_trainer_add(t, 0, 0, a->words, a->tags, a->n, 0, err, sizeof err), 0);
        assert_int_equal(lede_trainer_add(t, 0, 0, b->words, b->tags, b->n, 0, err, sizeof err), 0);
        assert_int_equal(lede_trainer_add(t, 1, 1, c->words, c->tags, c->n, 0, err, sizeof err), 0);
        assert_int_equal(lede_trainer_nsentences(t, 0), 2);
        assert_int_equal(lede_trainer_nsentences(t, 1), 1);
        assert_int_equal(lede_trainer_ntokens(t, 0), 8);
        size_t gold[LEDE_TAGGER_MAX_LABELS], pred[LEDE_TAGGER_MAX_LABELS],
            corr[LEDE_TAGGER_MAX_LABELS];
        assert_int_equal(lede_trainer_score(t, 0, gold, pred, corr), 0);
        assert_int_equal(lede_trainer_ntypes(t), 3);
        assert_string_equal(lede_trainer_type(t, 0), "LOC");
        assert_string_equal(lede_trainer_type(t, 1), "ORG");
        assert_string_equal(lede_trainer_type(t, 2), "PER");
        assert_int_equal(gold[0], 0);
        assert_int_equal(gold[1], 2);
        assert_int_equal(gold[2], 2);
        assert_int_equal(lede_trainer_score(t, 1, gold, pred, corr), 0);
        assert_int_equal(gold[0], 2);
        assert_int_equal(gold[1], 1);
        assert_int_equal(gold[2], 0);
        /* and once training started, nothing more can be added */
        assert_int_equal(lede_trainer_add(t, 0, 0, a->words, a->tags, a->n, 0, err, sizeof err), -2);
        assert_int_equal(lede_trainer_add_template(t, "w[1]", err, sizeof err), -1);
        assert_true(lede_trainer_epoch(t, 3) >= 0);
        unmk(a);
        unmk(b);
        unmk(c);
    }
    unmk(s);
    lede_trainer_free(t);

    /* too many types */
    t = lede_trainer_new();
    assert_int_equal(lede_trainer_add_template(t, "w[0]", err, sizeof err), 0);
    const char *w1[1] = { "x" };
    size_t maxtypes = (LEDE_TAGGER_MAX_LABELS - 1) / 4;
    for (size_t i = 0; i + 1 < maxtypes; i++) {
        char tag[16];
        snprintf(tag, sizeof tag, "U-T%02zu", i);
        const char *tags[1] = { tag };
        assert_int_equal(lede_trainer_add(t, 0, 0, w1, tags, 1, 0, err, sizeof err), 0);
    }
    {
        /* one type too many in a sentence: none of its new types stays */
        const char *w2[2] = { "x", "y" }, *tags2[2] = { "U-LAST", "U-TOOMANY" };
        assert_int_equal(lede_trainer_add(t, 0, 0, w2, tags2, 2, 0, err, sizeof err), -2);
        assert_int_equal(lede_trainer_ntypes(t), maxtypes - 1);
        const char *tags1[1] = { "U-LAST" };
        assert_int_equal(lede_trainer_add(t, 0, 0, w1, tags1, 1, 0, err, sizeof err), 0);
        assert_int_equal(lede_trainer_ntypes(t), maxtypes);
    }
    const char *tags[1] = { "U-ONEMORE" };
    err[0] = 0;
    assert_int_equal(lede_trainer_add(t, 0, 0, w1, tags, 1, 0, err, sizeof err), -2);
    assert_true(strlen(err) > 0);
    assert_int_equal(lede_trainer_ntypes(t), maxtypes);
    assert_true(lede_trainer_epoch(t, 1) >= 0);
    lede_tagger *m = lede_trainer_model(t, 0);
    assert_non_null(m);
    assert_int_equal(lede_tagger_nlabels(m), 1 + 4 * maxtypes);
    assert_true(lede_tagger_nlabels(m) <= LEDE_TAGGER_MAX_LABELS);
    size_t len;
    unsigned char *b = lede_tagger_serialize(m, &len);
    lede_tagger *m2 = lede_tagger_parse(b, len, "many", err, sizeof err);
    assert_non_null(m2);
    lede_tagger_free(m2);
    free(b);
    lede_tagger_free(m);
    lede_trainer_free(t);
}

/* --------------------------------------------------------- 7. edges */

static void test_edges(void **state)
{
    (void)state;
    lede_trainer *t = trainer(RICH_TPL, sizeof RICH_TPL / sizeof *RICH_TPL);
    /* a long sentence in training too */
    {
        char words[4096] = "", tags[4096] = "";
        for (int i = 0; i < 60; i++) {
            strcat(words, i ? " Mircea Geoană visited Prishtinë and" : "Mircea Geoană visited Prishtinë and");
            strcat(tags, i ? " B-PER I-PER O U-LOC O" : "B-PER I-PER O U-LOC O");
        }
        sent_t *s = mk(words, tags);
        assert_int_equal(s->n, 300);
        char err[256];
        assert_int_equal(lede_trainer_add(t, 1, 99, s->words, s->tags, s->n, 0, err, sizeof err), 0);
        unmk(s);
    }
    train(t, 60);
    size_t gold[LEDE_TAGGER_MAX_LABELS], pred[LEDE_TAGGER_MAX_LABELS],
        corr[LEDE_TAGGER_MAX_LABELS];
    assert_int_equal(lede_trainer_score(t, 1, gold, pred, corr), 0);
    assert_int_equal(gold[0], 60);
    assert_int_equal(gold[2], 60);
    lede_tagger *m = lede_trainer_model(t, 0);
    assert_non_null(m);

    lede_tspanvec out = { 0 };
    assert_int_equal(lede_tagger_tag(m, NULL, 0, &out), 0);
    assert_int_equal(out.n, 0);
    lede_tsent empty[3] = { { "", NULL, 0, 0 }, { "", NULL, 0, 0 }, { "", NULL, 0, 0 } };
    assert_int_equal(lede_tagger_tag(m, empty, 3, &out), 0);
    assert_int_equal(out.n, 0);
    uint16_t lab0[1] = { 77 };
    assert_int_equal(lede_tagger_labels(m, empty, 3, lab0), 0);
    assert_int_equal(lab0[0], 77);

    /* empty sentences between real ones: sentence indexes stay right */
    sent_t *a = mk(CORPUS[0][0], NULL), *b = mk(CORPUS[4][0], NULL);
    lede_tsent doc[5] = { { "", NULL, 0, 0 }, view(a), { "", NULL, 0, 0 }, view(b),
                          { "", NULL, 0, 0 } };
    assert_int_equal(lede_tagger_tag(m, doc, 5, &out), 0);
    check_spans(m, doc, 5, &out);
    assert_int_equal(out.n, 4);
    assert_int_equal(out.v[0].sent, 1);
    assert_int_equal(out.v[1].sent, 1);
    assert_int_equal(out.v[2].sent, 3);
    assert_int_equal(out.v[3].sent, 3);
    /* spans are appended to what out holds */
    assert_int_equal(lede_tagger_tag(m, doc + 1, 1, &out), 0);
    assert_int_equal(out.n, 6);
    assert_int_equal(out.v[4].sent, 0);
    lede_tspanvec_free(&out);

    /* 300 tokens */
    {
        char words[4096] = "";
        for (int i = 0; i < 60; i++)
            strcat(words, i ? " Albin Kurti visited Brussels and" : "Albin Kurti visited Brussels and");
        sent_t *s = mk(words, NULL);
        assert_int_equal(s->n, 300);
        lede_tsent ts = view(s);
        uint16_t *lab = malloc(300 * sizeof *lab);
        assert_int_equal(lede_tagger_labels(m, &ts, 1, lab), 0);
        assert_true(valid_bilou(m, lab, 300));
        assert_int_equal(lede_tagger_tag(m, &ts, 1, &out), 0);
        check_spans(m, &ts, 1, &out);
        size_t per = 0, loc = 0;
        for (size_t i = 0; i < out.n; i++) {
            if (out.v[i].type == 2 && out.v[i].tok_count == 2 && out.v[i].tok_first % 5 == 0) per++;
            if (out.v[i].type == 0 && out.v[i].tok_count == 1 && out.v[i].tok_first % 5 == 3) loc++;
        }
        assert_true(per >= 55);
        assert_true(loc >= 55);
        free(lab);
        lede_tspanvec_free(&out);
        unmk(s);
    }
    /* UTF-8 everywhere; odd tokens (lone punctuation, digits, invalid
     * bytes, one-byte tokens) do not break anything */
    {
        const char *text = "Mircea Geoană și Vjosa Osmani-Sadriu în Prishtinë, 1,000 € \xff\xfe ; Ω…";
        lede_tokvec tv = { 0 };
        assert_int_equal(lede_tokenize(text, 0, strlen(text), &tv), 0);
        lede_tsent ts = { text, tv.v, tv.n, 0 };
        assert_int_equal(lede_tagger_tag(m, &ts, 1, &out), 0);
        check_spans(m, &ts, 1, &out);
        int geoana = 0, prishtine = 0;
        for (size_t i = 0; i < out.n; i++) {
            const lede_token *t0 = &tv.v[out.v[i].tok_first];
            const lede_token *t1 = &tv.v[out.v[i].tok_first + out.v[i].tok_count - 1];
            size_t l = t1->stop - t0->start;
            if (l == strlen("Mircea Geoană") && !memcmp(text + t0->start, "Mircea Geoană", l)
                && out.v[i].type == 2)
                geoana = 1;
            if (l == strlen("Prishtinë") && !memcmp(text + t0->start, "Prishtinë", l)
                && out.v[i].type == 0)
                prishtine = 1;
        }
        assert_true(geoana);
        assert_true(prishtine);
        lede_tspanvec_free(&out);
        lede_tokvec_free(&tv);
    }
    /* a zero-length token */
    {
        const char *text = "Geoană";
        lede_token tk[2] = { { 0, 0, LEDE_TOK_WORD }, { 0, (uint32_t)strlen(text), LEDE_TOK_WORD } };
        lede_tsent ts = { text, tk, 2, 0 };
        assert_int_equal(lede_tagger_tag(m, &ts, 1, &out), 0);
        check_spans(m, &ts, 1, &out);
        lede_tspanvec_free(&out);
    }
    unmk(a);
    unmk(b);
    lede_tagger_free(m);
    lede_trainer_free(t);
}

/* hist (when this build knows it): trains, round-trips, is deterministic */
static void test_hist_if_known(void **state)
{
    (void)state;
    lede_trainer *probe = lede_trainer_new();
    char err[256];
    int known = lede_trainer_add_template(probe, "hist[0]", err, sizeof err) == 0;
    lede_trainer_free(probe);
    if (!known) skip();
    static const char *const tpl[] = { "w[0]", "hist[0]", "hist[0]|w[-1]", "bias" };
    size_t n1, n2;
    unsigned char *a = trained_bytes(tpl, 4, &n1);
    unsigned char *b = trained_bytes(tpl, 4, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    lede_tagger *m = lede_tagger_parse(a, n1, "hist", err, sizeof err);
    assert_non_null(m);
    unsigned char *c = lede_tagger_serialize(m, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, c, n1);
    same_tagging(m, m);
    lede_tagger_free(m);
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_train_learns),
        cmocka_unit_test(test_lw_folds),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_save_load),
        cmocka_unit_test(test_reserialize_stable),
        cmocka_unit_test(test_viterbi_brute),
        cmocka_unit_test(test_bilou_constraints),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_nonfinite_weights),
        cmocka_unit_test(test_bad_templates),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_hist_if_known),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
