/*
 * tagger_int.h — what tagger.c, tagger_io.c and tagger_train.c share:
 * the feature set (templates and word lists) and the model's tables.
 */
#ifndef LEDE_TAGGER_INT_H
#define LEDE_TAGGER_INT_H

#include "lede/tagger.h"

/* Token attributes. PRE/SUF take N 1..6; GAZ takes a list index. */
enum {
    TA_W = 0, TA_LW, TA_SHAPE, TA_SSHAPE, TA_CAP, TA_LEN, TA_DCASE, TA_HL, TA_FIRST,
    TA_BIAS, TA_HIST, TA_STYPE,
    TA_CAPRAW,                /* internal: the capitalisation class (dcase, hist) */
    TA_PRE1, TA_PRE6 = TA_PRE1 + 5,
    TA_SUF1, TA_SUF6 = TA_SUF1 + 5,
    TA_GAZ0, TA_NATTR = TA_GAZ0 + LEDE_TAGGER_MAX_LISTS
};

#define TPL_MAX_ITEMS 4
enum { PROG_STATIC, PROG_DYN, PROG_REST };
typedef struct {
    uint8_t n;
    uint8_t attr[TPL_MAX_ITEMS];
    int8_t off[TPL_MAX_ITEMS];
    /* computed once when the template is added (keys are made some 80
     * times a token): its key's seed, each item's value before the first
     * and after the last token */
    uint64_t seed;
    uint64_t bos[TPL_MAX_ITEMS], eos[TPL_MAX_ITEMS];
    /* each item's place in vals relative to its token's values,
     * off * TA_NATTR + attr */
    int32_t rel[TPL_MAX_ITEMS];
} tpl_t;

typedef struct {
    char *name;
    char **entries;           /* as given, for saving */
    size_t n;
} tlist_t;

typedef struct {
    size_t ntpl;
    tpl_t tpl[LEDE_TAGGER_MAX_TEMPLATES];
    char *tpl_src[LEDE_TAGGER_MAX_TEMPLATES];
    size_t nlists;
    tlist_t lists[LEDE_TAGGER_MAX_LISTS];
    /* every list's names, list i's with id i: one walk of one trie from
     * each atom finds every list's matches (lede_gaz_match_lists) */
    lede_gazetteer *gaz;
    uint8_t used[TA_NATTR];   /* attributes some template reads */
    uint8_t dyn[LEDE_TAGGER_MAX_TEMPLATES];   /* template reads hist */
    int has_hist;
    /* the smallest and largest offset of any template's items: a token
     * at least -minoff from its sentence's start and maxoff from its end
     * reads no value before or after the sentence */
    int minoff, maxoff;
    /* the templates of each kind (dyn 0, dyn 1) in order: keys are made
     * per kind */
    size_t nkind[2];
    uint16_t kind[2][LEDE_TAGGER_MAX_TEMPLATES];
    /* the word's own templates: every item at offset 0 and of the token's
     * text alone (w lw shape sshape cap len pre suf) or bias. Two tokens
     * of one text have the same keys and rows of these, so tagging finds
     * them once per word form and document. local: listed in order;
     * rest: the other static templates in order. */
    size_t nlocal, nrest;
    uint16_t local[LEDE_TAGGER_MAX_TEMPLATES], rest[LEDE_TAGGER_MAX_TEMPLATES];
    /* the keys' programs, for tokens away from the sentence's ends: the
     * templates of one list (PROG_STATIC kind[0], PROG_DYN kind[1],
     * PROG_REST rest) ordered by their number of items, cut[a] the first
     * with more than a items */
    /* every attribute's value before and after a sentence (BOS_VAL, EOS_VAL) */
    uint64_t bosrow[TA_NATTR], eosrow[TA_NATTR];
    size_t nprog[3], cut[3][TPL_MAX_ITEMS + 1];
    struct kprog { uint64_t seed; int32_t rel[TPL_MAX_ITEMS]; uint16_t j; uint8_t n; }
        prog[3][LEDE_TAGGER_MAX_TEMPLATES];
} featset_t;

/* Parse template src into fs (lists must already be known when it names
 * one... lists are resolved by name when added: gaz:NAME of an unknown
 * list is an error). Returns 0 or -1 with a message. */
int tagger_featset_add(featset_t *fs, const char *src, char *err, size_t errsize);
int tagger_featset_add_list(featset_t *fs, const char *name, const char *const *entries,
                            size_t n);
void tagger_featset_free(featset_t *fs);

/* The attribute values of every token of a document, in order:
 * vals[tok * TA_NATTR + attr] (0 absent), malloc'd into *vals. hist is
 * left absent. Returns 0 or -1 on OOM. */
int tagger_doc_vals(const featset_t *fs, const lede_tsent *sents, size_t nsents,
                    uint64_t **vals);
/* The same values, each text's token values computed once: also
 * (*src)[tok], the first token of the document with tok's text (tok if
 * none before), malloc'd. */
int tagger_doc_vals_src(const featset_t *fs, const lede_tsent *sents, size_t nsents,
                        uint64_t **vals, uint32_t **src);
/* Keys of the n tokens of one sentence from their values: keys[tok * ntpl
 * + t], 0 where a template does not fire. dyn 0: the templates that do not
 * read hist (those that do get 0); dyn 1: only those that do. */
void tagger_sent_keys(const featset_t *fs, const uint64_t *vals, size_t n, uint64_t *keys,
                      int dyn);

/* A sentence's values with TAGGER_PAD rows of the values before it and
 * as many after (offsets are -4..4): keys then read every item without
 * bounds checks. pad holds n + 2 * TAGGER_PAD rows; the first token's
 * row is returned. */
#define TAGGER_PAD 4
uint64_t *tagger_pad_vals(const featset_t *fs, const uint64_t *vals, size_t n, uint64_t *pad);
/* tagger_sent_keys from padded values pv (tagger_pad_vals); tokens t
 * with same[t] (same may be NULL) get 0 for the word's own templates
 * (fs->local) when dyn is 0. */
void tagger_sent_keys_padded(const featset_t *fs, const uint64_t *pv, size_t n, uint64_t *keys,
                             int dyn, const uint8_t *same);

/* The prediction history of a document (the hist attribute): for each
 * capitalised word, the set of types the tagger gave it so far. */
typedef struct { size_t cap, n; uint64_t *keys; uint64_t *bits; } thist;
void tagger_hist_clear(thist *h);
void tagger_hist_free(thist *h);
/* Set vals' hist from h for a sentence of n tokens. */
void tagger_hist_fill(const thist *h, uint64_t *vals, size_t n);
/* Record a sentence's predicted labels. 0 or -1 on OOM. */
int tagger_hist_add(thist *h, const uint64_t *vals, const uint16_t *lab, size_t n);

/* Labels: 0 is O; type i has B, I, L, U at 1 + 4i + {0,1,2,3}. */
#define LAB_O 0
#define LAB_B(i) (1 + 4 * (i))
#define LAB_I(i) (2 + 4 * (i))
#define LAB_L(i) (3 + 4 * (i))
#define LAB_U(i) (4 + 4 * (i))
#define LAB_TYPE(l) ((uint32_t)((l) - 1) / 4u)
#define LAB_PART(l) ((uint32_t)((l) - 1) % 4u)   /* 0 B, 1 I, 2 L, 3 U */

/* BILOU's allowed transitions for L labels into allowed (L*L), start, stop. */
void tagger_allowed(size_t L, unsigned char *allowed, unsigned char *astart,
                    unsigned char *astop);
/* Viterbi over sentences one after another (lede_viterbi's steps, its
 * tables made once): init for the allowed transitions of L labels, run
 * per sentence (NAN on OOM), free. */
typedef struct {
    size_t L, backcap;
    float *dp;
    uint16_t *back, *pred;
    uint32_t *tpos;           /* per pred[i]: p * L + l, its place in trans */
    size_t *npred;
} tvit;
int tagger_vit_init(tvit *v, const unsigned char *allowed, size_t L);
float tagger_vit_run(tvit *v, const float *emit, const float *trans, const float *start,
                     const float *stop, const unsigned char *allowed_start,
                     const unsigned char *allowed_stop, size_t n, uint16_t *out);
void tagger_vit_free(tvit *v);
/* Entities from a label sequence: appends spans for sentence `sent`. */
int tagger_spans(const uint16_t *lab, size_t n, uint32_t sent, lede_tspanvec *out);

/* A slot: the key's high 32 bits (its low bits are the slot's place) and
 * where its row is in the arena, unit << 8 | count; fc 0 is an empty
 * slot. Eight bytes, so the table is half the size (the full keys are kept
 * apart, for saving). Two keys of one probe chain sharing their high 32
 * bits would be taken for one: a chance of about 2^-32 per lookup.
 *
 * A row of the arena (8-byte units, unit 0 unused so that fc is never 0)
 * is either sparse, count > 0 tentry's, or dense, count 0: L floats, one
 * per label, absent labels 0. A row is dense when that is no bigger
 * (2 * count >= L) and its labels are distinct: the rows of common
 * features give weights to most labels (4,000 of the default model's
 * 143,579 rows are dense, but they are 70 % of the rows tagging reads),
 * and a dense row is summed by vector adds without reading labels. Adding
 * a dense row's 0 leaves a score as it was (no score is ever -0: sums
 * start at +0), so both sum every label's weights in the same order, to
 * the same float. */
typedef struct { uint32_t check, fc; } tslot;
/* A dense row's floats: L rounded up to a multiple of 4, the labels
 * past L 0, so that it is added in whole groups of four (vector adds,
 * each lane its own label: the same sums as one by one). */
#define DENSE_WIDTH(L) (((L) + 3) & ~(size_t)3)
#define SLOT_COUNT(s) ((s)->fc & 0xffu)
typedef struct { float w; uint32_t lab; } tentry;
/* A slot's row as given (sparse, in m->ent), for saving and averaging:
 * first entry << 8 | count. */
#define COLD_FIRST(m, i) ((m)->cold[i] >> 8)
#define COLD_COUNT(m, i) ((m)->cold[i] & 0xffu)

struct lede_tagger {
    featset_t fs;
    size_t ntypes;
    char **types;
    size_t L;
    char **labels;
    float *start, *stop, *trans;
    unsigned char *allowed, *astart, *astop;
    /* weight rows: open addressing on key (0 empty). A lookup touches
     * one cache line of the table and one or two of the hot arena (the
     * table is read some 80 times a token: its layout is the tagger's
     * speed); the rows as given are kept apart, cold. */
    size_t cap, nfeat;
    tslot *slots;
    uint64_t *fullkey;        /* per slot, for saving */
    uint32_t *cold;           /* per slot, COLD_FIRST / COLD_COUNT */
    size_t nentries;
    tentry *ent;
    void *hot;                /* the rows, 8-byte units */
    size_t nhot;
    char *about;
};

/* Make the label names and allowed tables for m->types (m->ntypes set). */
int tagger_init_labels(lede_tagger *m);
/* Insert a sparse row (the model being built); entries appended. */
int tagger_model_reserve(lede_tagger *m, size_t nfeat, size_t nentries);
int tagger_model_put(lede_tagger *m, uint64_t key, const uint8_t *lab, const float *w,
                     size_t k);   /* 0, or -1 on OOM */

/* After the rows are put (a model loaded): the slots filled again and
 * the arena laid out again with the rows of most labels first, so that
 * the rows tagging reads most are found at the first slot probed and lie
 * together in the arena. The slots are the same (linear probing fills
 * the same places in any order), so fullkey and cold are left as they
 * were: slot i's fullkey and cold are then not its row's, but saving and
 * averaging read them by place only, in slot order, and write the same
 * bytes. Kept as it was when any key would find another row. 0, or -1
 * on OOM (the model unchanged). No rows may be put after. */
int tagger_model_finish(lede_tagger *m);

uint64_t tagger_mix(uint64_t h);

/* Emission scores emit[tok * L + label] of n tokens from their keys
 * (tagger_sent_keys); res is scratch of n * ntpl. */
void tagger_emissions(const lede_tagger *m, const uint64_t *keys, size_t n, float *emit,
                      uint32_t *res);

#endif
