/*
 * tagger.h — a trainable sequence tagger (src/tagger.c).
 *
 * An averaged structured perceptron over the tokens of a sentence, with
 * labels in the BILOU scheme (B-X begin, I-X inside, L-X last, U-X a
 * one-token entity, O outside) and Viterbi decoding over label-transition
 * weights, restricted to the transitions BILOU allows.
 *
 * Features are *templates* given as strings (declared in Lua, stored in the
 * model): a template is one or more items joined by '|', each an attribute
 * of the token at an offset, "w[0]", "lw[-1]|lw[0]", "suf3[0]", "hl|cap[0]".
 * Attributes:
 *
 *   w        the token as written          lw      lowercased, diacritics off
 *   shape    Xxxx / dd,ddd (lede_shape)    sshape  runs collapsed: Xx, d,d
 *   preN     first N code points of lw     sufN    last N code points (N 1..6)
 *   cap      U upper, T title, L lower, M mixed, D digits, P other
 *   len      length in code points, 1..9 or "10+"
 *   gaz:NAME the token's place in a match of word list NAME: B, I, L or U
 *            (case-insensitive, longest match; absent outside a match)
 *   dcase    how the token's lowercase form is written elsewhere in the
 *            document, away from sentence starts and all-caps lines: a
 *            set of T (Title), L (lower), U (UPPER); absent when nowhere
 *   hist     the types the tagger gave the word (its lowercase form) earlier
 *            in the document, a set (O included); absent for words not
 *            capitalised or not seen before. Sentences are tagged in order.
 *   hl       the sentence is a headline or all in capitals (sentence-wide)
 *   stype    the sentence's length (4 buckets) and count of numbers (0, 1,
 *            more): tables of results read unlike prose (sentence-wide)
 *   first    the token opens its sentence (sentence-wide items have no offset)
 *   bias     always 1
 *
 * An item whose attribute is absent makes the template not fire; an offset
 * past either end of the sentence gives the value <s> or </s>.
 *
 * Feature ids are 64-bit hashes of (template, values), computed in C with no
 * string built per feature. The model maps hashes to sparse weight rows.
 *
 * Ownership: a lede_tagger is immutable once made (trained or loaded) and
 * may be shared by any number of threads; every call that tags allocates
 * its own scratch memory. A lede_trainer owns its data and weights.
 */
#ifndef LEDE_TAGGER_H
#define LEDE_TAGGER_H

#include "lede/lede.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LEDE_TAGGER_MAX_LABELS 255
#define LEDE_TAGGER_MAX_TEMPLATES 256
#define LEDE_TAGGER_MAX_LISTS 16

/* A sentence to tag: tokens over text (byte offsets), as lede_segment gives
 * them. flags: LEDE_TSENT_HEADLINE marks a headline (feature hl). */
#define LEDE_TSENT_HEADLINE 1u
typedef struct {
    const char *text;
    const lede_token *toks;
    size_t n;
    unsigned flags;
} lede_tsent;

/* One entity found: tokens [tok_first, tok_first + tok_count) of sentence
 * `sent`; type indexes lede_tagger_type(). */
typedef struct {
    uint32_t sent, tok_first, tok_count;
    uint32_t type;
} lede_tspan;
typedef struct { lede_tspan *v; size_t n, cap; } lede_tspanvec;
void lede_tspanvec_free(lede_tspanvec *v);

typedef struct lede_tagger lede_tagger;

/* Read a model file. On failure returns NULL and writes a message naming
 * the file and what is wrong into err. */
lede_tagger *lede_tagger_load(const char *path, char *err, size_t errsize);
/* Write a model file (through a temporary file renamed into place); 0, or
 * -1 with a message in err. */
int lede_tagger_save(const lede_tagger *m, const char *path, char *err, size_t errsize);
/* The bytes of a model file, malloc'd (*len set); NULL on OOM. Parse them
 * back with lede_tagger_parse. */
unsigned char *lede_tagger_serialize(const lede_tagger *m, size_t *len);
lede_tagger *lede_tagger_parse(const unsigned char *p, size_t n, const char *name, char *err,
                               size_t errsize);
void lede_tagger_free(lede_tagger *m);

size_t lede_tagger_ntypes(const lede_tagger *m);
const char *lede_tagger_type(const lede_tagger *m, size_t i);        /* "PER" */
size_t lede_tagger_nlabels(const lede_tagger *m);
const char *lede_tagger_label(const lede_tagger *m, size_t i);       /* "B-PER" */
size_t lede_tagger_ntemplates(const lede_tagger *m);
const char *lede_tagger_template(const lede_tagger *m, size_t i);
size_t lede_tagger_nlists(const lede_tagger *m);
const char *lede_tagger_list_name(const lede_tagger *m, size_t i);
size_t lede_tagger_list_size(const lede_tagger *m, size_t i);
size_t lede_tagger_nfeatures(const lede_tagger *m);                  /* weight rows */
/* Free text stored with the model (what it was trained on); may be "". */
const char *lede_tagger_about(const lede_tagger *m);

/* Tag a document: its sentences in order (document-wide features read all
 * of them). Appends the entities found to out, in order. Returns 0, or -1
 * on OOM. Thread-safe. */
int lede_tagger_tag(const lede_tagger *m, const lede_tsent *sents, size_t nsents,
                    lede_tspanvec *out);
/* The label of every token of a document, concatenated over its
 * sentences (labels: indexes of lede_tagger_label). 0 or -1 on OOM. */
int lede_tagger_labels(const lede_tagger *m, const lede_tsent *sents, size_t nsents,
                       uint16_t *labels);

/* Viterbi: the best label sequence for n tokens and L labels, given
 * emission scores emit[t*L + l], transitions trans[p*L + l], start[l],
 * stop[l] and allowed[p*L + l] (allowed_start[l], allowed_stop[l]), 0
 * forbidding a transition. Writes out[0..n). Returns the best score, or
 * -INFINITY when no sequence is allowed. Exposed for the unit tests. */
float lede_viterbi(const float *emit, const float *trans, const float *start,
                   const float *stop, const unsigned char *allowed,
                   const unsigned char *allowed_start, const unsigned char *allowed_stop,
                   size_t n, size_t L, uint16_t *out);

/* ------------------------------------------------------------ training */

typedef struct lede_trainer lede_trainer;

/* An empty trainer. Add its word lists, then its templates (a template
 * may name a list: gaz:NAME), then sentences. */
lede_trainer *lede_trainer_new(void);
void lede_trainer_free(lede_trainer *t);
/* A word list for gaz:NAME features (names of one or more words). Returns
 * 0, -1 OOM, -2 a bad or repeated name, or too many lists. */
int lede_trainer_add_list(lede_trainer *t, const char *name, const char *const *entries,
                          size_t n);
/* A feature template (syntax above). 0, or -1 with a message in err. */
int lede_trainer_add_template(lede_trainer *t, const char *src, char *err, size_t errsize);
void lede_trainer_set_about(lede_trainer *t, const char *about);

/* Add a sentence of n tokens with one tag each ("O", "B-PER", "I-ORG",
 * "L-LOC", "U-MISC", "E-X", "S-X"; IOB1, IOB2/BIO, BIOES and BILOU are all
 * read: an entity starts at B-/U-/S-, at a change of type, or after O, and
 * ends at L-/E-/U-/S- or where the next token does not continue it). doc
 * groups sentences into documents (document-wide features); dev: 1 for
 * the development set. Returns 0, -1 OOM, -2 a bad tag (err says which). */
int lede_trainer_add(lede_trainer *t, int dev, uint32_t doc, const char *const *tokens,
                     const char *const *tags, size_t n, unsigned flags,
                     char *err, size_t errsize);
size_t lede_trainer_nsentences(const lede_trainer *t, int dev);
size_t lede_trainer_ntokens(const lede_trainer *t, int dev);

/* One pass over the training sentences in an order shuffled by seed.
 * Returns the number of sentences whose prediction was wrong, -1 on OOM
 * (no types: -2). */
long lede_trainer_epoch(lede_trainer *t, uint64_t seed);

/* Exact-span counts on the development set (or the training set when
 * dev == 0) with the averaged weights so far: per type gold[i], pred[i],
 * correct[i] for i < ntypes (arrays of LEDE_TAGGER_MAX_LABELS). */
int lede_trainer_score(lede_trainer *t, int dev, size_t *gold, size_t *pred,
                       size_t *correct);
/* The same counts for a model (made by this trainer, loaded, or averaged),
 * tagging each document of the set whole, as tagging an article does.
 * -2 when the model's types are not the trainer's. */
int lede_trainer_score_model(lede_trainer *t, const lede_tagger *m, int dev, size_t *gold,
                             size_t *pred, size_t *correct);
size_t lede_trainer_ntypes(const lede_trainer *t);
const char *lede_trainer_type(const lede_trainer *t, size_t i);

/* The averaged model so far, weights below prune in magnitude dropped.
 * NULL on OOM. */
lede_tagger *lede_trainer_model(lede_trainer *t, float prune);

/* The average of n models trained alike (same types, templates and lists,
 * e.g. with different seeds): every weight the mean of the models' weights
 * (absent counts as 0), weights below prune in magnitude dropped. Averaging
 * perceptrons trained on different orders of the data smooths out what one
 * order happened to learn. NULL with a message when the models differ, or
 * on OOM. about: the new model's description. */
lede_tagger *lede_tagger_average(const lede_tagger *const *models, size_t n, float prune,
                                 const char *about, char *err, size_t errsize);

#ifdef __cplusplus
}
#endif
#endif
