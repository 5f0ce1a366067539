/*
 * pattern.c — token patterns: a sequence of items, each a conjunction of
 * tests on one token with a quantifier and an optional capture group.
 *
 * Representation: all tests of a pattern sit in one flat array; an item
 * owns a contiguous range of it. A `not` test is followed by the tests of
 * its nested conjunction and records how many there are (span), so nesting
 * needs no pointers into arrays that move when they grow.
 *
 * Matching: because every test looks at one token only, whether items
 * k..K-1 can match from token pos — and the longest end they reach — does
 * not depend on how the scan got there. best(k, pos) is therefore memoized
 * for the whole call, which turns exponential backtracking (nested "*"
 * items over a long sentence) into at most items x tokens x run length
 * steps. The step budget per start position (lede.h) is a second guard
 * for patterns large enough to make even that expensive.
 */
#include "lede/lede.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    T_TEXT = LEDE_PT_TEXT, T_LOWER = LEDE_PT_LOWER, T_SHAPE = LEDE_PT_SHAPE,
    T_IS_CAP = LEDE_PT_IS_CAP, T_IS_UPPER = LEDE_PT_IS_UPPER, T_IS_LOWER = LEDE_PT_IS_LOWER,
    T_IS_TITLE = LEDE_PT_IS_TITLE, T_IS_ALPHA = LEDE_PT_IS_ALPHA,
    T_IS_DIGIT = LEDE_PT_IS_DIGIT, T_IS_PUNCT = LEDE_PT_IS_PUNCT,
    T_KIND = 100, T_ENT, T_REGEX, T_NOT
};

typedef struct {
    int kind;
    int want;                 /* flag tests: the value required */
    const char **strs;        /* string sets (arena) */
    uint32_t *lens;
    size_t nstr;
    pcre2_code *re;
    uint64_t mask;            /* T_KIND: kind bits; T_ENT: annotation bits */
    size_t span;              /* T_NOT: number of nested tests following */
} ptest;

typedef struct {
    size_t tfirst, tend;      /* tests [tfirst, tend) */
    uint32_t min, max;
    int group;                /* capture group index, -1 for none */
} pitem;

struct lede_pattern {
    lede_arena *arena;
    ptest *tests;
    size_t ntests, tcap;
    pitem *items;
    size_t nitems, icap;
    const char **groups;
    size_t ngroups, gcap;
    size_t open[LEDE_PAT_MAX_NOT];   /* indexes of the `not` tests being built */
    size_t nopen;
    uint32_t max_steps;
    int has_regex;
};

/* ------------------------------------------------------------- shapes */

static int is_mark(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0xAD || cp == 0x200C || cp == 0x200D;
}

size_t lede_shape(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    uint32_t last = 0;
    int run = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = lede_utf8_decode(s + i, n - i, &cp);
        uint32_t c;
        if (is_mark(cp)) {       /* "Geoană" decomposed has the shape of the composed */
            i += k;
            continue;
        }
        if (lede_cp_is_digit(cp)) c = 'd';
        else if (lede_cp_is_upper(cp)) c = 'X';
        else if (lede_cp_is_alpha(cp)) c = 'x';
        else c = cp;
        run = (c == last) ? run + 1 : 1;
        last = c;
        if (run <= 4) {
            if (c == cp && !(c == 'd' || c == 'X' || c == 'x')) {
                memcpy(out + o, s + i, k);     /* itself, bytes as written */
                o += k;
            } else {
                out[o++] = (char)c;
            }
        }
        i += k;
    }
    return o;
}

/* ----------------------------------------------------------- building */

lede_pattern *lede_pat_new(void)
{
    lede_pattern *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->arena = lede_arena_new();
    if (!p->arena) {
        free(p);
        return NULL;
    }
    p->max_steps = LEDE_PAT_MAX_STEPS;
    return p;
}

void lede_pat_free(lede_pattern *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->ntests; i++)
        if (p->tests[i].re) pcre2_code_free(p->tests[i].re);
    free(p->tests);
    free(p->items);
    free(p->groups);
    lede_arena_free(p->arena);
    free(p);
}

void lede_pat_set_max_steps(lede_pattern *p, uint32_t steps)
{
    p->max_steps = steps ? steps : 1;
}

size_t lede_pat_nitems(const lede_pattern *p) { return p->nitems; }
size_t lede_pat_ngroups(const lede_pattern *p) { return p->ngroups; }

const char *lede_pat_group_name(const lede_pattern *p, size_t i)
{
    return i < p->ngroups ? p->groups[i] : NULL;
}

int lede_pat_add_item(lede_pattern *p, uint32_t min, uint32_t max, const char *capture)
{
    /* best() recurses once per item: the cap bounds the C stack it uses. */
    if (max == 0 || min > max || p->nopen || p->nitems >= LEDE_PAT_MAX_ITEMS) return -2;
    int group = -1;
    if (capture) {
        for (size_t g = 0; g < p->ngroups; g++)
            if (!strcmp(p->groups[g], capture)) group = (int)g;
        if (group < 0) {
            if (p->ngroups == p->gcap) {
                const char **v = lede_grow(p->groups, &p->gcap, sizeof *v, 8);
                if (!v) return -1;
                p->groups = v;
            }
            const char *name = lede_arena_strdup(p->arena, capture);
            if (!name) return -1;
            group = (int)p->ngroups;
            p->groups[p->ngroups++] = name;
        }
    }
    if (p->nitems == p->icap) {
        pitem *v = lede_grow(p->items, &p->icap, sizeof *v, 8);
        if (!v) return -1;
        p->items = v;
    }
    p->items[p->nitems++] = (pitem){ p->ntests, p->ntests, min, max, group };
    return 0;
}

/* A new zeroed test appended to the current item, or NULL (*rc says why). */
static ptest *new_test(lede_pattern *p, int kind, int *rc)
{
    if (!p->nitems) {
        *rc = -2;
        return NULL;
    }
    if (p->ntests == p->tcap) {
        ptest *v = lede_grow(p->tests, &p->tcap, sizeof *v, 16);
        if (!v) {
            *rc = -1;
            return NULL;
        }
        p->tests = v;
    }
    ptest *t = &p->tests[p->ntests++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->want = 1;
    p->items[p->nitems - 1].tend = p->ntests;
    *rc = 0;
    return t;
}

/* The lede.fold of s (the form Token.lower has), appended to the arena. */
static char *fold_dup(lede_arena *a, const char *s, size_t n, size_t *out_len)
{
    char *o = lede_arena_alloc(a, n * 4 + 1);
    if (!o) return NULL;
    size_t i = 0, k = 0;
    while (i < n) {
        uint32_t cp;
        i += lede_utf8_decode(s + i, n - i, &cp);
        k += lede_utf8_encode(lede_cp_fold_case(lede_cp_fold_punct(cp)), o + k);
    }
    o[k] = '\0';
    *out_len = k;
    return o;
}

int lede_pat_add_strings(lede_pattern *p, lede_pat_test test, const char *const *s,
                         const size_t *len, size_t n)
{
    if (test != LEDE_PT_TEXT && test != LEDE_PT_LOWER && test != LEDE_PT_SHAPE) return -2;
    if (n == 0) return -2;
    const char **strs = lede_arena_alloc(p->arena, n * sizeof *strs);
    uint32_t *lens = lede_arena_alloc(p->arena, n * sizeof *lens);
    if (!strs || !lens) return -1;
    for (size_t i = 0; i < n; i++) {
        size_t l = len ? len[i] : strlen(s[i]);
        size_t fl = l;
        /* Lower sets are folded here so lower = "Secretary" works too. */
        const char *c = test == LEDE_PT_LOWER ? fold_dup(p->arena, s[i], l, &fl)
                                              : lede_arena_strndup(p->arena, s[i], l);
        if (!c) return -1;
        strs[i] = c;
        lens[i] = (uint32_t)fl;
    }
    int rc;
    ptest *t = new_test(p, (int)test, &rc);
    if (!t) return rc;
    t->strs = strs;
    t->lens = lens;
    t->nstr = n;
    return 0;
}

int lede_pat_add_flag(lede_pattern *p, lede_pat_test test, int want)
{
    if (test < LEDE_PT_IS_CAP || test > LEDE_PT_IS_PUNCT) return -2;
    int rc;
    ptest *t = new_test(p, (int)test, &rc);
    if (t) t->want = want != 0;
    return rc;
}

int lede_pat_add_kinds(lede_pattern *p, uint32_t kindmask)
{
    int rc;
    ptest *t = new_test(p, T_KIND, &rc);
    if (t) t->mask = kindmask;
    return rc;
}

int lede_pat_add_ent(lede_pattern *p, uint64_t mask)
{
    int rc;
    ptest *t = new_test(p, T_ENT, &rc);
    if (t) t->mask = mask;
    return rc;
}

int lede_pat_add_regex(lede_pattern *p, const char *re, size_t n, char *err, size_t errsize)
{
    if (!p->nitems) return -2;
    int ec;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, n, PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
    if (!code) {
        if (err && errsize) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ec, msg, sizeof msg);
            snprintf(err, errsize, "%s at offset %d", (const char *)msg, (int)off);
        }
        return -3;
    }
    if (!getenv("LEDE_NO_JIT"))                    /* see lua/lua_regex.c */
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);   /* optional: interpreter if it fails */
    int rc;
    ptest *t = new_test(p, T_REGEX, &rc);
    if (!t) {
        pcre2_code_free(code);
        return rc;
    }
    t->re = code;
    p->has_regex = 1;
    return 0;
}

int lede_pat_begin_not(lede_pattern *p)
{
    if (p->nopen == sizeof p->open / sizeof p->open[0]) return -2;
    int rc;
    ptest *t = new_test(p, T_NOT, &rc);
    if (!t) return rc;
    p->open[p->nopen++] = p->ntests - 1;
    return 0;
}

int lede_pat_end_not(lede_pattern *p)
{
    if (!p->nopen) return -2;
    size_t at = p->open[--p->nopen];
    p->tests[at].span = p->ntests - at - 1;
    return 0;
}

/* ----------------------------------------------------------- matching */

#define UNKNOWN (-2)

/* Backtracking budget of one regex test on one token (PCRE2's match limit;
 * its default, 10 million, lets a pathological regex such as ^(a|aa)*[bc]
 * spend seconds on each long token, so one scan could run for minutes).
 * A token that exhausts it counts as not matching. Regexes over news
 * tokens need a few hundred steps at most. */
#define REGEX_MATCH_LIMIT 20000u
#define REGEX_DEPTH_LIMIT 2000u

typedef struct {
    const lede_pattern *p;
    const char *text;
    const lede_token *toks;
    size_t n;
    const uint64_t *ents;
    uint8_t *tmemo;           /* item x token: 0 unknown, 1 match, 2 no match */
    int32_t *best;            /* item x (n+1): longest end, -1 none, UNKNOWN */
    uint32_t *choice;         /* item x (n+1): tokens taken by the best path */
    pcre2_match_data *md;
    pcre2_match_context *mc;  /* REGEX_MATCH_LIMIT */
    char *buf;                /* folded text of token buf_tok, then shape */
    size_t bcap;
    size_t fold_tok, fold_len, shape_tok, shape_len;
    char *sbuf;
    size_t steps;
    int aborted;
} mctx;

static int set_has(const ptest *t, const char *s, size_t n)
{
    for (size_t i = 0; i < t->nstr; i++)
        if (t->lens[i] == n && !memcmp(t->strs[i], s, n)) return 1;
    return 0;
}

/* Case profile of a token: first code point's case, counts of cased letters. */
typedef struct { int first_upper, all_alpha; size_t upper, lower, rest_upper, rest_lower; } caseinfo;

static caseinfo case_of(const char *s, size_t n)
{
    caseinfo ci = { 0, n > 0, 0, 0, 0, 0 };
    size_t i = 0;
    int first = 1;
    while (i < n) {
        uint32_t cp;
        i += lede_utf8_decode(s + i, n - i, &cp);
        int up = lede_cp_is_upper(cp), lo = lede_cp_is_lower(cp);
        if (first) ci.first_upper = up;
        else {
            ci.rest_upper += (size_t)up;
            ci.rest_lower += (size_t)lo;
        }
        ci.upper += (size_t)up;
        ci.lower += (size_t)lo;
        if (!lede_cp_is_alpha(cp) && !is_mark(cp)) ci.all_alpha = 0;
        first = 0;
    }
    return ci;
}

static int eval_test(mctx *m, const ptest *t, size_t ti)
{
    const lede_token *tk = &m->toks[ti];
    const char *s = m->text + tk->start;
    size_t n = tk->stop - tk->start;
    switch (t->kind) {
    case T_TEXT:
        return set_has(t, s, n);
    case T_LOWER:
        if (m->fold_tok != ti) {
            size_t i = 0, k = 0;
            while (i < n) {
                uint32_t cp;
                i += lede_utf8_decode(s + i, n - i, &cp);
                k += lede_utf8_encode(lede_cp_fold_case(lede_cp_fold_punct(cp)), m->buf + k);
            }
            m->fold_tok = ti;
            m->fold_len = k;
        }
        return set_has(t, m->buf, m->fold_len);
    case T_SHAPE:
        if (m->shape_tok != ti) {
            m->shape_len = lede_shape(s, n, m->sbuf);
            m->shape_tok = ti;
        }
        return set_has(t, m->sbuf, m->shape_len);
    case T_REGEX:
        /* >= 0: matched; PCRE2_ERROR_MATCHLIMIT and others: no match. */
        return pcre2_match(t->re, (PCRE2_SPTR)s, n, 0, 0, m->md, m->mc) >= 0;
    case T_KIND:
        return tk->kind < 32 && ((t->mask >> tk->kind) & 1u);
    case T_ENT:
        return m->ents && (m->ents[ti] & t->mask) != 0;
    case T_IS_PUNCT:
        return (tk->kind == LEDE_TOK_PUNCT) == t->want;
    case T_IS_DIGIT: {
        int r = n > 0;
        for (size_t i = 0; i < n && r; i++) r = s[i] >= '0' && s[i] <= '9';
        return r == t->want;
    }
    default: {
        caseinfo ci = case_of(s, n);
        int r = 0;
        switch (t->kind) {
        case T_IS_CAP: r = ci.first_upper; break;
        case T_IS_UPPER: r = ci.upper > 0 && ci.lower == 0; break;
        case T_IS_LOWER: r = ci.lower > 0 && ci.upper == 0; break;
        case T_IS_TITLE: r = ci.first_upper && !(ci.rest_upper > 0 && ci.rest_lower == 0); break;
        case T_IS_ALPHA: r = ci.all_alpha; break;
        default: break;
        }
        return r == t->want;
    }
    }
}

/* Conjunction of tests [a, b) on token ti. */
static int eval_conj(mctx *m, size_t a, size_t b, size_t ti)
{
    const ptest *tests = m->p->tests;
    for (size_t i = a; i < b; i++) {
        const ptest *t = &tests[i];
        if (t->kind == T_NOT) {
            if (eval_conj(m, i + 1, i + 1 + t->span, ti)) return 0;
            i += t->span;
        } else if (!eval_test(m, t, ti)) {
            return 0;
        }
    }
    return 1;
}

static int item_ok(mctx *m, size_t k, size_t ti)
{
    uint8_t *memo = &m->tmemo[k * m->n + ti];
    if (!*memo) {
        const pitem *it = &m->p->items[k];
        *memo = eval_conj(m, it->tfirst, it->tend, ti) ? 1 : 2;
    }
    return *memo == 1;
}

/* Longest end reachable by items k.. from token pos, -1 if none (or on
 * abort: m->aborted set, nothing memoized on the way out). Recursion depth
 * is the number of items. */
static int32_t best(mctx *m, size_t k, size_t pos)
{
    const lede_pattern *p = m->p;
    if (k == p->nitems) return (int32_t)pos;
    size_t slot = k * (m->n + 1) + pos;
    if (m->best[slot] != UNKNOWN) return m->best[slot];
    const pitem *it = &p->items[k];
    size_t r = 0;
    while (r < it->max && pos + r < m->n && item_ok(m, k, pos + r)) r++;
    int32_t bend = -1;
    uint32_t bc = 0;
    if (r >= it->min) {
        /* Greedy first; a shorter run wins only with a strictly longer match. */
        for (size_t c = r + 1; c-- > it->min;) {
            if (++m->steps > p->max_steps) {
                m->aborted = 1;
                return -1;
            }
            int32_t e = best(m, k + 1, pos + c);
            if (m->aborted) return -1;
            if (e > bend) {
                bend = e;
                bc = (uint32_t)c;
                if ((size_t)e == m->n) break;   /* cannot do better */
            }
        }
    }
    m->best[slot] = bend;
    m->choice[slot] = bc;
    return bend;
}

void lede_patvec_free(lede_patvec *v)
{
    if (!v) return;
    free(v->v);
    free(v->groups);
    memset(v, 0, sizeof *v);
}

static int emit(mctx *m, lede_patvec *out, size_t start, size_t end)
{
    const lede_pattern *p = m->p;
    if (out->n == out->cap) {
        lede_pat_hit *v = lede_grow(out->v, &out->cap, sizeof *v, 16);
        if (!v) return -1;
        out->v = v;
    }
    if (out->gcap - out->ngroups < p->ngroups) {
        size_t cap = out->gcap ? out->gcap : 16;
        while (cap - out->ngroups < p->ngroups) cap *= 2;
        lede_tokrange *g = realloc(out->groups, cap * sizeof *g);
        if (!g) return -1;
        out->groups = g;
        out->gcap = cap;
    }
    size_t goff = out->ngroups;
    /* No groups: out->groups may still be NULL (NULL + 0 is undefined). */
    lede_tokrange *g = p->ngroups ? out->groups + goff : NULL;
    for (size_t i = 0; i < p->ngroups; i++) g[i] = (lede_tokrange){ LEDE_PAT_UNSET, LEDE_PAT_UNSET };
    size_t pos = start;
    for (size_t k = 0; k < p->nitems; k++) {
        uint32_t c = m->choice[k * (m->n + 1) + pos];
        int gi = p->items[k].group;
        if (gi >= 0 && c > 0) {
            lede_tokrange *r = &g[gi];
            if (r->tok_first == LEDE_PAT_UNSET) r->tok_first = (uint32_t)pos;
            r->tok_stop = (uint32_t)(pos + c);
        }
        pos += c;
    }
    out->ngroups += p->ngroups;
    out->v[out->n++] = (lede_pat_hit){ (uint32_t)start, (uint32_t)end, goff };
    return 0;
}

int lede_pat_match(const lede_pattern *p, const char *text, const lede_token *toks,
                   size_t ntoks, const uint64_t *ents, lede_patvec *out)
{
    if (p->nitems == 0 || ntoks == 0) return 0;
    if (ntoks >= INT32_MAX) return -1;
    mctx m = { 0 };
    m.p = p;
    m.text = text;
    m.toks = toks;
    m.n = ntoks;
    m.ents = ents;
    m.fold_tok = m.shape_tok = SIZE_MAX;
    int rc = 0, abandoned = 0;
    size_t states = p->nitems * (ntoks + 1), longest = 0;
    for (size_t i = 0; i < ntoks; i++)
        if (toks[i].stop - toks[i].start > longest) longest = toks[i].stop - toks[i].start;
    m.tmemo = calloc(p->nitems * ntoks, 1);
    m.best = malloc(states * sizeof *m.best);
    m.choice = malloc(states * sizeof *m.choice);
    m.buf = malloc(longest * 4 + 1);
    m.sbuf = malloc(longest + 1);
    if (p->has_regex) {
        m.md = pcre2_match_data_create(1, NULL);
        m.mc = pcre2_match_context_create(NULL);
        if (m.mc) {
            pcre2_set_match_limit(m.mc, REGEX_MATCH_LIMIT);
            pcre2_set_depth_limit(m.mc, REGEX_DEPTH_LIMIT);
        }
    }
    if (!m.tmemo || !m.best || !m.choice || !m.buf || !m.sbuf ||
        (p->has_regex && (!m.md || !m.mc))) {
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < states; i++) m.best[i] = UNKNOWN;
    size_t pos = 0;
    while (pos < ntoks) {
        m.steps = 0;
        m.aborted = 0;
        int32_t e = best(&m, 0, pos);
        if (m.aborted) {
            abandoned++;
            pos++;
            continue;
        }
        if (e > (int32_t)pos) {
            if (emit(&m, out, pos, (size_t)e)) {
                rc = -1;
                goto done;
            }
            pos = (size_t)e;
        } else {
            pos++;
        }
    }
    rc = abandoned;
done:
    free(m.tmemo);
    free(m.best);
    free(m.choice);
    free(m.buf);
    free(m.sbuf);
    if (m.md) pcre2_match_data_free(m.md);
    if (m.mc) pcre2_match_context_free(m.mc);
    return rc;
}
