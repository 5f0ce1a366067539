/*
 * lua_common.h — what the files of the Lua boundary (src/lua/) share: the
 * metatable names and userdata layouts of the classes, the registration
 * helper, and the few functions one class file calls in another. The rest
 * of the C code includes only src/lbind.h.
 *
 * One file per class or library, as rspamd's src/lua/ and Lua's own
 * lstrlib.c/ltablib.c are:
 *
 *   lua_lede.c       luaopen_lede: the `lede` module table; lede.fields, listdir, about
 *   lua_common.c     class registration (new_class), JSON array marks, fields_table
 *   lua_corpus.c     Corpus; lede.load, lede.parse
 *   lua_article.c    Article and its per-article caches
 *   lua_sentence.c   Sentence
 *   lua_token.c      Token; case/accent folding and word shapes
 *   lua_text.c       lede.fold, normalize, date, tokenize, shape
 *   lua_regex.c      lede.re (PCRE2)
 *   lua_match.c      what gazetteer and pattern matching share (tokview, scratch)
 *   lua_gazetteer.c  lede.gazetteer
 *   lua_pattern.c    lede.pattern
 *   lua_json.c       lede.json
 *   lua_stream.c     Stream; lede.stream
 *   lua_annotation.c lede.annstore: an article's annotations kept in C (annstore.c)
 *   lua_entity.c     lede.entity: the entity rule's per-token and per-byte work
 *   lua_shingle.c    lede.shingles: shingle hashes and MinHash (the duplicates report)
 *   lua_tagger.c, lua_keyscan.c, lua_progress.c, lua_width.c: lede.tagger,
 *   lede.keyscan, lede.progress, lede.width/fit; lua_pool.c: the allocator
 *   under each Lua state.
 *
 * Object model
 * ------------
 * Every object is a small userdata holding a pointer into the C model and
 * one or two "user values" (Lua 5.4 lua_newuserdatauv):
 *
 *   corpus    { lede_corpus* }            uv1 = cache: article index -> userdata
 *   article   { lede_article* }           uv1 = corpus userdata (keeps it alive)
 *                                         uv2 = cache: name -> list/table
 *   sentence  { lede_article*, index }    uv1 = article userdata, uv2 = token list
 *   token     { lede_article*, index }    uv1 = article userdata
 *   gazetteer, pattern: see lua_match.c (they hold no corpus pointers)
 *
 * Because each object references its parent through a user value, the C
 * corpus (and its arena) is freed by the corpus's __gc only when no object
 * pointing into it is reachable. Objects are created lazily and cached, so
 * `corpus[1] == corpus[1]` and `s.article == a` hold and repeated access
 * does not allocate.
 *
 * Offsets seen from Lua are 1-based and inclusive, like string.find and
 * string.sub: article.text:sub(s.start, s.stop) == s.text.
 *
 * Extending from Lua: lede.Corpus, lede.Article, lede.Sentence, lede.Token,
 * lede.Regex, lede.Gazetteer and lede.Pattern are the method tables; a
 * function added there becomes a method of every object of the class
 * (rspamd-style plugins do this).
 */
#ifndef LEDE_LUA_COMMON_H
#define LEDE_LUA_COMMON_H

#include "lbind.h"

#include <lauxlib.h>

#include <stddef.h>
#include <stdint.h>

#define MT_CORPUS   "lede.Corpus"
#define MT_ARTICLE  "lede.Article"
#define MT_SENTENCE "lede.Sentence"
#define MT_TOKEN    "lede.Token"
#define MT_REGEX    "lede.Regex"
#define MT_STREAM   "lede.Stream"
#define MT_GAZ      "lede.Gazetteer"
#define MT_PAT      "lede.Pattern"

/* Registry keys (addresses of these are unique light userdata). */
extern char lede_lua_k_json_arrays;   /* weak-keyed set of tables encoded as arrays */
extern char lede_lua_k_class_info;    /* metatable -> {fields = {...}, methods = M, name = "Article"} */

typedef struct { lede_corpus *c; int view; } Lcorpus;   /* view: not owned */
typedef struct { lede_article *a; } Larticle;
typedef struct { lede_article *a; uint32_t i; } Lsentence;  /* i: 0-based */
typedef struct { lede_article *a; uint32_t i; } Ltoken;     /* i: 0-based */

/* ------------------------------------------------ lua_common.c */

/* A field getter: pushes field `code` of the object at index 1. */
typedef int (*getter_fn)(lua_State *L, int code);

/* The registry tables above (called once, by luaopen_lede). */
void lede_lua_open_common(lua_State *L);
/* Mark the table at idx as a JSON array (used by lede.json.encode). */
void lede_lua_mark_array(lua_State *L, int idx);
/* Register a class: metatable `mtname` with the given metamethods, a
 * methods table (also published as lede.<pubname>) and field getters. */
void lede_lua_new_class(lua_State *L, int mod, const char *mtname, const char *pubname,
                        const luaL_Reg *meta, const luaL_Reg *methods,
                        const char *const *fields, getter_fn getter);
/* A table of the object's fields named by codes (for __tojson). */
void lede_lua_fields_table(lua_State *L, getter_fn get, const char *const *names,
                           const int *codes, size_t n);

/* ------------------------------------------------ lua_json.c */

/* A growable output buffer for JSON text. Made by lede_lua_jbuf_new as a
 * userdata on the stack, whose __gc frees p if an error unwinds; out of
 * memory raises a Lua error. */
typedef struct lede_lua_jbuf {
    lua_State *L;
    char *p;
    size_t n, cap;
} lede_lua_jbuf;

lede_lua_jbuf *lede_lua_jbuf_new(lua_State *L);
void lede_lua_jb_add(lede_lua_jbuf *b, const char *s, size_t n);
/* s[0..n) as a JSON string (quoted; invalid UTF-8 as U+FFFD), as lede.json.encode writes it. */
void lede_lua_jb_string(lede_lua_jbuf *b, const char *s, size_t n);
/* The compact JSON of the value at idx, as lede.json.encode writes it. */
void lede_lua_jb_value(lede_lua_jbuf *b, int idx);
/* A float as lede.json.encode writes it (shortest form that reads back; null if not finite). */
void lede_lua_json_float(double d, char *buf, size_t size);

/* Push a cJSON value as lede.json.decode makes it (integral numbers below
 * 2^53 as integers, null as lede.json.null, arrays marked). */
struct cJSON;
void lede_lua_json_push(lua_State *L, const struct cJSON *j);
/* decode's rule: a number is read as an integer when integral and below 2^53 */
int lede_lua_json_integral(double d);
/* o.name as decode reads it: the last member so named (a key given twice
 * counts by its last value); NULL when missing or o is no object. */
const struct cJSON *lede_lua_json_member(const struct cJSON *o, const char *name);
/* Push a box for a cJSON tree: the tree put in *box is freed by the box's
 * __gc if an error unwinds; the caller frees it at once otherwise. */
struct cJSON **lede_lua_cjson_box(lua_State *L);

/* ------------------------------------------------ classes */

/* Each registers its class on the module table at mod (luaopen_lede calls
 * them in this order: it is the order of the module's fields). */
void lede_lua_open_json(lua_State *L, int mod);
void lede_lua_open_corpus(lua_State *L, int mod);
void lede_lua_open_article(lua_State *L, int mod);
void lede_lua_open_sentence(lua_State *L, int mod);
void lede_lua_open_token(lua_State *L, int mod);
/* An article's tokens (lede_article_tokens: made again when the thread's
 * cache has lost them), raising "out of memory" when they cannot be made;
 * NULL only when it has none. Valid within the calling C function: do not
 * keep the pointer across calls. lede_lua_token_of: token i of them. */
const lede_token *lede_lua_tokens_of(lua_State *L, const lede_article *a);
const lede_token *lede_lua_token_of(lua_State *L, const lede_article *a, size_t i);
void lede_lua_open_regex(lua_State *L, int mod);
void lede_lua_open_stream(lua_State *L, int mod);
void lede_lua_open_gazetteer(lua_State *L, int mod);
void lede_lua_open_pattern(lua_State *L, int mod);
void lede_lua_open_match(lua_State *L);
void lede_lua_open_shingles(lua_State *L, int mod);

/* lua_corpus.c */
void lede_lua_push_article(lua_State *L, int cidx, size_t i);
int lede_lua_opt_quiet(lua_State *L, int idx);
void lede_lua_silent_diag(void *ud, int level, const char *path, long line, long offset,
                          const char *msg);
int lede_lua_paths_and_options(lua_State *L, int *npaths);
int lede_lua_load(lua_State *L);
int lede_lua_parse(lua_State *L);

/* lua_article.c: the article's caches (aidx: the article userdata) */
int lede_lua_cached(lua_State *L, int aidx, const char *name,
                    void (*build)(lua_State *L, int aidx));
void lede_lua_weak_cache(lua_State *L, int aidx);
int lede_lua_weak_cached(lua_State *L, int aidx, const char *name,
                         void (*build)(lua_State *L, int aidx));
void lede_lua_push_article_tokens(lua_State *L, int aidx);
void lede_lua_build_sentences(lua_State *L, int aidx);

/* lua_token.c */
void lede_lua_push_folded(lua_State *L, const char *s, size_t n);
void lede_lua_push_shape(lua_State *L, const char *s, size_t n);

/* lua_text.c, lua_regex.c, lua_gazetteer.c, lua_pattern.c, lua_stream.c:
 * functions of the `lede` module */
int lede_lua_shape(lua_State *L);
int lede_lua_fold(lua_State *L);
int lede_lua_normalize(lua_State *L);
int lede_lua_date(lua_State *L);
int lede_lua_tokenize(lua_State *L);
int lede_lua_re(lua_State *L);
int lede_lua_gazetteer(lua_State *L);
int lede_lua_pattern(lua_State *L);
int lede_lua_stream(lua_State *L);
/* lua_annotation.c: lede.annstore, an article's annotations in C */
int lede_lua_annstore(lua_State *L);
void lede_lua_open_annstore(lua_State *L);
/* One character of s[i..] as Lua 5.4's utf8 library decodes it (strict;
 * bytes at or past n read as NUL): the index after it, 0 when invalid. */
size_t lede_lua_utf8_next(const char *s, size_t n, size_t i);
/* lua_record.c: lede.extract_record, lede merge's check of an extract line */
int lede_lua_extract_record(lua_State *L);

/* ------------------------------------------------ lua_match.c
 *
 * Lua side of the two matching engines (src/gazetteer.c, src/pattern.c).
 * Both match a Sentence, an Article (its whole token list) or a string
 * (tokenized on the spot). */

/* The C vectors of one match call live in a userdata box whose __gc frees
 * them, so a Lua error while building the result tables cannot leak. */
typedef struct {
    lede_tokvec tv;
    lede_gazvec gv;
    lede_patvec pv;
    uint64_t *ents;
} Lscratch;

/* What a matcher runs over. */
typedef struct {
    const char *text;
    size_t len;
    const lede_token *toks;
    size_t n;
    size_t base;              /* index of toks[0] in the article's token list */
    const lede_article *art;  /* an Article target: matched sentence by sentence */
} tokview;

void lede_lua_scratch_release(Lscratch *sc);
Lscratch *lede_lua_push_scratch(lua_State *L);
void lede_lua_get_tokview(lua_State *L, int idx, Lscratch *sc, tokview *v, const char *who);
void lede_lua_set_span_fields(lua_State *L, const tokview *v, size_t start, size_t stop,
                              size_t tf, size_t tstop);

#endif
