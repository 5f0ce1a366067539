/*
 * tagger.c — the sequence tagger's features, decoding and tagging.
 *
 * A document is featurised in three steps, all in C (no Lua per token):
 *   1. every token's attribute values (word, lowercase, shape, affixes,
 *      capitalisation, word-list membership, ...) hashed once;
 *   2. document-wide attributes (dcase: how the word is written elsewhere
 *      in the document) from a small hash table over the document;
 *   3. each template's key: its items' values at their offsets mixed into
 *      one 64-bit id.
 * Tagging sums the weight rows of the keys into emission scores and runs
 * Viterbi over the BILOU transitions. Loading, saving: tagger_io.c;
 * training: tagger_train.c.
 */
#include "tagger_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ hashing */

uint64_t tagger_mix(uint64_t h)
{
    /* splitmix64's finaliser: every input bit reaches every output bit */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

static uint64_t fnv(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The value of attribute a: never 0, which means "absent". */
static uint64_t value(unsigned a, uint64_t h)
{
    uint64_t v = tagger_mix(h ^ ((uint64_t)(a + 1) * 0x9e3779b97f4a7c15ULL));
    return v ? v : 1;
}

#define BOS_VAL(a) value((a), 0x626f73ULL)
#define EOS_VAL(a) value((a), 0x656f73ULL)

/* --------------------------------------------------------- templates */

static const struct { const char *name; unsigned attr; } ATTR_NAMES[] = {
    { "w", TA_W }, { "lw", TA_LW }, { "shape", TA_SHAPE }, { "sshape", TA_SSHAPE },
    { "cap", TA_CAP }, { "len", TA_LEN }, { "dcase", TA_DCASE }, { "hl", TA_HL },
    { "first", TA_FIRST }, { "bias", TA_BIAS }, { "hist", TA_HIST },
    { "stype", TA_STYPE },
};

static int parse_item(featset_t *fs, const char *s, size_t n, tpl_t *t, char *err,
                      size_t errsize, const char *src)
{
    /* NAME or NAME[OFF] */
    size_t k = 0;
    while (k < n && s[k] != '[') k++;
    int off = 0;
    if (k < n) {
        if (s[n - 1] != ']' || n - k < 3) goto bad;
        char buf[8];
        size_t m = n - k - 2;
        if (m >= sizeof buf) goto bad;
        memcpy(buf, s + k + 1, m);
        buf[m] = 0;
        char *end;
        long v = strtol(buf, &end, 10);
        if (*end || v < -4 || v > 4) goto bad;
        off = (int)v;
    }
    unsigned attr = TA_NATTR;
    for (size_t i = 0; i < sizeof ATTR_NAMES / sizeof *ATTR_NAMES; i++)
        if (strlen(ATTR_NAMES[i].name) == k && !memcmp(ATTR_NAMES[i].name, s, k))
            attr = ATTR_NAMES[i].attr;
    if (attr == TA_NATTR && k == 4 && (!memcmp(s, "pre", 3) || !memcmp(s, "suf", 3))
        && s[3] >= '1' && s[3] <= '6')
        attr = (s[0] == 'p' ? TA_PRE1 : TA_SUF1) + (unsigned)(s[3] - '1');
    if (attr == TA_NATTR && k > 4 && !memcmp(s, "gaz:", 4)) {
        for (size_t i = 0; i < fs->nlists; i++)
            if (strlen(fs->lists[i].name) == k - 4 && !memcmp(fs->lists[i].name, s + 4, k - 4))
                attr = TA_GAZ0 + (unsigned)i;
        if (attr == TA_NATTR) {
            snprintf(err, errsize, "template '%s': no word list named '%.*s'", src,
                     (int)(k - 4), s + 4);
            return -1;
        }
    }
    if (attr == TA_NATTR) goto bad;
    if (t->n >= TPL_MAX_ITEMS) {
        snprintf(err, errsize, "template '%s': more than %d items", src, TPL_MAX_ITEMS);
        return -1;
    }
    t->attr[t->n] = (uint8_t)attr;
    t->off[t->n] = (int8_t)off;
    t->n++;
    fs->used[attr] = 1;
    if (attr == TA_DCASE || attr == TA_HIST) fs->used[TA_LW] = fs->used[TA_CAP] = 1;
    if (attr == TA_HIST) fs->dyn[fs->ntpl] = 1, fs->has_hist = 1;
    return 0;
bad:
    snprintf(err, errsize,
             "template '%s': bad item '%.*s' (want NAME or NAME[OFFSET], OFFSET -4..4; "
             "NAME one of w lw shape sshape cap len dcase hist hl stype first bias pre1..pre6 "
             "suf1..suf6 gaz:LIST)", src, (int)n, s);
    return -1;
}

/* The keys' programs of fs's lists (see featset_t). */
static void build_progs(featset_t *fs)
{
    const uint16_t *lists[3] = { fs->kind[0], fs->kind[1], fs->rest };
    size_t lens[3] = { fs->nkind[0], fs->nkind[1], fs->nrest };
    for (int c = 0; c < 3; c++) {
        size_t q = 0;
        fs->cut[c][0] = 0;
        for (unsigned a = 1; a <= TPL_MAX_ITEMS; a++) {
            for (size_t i = 0; i < lens[c]; i++) {
                const tpl_t *tp = &fs->tpl[lists[c][i]];
                if (tp->n != a) continue;
                struct kprog *p = &fs->prog[c][q++];
                memset(p, 0, sizeof *p);
                p->seed = tp->seed;
                p->j = lists[c][i];
                p->n = tp->n;
                for (unsigned it = 0; it < tp->n; it++) p->rel[it] = tp->rel[it];
            }
            fs->cut[c][a] = q;
        }
        fs->nprog[c] = q;
    }
}

/* An attribute of the token's text alone (or the same for every token):
 * what token_values computes from the text, and bias. */
static int attr_of_word(unsigned a)
{
    return a == TA_W || a == TA_LW || a == TA_SHAPE || a == TA_SSHAPE || a == TA_CAP
           || a == TA_LEN || a == TA_BIAS || (a >= TA_PRE1 && a <= TA_SUF6);
}

int tagger_featset_add(featset_t *fs, const char *src, char *err, size_t errsize)
{
    if (fs->ntpl >= LEDE_TAGGER_MAX_TEMPLATES) {
        snprintf(err, errsize, "more than %d templates", LEDE_TAGGER_MAX_TEMPLATES);
        return -1;
    }
    tpl_t t = { 0 };
    uint8_t used[TA_NATTR];
    memcpy(used, fs->used, sizeof used);
    const char *p = src;
    if (!*p) {
        snprintf(err, errsize, "empty template");
        return -1;
    }
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (parse_item(fs, p, n, &t, err, errsize, src) != 0) {
            memcpy(fs->used, used, sizeof used);
            fs->dyn[fs->ntpl] = 0;
            fs->has_hist = 0;
            for (size_t i = 0; i < fs->ntpl; i++) fs->has_hist |= fs->dyn[i];
            return -1;
        }
        if (!bar) break;
        p = bar + 1;
    }
    char *copy = strdup(src);
    if (!copy) return -1;
    t.seed = tagger_mix((uint64_t)(fs->ntpl + 1) * 0xd6e8feb86659fd93ULL);
    for (unsigned it = 0; it < t.n; it++) {
        t.bos[it] = BOS_VAL(t.attr[it]);
        t.eos[it] = EOS_VAL(t.attr[it]);
        t.rel[it] = (int32_t)t.off[it] * TA_NATTR + t.attr[it];
        if (t.off[it] < fs->minoff) fs->minoff = t.off[it];
        if (t.off[it] > fs->maxoff) fs->maxoff = t.off[it];
    }
    fs->tpl[fs->ntpl] = t;
    fs->tpl_src[fs->ntpl] = copy;
    int d = fs->dyn[fs->ntpl] != 0;
    fs->kind[d][fs->nkind[d]++] = (uint16_t)fs->ntpl;
    int local = !d;
    for (unsigned it = 0; it < t.n; it++)
        local &= t.off[it] == 0 && attr_of_word(t.attr[it]);
    if (local) fs->local[fs->nlocal++] = (uint16_t)fs->ntpl;
    else if (!d) fs->rest[fs->nrest++] = (uint16_t)fs->ntpl;
    fs->ntpl++;
    build_progs(fs);
    for (unsigned a = 0; a < TA_NATTR; a++) fs->bosrow[a] = BOS_VAL(a), fs->eosrow[a] = EOS_VAL(a);
    return 0;
}

/* A gazetteer of fs's lists, list i's names with id i; NULL on OOM. */
static lede_gazetteer *gaz_of_lists(const featset_t *fs)
{
    lede_gazetteer *g = lede_gaz_new();
    for (size_t li = 0; g && li < fs->nlists; li++)
        for (size_t i = 0; i < fs->lists[li].n; i++) {
            const char *e = fs->lists[li].entries[i];
            if (lede_gaz_add(g, e, strlen(e), (uint32_t)li, 0) == -1) {
                lede_gaz_free(g);
                return NULL;
            }
        }
    return g;
}

int tagger_featset_add_list(featset_t *fs, const char *name, const char *const *entries,
                            size_t n)
{
    if (fs->nlists >= LEDE_TAGGER_MAX_LISTS || !*name || strchr(name, '|')
        || strchr(name, '['))
        return -2;
    for (size_t i = 0; i < fs->nlists; i++)
        if (!strcmp(fs->lists[i].name, name)) return -2;
    tlist_t *l = &fs->lists[fs->nlists];
    memset(l, 0, sizeof *l);
    if (!fs->gaz && !(fs->gaz = lede_gaz_new())) return -1;
    l->name = strdup(name);
    l->entries = calloc(n ? n : 1, sizeof *l->entries);
    if (!l->name || !l->entries) goto oom;
    for (size_t i = 0; i < n; i++) {
        l->entries[i] = strdup(entries[i]);
        if (!l->entries[i]) goto oom;
        l->n++;
        if (lede_gaz_add(fs->gaz, entries[i], strlen(entries[i]), (uint32_t)fs->nlists, 0) == -1)
            goto oom;
    }
    fs->nlists++;
    return 0;
oom:
    for (size_t i = 0; i < l->n; i++) free(l->entries[i]);
    free(l->entries);
    free(l->name);
    memset(l, 0, sizeof *l);
    /* the names already added under this list's id go: the trie is made
     * again from the lists before it (none, if that fails too: matching
     * then reports the lack of memory) */
    lede_gaz_free(fs->gaz);
    fs->gaz = gaz_of_lists(fs);
    return -1;
}

void tagger_featset_free(featset_t *fs)
{
    for (size_t i = 0; i < fs->ntpl; i++) free(fs->tpl_src[i]);
    for (size_t i = 0; i < fs->nlists; i++) {
        tlist_t *l = &fs->lists[i];
        for (size_t k = 0; k < l->n; k++) free(l->entries[k]);
        free(l->entries);
        free(l->name);
    }
    lede_gaz_free(fs->gaz);
    memset(fs, 0, sizeof *fs);
}

/* ---------------------------------------------------------- attributes */

/* Capitalisation classes, also dcase's bits */
enum { CAP_U = 'U', CAP_T = 'T', CAP_L = 'L', CAP_M = 'M', CAP_D = 'D', CAP_P = 'P' };

static int cap_class(const char *s, size_t n)
{
    size_t up = 0, low = 0, dig = 0, i = 0;
    int first_up = -1;
    while (i < n) {
        uint32_t cp;
        i += lede_utf8_decode(s + i, n - i, &cp);
        if (lede_cp_is_upper(cp)) { up++; if (first_up < 0) first_up = 1; }
        else if (lede_cp_is_lower(cp)) { low++; if (first_up < 0) first_up = 0; }
        else if (lede_cp_is_digit(cp)) dig++;
    }
    if (up + low == 0) return dig ? CAP_D : CAP_P;
    if (low == 0) return up == 1 && n == 1 ? CAP_T : CAP_U;
    if (first_up == 1) return up == 1 ? CAP_T : (up * 2 > up + low ? CAP_U : CAP_M);
    return up ? CAP_M : CAP_L;
}

/* Per-token attribute values of one sentence into vals[tok * TA_NATTR + a]. */
typedef struct {
    char *buf;                 /* scratch for folded text and shapes */
    size_t cap;
    uint32_t *cpoff;           /* code point offsets in the folded text */
    size_t cpcap;
} scratch_t;

static int reserve(scratch_t *s, size_t n)
{
    if (n <= s->cap) return 0;
    size_t c = s->cap ? s->cap : 64;
    while (c < n) c *= 2;
    char *b = realloc(s->buf, c);
    if (!b) return -1;
    s->buf = b;
    s->cap = c;
    uint32_t *o = realloc(s->cpoff, (c + 1) * sizeof *o);
    if (!o) return -1;
    s->cpoff = o;
    s->cpcap = c + 1;
    return 0;
}

/* stype: the sentence's length (1-3, 4-8, 9-20, 21+ tokens) and how many
 * of its tokens are numbers (none, one, more): results tables and lists
 * of figures read unlike prose. */
static uint64_t sentence_type(const lede_tsent *s)
{
    size_t nums = 0;
    for (size_t t = 0; t < s->n; t++) {
        uint32_t cp;
        lede_utf8_decode(s->text + s->toks[t].start, s->toks[t].stop - s->toks[t].start, &cp);
        if (lede_cp_is_digit(cp)) nums++;
    }
    unsigned len = s->n <= 3 ? 0 : s->n <= 8 ? 1 : s->n <= 20 ? 2 : 3;
    unsigned dig = nums == 0 ? 0 : nums == 1 ? 1 : 2;
    return value(TA_STYPE, len * 3 + dig);
}

static int sentence_is_headline(const lede_tsent *s)
{
    if (s->flags & LEDE_TSENT_HEADLINE) return 1;
    size_t up = 0, letters = 0;
    for (size_t t = 0; t < s->n; t++) {
        const char *p = s->text + s->toks[t].start;
        size_t n = s->toks[t].stop - s->toks[t].start, i = 0;
        while (i < n) {
            uint32_t cp;
            i += lede_utf8_decode(p + i, n - i, &cp);
            if (lede_cp_is_upper(cp)) up++, letters++;
            else if (lede_cp_is_lower(cp)) letters++;
        }
    }
    return letters >= 4 && up * 10 >= letters * 9;
}

static int token_values(const featset_t *fs, const lede_tsent *s, size_t t, int hl,
                        uint64_t stype, scratch_t *sc, uint64_t *v)
{
    const char *p = s->text + s->toks[t].start;
    size_t n = s->toks[t].stop - s->toks[t].start;
    memset(v, 0, TA_NATTR * sizeof *v);
    if (reserve(sc, 5 * n + 8) != 0) return -1;
    if (fs->used[TA_W]) v[TA_W] = value(TA_W, fnv(p, n));
    int cap = cap_class(p, n);
    if (fs->used[TA_CAP]) v[TA_CAP] = value(TA_CAP, (uint64_t)cap);
    v[TA_CAPRAW] = (uint64_t)cap;   /* the class itself: dcase and hist read it */
    /* folded text and its code point offsets, for lw and the affixes */
    size_t o = 0, ncp = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        i += lede_utf8_decode(p + i, n - i, &cp);
        sc->cpoff[ncp++] = (uint32_t)o;
        o += lede_utf8_encode(lede_cp_fold_case(lede_cp_fold_punct(cp)), sc->buf + o);
    }
    sc->cpoff[ncp] = (uint32_t)o;
    if (fs->used[TA_LW]) v[TA_LW] = value(TA_LW, fnv(sc->buf, o));
    for (unsigned k = 0; k < 6; k++) {
        size_t m = k + 1;
        if (m > ncp) m = ncp;
        if (fs->used[TA_PRE1 + k]) v[TA_PRE1 + k] = value(TA_PRE1 + k, fnv(sc->buf, sc->cpoff[m]));
        if (fs->used[TA_SUF1 + k]) {
            size_t from = sc->cpoff[ncp - m];
            v[TA_SUF1 + k] = value(TA_SUF1 + k, fnv(sc->buf + from, o - from));
        }
    }
    if (fs->used[TA_LEN]) v[TA_LEN] = value(TA_LEN, ncp < 10 ? ncp : 10);
    if (fs->used[TA_SHAPE] || fs->used[TA_SSHAPE]) {
        char *sh = sc->buf + o;        /* after the folded text: 5n + 8 >= o + n */
        size_t m = lede_shape(p, n, sh);
        if (fs->used[TA_SHAPE]) v[TA_SHAPE] = value(TA_SHAPE, fnv(sh, m));
        if (fs->used[TA_SSHAPE]) {
            size_t w = 0;
            for (size_t k = 0; k < m; k++)
                if (w == 0 || sh[w - 1] != sh[k]) sh[w++] = sh[k];
            v[TA_SSHAPE] = value(TA_SSHAPE, fnv(sh, w));
        }
    }
    if (hl) v[TA_HL] = value(TA_HL, 1);
    v[TA_STYPE] = stype;
    if (t == 0) v[TA_FIRST] = value(TA_FIRST, 1);
    v[TA_BIAS] = value(TA_BIAS, 1);
    return 0;
}

/* gaz:NAME for every list a template reads: B/I/L/U of the matches. */
static int list_values(const featset_t *fs, const lede_tsent *s, uint64_t *vals,
                       lede_gazvec *hits)
{
    int any = 0;
    for (size_t li = 0; li < fs->nlists; li++) any |= fs->used[TA_GAZ0 + li];
    if (!any) return 0;
    if (!fs->gaz) return -1;
    /* the sentence folded into atoms once, every list matched in one walk */
    lede_gaz_atoms *at = lede_gaz_atomize(s->text, s->toks, s->n);
    if (!at) return -1;
    hits->n = 0;
    int rc = lede_gaz_match_lists(fs->gaz, s->text, at, 0, s->n, fs->nlists, hits);
    lede_gaz_atoms_free(at);
    if (rc != 0) return -1;
    for (size_t h = 0; h < hits->n; h++) {
        const lede_gaz_hit *g = &hits->v[h];
        unsigned a = TA_GAZ0 + g->id;
        if (!fs->used[a] || g->tok_count == 0) continue;
        uint32_t a0 = g->tok_first, a1 = g->tok_first + g->tok_count - 1;
        /* whole tokens only: "NATO" inside "NATO-led" is no match */
        if (g->start != s->toks[a0].start || g->stop != s->toks[a1].stop) continue;
        for (uint32_t k = a0; k <= a1; k++) {
            int part = g->tok_count == 1 ? 'U' : k == a0 ? 'B' : k == a1 ? 'L' : 'I';
            vals[(size_t)k * TA_NATTR + a] = value(a, (uint64_t)part);
        }
    }
    return 0;
}

/* dcase: for each token, the cases its folded form has elsewhere in the
 * document, away from sentence starts and headlines. An open-addressing
 * table of (lw value -> counts of T, L, U). */
typedef struct { uint64_t key; uint32_t n[3]; } dcase_slot;

static int dcase_bit(int cap)
{
    return cap == CAP_T || cap == CAP_M ? 0 : cap == CAP_L ? 1 : cap == CAP_U ? 2 : -1;
}

static int doc_dcase(size_t ntok, uint64_t *vals, const uint8_t *counts)
{
    size_t cap = 16;
    while (cap < 2 * ntok) cap *= 2;
    dcase_slot *tab = calloc(cap, sizeof *tab);
    if (!tab) return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t t = 0; t < ntok; t++) {
            uint64_t k = vals[t * TA_NATTR + TA_LW];
            int bit = dcase_bit((int)vals[t * TA_NATTR + TA_CAPRAW]);
            if (bit < 0) continue;
            size_t i = (size_t)k & (cap - 1);
            while (tab[i].key && tab[i].key != k) i = (i + 1) & (cap - 1);
            if (pass == 0) {
                tab[i].key = k;
                if (counts[t]) tab[i].n[bit]++;
                continue;
            }
            unsigned bits = 0;
            for (int b = 0; b < 3; b++) {
                uint32_t c = tab[i].n[b] - (counts[t] && b == bit ? 1u : 0u);
                if (c) bits |= 1u << b;
            }
            if (bits) vals[t * TA_NATTR + TA_DCASE] = value(TA_DCASE, bits);
        }
    }
    free(tab);
    return 0;
}

/* The values token_values gives a token, from those of an earlier token
 * of the same text (from): its text's values copied, the sentence's set
 * as token_values sets them. */
static void token_values_from(const uint64_t *from, size_t t, int hl, uint64_t stype,
                              uint64_t *v)
{
    memset(v, 0, TA_NATTR * sizeof *v);
    static const uint8_t WORD[] = { TA_W, TA_LW, TA_SHAPE, TA_SSHAPE, TA_CAP, TA_LEN,
                                    TA_CAPRAW };
    for (size_t i = 0; i < sizeof WORD; i++) v[WORD[i]] = from[WORD[i]];
    for (unsigned a = TA_PRE1; a <= TA_SUF6; a++) v[a] = from[a];
    if (hl) v[TA_HL] = value(TA_HL, 1);
    v[TA_STYPE] = stype;
    if (t == 0) v[TA_FIRST] = value(TA_FIRST, 1);
    v[TA_BIAS] = value(TA_BIAS, 1);
}

/* A document's word forms: text -> its first token. */
typedef struct { uint64_t h; const char *p; uint32_t n, tok; } wform;

static int doc_vals(const featset_t *fs, const lede_tsent *sents, size_t nsents,
                    uint64_t **out, uint32_t **srcp)
{
    size_t ntok = 0;
    for (size_t i = 0; i < nsents; i++) ntok += sents[i].n;
    *out = NULL;
    int rc = -1;
    scratch_t sc = { 0 };
    lede_gazvec hits = { 0 };
    uint64_t *vals = malloc((ntok ? ntok : 1) * TA_NATTR * sizeof *vals);
    uint8_t *counts = malloc(ntok ? ntok : 1);
    uint32_t *src = NULL;
    wform *forms = NULL;
    size_t fcap = 16;
    if (srcp) {
        while (fcap < 2 * ntok) fcap *= 2;
        src = malloc((ntok ? ntok : 1) * sizeof *src);
        forms = calloc(fcap, sizeof *forms);
        if (!src || !forms) goto out;
    }
    if (!vals || !counts) goto out;
    size_t base = 0;
    for (size_t i = 0; i < nsents; i++) {
        const lede_tsent *s = &sents[i];
        int hl = sentence_is_headline(s);
        uint64_t stype = fs->used[TA_STYPE] ? sentence_type(s) : 0;
        for (size_t t = 0; t < s->n; t++) {
            uint64_t *v = vals + (base + t) * TA_NATTR;
            counts[base + t] = !hl && t > 0;
            if (forms) {
                const char *p = s->text + s->toks[t].start;
                uint32_t n = s->toks[t].stop - s->toks[t].start;
                uint64_t h = tagger_mix(fnv(p, n)) | 1;
                size_t k = (size_t)h & (fcap - 1);
                while (forms[k].h && (forms[k].h != h || forms[k].n != n
                                      || memcmp(forms[k].p, p, n)))
                    k = (k + 1) & (fcap - 1);
                if (forms[k].h) {
                    src[base + t] = forms[k].tok;
                    token_values_from(vals + (size_t)forms[k].tok * TA_NATTR, t, hl, stype, v);
                    continue;
                }
                forms[k] = (wform){ h, p, n, (uint32_t)(base + t) };
                src[base + t] = (uint32_t)(base + t);
            }
            if (token_values(fs, s, t, hl, stype, &sc, v) != 0) goto out;
        }
        if (list_values(fs, s, vals + base * TA_NATTR, &hits) != 0) goto out;
        base += s->n;
    }
    if (fs->used[TA_DCASE] && doc_dcase(ntok, vals, counts) != 0) goto out;
    *out = vals;
    vals = NULL;
    if (srcp) *srcp = src, src = NULL;
    rc = 0;
out:
    free(vals);
    free(src);
    free(forms);
    free(counts);
    free(sc.buf);
    free(sc.cpoff);
    lede_gazvec_free(&hits);
    return rc;
}

int tagger_doc_vals(const featset_t *fs, const lede_tsent *sents, size_t nsents,
                    uint64_t **vals)
{
    return doc_vals(fs, sents, nsents, vals, NULL);
}

int tagger_doc_vals_src(const featset_t *fs, const lede_tsent *sents, size_t nsents,
                        uint64_t **vals, uint32_t **src)
{
    *src = NULL;
    return doc_vals(fs, sents, nsents, vals, src);
}

/* Template tp's key at token t of n (values vals). An item's value 0
 * (absent) makes the key 0, and so does a mix that gives 0 (the items
 * after it are not mixed in: the keys the model was trained with). */
static inline uint64_t tpl_key(const tpl_t *tp, const uint64_t *vals, size_t t, size_t n)
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

/* The keys of program c's templates at a token whose every item is
 * inside the sentence: vt is the token's values, each item read at its
 * rel without bounds checks; one loop per number of items. (A seed is
 * never 0: it is mixed from a nonzero number, so the first item is
 * always mixed in, as tpl_key does.) */
static void prog_keys(const featset_t *fs, int c, const uint64_t *vt, uint64_t *kt)
{
    const struct kprog *p = fs->prog[c];
    const size_t *cut = fs->cut[c];
    size_t q = 0, np = fs->nprog[c];
    for (; q < cut[1]; q++) {
        uint64_t v = vt[p[q].rel[0]];
        kt[p[q].j] = v ? tagger_mix(p[q].seed ^ v) : 0;
    }
    for (; q < cut[2]; q++) {
        uint64_t v = vt[p[q].rel[0]], v1 = vt[p[q].rel[1]];
        uint64_t k = v ? tagger_mix(p[q].seed ^ v) : 0;
        kt[p[q].j] = k && v1 ? tagger_mix(k ^ v1) : 0;
    }
    for (; q < np; q++) {
        uint64_t k = p[q].seed;
        for (unsigned it = 0; it < p[q].n && k; it++) {
            uint64_t v = vt[p[q].rel[it]];
            k = v ? tagger_mix(k ^ v) : 0;
        }
        kt[p[q].j] = k;
    }
}

void tagger_sent_keys(const featset_t *fs, const uint64_t *vals, size_t n, uint64_t *keys,
                      int dyn)
{
    size_t T = fs->ntpl, nk = fs->nkind[dyn ? 1 : 0];
    const uint16_t *kind = fs->kind[dyn ? 1 : 0];
    const uint16_t *other = fs->kind[dyn ? 0 : 1];
    size_t nother = fs->nkind[dyn ? 0 : 1];
    /* tokens far enough from both ends (most of a sentence) read no
     * value outside it: no bounds to check */
    size_t lo = (size_t)-fs->minoff, hi = n > (size_t)fs->maxoff ? n - (size_t)fs->maxoff : 0;
    for (size_t t = 0; t < n; t++) {
        uint64_t *kt = keys + t * T;
        if (!dyn)
            for (size_t q = 0; q < nother; q++) kt[other[q]] = 0;
        if (t >= lo && t < hi)
            prog_keys(fs, dyn ? PROG_DYN : PROG_STATIC, vals + t * TA_NATTR, kt);
        else
            for (size_t q = 0; q < nk; q++) kt[kind[q]] = tpl_key(&fs->tpl[kind[q]], vals, t, n);
    }
}

uint64_t *tagger_pad_vals(const featset_t *fs, const uint64_t *vals, size_t n, uint64_t *pad)
{
    for (size_t r = 0; r < TAGGER_PAD; r++) {
        memcpy(pad + r * TA_NATTR, fs->bosrow, sizeof fs->bosrow);
        memcpy(pad + (TAGGER_PAD + n + r) * TA_NATTR, fs->eosrow, sizeof fs->eosrow);
    }
    memcpy(pad + TAGGER_PAD * TA_NATTR, vals, n * TA_NATTR * sizeof *vals);
    return pad + TAGGER_PAD * TA_NATTR;
}

void tagger_sent_keys_padded(const featset_t *fs, const uint64_t *pv, size_t n, uint64_t *keys,
                             int dyn, const uint8_t *same)
{
    size_t T = fs->ntpl;
    const uint16_t *other = fs->kind[dyn ? 0 : 1];
    size_t nother = fs->nkind[dyn ? 0 : 1];
    for (size_t t = 0; t < n; t++) {
        uint64_t *kt = keys + t * T;
        int c = dyn ? PROG_DYN : PROG_STATIC;
        if (!dyn) {
            for (size_t q = 0; q < nother; q++) kt[other[q]] = 0;
            if (same && same[t]) {
                for (size_t q = 0; q < fs->nlocal; q++) kt[fs->local[q]] = 0;
                c = PROG_REST;
            }
        }
        prog_keys(fs, c, pv + t * TA_NATTR, kt);
    }
}

/* ---------------------------------------------------- prediction history */

/* Is the token whose values are v written with a capital (hist's words)? */
static int capitalised(const uint64_t *v)
{
    uint64_t c = v[TA_CAPRAW];
    return c == CAP_U || c == CAP_T || c == CAP_M;
}

void tagger_hist_clear(thist *h)
{
    if (h->keys) memset(h->keys, 0, h->cap * sizeof *h->keys);
    h->n = 0;
}

void tagger_hist_free(thist *h)
{
    free(h->keys);
    free(h->bits);
    memset(h, 0, sizeof *h);
}

static size_t hist_slot(const thist *h, uint64_t k)
{
    size_t i = (size_t)k & (h->cap - 1);
    while (h->keys[i] && h->keys[i] != k) i = (i + 1) & (h->cap - 1);
    return i;
}

void tagger_hist_fill(const thist *h, uint64_t *vals, size_t n)
{
    for (size_t t = 0; t < n; t++) {
        uint64_t *v = vals + t * TA_NATTR;
        v[TA_HIST] = 0;
        if (!h->n || !capitalised(v) || !v[TA_LW]) continue;
        size_t i = hist_slot(h, v[TA_LW]);
        if (h->keys[i]) v[TA_HIST] = value(TA_HIST, h->bits[i]);
    }
}

int tagger_hist_add(thist *h, const uint64_t *vals, const uint16_t *lab, size_t n)
{
    for (size_t t = 0; t < n; t++) {
        const uint64_t *v = vals + t * TA_NATTR;
        if (!capitalised(v) || !v[TA_LW]) continue;
        if (2 * (h->n + 1) > h->cap) {
            size_t nc = h->cap ? 2 * h->cap : 64;
            uint64_t *nk = calloc(nc, sizeof *nk), *nb = calloc(nc, sizeof *nb);
            if (!nk || !nb) {
                free(nk);
                free(nb);
                return -1;
            }
            for (size_t i = 0; i < h->cap; i++) {
                if (!h->keys[i]) continue;
                size_t j = (size_t)h->keys[i] & (nc - 1);
                while (nk[j]) j = (j + 1) & (nc - 1);
                nk[j] = h->keys[i];
                nb[j] = h->bits[i];
            }
            free(h->keys);
            free(h->bits);
            h->keys = nk;
            h->bits = nb;
            h->cap = nc;
        }
        size_t i = hist_slot(h, v[TA_LW]);
        if (!h->keys[i]) h->keys[i] = v[TA_LW], h->bits[i] = 0, h->n++;
        unsigned bit = lab[t] == LAB_O ? 0 : 1 + LAB_TYPE(lab[t]);
        h->bits[i] |= (uint64_t)1 << (bit < 63 ? bit : 63);
    }
    return 0;
}

/* ------------------------------------------------------------- labels */

void tagger_allowed(size_t L, unsigned char *allowed, unsigned char *astart,
                    unsigned char *astop)
{
    for (size_t p = 0; p < L; p++) {
        int popen = p != LAB_O && (LAB_PART(p) == 0 || LAB_PART(p) == 1);
        astart[p] = p == LAB_O || LAB_PART(p) == 0 || LAB_PART(p) == 3;
        astop[p] = !popen;
        for (size_t l = 0; l < L; l++) {
            int lcont = l != LAB_O && (LAB_PART(l) == 1 || LAB_PART(l) == 2);
            int ok = popen ? lcont && LAB_TYPE(l) == LAB_TYPE(p) : !lcont;
            allowed[p * L + l] = (unsigned char)ok;
        }
    }
}

int tagger_spans(const uint16_t *lab, size_t n, uint32_t sent, lede_tspanvec *out)
{
    for (size_t t = 0; t < n; t++) {
        if (lab[t] == LAB_O) continue;
        size_t a = t;
        uint32_t type = LAB_TYPE(lab[t]);
        /* B I* L or U (Viterbi keeps to these; a stray I or L is cut short) */
        if (LAB_PART(lab[t]) == 0)
            while (t + 1 < n && lab[t + 1] != LAB_O && LAB_TYPE(lab[t + 1]) == type
                   && (LAB_PART(lab[t + 1]) == 1 || LAB_PART(lab[t + 1]) == 2)) {
                t++;
                if (LAB_PART(lab[t]) == 2) break;
            }
        if (out->n == out->cap) {
            lede_tspan *v = lede_grow(out->v, &out->cap, sizeof *v, 16);
            if (!v) return -1;
            out->v = v;
        }
        out->v[out->n++] = (lede_tspan){ sent, (uint32_t)a, (uint32_t)(t - a + 1), type };
    }
    return 0;
}

void lede_tspanvec_free(lede_tspanvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

/* ------------------------------------------------------------ Viterbi */

/* Viterbi's tables, made once for a run of sentences: each label's
 * allowed predecessors, listed once (BILOU allows 2 of 17 before an I or
 * L, so the inner loop skips most of the square), and the score and
 * back-pointer rows, grown to the longest sentence. */
int tagger_vit_init(tvit *v, const unsigned char *allowed, size_t L)
{
    memset(v, 0, sizeof *v);
    v->L = L;
    v->dp = malloc(2 * L * sizeof *v->dp);
    v->pred = malloc(L * L * sizeof *v->pred);
    v->tpos = malloc(L * L * sizeof *v->tpos);
    v->npred = malloc(L * sizeof *v->npred);
    if (!v->dp || !v->pred || !v->tpos || !v->npred) {
        tagger_vit_free(v);
        return -1;
    }
    for (size_t l = 0; l < L; l++) {
        v->npred[l] = 0;
        for (size_t p = 0; p < L; p++)
            if (allowed[p * L + l]) {
                v->tpos[l * L + v->npred[l]] = (uint32_t)(p * L + l);
                v->pred[l * L + v->npred[l]++] = (uint16_t)p;
            }
    }
    return 0;
}

void tagger_vit_free(tvit *v)
{
    free(v->dp);
    free(v->back);
    free(v->pred);
    free(v->tpos);
    free(v->npred);
    memset(v, 0, sizeof *v);
}

float tagger_vit_run(tvit *v, const float *emit, const float *trans, const float *start,
                     const float *stop, const unsigned char *allowed_start,
                     const unsigned char *allowed_stop, size_t n, uint16_t *out)
{
    if (n == 0) return 0;
    size_t L = v->L;
    if (n * L > v->backcap) {
        uint16_t *b = realloc(v->back, n * L * sizeof *b);
        if (!b) return NAN;
        v->back = b;
        v->backcap = n * L;
    }
    uint16_t *back = v->back;
    const uint16_t *pred = v->pred;
    const uint32_t *tpos = v->tpos;
    const size_t *npred = v->npred;
    float *cur = v->dp, *nxt = v->dp + L;
    for (size_t l = 0; l < L; l++)
        cur[l] = allowed_start[l] ? start[l] + emit[l] : -INFINITY;
    for (size_t t = 1; t < n; t++) {
        for (size_t l = 0; l < L; l++) {
            float best = -INFINITY;
            unsigned arg = 0;
            const uint16_t *pl = pred + l * L;
            const uint32_t *tp = tpos + l * L;
            /* a predecessor at -inf gives -inf (or NaN), never more than
             * best: none is skipped, the same one wins. Without branches
             * (which the scores would mispredict). */
            for (size_t k = 0, np = npred[l]; k < np; k++) {
                unsigned p = pl[k];
                float s = cur[p] + trans[tp[k]];
                int more = s > best;
                arg = more ? p : arg;
                best = more ? s : best;
            }
            nxt[l] = best == -INFINITY ? best : best + emit[t * L + l];
            back[t * L + l] = (uint16_t)arg;
        }
        float *tmp = cur;
        cur = nxt;
        nxt = tmp;
    }
    float best = -INFINITY;
    uint16_t arg = 0;
    for (size_t l = 0; l < L; l++) {
        if (!allowed_stop[l] || cur[l] == -INFINITY) continue;
        float s = cur[l] + stop[l];
        if (s > best) best = s, arg = (uint16_t)l;
    }
    out[n - 1] = arg;
    for (size_t t = n - 1; t > 0; t--) out[t - 1] = back[t * L + out[t]];
    return best;
}

float lede_viterbi(const float *emit, const float *trans, const float *start,
                   const float *stop, const unsigned char *allowed,
                   const unsigned char *allowed_start, const unsigned char *allowed_stop,
                   size_t n, size_t L, uint16_t *out)
{
    if (n == 0) return 0;
    tvit v;
    if (tagger_vit_init(&v, allowed, L) != 0) return NAN;
    float s = tagger_vit_run(&v, emit, trans, start, stop, allowed_start, allowed_stop, n, out);
    tagger_vit_free(&v);
    return s;
}

/* ------------------------------------------------------------ tagging */

/* the row sums are inlined into tagger_emissions' loop */
#if defined __GNUC__
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* Add a dense row (DENSE_WIDTH(L) = w floats) to a token's scores acc,
 * four labels at a time. */
static ALWAYS_INLINE void add_dense(float *restrict acc, const float *restrict row, size_t w)
{
    size_t l = 0;
    for (; l + 16 <= w; l += 16)
        for (size_t k = 0; k < 16; k++) acc[l + k] += row[l + k];
    for (; l < w; l += 4)
        for (size_t k = 0; k < 4; k++) acc[l + k] += row[l + k];
}

/* Add a row of the arena (fc of its slot) to a token's scores acc (of
 * w = DENSE_WIDTH(L) floats). */
static ALWAYS_INLINE void add_row(const lede_tagger *m, uint32_t fc, float *restrict acc, size_t w)
{
    const unsigned char *at = (const unsigned char *)m->hot + (size_t)(fc >> 8) * sizeof(tentry);
    unsigned cn = fc & 0xffu;
    if (!cn) {
        add_dense(acc, (const float *)(const void *)at, w);
        return;
    }
    const tentry *en = (const tentry *)(const void *)at;
    for (unsigned c = 0; c < cn; c++) acc[en[c].lab] += en[c].w;
}

/* A token's scores from its T rows rt (0: none) into e (L floats), in
 * template order. */
static ALWAYS_INLINE void sum_token(const lede_tagger *m, const uint32_t *rt, size_t T, size_t w,
                             float *e)
{
    _Alignas(16) float acc[DENSE_WIDTH(LEDE_TAGGER_MAX_LABELS)];
    memset(acc, 0, w * sizeof *acc);
    for (size_t j = 0; j < T; j++)
        if (rt[j]) add_row(m, rt[j], acc, w);
    memcpy(e, acc, m->L * sizeof *acc);
}

/* Emission scores of n tokens from their keys. Memory bound (the table
 * is megabytes, each key a random place in it), so in two passes over the
 * sentence: the first finds every key's slot, fetching slots a little
 * ahead and each found row for the second pass, which sums them. Misses
 * then overlap instead of waiting on each other. (A small exact table of
 * the dense rows' keys probed first was slower: one more probe for every
 * key.) res: n * ntpl. */
/* The rows of the word's own templates (fs->local) per token of a
 * document, found once per text: a sentence's tokens are at base..; a
 * token whose src is not itself takes its src's rows (src is earlier). */
typedef struct {
    const uint32_t *src;
    uint32_t *rows;           /* rows[tok * nlocal + q] */
    size_t base;
} wrows;

static void emissions(const lede_tagger *m, const uint64_t *keys, size_t n, float *emit,
                      uint32_t *res, const wrows *wr);

void tagger_emissions(const lede_tagger *m, const uint64_t *keys, size_t n, float *emit,
                      uint32_t *res)
{
    emissions(m, keys, n, emit, res, NULL);
}

/* The local rows of a sentence's tokens: kept for a text's first token,
 * given to the others (whose keys of them were 0). */
static void share_rows(const lede_tagger *m, size_t n, uint32_t *res, const wrows *wr)
{
    const featset_t *fs = &m->fs;
    size_t T = fs->ntpl, nl = fs->nlocal;
    for (size_t t = 0; t < n; t++) {
        size_t g = wr->base + t, s = wr->src[g];
        uint32_t *rt = res + t * T, *rg = wr->rows + g * nl;
        if (s == g) {
            for (size_t q = 0; q < nl; q++) rg[q] = rt[fs->local[q]];
            continue;
        }
        const uint32_t *rs = wr->rows + s * nl;
        for (size_t q = 0; q < nl; q++) rt[fs->local[q]] = rs[q];
    }
}

/* The row (fc) of key k, 0 if none or k is 0, its first two lines
 * fetched for the sums. */
static ALWAYS_INLINE uint32_t find_row(const tslot *slots, size_t mask, const char *hot,
                                       uint64_t k)
{
    if (!k) return 0;
    size_t i = (size_t)k & mask;
    uint32_t check = (uint32_t)(k >> 32);
    while (slots[i].fc && slots[i].check != check) i = (i + 1) & mask;
    uint32_t fc = slots[i].fc;
    if (fc) {
        const char *row = hot + (size_t)(fc >> 8) * sizeof(tentry);
        __builtin_prefetch(row);
        __builtin_prefetch(row + 64);
    }
    return fc;
}

static void emissions(const lede_tagger *m, const uint64_t *keys, size_t n, float *emit,
                      uint32_t *res, const wrows *wr)
{
    size_t L = m->L, T = m->fs.ntpl, mask = m->cap - 1, nk = n * T;
    if (!m->cap) {
        memset(emit, 0, n * L * sizeof *emit);
        return;
    }
    enum { AHEAD = 32 };
    const tslot *slots = m->slots;
    const char *hot = m->hot;
    for (size_t j = 0; j < nk && j < AHEAD; j++)
        __builtin_prefetch(&slots[(size_t)keys[j] & mask]);
    /* (a key 0 fetches slot 0: cheaper than a branch) */
    size_t j = 0, ahead = nk > AHEAD ? nk - AHEAD : 0;
    for (; j < ahead; j++) {
        __builtin_prefetch(&slots[(size_t)keys[j + AHEAD] & mask]);
        res[j] = find_row(slots, mask, hot, keys[j]);
    }
    for (; j < nk; j++) res[j] = find_row(slots, mask, hot, keys[j]);
    if (wr) share_rows(m, n, res, wr);
    size_t w = DENSE_WIDTH(L);
    for (size_t t = 0; t < n; t++) {
        const uint32_t *rt = res + t * T;
        float *e = emit + t * L;
        sum_token(m, rt, T, w, e);
    }
}

int lede_tagger_labels(const lede_tagger *m, const lede_tsent *sents, size_t nsents,
                       uint16_t *labels)
{
    size_t ntok = 0, maxn = 0;
    for (size_t i = 0; i < nsents; i++) {
        ntok += sents[i].n;
        if (sents[i].n > maxn) maxn = sents[i].n;
    }
    if (ntok == 0) return 0;
    size_t T = m->fs.ntpl ? m->fs.ntpl : 1;
    uint64_t *vals = NULL;
    uint64_t *keys = malloc(maxn * T * sizeof *keys);
    uint32_t *res = malloc(maxn * T * sizeof *res);
    float *emit = malloc(maxn * m->L * sizeof *emit);
    uint8_t *same = malloc(maxn);
    uint64_t *pad = malloc((maxn + 2 * TAGGER_PAD) * TA_NATTR * sizeof *pad);
    size_t nrows = ntok * m->fs.nlocal;
    wrows wr = { NULL, malloc((nrows ? nrows : 1) * sizeof *wr.rows), 0 };
    thist h = { 0 };
    tvit vit;
    int rc = -1;
    if (tagger_vit_init(&vit, m->allowed, m->L) != 0) {
        free(keys);
        free(res);
        free(emit);
        free(same);
        free(pad);
        free(wr.rows);
        return -1;
    }
    uint32_t *src = NULL;
    if (!keys || !res || !emit || !same || !pad || !wr.rows
        || tagger_doc_vals_src(&m->fs, sents, nsents, &vals, &src) != 0)
        goto out;
    wr.src = src;
    /* sentence by sentence, in order: hist reads what came before */
    size_t base = 0;
    for (size_t i = 0; i < nsents; i++) {
        size_t n = sents[i].n;
        if (!n) continue;
        uint64_t *v = vals + base * TA_NATTR;
        for (size_t t = 0; t < n; t++) same[t] = src[base + t] != base + t;
        /* hist first (only the dyn templates read it), then the padded
         * values of the sentence for both kinds of keys */
        if (m->fs.has_hist) tagger_hist_fill(&h, v, n);
        const uint64_t *pv = tagger_pad_vals(&m->fs, v, n, pad);
        tagger_sent_keys_padded(&m->fs, pv, n, keys, 0, same);
        if (m->fs.has_hist) tagger_sent_keys_padded(&m->fs, pv, n, keys, 1, NULL);
        wr.base = base;
        emissions(m, keys, n, emit, res, &wr);
        float s = tagger_vit_run(&vit, emit, m->trans, m->start, m->stop, m->astart,
                                 m->astop, n, labels + base);
        if (isnan(s)) goto out;
        if (m->fs.has_hist && tagger_hist_add(&h, v, labels + base, n) != 0) goto out;
        base += n;
    }
    rc = 0;
out:
    free(vals);
    free(src);
    free(keys);
    free(res);
    free(emit);
    free(same);
    free(pad);
    free(wr.rows);
    tagger_hist_free(&h);
    tagger_vit_free(&vit);
    return rc;
}

int lede_tagger_tag(const lede_tagger *m, const lede_tsent *sents, size_t nsents,
                    lede_tspanvec *out)
{
    size_t ntok = 0;
    for (size_t i = 0; i < nsents; i++) ntok += sents[i].n;
    if (ntok == 0) return 0;
    uint16_t *lab = malloc(ntok * sizeof *lab);
    if (!lab || lede_tagger_labels(m, sents, nsents, lab) != 0) {
        free(lab);
        return -1;
    }
    size_t base = 0;
    int rc = 0;
    for (size_t i = 0; i < nsents && rc == 0; i++) {
        rc = tagger_spans(lab + base, sents[i].n, (uint32_t)i, out);
        base += sents[i].n;
    }
    free(lab);
    return rc;
}

/* ------------------------------------------------------ model tables */

int tagger_init_labels(lede_tagger *m)
{
    m->L = 1 + 4 * m->ntypes;
    size_t L = m->L;
    m->labels = calloc(L, sizeof *m->labels);
    m->start = calloc(L, sizeof *m->start);
    m->stop = calloc(L, sizeof *m->stop);
    m->trans = calloc(L * L, sizeof *m->trans);
    m->allowed = malloc(L * L);
    m->astart = malloc(L);
    m->astop = malloc(L);
    if (!m->labels || !m->start || !m->stop || !m->trans || !m->allowed || !m->astart
        || !m->astop)
        return -1;
    m->labels[0] = strdup("O");
    if (!m->labels[0]) return -1;
    for (size_t i = 0; i < m->ntypes; i++)
        for (int p = 0; p < 4; p++) {
            size_t len = strlen(m->types[i]) + 3;
            char *s = malloc(len);
            if (!s) return -1;
            snprintf(s, len, "%c-%s", "BILU"[p], m->types[i]);
            m->labels[1 + 4 * i + (size_t)p] = s;
        }
    tagger_allowed(L, m->allowed, m->astart, m->astop);
    return 0;
}

int tagger_model_reserve(lede_tagger *m, size_t nfeat, size_t nentries)
{
    size_t cap = 16;
    while (cap < nfeat + nfeat / 2 + 1) cap *= 2;
    m->cap = cap;
    m->slots = calloc(cap, sizeof *m->slots);
    m->fullkey = calloc(cap, sizeof *m->fullkey);
    m->cold = calloc(cap, sizeof *m->cold);
    m->ent = malloc((nentries ? nentries : 1) * sizeof *m->ent);
    /* a dense row of L floats takes DENSE_WIDTH(L) / 2 units, no more than
     * the k entries it replaces (2k >= L) plus 2, so the arena never needs
     * more units than there are entries plus 2 per row, plus the unused
     * unit 0 (lede_tagger_load gives back what is left) */
    m->hot = malloc((nentries + 2 * nfeat + 1) * sizeof(tentry));
    m->nhot = 1;
    /* a row's first entry and unit must fit in 24 bits */
    if (!m->slots || !m->fullkey || !m->cold || !m->ent || !m->hot
        || nentries >= (1u << 24) - 1)
        return -1;
    return 0;
}

/* The row's labels distinct (as the trainer writes them; a file could
 * repeat one, whose weights a dense row would add up out of order)? */
static int distinct_labels(const uint8_t *lab, size_t k)
{
    uint64_t seen[4] = { 0 };
    for (size_t c = 0; c < k; c++) {
        if (seen[lab[c] >> 6] >> (lab[c] & 63) & 1) return 0;
        seen[lab[c] >> 6] |= (uint64_t)1 << (lab[c] & 63);
    }
    return 1;
}

/* Append the row to the arena; its slot's fc. */
static uint32_t row_put(lede_tagger *m, const uint8_t *lab, const float *w, size_t k)
{
    unsigned char *at = (unsigned char *)m->hot + m->nhot * sizeof(tentry);
    uint32_t fc;
    if (2 * k >= m->L && distinct_labels(lab, k)) {
        float *row = (float *)(void *)at;
        size_t width = DENSE_WIDTH(m->L);
        for (size_t l = 0; l < width; l++) row[l] = 0;
        for (size_t c = 0; c < k; c++) row[lab[c]] = w[c];
        fc = (uint32_t)m->nhot << 8;
        m->nhot += width / 2;
    } else {
        tentry *en = (tentry *)(void *)at;
        for (size_t c = 0; c < k; c++) en[c] = (tentry){ w[c], lab[c] };
        fc = (uint32_t)m->nhot << 8 | (uint32_t)k;
        m->nhot += k;
    }
    return fc;
}

int tagger_model_put(lede_tagger *m, uint64_t key, const uint8_t *lab, const float *w,
                     size_t k)
{
    size_t i = (size_t)key & (m->cap - 1);
    uint32_t check = (uint32_t)(key >> 32);
    while (m->slots[i].fc && m->slots[i].check != check) i = (i + 1) & (m->cap - 1);
    if (m->slots[i].fc || k == 0 || k > 255) return 0;   /* a duplicate key: the first wins */
    /* the row's unit must fit in a slot's 24 bits (a dense row takes up
     * to 2 units more than its entries) */
    if (m->nhot + k + 2 >= (1u << 24)) return -1;
    m->slots[i] = (tslot){ check, row_put(m, lab, w, k) };
    m->fullkey[i] = key;
    m->cold[i] = (uint32_t)m->nentries << 8 | (uint32_t)k;
    for (size_t c = 0; c < k; c++) m->ent[m->nentries + c] = (tentry){ w[c], lab[c] };
    m->nentries += k;
    m->nfeat++;
    return 0;
}

/* The slot of key in a table of cap slots (an empty one if absent). */
static size_t slot_of(const tslot *slots, size_t cap, uint64_t key)
{
    size_t i = (size_t)key & (cap - 1);
    uint32_t check = (uint32_t)(key >> 32);
    while (slots[i].fc && slots[i].check != check) i = (i + 1) & (cap - 1);
    return i;
}

int tagger_model_finish(lede_tagger *m)
{
    if (!m->nfeat) return 0;
    size_t cap = m->cap, n = 0;
    /* rows with more labels first (the common features: a row gains a
     * label each time its feature is seen with another), then in slot
     * order: a counting sort on the count */
    uint32_t *order = malloc(m->nfeat * sizeof *order);
    size_t at_count[257] = { 0 };
    uint32_t *from = malloc(cap * sizeof *from);   /* new slot -> old slot */
    lede_tagger t = *m;   /* the new slots and arena; the rest shared */
    t.slots = calloc(cap, sizeof *t.slots);
    t.hot = malloc(m->nhot * sizeof(tentry));
    t.nhot = 1;
    int rc = -1;
    if (!order || !from || !t.slots || !t.hot) goto out;
    for (size_t i = 0; i < cap; i++)
        if (m->slots[i].fc) at_count[255 - COLD_COUNT(m, i) + 1]++, n++;
    if (n != m->nfeat) goto out;
    for (size_t c = 1; c < 257; c++) at_count[c] += at_count[c - 1];
    for (size_t i = 0; i < cap; i++)
        if (m->slots[i].fc) order[at_count[255 - COLD_COUNT(m, i)]++] = (uint32_t)i;
    uint8_t lab[LEDE_TAGGER_MAX_LABELS];
    float w[LEDE_TAGGER_MAX_LABELS];
    for (size_t o = 0; o < n; o++) {
        size_t i = order[o], k = COLD_COUNT(m, i);
        const tentry *en = m->ent + COLD_FIRST(m, i);
        size_t at = slot_of(t.slots, cap, m->fullkey[i]);
        if (t.slots[at].fc) {   /* two keys of one check in one chain */
            rc = 0;
            goto out;
        }
        for (size_t c = 0; c < k; c++) lab[c] = (uint8_t)en[c].lab, w[c] = en[c].w;
        t.slots[at] = (tslot){ m->slots[i].check, row_put(&t, lab, w, k) };
        from[at] = (uint32_t)i;
    }
    /* linear probing fills the same slots whatever the order (saving and
     * averaging read the slots' fullkey and cold by place), and every key
     * of the model finds its own row, as before */
    for (size_t i = 0; i < cap; i++) {
        if (!m->slots[i].fc != !t.slots[i].fc || t.nhot != m->nhot) {
            rc = 0;
            goto out;
        }
        if (!m->slots[i].fc) continue;
        uint64_t key = m->fullkey[i];
        if (from[slot_of(t.slots, cap, key)] != slot_of(m->slots, cap, key)) {
            rc = 0;
            goto out;
        }
    }
    free(m->slots);
    free(m->hot);
    m->slots = t.slots;
    m->hot = t.hot;
    t.slots = NULL;
    t.hot = NULL;
    rc = 0;
out:
    free(order);
    free(from);
    free(t.slots);
    free(t.hot);
    return rc;
}

void lede_tagger_free(lede_tagger *m)
{
    if (!m) return;
    tagger_featset_free(&m->fs);
    for (size_t i = 0; i < m->ntypes; i++) free(m->types ? m->types[i] : NULL);
    free(m->types);
    for (size_t i = 0; m->labels && i < m->L; i++) free(m->labels[i]);
    free(m->labels);
    free(m->start);
    free(m->stop);
    free(m->trans);
    free(m->allowed);
    free(m->astart);
    free(m->astop);
    free(m->slots);
    free(m->fullkey);
    free(m->cold);
    free(m->ent);
    free(m->hot);
    free(m->about);
    free(m);
}

size_t lede_tagger_ntypes(const lede_tagger *m) { return m->ntypes; }
const char *lede_tagger_type(const lede_tagger *m, size_t i) { return i < m->ntypes ? m->types[i] : NULL; }
size_t lede_tagger_nlabels(const lede_tagger *m) { return m->L; }
const char *lede_tagger_label(const lede_tagger *m, size_t i) { return i < m->L ? m->labels[i] : NULL; }
size_t lede_tagger_ntemplates(const lede_tagger *m) { return m->fs.ntpl; }
const char *lede_tagger_template(const lede_tagger *m, size_t i) { return i < m->fs.ntpl ? m->fs.tpl_src[i] : NULL; }
size_t lede_tagger_nlists(const lede_tagger *m) { return m->fs.nlists; }
const char *lede_tagger_list_name(const lede_tagger *m, size_t i) { return i < m->fs.nlists ? m->fs.lists[i].name : NULL; }
size_t lede_tagger_list_size(const lede_tagger *m, size_t i) { return i < m->fs.nlists ? m->fs.lists[i].n : 0; }
size_t lede_tagger_nfeatures(const lede_tagger *m) { return m->nfeat; }
const char *lede_tagger_about(const lede_tagger *m) { return m->about ? m->about : ""; }
