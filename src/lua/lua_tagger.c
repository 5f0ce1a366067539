/*
 * lua_tagger.c — lede.tagger: the sequence tagger from Lua.
 *
 *   local m = lede.tagger.load(path)     -- a model (cached: one copy per
 *                                         -- process, shared by -j workers)
 *   m:tag(article)  -> { {kind=, start=, stop=, text=, field=}, ... }
 *   m:tag(string)   -> the same over the string (field nil)
 *   m:labels({"Phil", "Simmons", "took"}) -> { "B-PER", "L-PER", "O" }
 *   m:info()        -> { types=, labels=, templates=, lists=, features=, about= }
 *   lede.tagger.tokens(article | string) -> the sentences and tokens as
 *                      the tagger reads them (what training from text uses)
 *   m:save(path)
 *
 *   local t = lede.tagger.trainer()
 *   t:add_list(name, {entries}); t:add_template("w[0]")
 *   t:add(tokens, tags [, {dev=, doc=, headline=}])
 *   t:epoch(seed) -> wrong sentences;  t:score(dev) -> {TYPE={gold,pred,correct}}
 *   t:model([prune]) -> a model (not cached)
 *
 * Spans are 1-based inclusive byte offsets into the field's text, as rules'
 * annotations are. Tokens are lede's, except that a possessive "'s" is a
 * token of its own (Reuters' and the Penn Treebank's tokenization, which
 * models trained on CoNLL data expect): "Serbia's" is tagged as "Serbia"
 * "'s", and an entity never includes the "'s".
 */
#include "lbind.h"
#include "host.h"
#include "lede/tagger.h"

#include <lauxlib.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#define MT_TAGGER "lede.Tagger"
#define MT_TRAINER "lede.Trainer"

/* ------------------------------------------------------ shared models */

typedef struct cached {
    char *path;
    lede_tagger *m;
    int refs;                 /* 0 for a model made by a trainer (not shared) */
    struct cached *next;
} cached;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
/* Held while a model is looked up and, when absent, loaded: -j workers
 * start together and ask for the same model at once; the others wait for
 * the first one's copy instead of each parsing one to drop it (a load is
 * ~190 M instructions). Taken before cache_lock, never while holding it. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static cached *cache_head;

typedef struct { cached *c; } Ltagger;

static void release(cached *c)
{
    if (!c) return;
    if (!c->path) {           /* private */
        lede_tagger_free(c->m);
        free(c);
        return;
    }
    pthread_mutex_lock(&cache_lock);
    int last = --c->refs == 0;
    if (last) {
        cached **pp = &cache_head;
        while (*pp != c) pp = &(*pp)->next;
        *pp = c->next;
    }
    pthread_mutex_unlock(&cache_lock);
    if (last) {
        lede_tagger_free(c->m);
        free(c->path);
        free(c);
    }
}

static void push_tagger(lua_State *L, cached *c)
{
    Ltagger *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->c = c;
    luaL_setmetatable(L, MT_TAGGER);
}

static int l_load(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    lede_host_check_read(L, "lede.tagger.load", path, LEDE_READ_FILE);   /* --sandbox */
    /* the cache key is the file as it is now: a model rewritten in place
     * (lede train, m:save) is a new model */
    char *real = realpath(path, NULL);
    struct stat st;
    char keybuf[4096 + 96];
    if (stat(path, &st) == 0)
        snprintf(keybuf, sizeof keybuf, "%s|%lld|%lld|%lld|%ld", real ? real : path,
                 (long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                 (long)st.st_mtim.tv_nsec);
    else
        snprintf(keybuf, sizeof keybuf, "%s", real ? real : path);
    const char *key = keybuf;
    pthread_mutex_lock(&load_lock);
    pthread_mutex_lock(&cache_lock);
    cached *c = cache_head;
    while (c && strcmp(c->path, key)) c = c->next;
    if (c) c->refs++;
    pthread_mutex_unlock(&cache_lock);
    if (c) {
        pthread_mutex_unlock(&load_lock);
        free(real);
        push_tagger(L, c);
        return 1;
    }
    char err[512];
    lede_tagger *m = lede_tagger_load(path, err, sizeof err);
    if (!m) {
        pthread_mutex_unlock(&load_lock);
        free(real);
        return luaL_error(L, "%s", err);
    }
    pthread_mutex_lock(&cache_lock);
    if ((c = calloc(1, sizeof *c)) && (c->path = strdup(key))) {
        c->m = m;
        m = NULL;
        c->refs = 1;
        c->next = cache_head;
        cache_head = c;
    } else {
        free(c);
        c = NULL;
    }
    pthread_mutex_unlock(&cache_lock);
    pthread_mutex_unlock(&load_lock);
    lede_tagger_free(m);
    free(real);
    if (!c) return luaL_error(L, "out of memory");
    push_tagger(L, c);
    return 1;
}

static lede_tagger *check_tagger(lua_State *L, int idx)
{
    Ltagger *u = luaL_checkudata(L, idx, MT_TAGGER);
    if (!u->c) luaL_error(L, "tagger has been freed");
    return u->c->m;
}

static int tagger_gc(lua_State *L)
{
    Ltagger *u = luaL_checkudata(L, 1, MT_TAGGER);
    release(u->c);
    u->c = NULL;
    return 0;
}

/* ------------------------------------------------ documents to tag */

/* Sentences of one field, tokens copied with possessives split off. */
typedef struct {
    lede_token *toks; size_t n, cap;
    lede_sentence *sv; size_t ns, scap;     /* token ranges per sentence */
    lede_tsent *ts; size_t nts;
    int *field;                              /* per tsent: 0 body, 1 title, 2 subtitle */
    const char **base;                       /* per tsent: text of the field */
    size_t tcap;
} doc;

static void doc_free(doc *d)
{
    free(d->toks);
    free(d->sv);
    free(d->ts);
    free(d->field);
    free(d->base);
}

/* Does token [a, b) end in a possessive 's or ’s (and more before it)? */
static size_t possessive_at(const char *s, const lede_token *t)
{
    size_t a = t->start, b = t->stop;
    if (t->kind != LEDE_TOK_WORD || b - a < 3) return 0;
    if ((s[b - 1] == 's' || s[b - 1] == 'S')) {
        if (s[b - 2] == '\'' && b - a > 2) return b - 2;
        if (b - a > 4 && (unsigned char)s[b - 4] == 0xE2 && (unsigned char)s[b - 3] == 0x80
            && (unsigned char)s[b - 2] == 0x99)
            return b - 4;
    }
    return 0;
}

static int doc_push_tok(doc *d, lede_token t)
{
    if (d->n == d->cap) {
        lede_token *v = lede_grow(d->toks, &d->cap, sizeof *v, 256);
        if (!v) return -1;
        d->toks = v;
    }
    d->toks[d->n++] = t;
    return 0;
}

/* Words written with a period that does not end the sentence: initials
 * ("S. Waugh"), and the abbreviations of titles, companies and places that
 * news uses before a name or in one ("Mr.", "Corp.", "St."). Any other
 * word's period is its own token, as the sentence's last is. */
static int abbreviation(const char *s, size_t n)
{
    static const char *const abbr[] = {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Adm",
        "Gov", "Sen", "Rep", "Rev", "Fr", "St", "Ste", "Mt", "Ft", "Jr", "Sr", "Co", "Corp",
        "Inc", "Ltd", "Bros", "Plc", "Cie", "No", "Nos", "vs", "v", "Ave", "Rd", "Blvd",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        NULL
    };
    if (n == 1) return 1;
    for (size_t i = 0; abbr[i]; i++)
        if (strlen(abbr[i]) == n && !memcmp(abbr[i], s, n)) return 1;
    return 0;
}

/* Is toks[i] a joiner of a number group: - / : . , right after a number
 * and right before one ("1996-08-30", "3-1", "12:30", "1996/97")? */
static int number_joiner(const char *text, const lede_token *toks, size_t n, size_t i)
{
    if (i == 0 || i + 1 >= n || toks[i].stop - toks[i].start != 1) return 0;
    char c = text[toks[i].start];
    if (!strchr("-/:.,", c)) return 0;
    return toks[i - 1].kind == LEDE_TOK_NUMBER && toks[i + 1].kind == LEDE_TOK_NUMBER
           && toks[i - 1].stop == toks[i].start && toks[i].stop == toks[i + 1].start;
}

/* Add one sentence: tokens toks[0..n) over text of field f, as the tagger
 * sees them (Penn Treebank style, as CoNLL data is tokenized): a number
 * group written without spaces is one token, "'s" is one (not "'" "s"),
 * a period inside a sentence stays on an initial or an abbreviation
 * ("S.", "Corp."),
 * and "Serbia's", "didn't" end in a token "'s", "n't" of their own. */
static int doc_add(doc *d, const char *text, const lede_token *toks, size_t n, int f,
                   unsigned flags)
{
    if (n == 0) return 0;
    size_t first = d->n;
    for (size_t i = 0; i < n; i++) {
        lede_token t = toks[i];
        while (i + 2 < n && t.kind == LEDE_TOK_NUMBER && number_joiner(text, toks, n, i + 1)) {
            t.stop = toks[i + 2].stop;
            i += 2;
        }
        /* "S." "Corp." "Mr.": a period inside the sentence stays on its
         * word; "U.N.-backed" is one word */
        for (;;) {
            if (t.kind != LEDE_TOK_WORD || i + 1 >= n || toks[i + 1].start != t.stop) break;
            const lede_token *nx = &toks[i + 1];
            if (nx->stop - nx->start == 1 && text[nx->start] == '.' && i + 2 < n
                && abbreviation(text + t.start, t.stop - t.start)) {
                t.stop = nx->stop;
                i++;
            } else if (nx->stop - nx->start == 1 && text[nx->start] == '-' && i + 2 < n
                       && toks[i + 2].kind == LEDE_TOK_WORD && toks[i + 2].start == nx->stop) {
                t.stop = toks[i + 2].stop;
                i += 2;
            } else {
                break;
            }
        }
        if (t.stop - t.start == 1 && text[t.start] == '\'' && i + 1 < n
            && toks[i + 1].start == t.stop && toks[i + 1].stop - toks[i + 1].start == 1
            && (text[t.stop] == 's' || text[t.stop] == 'S')) {
            t.stop = toks[++i].stop;
            t.kind = LEDE_TOK_WORD;
        }
        size_t p = possessive_at(text, &t);
        if (!p && t.kind == LEDE_TOK_WORD && t.stop - t.start > 3
            && !memcmp(text + t.stop - 3, "n't", 3))
            p = t.stop - 3;
        if (p) {
            if (doc_push_tok(d, (lede_token){ t.start, (uint32_t)p, LEDE_TOK_WORD }) != 0
                || doc_push_tok(d, (lede_token){ (uint32_t)p, t.stop, LEDE_TOK_WORD }) != 0)
                return -1;
        } else if (doc_push_tok(d, t) != 0) {
            return -1;
        }
    }
    if (d->ns == d->scap) {
        size_t c = d->scap;
        lede_sentence *v = lede_grow(d->sv, &c, sizeof *v, 32);
        if (!v) return -1;
        d->sv = v;
        c = d->scap;
        lede_tsent *ts = lede_grow(d->ts, &c, sizeof *ts, 32);
        if (!ts) return -1;
        d->ts = ts;
        c = d->scap;
        int *fv = lede_grow(d->field, &c, sizeof *fv, 32);
        if (!fv) return -1;
        d->field = fv;
        const char **bv = lede_grow(d->base, &d->scap, sizeof *bv, 32);
        if (!bv) return -1;
        d->base = bv;
    }
    d->sv[d->ns] = (lede_sentence){ 0, 0, (uint32_t)first, (uint32_t)(d->n - first), 0 };
    d->field[d->ns] = f;
    d->base[d->ns] = text;
    d->ts[d->ns].flags = flags;
    d->ns++;
    return 0;
}

/* Token pointers are fixed once every sentence is in. */
static void doc_finish(doc *d)
{
    for (size_t i = 0; i < d->ns; i++) {
        d->ts[i].text = d->base[i];
        d->ts[i].toks = d->toks + d->sv[i].tok_first;
        d->ts[i].n = d->sv[i].tok_count;
    }
    d->nts = d->ns;
}

/* A string field (title, subtitle, a plain string) split into sentences. */
static int doc_add_string(doc *d, const char *s, size_t n, int f, unsigned flags)
{
    lede_tokvec tv = { 0 };
    lede_sentvec sv = { 0 };
    int rc = lede_segment(s, 0, n, 0, &tv, &sv);
    for (size_t i = 0; rc == 0 && i < sv.n; i++)
        rc = doc_add(d, s, tv.v + sv.v[i].tok_first, sv.v[i].tok_count, f, flags);
    lede_tokvec_free(&tv);
    lede_sentvec_free(&sv);
    return rc;
}

/* The tokens of a dateline that opens the first sentence ("PORTO ALEGRE,
 * Brazil (AP) —"): up to and with its dash, or 0. The tagger reads it as a
 * sentence of its own, as wire copy sets it (CoNLL's "LONDON 1996-08-30"),
 * so the word after the dash opens a sentence. */
static size_t dateline_end(const char *text, const lede_token *t, size_t n)
{
    for (size_t k = 1; k < n && k < 16; k++) {
        const char *s = text + t[k].start;
        size_t len = t[k].stop - t[k].start;
        if ((len == 3 && (!memcmp(s, "\xe2\x80\x94", 3) || !memcmp(s, "\xe2\x80\x93", 3)))
            || (len == 2 && !memcmp(s, "--", 2)) || (len == 1 && *s == '-'))
            return k + 1 < n ? k + 1 : 0;
    }
    return 0;
}

static const char *FIELD_NAMES[] = { NULL, "title", "subtitle" };

/* start, stop (1-based inclusive) and text of bytes [a, b) of text, set
 * in the table on top: a span as rules' annotations give it */
static void set_span(lua_State *L, const char *text, uint32_t a, uint32_t b)
{
    lua_pushinteger(L, (lua_Integer)a + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)b);
    lua_setfield(L, -2, "stop");
    lua_pushlstring(L, text + a, b - a);
    lua_setfield(L, -2, "text");
}

static void push_spans(lua_State *L, const lede_tagger *m, const doc *d,
                       const lede_tspanvec *sp)
{
    lua_createtable(L, (int)sp->n, 0);
    for (size_t i = 0; i < sp->n; i++) {
        const lede_tspan *s = &sp->v[i];
        const lede_tsent *ts = &d->ts[s->sent];
        uint32_t a = ts->toks[s->tok_first].start;
        uint32_t b = ts->toks[s->tok_first + s->tok_count - 1].stop;
        lua_createtable(L, 0, 5);
        lua_pushstring(L, lede_tagger_type(m, s->type));
        lua_setfield(L, -2, "kind");
        set_span(L, ts->text, a, b);
        int f = d->field[s->sent];
        if (FIELD_NAMES[f]) {
            lua_pushstring(L, FIELD_NAMES[f]);
            lua_setfield(L, -2, "field");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* The tagger's document for the Article or string at idx: 0, -1 on OOM
 * (d is the caller's to free either way); raises on a bad argument. */
static int build_doc(lua_State *L, int idx, doc *d, const char *who)
{
    lede_article *a = lede_lua_toarticle(L, idx);
    int rc = 0;
    if (a) {
        if (a->title) rc = doc_add_string(d, a->title, strlen(a->title), 1, LEDE_TSENT_HEADLINE);
        if (rc == 0 && a->subtitle) rc = doc_add_string(d, a->subtitle, strlen(a->subtitle), 2, 0);
        const lede_token *toks = lede_article_tokens(a);   /* NULL: none, or OOM */
        if (!toks && a->ntokens) rc = -1;
        for (size_t i = 0; rc == 0 && i < a->nsentences; i++) {
            const lede_token *t = toks + a->sentences[i].tok_first;
            size_t n = a->sentences[i].tok_count;
            size_t cut = i == 0 && a->dateline ? dateline_end(a->text, t, n) : 0;
            if (cut) rc = doc_add(d, a->text, t, cut, 0, 0);
            if (rc == 0) rc = doc_add(d, a->text, t + cut, n - cut, 0, 0);
        }
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        rc = doc_add_string(d, s, n, 0, 0);
    } else {
        doc_free(d);
        return luaL_error(L, "%s: expected an Article or a string, got %s", who,
                          luaL_typename(L, idx));
    }
    if (rc == 0) doc_finish(d);
    return rc;
}

/* m:tag(article | string) */
static int l_tag(lua_State *L)
{
    const lede_tagger *m = check_tagger(L, 1);
    doc d = { 0 };
    int rc = build_doc(L, 2, &d, "tagger:tag");
    lede_tspanvec sp = { 0 };
    if (rc == 0) rc = lede_tagger_tag(m, d.ts, d.nts, &sp);
    if (rc != 0) {
        doc_free(&d);
        lede_tspanvec_free(&sp);
        return luaL_error(L, "out of memory");
    }
    push_spans(L, m, &d, &sp);
    doc_free(&d);
    lede_tspanvec_free(&sp);
    return 1;
}

/* lede.tagger.tokens(article | string) -> { {field=, headline=, {text=,
 * start=, stop=}...}, ... }: the sentences and tokens as the tagger reads
 * them, so training data made from text is cut exactly as tagging cuts it. */
static int l_tokens(lua_State *L)
{
    doc d = { 0 };
    if (build_doc(L, 1, &d, "lede.tagger.tokens") != 0) {
        doc_free(&d);
        return luaL_error(L, "out of memory");
    }
    lua_createtable(L, (int)d.nts, 0);
    for (size_t i = 0; i < d.nts; i++) {
        const lede_tsent *ts = &d.ts[i];
        lua_createtable(L, (int)ts->n, 2);
        for (size_t k = 0; k < ts->n; k++) {
            lua_createtable(L, 0, 3);
            set_span(L, ts->text, ts->toks[k].start, ts->toks[k].stop);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        if (FIELD_NAMES[d.field[i]]) {
            lua_pushstring(L, FIELD_NAMES[d.field[i]]);
            lua_setfield(L, -2, "field");
        }
        lua_pushboolean(L, (ts->flags & LEDE_TSENT_HEADLINE) != 0);
        lua_setfield(L, -2, "headline");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    doc_free(&d);
    return 1;
}

/* Push the text of the token strings of the list at idx (joined by single
 * spaces) and fill toks[0..n) over it. */
static const char *join_tokens(lua_State *L, int idx, lede_token *toks, size_t n)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        size_t k;
        const char *s = lua_tolstring(L, -1, &k);
        if (!s || k == 0 || memchr(s, ' ', k)) {
            lua_pop(L, 1);
            return NULL;
        }
        if (i) luaL_addchar(&b, ' '), o++;
        toks[i] = (lede_token){ (uint32_t)o, (uint32_t)(o + k), LEDE_TOK_WORD };
        luaL_addvalue(&b);
        o += k;
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

/* m:labels({tokens...} [, {headline=}]) -> { label... }
 * m:labels({{tokens...}, {tokens...}} [, {headline=}]) -> { {label...}, ... }:
 * a document, its sentences in order (headline: the first is one). Tokens
 * are taken as given (no re-tokenization). */
static int l_labels(lua_State *L)
{
    const lede_tagger *m = check_tagger(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    int headline = 0;
    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "headline");
        headline = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    lua_rawgeti(L, 2, 1);
    int is_doc = lua_istable(L, -1);
    lua_pop(L, 1);
    size_t ns = is_doc ? lua_rawlen(L, 2) : 1, ntok = 0;
    lede_tsent *ts = calloc(ns ? ns : 1, sizeof *ts);
    if (!ts) return luaL_error(L, "out of memory");
    for (size_t i = 0; i < ns; i++) {
        luaL_checkstack(L, 8, "too many sentences");
        if (is_doc) lua_rawgeti(L, 2, (lua_Integer)i + 1);
        else lua_pushvalue(L, 2);
        if (!lua_istable(L, -1)) {
            for (size_t k = 0; k < i; k++) free((void *)ts[k].toks);
            free(ts);
            return luaL_error(L, "labels: sentence %d is not a list of tokens", (int)i + 1);
        }
        int at = lua_gettop(L);
        size_t n = lua_rawlen(L, at);
        lede_token *toks = malloc((n ? n : 1) * sizeof *toks);
        const char *text = toks ? join_tokens(L, at, toks, n) : NULL;
        if (!text) {
            free(toks);
            for (size_t k = 0; k < i; k++) free((void *)ts[k].toks);
            free(ts);
            return luaL_error(L, "labels: sentence %d: tokens must be non-empty strings "
                              "without spaces", (int)i + 1);
        }
        /* the joined text stays on the stack while tagging */
        ts[i] = (lede_tsent){ text, toks, n, i == 0 && headline ? LEDE_TSENT_HEADLINE : 0u };
        ntok += n;
    }
    uint16_t *lab = malloc((ntok ? ntok : 1) * sizeof *lab);
    int rc = lab ? lede_tagger_labels(m, ts, ns, lab) : -1;
    for (size_t k = 0; k < ns; k++) free((void *)ts[k].toks);
    if (rc != 0) {
        free(ts);
        free(lab);
        return luaL_error(L, "out of memory");
    }
    size_t base = 0;
    if (is_doc) lua_createtable(L, (int)ns, 0);
    for (size_t i = 0; i < ns; i++) {
        lua_createtable(L, (int)ts[i].n, 0);
        for (size_t k = 0; k < ts[i].n; k++) {
            lua_pushstring(L, lede_tagger_label(m, lab[base + k]));
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        base += ts[i].n;
        if (is_doc) lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    free(ts);
    free(lab);
    return 1;
}

static void push_names(lua_State *L, size_t n, const char *(*get)(const lede_tagger *, size_t),
                       const lede_tagger *m)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, get(m, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static int l_info(lua_State *L)
{
    const lede_tagger *m = check_tagger(L, 1);
    lua_createtable(L, 0, 6);
    push_names(L, lede_tagger_ntypes(m), lede_tagger_type, m);
    lua_setfield(L, -2, "types");
    push_names(L, lede_tagger_nlabels(m), lede_tagger_label, m);
    lua_setfield(L, -2, "labels");
    push_names(L, lede_tagger_ntemplates(m), lede_tagger_template, m);
    lua_setfield(L, -2, "templates");
    lua_createtable(L, 0, (int)lede_tagger_nlists(m));
    for (size_t i = 0; i < lede_tagger_nlists(m); i++) {
        lua_pushinteger(L, (lua_Integer)lede_tagger_list_size(m, i));
        lua_setfield(L, -2, lede_tagger_list_name(m, i));
    }
    lua_setfield(L, -2, "lists");
    lua_pushinteger(L, (lua_Integer)lede_tagger_nfeatures(m));
    lua_setfield(L, -2, "features");
    lua_pushstring(L, lede_tagger_about(m));
    lua_setfield(L, -2, "about");
    return 1;
}

/* m:save(path): the bytes go through the script's own io.open, so a
 * sandboxed script can write a model exactly where it could write any
 * file (nowhere), and a failed write is an error naming the file. */
static int l_save(lua_State *L)
{
    const lede_tagger *m = check_tagger(L, 1);
    luaL_checkstring(L, 2);
    size_t n;
    unsigned char *bytes = lede_tagger_serialize(m, &n);
    if (!bytes) return luaL_error(L, "out of memory");
    lua_pushlstring(L, (const char *)bytes, n);
    free(bytes);
    int data = lua_gettop(L);
    static const char code[] =
        "local path, data = ...\n"
        "local f, err = io.open(path, 'wb')\n"
        "if not f then error(err, 0) end\n"
        "local ok, werr = f:write(data)\n"
        "local cok, cerr = f:close()\n"
        "if not ok or not cok then error(path .. ': cannot write: ' .. tostring(werr or cerr), 0) end\n";
    if (luaL_loadbufferx(L, code, sizeof code - 1, "=tagger:save", "t") != LUA_OK)
        return lua_error(L);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, data);
    lua_call(L, 2, 0);
    return 0;
}

static int tagger_tostring(lua_State *L)
{
    const lede_tagger *m = check_tagger(L, 1);
    lua_pushfstring(L, "tagger (%d types, %d templates, %d features)",
                    (int)lede_tagger_ntypes(m), (int)lede_tagger_ntemplates(m),
                    (int)lede_tagger_nfeatures(m));
    return 1;
}

/* ------------------------------------------------------------ trainer */

typedef struct { lede_trainer *t; } Ltrainer;

static lede_trainer *check_trainer(lua_State *L, int idx)
{
    Ltrainer *u = luaL_checkudata(L, idx, MT_TRAINER);
    if (!u->t) luaL_error(L, "trainer has been freed");
    return u->t;
}

static int l_trainer(lua_State *L)
{
    Ltrainer *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->t = NULL;
    luaL_setmetatable(L, MT_TRAINER);
    u->t = lede_trainer_new();
    if (!u->t) return luaL_error(L, "out of memory");
    return 1;
}

static int trainer_gc(lua_State *L)
{
    Ltrainer *u = luaL_checkudata(L, 1, MT_TRAINER);
    lede_trainer_free(u->t);
    u->t = NULL;
    return 0;
}

/* Strings of a Lua list at idx into a malloc'd array (pointers into Lua
 * strings that stay referenced by the list while used). */
static const char **string_list(lua_State *L, int idx, size_t *n, const char *what)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    *n = lua_rawlen(L, idx);
    const char **v = malloc((*n ? *n : 1) * sizeof *v);
    if (!v) luaL_error(L, "out of memory");
    for (size_t i = 0; i < *n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        v[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
        if (!v[i]) {
            free(v);
            luaL_error(L, "%s %d: expected a string", what, (int)i + 1);
        }
    }
    return v;
}

static int l_add_list(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t n;
    const char **v = string_list(L, 3, &n, "entry");
    int rc = lede_trainer_add_list(t, name, v, n);
    free(v);
    if (rc == -1) return luaL_error(L, "out of memory");
    if (rc != 0)
        return luaL_error(L, "add_list('%s'): a bad or repeated name, too many lists, or "
                          "lists added after templates", name);
    return 0;
}

static int l_add_template(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    const char *src = luaL_checkstring(L, 2);
    char err[512];
    if (lede_trainer_add_template(t, src, err, sizeof err) != 0) return luaL_error(L, "%s", err);
    return 0;
}

static int l_add(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    size_t n, nt;
    const char **toks = string_list(L, 2, &n, "token");
    const char **tags = NULL;
    if (!lua_istable(L, 3)) {
        free(toks);
        return luaL_error(L, "add: expected a list of tags");
    }
    {
        nt = lua_rawlen(L, 3);
        if (nt != n) {
            free(toks);
            return luaL_error(L, "add: %d tokens but %d tags", (int)n, (int)nt);
        }
        tags = malloc((n ? n : 1) * sizeof *tags);
        if (!tags) {
            free(toks);
            return luaL_error(L, "out of memory");
        }
        for (size_t i = 0; i < n; i++) {
            lua_rawgeti(L, 3, (lua_Integer)i + 1);
            tags[i] = lua_tostring(L, -1);
            lua_pop(L, 1);
            if (!tags[i]) {
                free(toks);
                free(tags);
                return luaL_error(L, "tag %d: expected a string", (int)i + 1);
            }
        }
    }
    int dev = 0, docid = 0;
    unsigned flags = 0;
    if (lua_istable(L, 4)) {
        lua_getfield(L, 4, "dev");
        dev = lua_toboolean(L, -1);
        lua_getfield(L, 4, "doc");
        docid = (int)lua_tointeger(L, -1);
        lua_getfield(L, 4, "headline");
        if (lua_toboolean(L, -1)) flags |= LEDE_TSENT_HEADLINE;
        lua_pop(L, 3);
    }
    for (size_t i = 0; i < n; i++)
        if (!*toks[i] || strchr(toks[i], ' ')) {
            free(toks);
            free(tags);
            return luaL_error(L, "token %d: empty or has a space", (int)i + 1);
        }
    char err[256];
    int rc = lede_trainer_add(t, dev, (uint32_t)docid, toks, tags, n, flags, err, sizeof err);
    free(toks);
    free(tags);
    if (rc == -1) return luaL_error(L, "out of memory");
    if (rc != 0) return luaL_error(L, "%s", err);
    return 0;
}

static int l_epoch(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    lua_Integer seed = luaL_optinteger(L, 2, 1);
    long wrong = lede_trainer_epoch(t, (uint64_t)seed);
    if (wrong == -2) return luaL_error(L, "no entities in the training data");
    if (wrong < 0) return luaL_error(L, "out of memory");
    lua_pushinteger(L, wrong);
    return 1;
}

/* { TYPE = {gold=, pred=, correct=}, ... } */
static void push_counts(lua_State *L, const lede_trainer *t, const size_t *g, const size_t *p,
                        const size_t *c)
{
    lua_newtable(L);
    for (size_t i = 0; i < lede_trainer_ntypes(t); i++) {
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, (lua_Integer)g[i]);
        lua_setfield(L, -2, "gold");
        lua_pushinteger(L, (lua_Integer)p[i]);
        lua_setfield(L, -2, "pred");
        lua_pushinteger(L, (lua_Integer)c[i]);
        lua_setfield(L, -2, "correct");
        lua_setfield(L, -2, lede_trainer_type(t, i));
    }
}

static int l_score(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    int dev = lua_isnone(L, 2) ? 1 : lua_toboolean(L, 2);
    size_t g[LEDE_TAGGER_MAX_LABELS], p[LEDE_TAGGER_MAX_LABELS], c[LEDE_TAGGER_MAX_LABELS];
    int rc = lede_trainer_score(t, dev, g, p, c);
    if (rc == -2) return luaL_error(L, "no entities in the training data");
    if (rc != 0) return luaL_error(L, "out of memory");
    push_counts(L, t, g, p, c);
    return 1;
}

/* t:score_model(m [, dev]) -> as t:score, for a model */
static int l_score_model(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    const lede_tagger *m = check_tagger(L, 2);
    int dev = lua_isnone(L, 3) ? 1 : lua_toboolean(L, 3);
    size_t g[LEDE_TAGGER_MAX_LABELS], p[LEDE_TAGGER_MAX_LABELS], c[LEDE_TAGGER_MAX_LABELS];
    int rc = lede_trainer_score_model(t, m, dev, g, p, c);
    if (rc == -2) return luaL_error(L, "the model's types are not the training data's");
    if (rc != 0) return luaL_error(L, "out of memory");
    push_counts(L, t, g, p, c);
    return 1;
}

/* lede.tagger.average({m1, m2, ...} [, prune [, about]]) -> a model */
static int l_average(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t n = lua_rawlen(L, 1);
    float prune = (float)luaL_optnumber(L, 2, 1e-3);
    const char *about = luaL_optstring(L, 3, "");
    const lede_tagger **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return luaL_error(L, "out of memory");
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)i + 1);
        Ltagger *u = luaL_testudata(L, -1, MT_TAGGER);
        lua_pop(L, 1);   /* the list keeps it alive */
        if (!u || !u->c) {
            free(v);
            return luaL_error(L, "lede.tagger.average: item %d is not a model", (int)i + 1);
        }
        v[i] = u->c->m;
    }
    char err[256];
    lede_tagger *m = lede_tagger_average(v, n, prune, about, err, sizeof err);
    free(v);
    if (!m) return luaL_error(L, "lede.tagger.average: %s", err);
    cached *c = calloc(1, sizeof *c);
    if (!c) {
        lede_tagger_free(m);
        return luaL_error(L, "out of memory");
    }
    c->m = m;
    push_tagger(L, c);
    return 1;
}

static int l_model(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    float prune = (float)luaL_optnumber(L, 2, 1e-3);
    if (lua_isstring(L, 3)) lede_trainer_set_about(t, lua_tostring(L, 3));
    cached *c = calloc(1, sizeof *c);
    if (!c) return luaL_error(L, "out of memory");
    c->m = lede_trainer_model(t, prune);
    if (!c->m) {
        free(c);
        return luaL_error(L, lede_trainer_ntypes(t) ? "out of memory"
                                                    : "no entities in the training data");
    }
    push_tagger(L, c);
    return 1;
}

static int l_counts(lua_State *L)
{
    lede_trainer *t = check_trainer(L, 1);
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, (lua_Integer)lede_trainer_nsentences(t, 0));
    lua_setfield(L, -2, "sentences");
    lua_pushinteger(L, (lua_Integer)lede_trainer_ntokens(t, 0));
    lua_setfield(L, -2, "tokens");
    lua_pushinteger(L, (lua_Integer)lede_trainer_nsentences(t, 1));
    lua_setfield(L, -2, "dev_sentences");
    lua_pushinteger(L, (lua_Integer)lede_trainer_ntokens(t, 1));
    lua_setfield(L, -2, "dev_tokens");
    return 1;
}

/* ------------------------------------------------------------- module */

int luaopen_lede_tagger(lua_State *L)
{
    static const luaL_Reg tagger_methods[] = {
        { "tag", l_tag }, { "labels", l_labels }, { "info", l_info }, { "save", l_save },
        { NULL, NULL }
    };
    static const luaL_Reg trainer_methods[] = {
        { "add_list", l_add_list }, { "add_template", l_add_template }, { "add", l_add },
        { "epoch", l_epoch }, { "score", l_score }, { "score_model", l_score_model },
        { "model", l_model },
        { "counts", l_counts }, { NULL, NULL }
    };
    luaL_newmetatable(L, MT_TAGGER);
    luaL_newlib(L, tagger_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, tagger_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, tagger_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
    luaL_newmetatable(L, MT_TRAINER);
    luaL_newlib(L, trainer_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, trainer_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_createtable(L, 0, 4);
    lua_pushcfunction(L, l_load);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, l_trainer);
    lua_setfield(L, -2, "trainer");
    lua_pushcfunction(L, l_tokens);
    lua_setfield(L, -2, "tokens");
    lua_pushcfunction(L, l_average);
    lua_setfield(L, -2, "average");
    return 1;
}
