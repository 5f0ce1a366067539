/*
 * lede.h — the lede document model.
 *
 * One header for the whole core: a newcomer reads this file to learn what a
 * corpus, an article, a sentence and a token are, who owns their memory, and
 * which C function produces each of them.
 *
 * Ownership in one paragraph: a lede_corpus owns one arena. Every string,
 * article, sentence and token array reachable from the corpus lives in that
 * arena and is freed, all at once, by lede_corpus_free(). Nothing inside the
 * model is freed individually, so pointers into it stay valid for the
 * corpus's whole life. The Lua layer (src/lua/) keeps the corpus alive
 * while any Lua object that points into it is reachable.
 *
 * Offsets: every start/stop is a byte offset into the article's clean body
 * (article->text), half-open [start, stop). Strings are UTF-8, NUL-terminated
 * and also carry explicit lengths where they may be large.
 */
#ifndef LEDE_H
#define LEDE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define LEDE_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ arena */

/* A bump allocator. Allocations are 8-byte aligned and live until
 * lede_arena_free(). Returns NULL only when the system is out of memory. */
typedef struct lede_arena lede_arena;

lede_arena *lede_arena_new(void);
/* An arena whose first block is `first` bytes (at least 256), doubling from
 * there: for many small, short-lived owners (a per-article gazetteer) that
 * the 64 KiB default would make heavy. */
lede_arena *lede_arena_new_sized(size_t first);
void lede_arena_free(lede_arena *a);
void *lede_arena_alloc(lede_arena *a, size_t n);
void *lede_arena_calloc(lede_arena *a, size_t n);
char *lede_arena_strndup(lede_arena *a, const char *s, size_t n);
char *lede_arena_strdup(lede_arena *a, const char *s);
char *lede_arena_printf(lede_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void *lede_arena_memdup(lede_arena *a, const void *p, size_t n);
size_t lede_arena_used(const lede_arena *a);   /* bytes handed out */
/* Forget every allocation but keep one block for reuse: the streaming
 * mode of a corpus resets its arena after each article. */
void lede_arena_reset(lede_arena *a);

/* Growing arrays (token, sentence and hit vectors, lists of names): v is a
 * malloc'd array (or NULL) of *cap elements of elem bytes, all in use.
 * Returns it reallocated to twice the capacity (`first` elements when *cap
 * is 0) and updates *cap; returns NULL, leaving v and *cap as they were,
 * when memory runs out or the size would overflow. */
void *lede_grow(void *v, size_t *cap, size_t elem, size_t first);
/* Growing byte strings (the readers' output buffers): append s[0..n) to the
 * malloc'd, NUL-terminated *str of *len bytes in *cap (NULL, 0, 0 to begin),
 * the capacity doubled from `first` until it holds the text and its NUL.
 * Returns 0, or -1 with *str, *len and *cap as they were when memory runs
 * out or the size would overflow. */
int lede_bytes_append(char **str, size_t *len, size_t *cap, const char *s, size_t n,
                      size_t first);

/* ------------------------------------------------------------------- utf8 */

#define LEDE_REPLACEMENT 0xFFFDu

/* Decode one code point from s[0..n). Always consumes at least one byte
 * when n > 0. Invalid or truncated sequences, overlongs, surrogates and
 * values above U+10FFFF decode as LEDE_REPLACEMENT consuming one byte
 * (the maximal-subpart practice of Unicode ch. 3 collapsed to one byte). */
size_t lede_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t lede_utf8_encode(uint32_t cp, char *out);
/* Returns 1 when s[0..n) is valid UTF-8; otherwise 0 and *first_bad (if
 * non-NULL) receives the offset of the first invalid byte. */
int lede_utf8_valid(const char *s, size_t n, size_t *first_bad);
/* Copy s into the arena replacing each invalid byte with U+FFFD. *nbad gets
 * the number of replacements, *first_bad the input offset of the first. */
char *lede_utf8_repair(lede_arena *a, const char *s, size_t n, size_t *out_len,
                       size_t *nbad, size_t *first_bad);

/* Character classes used by the segmenter and tokenizer (Unicode-aware for
 * the Latin, Greek and Cyrillic ranges news text uses). */
int lede_cp_is_alpha(uint32_t cp);
int lede_cp_is_upper(uint32_t cp);
int lede_cp_is_lower(uint32_t cp);
int lede_cp_is_digit(uint32_t cp);
int lede_cp_is_space(uint32_t cp);     /* includes NBSP, thin spaces, etc. */
/* Fold for matching: curly quotes to ' and ", dashes to -, NBSP to space;
 * other code points unchanged. Returns the folded code point. */
uint32_t lede_cp_fold_punct(uint32_t cp);
/* Lowercase and strip diacritics (Geoană -> geoana, Banjskë -> banjske). */
uint32_t lede_cp_fold_case(uint32_t cp);

/* The normalized view of a text: punctuation folded as lede_cp_fold_punct,
 * so that patterns can match "…said" whatever quotes or dashes the source
 * used. *map (if non-NULL, arena-allocated, out_len+1 entries) maps every
 * output byte offset back to its input byte offset. */
char *lede_normalize(lede_arena *a, const char *s, size_t n, size_t *out_len,
                     uint32_t **map);

/* ------------------------------------------------------- tokens, sentences */

typedef enum {
    LEDE_TOK_WORD = 0,   /* letters, with inner ' - . (don't, Osmani-Sadriu, U.S.) */
    LEDE_TOK_NUMBER,     /* 93, 1,000, 3.5, 2023, 5% is NUMBER + SYMBOL */
    LEDE_TOK_PUNCT,      /* . , ; : ! ? … quotes brackets dashes */
    LEDE_TOK_SYMBOL      /* % $ € & + = / # @ and other symbols */
} lede_tok_kind;

typedef struct lede_token {
    uint32_t start, stop;     /* byte offsets in article->text */
    uint32_t kind;            /* lede_tok_kind */
} lede_token;

typedef struct lede_sentence {
    uint32_t start, stop;     /* byte offsets in article->text */
    uint32_t tok_first;       /* index of first token in article->tokens */
    uint32_t tok_count;
    uint32_t para;            /* 0-based paragraph index */
} lede_sentence;

typedef struct lede_span {
    uint32_t start, stop;
} lede_span;

const char *lede_tok_kind_name(uint32_t kind);  /* "word", "number", ... */

/* Growable scratch vectors (malloc'd, reused across articles). */
typedef struct { lede_token *v; size_t n, cap; } lede_tokvec;
typedef struct { lede_sentence *v; size_t n, cap; } lede_sentvec;
void lede_tokvec_free(lede_tokvec *t);
void lede_sentvec_free(lede_sentvec *s);

/* Tokenize text[start..stop), appending to out. Returns 0, or -1 on OOM. */
int lede_tokenize(const char *text, size_t start, size_t stop, lede_tokvec *out);

/* Tokenize and split text[start..stop) (one paragraph, index para) into
 * sentences, appending to toks and sents. Abbreviation-aware: Mr. Dr. Gen.
 * U.S. U.N. Jan. No. N°. initials, the pronoun I, decimals, ellipses
 * (". . ." too), sentence-final quotes and a citation after them; inline
 * list markers (1.) 1) 1. a. • ⁃) start a sentence per item; a paragraph
 * without final punctuation is one sentence. Returns 0 or -1. */
int lede_segment(const char *text, size_t start, size_t stop, uint32_t para,
                 lede_tokvec *toks, lede_sentvec *sents);

/* -------------------------------------------------------------- articles */

typedef struct lede_article {
    uint32_t index;           /* 1-based position in its corpus */
    const char *id;           /* file base name without extension, JSONL
                                 "id" field, or NAME:LINE for JSONL lines */
    const char *path;         /* file it came from; "-" for stdin */
    uint32_t line;            /* JSONL line number (1-based), else 0 */

    const char *raw;          /* the whole input text, valid UTF-8; NULL
                                 when it is kept packed (raw_rest): read it
                                 with lede_article_raw_copy() */
    size_t raw_len;
    /* Packed raw (lede_article_pack_raw): the bytes of raw outside the
     * body's paragraphs, and where paragraph k of text starts in raw. */
    const char *raw_rest;
    uint32_t *raw_at;

    /* Metadata: NULL when unknown. */
    const char *title;        /* headline, without breadcrumbs or site suffix */
    const char *subtitle;     /* deck/standfirst line under the headline */
    const char *date;         /* publication date, ISO 8601 YYYY-MM-DD */
    const char *source;       /* publisher/site: JSONL "source", site suffix,
                                 footer (e.g. "Anadolu Agency") */
    const char *url;
    const char *byline;       /* author(s) */
    const char *dateline;     /* "BELGRADE, Serbia" */
    const char *agency;       /* "AP", "Reuters", "Anadolu Agency" */
    const char **categories;  size_t ncategories;
    const char **boilerplate; size_t nboilerplate;  /* removed lines, in order */

    /* Clean body: kept paragraphs joined by "\n\n". */
    const char *text;
    size_t text_len;
    lede_span *paragraphs;    size_t nparagraphs;

    lede_sentence *sentences; size_t nsentences;
    /* The tokens are not kept with the article: lede_article_tokens()
     * makes them again from the text (tokenizing runs at ~570 MB/s) and
     * keeps the last few articles' per thread. They were 1.7 bytes per
     * input byte of a corpus held in memory, more than the text. */
    size_t ntokens;
    size_t nwords;            /* tokens of kind LEDE_TOK_WORD */
    uint64_t tok_id;          /* identity of these tokens in the per-thread
                                 cache (unique per segmentation; 0: none) */

    int clean;                /* raw is already the clean body (JSON Lines
                                 "clean": true, as lede extract writes):
                                 lede_recover only splits paragraphs */
    int given;                /* raw is text the user gave as the article
                                 (a JSON Lines "text" field): lede_recover
                                 keeps every non-empty line, in order, as a
                                 paragraph; no line is taken as boilerplate
                                 or metadata */
    const char *attached;     /* JSON Lines "annotations" (lede extract
                                 output), as JSON text, for lede merge */
    uint32_t order;           /* position in the whole corpus when it is
                                 read in shards (JSON Lines "index"), else 0 */
    const char *format;       /* the reader that made it: "text", "jsonl",
                                 "html", "rss", "atom", "warc", "csv", "tsv",
                                 "pdf", "factiva", "lexisnexis" (NULL: text) */
    const char *compression;  /* "gzip", "zstd", "xz" or NULL */
    int date_doubtful;        /* the date is contradicted by the story's own
                                 evidence (date_evidence says which) */
    const char *date_evidence;
    const char *headings;     /* a page's h1 texts, one per line (HTML), else NULL */
    const char *original;     /* the text as read when NFC normalisation
                                 changed it (raw is the NFC text), else NULL */
    size_t original_len;
} lede_article;

/* Metadata and boilerplate recovery (src/article.c). Reads art->raw and
 * fills title, subtitle, date, byline, dateline, agency, source,
 * categories, boilerplate, text and paragraphs. Fields that are already
 * non-NULL (e.g. given by a JSONL record) are kept; with art->given, every
 * line of the text is kept as body. Returns 0 or -1 (OOM). */
int lede_recover(lede_arena *a, lede_article *art);

/* Keep art->raw packed: only its bytes outside the body's paragraphs go
 * to the arena (art->raw_rest, art->raw_at), the paragraphs being read
 * from art->text when raw is asked for; art->raw is then NULL (its
 * buffer is the caller's to free). A corpus held in memory kept each
 * body twice (raw and text, 0.8 bytes per input byte for the copy).
 * Packs only when every paragraph of text is found in raw, in order,
 * and that saves memory. Returns 1 (packed), 0 (left as it was), -1 (OOM). */
int lede_article_pack_raw(lede_arena *a, lede_article *art);
/* Write art's raw_len bytes of raw to out (packed or not). */
void lede_article_raw_copy(const lede_article *art, char *out);

/* Segment art->text paragraph by paragraph into art->sentences (an arena
 * copy), art->ntokens and art->nwords; toks/sents are scratch. The tokens
 * go to the calling thread's token cache (see lede_article_tokens), not
 * the arena. Returns 0 or -1. */
int lede_segment_article(lede_arena *a, lede_article *art,
                         lede_tokvec *toks, lede_sentvec *sents);

/* The art->ntokens tokens of art, in order (what lede_segment_article
 * made: every paragraph tokenized by lede_tokenize), from the calling
 * thread's cache of the LEDE_TOKEN_CACHE articles it asked for last, or
 * made again from art->text into it. NULL when art has no tokens or
 * memory runs out. The pointer stays valid until the same thread has
 * asked for the tokens of LEDE_TOKEN_CACHE other articles (or exits):
 * use it within one operation on the article, do not keep it. Articles
 * are not changed, so threads may read the same article at once. */
#define LEDE_TOKEN_CACHE 8
const lede_token *lede_article_tokens(const lede_article *art);
/* Free the calling thread's token cache (it is made again when needed;
 * threads free theirs when they exit). */
void lede_token_cache_clear(void);

/* Dates (src/date.c). */
typedef enum {
    LEDE_PREC_NONE = 0, LEDE_PREC_YEAR, LEDE_PREC_MONTH, LEDE_PREC_DAY,
    LEDE_PREC_MINUTE, LEDE_PREC_SECOND
} lede_precision;

typedef struct lede_date {
    int year, month, day;     /* 0 when unknown */
    int hour, minute, second; /* -1 when unknown */
    int precision;            /* lede_precision */
} lede_date;

/* Parse one absolute date expression occupying s[0..n) (leading/trailing
 * spaces allowed): 2025-04-26, 2025-04-26 08:23:02, 07.09.2023 (day first),
 * 13 June 2023, June 13, 2023, Sept. 5 2023, June 2023. Returns 1 on
 * success, 0 if s is not a date. */
int lede_date_parse(const char *s, size_t n, lede_date *out);
/* Find the first absolute date anywhere in s[0..n); at and len receive its span. */
int lede_date_find(const char *s, size_t n, lede_date *out, size_t *at, size_t *len);
/* Write ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD) to buf; returns length. */
int lede_date_iso(const lede_date *d, char *buf, size_t size);
/* 1..12 for an English month name or abbreviation (case-insensitive), else 0. */
int lede_month_from_name(const char *s, size_t n);

/* ------------------------------------------------------------ gazetteer */

/* A gazetteer finds known names (people, places, organisations) in token
 * sequences (src/gazetteer.c).
 *
 * Names and text are compared as sequences of *atoms*: a token is one atom,
 * except that a word token is split at its inner hyphens (- ‐ ‑ –) and
 * apostrophes (' ’ ʼ), the separator being an atom of its own. So "NATO"
 * is found inside "NATO-led" and "NATO’s", "Belgrade-Pristina" holds two
 * names, and "Vjosa Osmani-Sadriu" (atomized the same way) matches whole;
 * but "Serb" never matches inside "Serbia". Spaces between tokens are not
 * atoms: "Osmani - Sadriu" matches the name "Osmani-Sadriu".
 *
 * Atoms compare folded: lowercased, diacritics and combining marks
 * stripped, quotes and dashes folded (Geoană = Geoana = GEOANA; ë folds to
 * e, so Banjskë = Banjske but not Banjska). Entries added with
 * LEDE_GAZ_CASE also require each atom's exact original bytes. */
typedef struct lede_gazetteer lede_gazetteer;

#define LEDE_GAZ_CASE 1u  /* match only with the exact case of the name (acronyms: "AP", "US") */

lede_gazetteer *lede_gaz_new(void);
void lede_gaz_free(lede_gazetteer *g);
/* Add a name with a caller id. Returns 0, -1 on OOM, -2 if the name has no
 * tokens. The same name may carry several ids; re-adding an identical
 * (name, id, flags) entry is a no-op. */
int lede_gaz_add(lede_gazetteer *g, const char *name, size_t n, uint32_t id, unsigned flags);
size_t lede_gaz_size(const lede_gazetteer *g);   /* number of (name,id) entries */

/* start/stop: byte offsets into text, half-open; tok_first/tok_count: the
 * tokens touched (indexes into the toks passed to lede_gaz_match). */
typedef struct {
    uint32_t start, stop;
    uint32_t tok_first, tok_count;
    uint32_t id;
} lede_gaz_hit;
typedef struct { lede_gaz_hit *v; size_t n, cap; } lede_gazvec;
void lede_gazvec_free(lede_gazvec *v);

/* Scan toks[0..ntoks) over text. Leftmost-longest, non-overlapping; every
 * id of the winning name gives one hit (same span, insertion order).
 * Appends to out. Returns 0 or -1 (OOM). Thread-safe on a const g. */
int lede_gaz_match(const lede_gazetteer *g, const char *text, const lede_token *toks,
                   size_t ntoks, lede_gazvec *out);

/* The folded atoms of a token sequence, computed once and matched by any
 * number of gazetteers (lede_gaz_match atomizes on every call). They do
 * not depend on a gazetteer. lede_gaz_atomize returns NULL on OOM. */
typedef struct lede_gaz_atoms lede_gaz_atoms;
lede_gaz_atoms *lede_gaz_atomize(const char *text, const lede_token *toks, size_t ntoks);
void lede_gaz_atoms_free(lede_gaz_atoms *at);
/* As lede_gaz_match over tokens [tok_first, tok_stop) of the sequence `at`
 * was made from; hit token indexes are into that whole sequence. */
int lede_gaz_match_atoms(const lede_gazetteer *g, const char *text, const lede_gaz_atoms *at,
                         size_t tok_first, size_t tok_stop, lede_gazvec *out);
/* Several word lists in one gazetteer, list i's names added with id i <
 * nids: each list's own matches, as lede_gaz_match_atoms over a gazetteer
 * of that list alone would give them (leftmost-longest within the list,
 * lists free to overlap), list by list, in one walk of the trie from each
 * atom instead of one per list. 0 or -1 (OOM). */
int lede_gaz_match_lists(const lede_gazetteer *g, const char *text, const lede_gaz_atoms *at,
                         size_t tok_first, size_t tok_stop, size_t nids, lede_gazvec *out);

/* ------------------------------------------------------- token patterns */

/* Token patterns (src/pattern.c), in the spirit of spaCy's Matcher: a
 * pattern is a sequence of items; an item is a conjunction of tests on one
 * token, a quantifier {min,max} and an optional capture group.
 *
 * Matching is leftmost-longest and non-overlapping: at each token position
 * the longest match starting there is reported (greedy choices win ties),
 * then the scan resumes after it; empty matches are never reported.
 *
 * Backtracking is memoized (the rest of a match depends only on the item
 * and the token position), so a scan costs at most items x tokens x run
 * length however the quantifiers are nested. As a second guard, each start
 * position gets a budget of steps (default LEDE_PAT_MAX_STEPS): when it is
 * exceeded that position is abandoned (counted, no match there) and the
 * scan moves on; work already done is kept for later positions. A `re`
 * test runs with PCRE2 limits of 20,000 match steps and depth 2,000 per
 * token: a regex that exceeds them (catastrophic backtracking) counts as
 * not matching that token, instead of hanging the scan. */
typedef struct lede_pattern lede_pattern;

#define LEDE_PAT_MANY      UINT32_MAX   /* unbounded max of a quantifier */
#define LEDE_PAT_UNSET     UINT32_MAX   /* capture group that took no token */
#define LEDE_PAT_MAX_STEPS 10000u
#define LEDE_PAT_MAX_ITEMS 1000u       /* items per pattern */
#define LEDE_PAT_MAX_NOT   32u         /* nesting depth of `not` */

typedef enum {
    LEDE_PT_TEXT = 0,   /* string set: token text equals one (bytes) */
    LEDE_PT_LOWER,      /* string set: folded text (as lede.fold) equals one */
    LEDE_PT_SHAPE,      /* string set: lede_shape() of the text equals one */
    LEDE_PT_IS_CAP,     /* flags: first code point uppercase */
    LEDE_PT_IS_UPPER,   /* an uppercase letter and no lowercase one */
    LEDE_PT_IS_LOWER,   /* a lowercase letter and no uppercase one */
    LEDE_PT_IS_TITLE,   /* is_cap and the rest is not is_upper */
    LEDE_PT_IS_ALPHA,   /* letters (and combining marks) only */
    LEDE_PT_IS_DIGIT,   /* ASCII digits only */
    LEDE_PT_IS_PUNCT    /* token kind is LEDE_TOK_PUNCT */
} lede_pat_test;

lede_pattern *lede_pat_new(void);
void lede_pat_free(lede_pattern *p);
/* Append an item matching min..max tokens (max may be LEDE_PAT_MANY;
 * min <= max, max >= 1, at most LEDE_PAT_MAX_ITEMS items). capture: group name or NULL; items sharing a
 * name share one group (its span covers them all). Tests added next
 * belong to this item. Returns 0, -1 on OOM, -2 on bad arguments. */
int lede_pat_add_item(lede_pattern *p, uint32_t min, uint32_t max, const char *capture);
/* Tests on the current item (or the innermost open `not`). Each returns
 * 0, -1 on OOM, -2 when there is no item or an argument is bad. */
int lede_pat_add_strings(lede_pattern *p, lede_pat_test test, const char *const *s,
                         const size_t *len, size_t n);
int lede_pat_add_flag(lede_pattern *p, lede_pat_test test, int want);
/* kindmask: bit k set for lede_tok_kind k. */
int lede_pat_add_kinds(lede_pattern *p, uint32_t kindmask);
/* Token covered by an annotation whose kind bit is in mask (see ents). */
int lede_pat_add_ent(lede_pattern *p, uint64_t mask);
/* PCRE2 regex (UTF, UCP) searched in the token text alone, so ^ and $ are
 * the token's edges: "^[A-Z]" is "starts with a capital", "^\d+$" a whole
 * token. On a bad regex returns -3 with PCRE2's message and offset in err. */
int lede_pat_add_regex(lede_pattern *p, const char *re, size_t n, char *err, size_t errsize);
/* Tests between begin and end form a nested conjunction that must fail. */
int lede_pat_begin_not(lede_pattern *p);
int lede_pat_end_not(lede_pattern *p);
void lede_pat_set_max_steps(lede_pattern *p, uint32_t steps);
size_t lede_pat_nitems(const lede_pattern *p);
size_t lede_pat_ngroups(const lede_pattern *p);
const char *lede_pat_group_name(const lede_pattern *p, size_t i);

/* One match: tokens [tok_first, tok_stop) of the toks passed; its groups
 * are out->groups[group_off .. group_off + lede_pat_ngroups(p)), each a
 * token range, LEDE_PAT_UNSET when the group took no token. */
typedef struct { uint32_t tok_first, tok_stop; } lede_tokrange;
typedef struct { uint32_t tok_first, tok_stop; size_t group_off; } lede_pat_hit;
typedef struct {
    lede_pat_hit *v; size_t n, cap;
    lede_tokrange *groups; size_t ngroups, gcap;
} lede_patvec;
void lede_patvec_free(lede_patvec *v);

/* Match toks[0..ntoks) over text; ents (may be NULL) gives each token's
 * annotation-kind bitmask for LEDE_PT_ENT tests. Appends to out. Returns
 * the number of start positions abandoned for exceeding the step budget
 * (normally 0), or -1 on OOM. */
int lede_pat_match(const lede_pattern *p, const char *text, const lede_token *toks,
                   size_t ntoks, const uint64_t *ents, lede_patvec *out);

/* spaCy-style word shape of s[0..n) into out (at least n bytes; no NUL):
 * X uppercase, x other letters, d digit, anything else itself, combining
 * marks skipped, runs of one symbol cut at 4. "Stoltenberg" -> "Xxxxx",
 * "1,000" -> "d,ddd", "NATO’s" -> "XXXX’x". Returns the length. */
size_t lede_shape(const char *s, size_t n, char *out);

/* ---------------------------------------------------------------- corpus */

typedef enum { LEDE_DIAG_WARNING = 1, LEDE_DIAG_ERROR = 2 } lede_diag_level;

/* Diagnostics go through one callback so the CLI prints them to stderr and
 * tests can capture them. line/offset are 0 when not applicable. */
typedef void (*lede_diag_fn)(void *ud, int level, const char *path,
                             long line, long offset, const char *msg);

typedef struct lede_corpus {
    lede_arena *arena;
    lede_article **articles;
    size_t narticles, cap;
    size_t bytes;             /* input bytes read */
    size_t nwarnings, nerrors;
    size_t nrejected;         /* files no reader accepts (warned; exit 2) */
    const char *zname;        /* compression of the file being read, or NULL */
    lede_article *added;      /* the first article the file being read gave */
    size_t pending_bytes;     /* bytes of the file being read, not yet counted */
    struct lede_corpus *parent; /* a streamed file's articles after the first
                                 live in the parent's arena (held by refs) */
    int refs;                 /* holders besides the first */
    lede_diag_fn diag;        /* default: print "lede: PATH:LINE: ..." */
    void *diag_ud;
    /* Streaming: when sink is set, each finished article is handed to it
     * and then forgotten (the arena is reset), so memory stays flat
     * whatever the corpus size; articles[] stays empty. */
    void (*sink)(void *ud, const lede_article *a);
    void *sink_ud;
    size_t nstreamed;         /* articles handed to sink */
    lede_arena **extra;       /* arenas adopted from parallel loading */
    size_t nextra;
    /* Shards (--shard I/N): keep only the articles whose position p
     * (1-based, over the whole input) has (p - 1) % shard_n == shard_i - 1.
     * a->index is then that global position. 0/0: no sharding. */
    uint32_t shard_i, shard_n;
    size_t seen;              /* articles met so far (kept or not) */
    lede_tokvec toks;         /* scratch, reused */
    lede_sentvec sents;
    /* Raw texts read into malloc'd buffers, so that an article's raw can
     * be packed (lede_article_pack_raw) and its buffer freed; those not
     * packed stay here until the corpus is freed. keep_raw: raw goes to
     * the arena and is never packed (streaming: the arena is reset). */
    char **loose;
    size_t nloose, caploose;
    int keep_raw;
} lede_corpus;

lede_corpus *lede_corpus_new(void);
void lede_corpus_free(lede_corpus *c);

/* Add a file, a folder (recursive, sorted by name), or "-" (stdin).
 * *.jsonl / *.ndjson files are read as JSON Lines; everything else as plain
 * text. Problems are reported through c->diag and counted; returns 0 when
 * the path was read (possibly with warnings), -1 when it could not be. */
int lede_corpus_add_path(lede_corpus *c, const char *path);
/* Add one plain-text article from memory (bytes are copied). Returns the
 * new article, or NULL if the text was skipped (empty/binary) or on OOM.
 * In streaming mode (sink set) the article is already gone: only test the
 * result against NULL. */
lede_article *lede_corpus_add_text(lede_corpus *c, const char *path,
                                   const char *bytes, size_t n);
/* Read JSON Lines from memory; each line one article. Returns 0 or -1. */
int lede_corpus_add_jsonl(lede_corpus *c, const char *path,
                          const char *bytes, size_t n);

/* HTML pages and gzip files (src/html.c). lede_corpus_add_text reads a
 * file by lede_input_format: its gzip magic bytes, a name ending in .html,
 * .htm or .xhtml (before an optional .gz), or content opening with
 * <!DOCTYPE html or <html. */
enum { LEDE_FMT_TEXT = 0, LEDE_FMT_HTML = 1, LEDE_FMT_GZIP = 2, LEDE_FMT_ZSTD = 3,
       LEDE_FMT_XZ = 4, LEDE_FMT_FEED = 5, LEDE_FMT_WARC = 6, LEDE_FMT_CSV = 7,
       LEDE_FMT_TSV = 8, LEDE_FMT_PDF = 9 };
/* (src/format.c) by content (magic bytes, the first markup element, a CSV
 * header naming a text column), then by name (.html .rss .atom .warc .csv
 * .tsv .pdf, before an optional .gz/.zst/.xz). */
int lede_input_format(const char *path, const char *bytes, size_t n);
const char *lede_format_name(int fmt);
/* The length of path without its compression suffix (.gz, .zst, .xz). */
size_t lede_name_len(const char *path);
/* Options of the readers, set once before reading (NULL: the default):
 * "text-column", "title-column", "date-column" (CSV/TSV), "date" (the
 * date of every article read). Returns 0, -1 for an unknown key. */
int lede_input_option(const char *key, const char *value);
const char *lede_input_option_get(const char *key);
/* Take --text-column, --title-column, --date-column and --date (VALUE or
 * =VALUE) out of argv (up to "--") into lede_input_option. Returns 0, or
 * 2 after a message on stderr (no value, a --date that is no date). */
int lede_input_args(int *argc, char **argv);
/* Fill art (path set) from an HTML page: the main content as raw text, one
 * paragraph per block element, with art->given set; title, date, byline,
 * source, url and section from the page's metadata. Returns 0, 1 when the
 * page was skipped (warned: binary, no text), -1 on OOM. */
int lede_html_article(lede_corpus *c, lede_article *art, const char *bytes, size_t n);
/* The same with the HTTP Content-Type the page came with (a WARC record's):
 * its charset is taken before a <meta> one. */
int lede_html_article_http(lede_corpus *c, lede_article *art, const char *bytes, size_t n,
                           const char *content_type);
/* The text of an HTML fragment (a feed item's content), one paragraph per
 * block element, malloc'd in *out (NULL when there is none). 0 or -1 (OOM). */
int lede_html_text(const char *html, size_t n, char **out, size_t *outn);
/* Decompress gzip data (multi-member too) and add it as lede_corpus_add_text does. */
lede_article *lede_corpus_add_gzip(lede_corpus *c, const char *path,
                                   const char *bytes, size_t n);

/* Move every article of `from` (and the arena holding them) into c, in
 * order; from is left empty (free it with lede_corpus_free). Counts
 * from->bytes; diagnostics are the caller's business. Returns 0 or -1. */
int lede_corpus_adopt(lede_corpus *c, lede_corpus *from);

/* Read paths like lede_corpus_add_path, parsing on nthreads threads (1:
 * no threads). Articles, diagnostics and the sink see exactly what a
 * sequential run gives, in the same order. Returns the number of paths
 * that could not be read. (src/parallel.c) */
size_t lede_corpus_add_paths_parallel(lede_corpus *c, char **paths, int npaths, int nthreads);

/* The entries of a folder, sorted by byte order, hidden ones (".x")
 * left out: what every loader walks. Returns 0, -1 if the folder cannot be
 * opened (errno set) or -2 on OOM. Free with lede_list_free. */
int lede_list_dir(const char *path, char ***names, size_t *n);
void lede_list_free(char **names, size_t n);
/* dir + "/" + name (no doubled slash), malloc'd; NULL on OOM. */
char *lede_path_join(const char *dir, const char *name);

/* Order the articles by index (lede merge: shards back in corpus order). */
void lede_corpus_sort_by_index(lede_corpus *c);

/* One JSON Lines record (line number lineno of path); blank lines are
 * ignored, bad ones reported. Returns 0, or -1 on OOM. */
int lede_corpus_add_jsonl_line(lede_corpus *c, const char *path, long lineno,
                               const char *s, size_t n);

/* ------------------------------------------------------------- streaming */

/* Read a corpus one article at a time, in memory bounded by the largest
 * article (lede run --stream, corpus:each). Each article comes in a corpus
 * of its own, which the caller owns and frees (the Lua layer lets the
 * garbage collector do it), so no pointer ever outlives its memory. Paths
 * are read in the same order as lede_corpus_add_path; JSON Lines files are
 * read line by line, never whole. */
typedef struct lede_stream lede_stream;
lede_stream *lede_stream_new(lede_diag_fn diag, void *ud);  /* diag NULL: stderr */
int lede_stream_add_path(lede_stream *s, const char *path);
/* Read only shard i of n (1-based), as lede_corpus's shard_i/shard_n. */
void lede_stream_shard(lede_stream *s, uint32_t i, uint32_t n);
/* The next article's corpus (narticles == 1, article index = running
 * count), or NULL at the end (or on OOM). */
lede_corpus *lede_stream_next(lede_stream *s);
void lede_stream_counts(const lede_stream *s, size_t *articles, size_t *bytes,
                        size_t *warnings, size_t *errors);
void lede_stream_free(lede_stream *s);

void lede_diag(lede_corpus *c, int level, const char *path, long line,
               long offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#ifdef __cplusplus
}
#endif
#endif /* LEDE_H */
