/*
 * segment.c — sentence segmentation of a paragraph, and of a whole article.
 *
 * The paragraph is tokenized first (token.c); sentence boundaries are then
 * decided on tokens, never on raw bytes, so decimals ("3.5") and dotted
 * abbreviations ("U.S.") never look like sentence ends.
 *
 * A candidate end is a terminator token — "." "!" "?" "…" "..." (and the
 * fullwidth/CJK forms), or an abbreviation word ending in a dot ("U.S.") —
 * together with the terminators and closing quotes/brackets glued to it
 * ("?!", ".”", ".)"). The sentence ends there when the paragraph ends, or
 * when the next token is separated by a space (or is an opening “ «) and
 * starts a sentence: an uppercase or caseless letter, a digit, an opening
 * quote/bracket, or a symbol such as $ €.
 *
 * A plain "." is then vetted against the word right before it:
 *   - titles that precede a name never end a sentence (Mr. Gen. Dr. St. vs.);
 *   - month abbreviations and No./Vol./Fig. do not end before a number
 *     ("Jan. 5", "No. 10");
 *   - "weak" abbreviations — Jr. Inc. Co. etc., single-letter initials, and
 *     dotted tokens like U.S. U.N. a.m. — end a sentence only when the next
 *     word is a common sentence opener (The, He, But, ...). "U.S. President
 *     Donald Trump" stays whole while "... in the U.S. He said" splits.
 *     The opener list holds function words and pronouns that are rarely the
 *     second word of a proper name; single-letter openers (A, I) are
 *     ignored after an initial so "J. A. Smith" stays whole.
 *   - a number alone at the start of a paragraph is a list marker ("1.").
 */
#include "lede/lede.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    unsigned char len;
} word;

#define W(x) { x, sizeof x - 1 }

/* Never end a sentence: they precede a name or a noun. */
static const word strong_abbr[] = {
    W("Mr"), W("Mrs"), W("Ms"), W("Mx"), W("Dr"), W("Prof"), W("Gen"),
    W("Lt"), W("Col"), W("Maj"), W("Capt"), W("Cpt"), W("Sgt"), W("Cpl"),
    W("Adm"), W("Cmdr"), W("Gov"), W("Sen"), W("Rep"), W("Rev"), W("Fr"),
    W("St"), W("Pres"), W("Atty"), W("Supt"), W("Mt"), W("Ft"), W("Hon"),
    W("Amb"), W("Insp"), W("Det"), W("Brig"), W("vs"), W("v"), W("cf"),
    W("approx"), W("ca"), W("Messrs"), W("Mme"), W("Mmes"),
};

/* Do not end before a number; otherwise weak. */
static const word month_abbr[] = {
    W("Jan"), W("Feb"), W("Mar"), W("Apr"), W("Jun"), W("Jul"), W("Aug"),
    W("Sep"), W("Sept"), W("Oct"), W("Nov"), W("Dec"),
    W("No"), W("Nos"), W("no"), W("Vol"), W("vol"), W("Fig"), W("fig"),
    W("Art"), W("art"), W("pp"), W("p"), W("Ch"), W("ch"), W("Para"),
    W("para"), W("Sec"), W("sec"), W("Nr"), W("nr"), W("Tel"), W("tel"),
    W("Rs"), W("Rp"),   /* rupees, rupiah: "Rs. 500" */
    W("N\xC2\xBA"), W("n\xC2\xBA"), /* "Nº. 12" */
};

/* End a sentence only before a common sentence opener. */
static const word weak_abbr[] = {
    W("Jr"), W("Sr"), W("Inc"), W("Ltd"), W("Co"), W("Corp"), W("Bros"),
    W("Dept"), W("Univ"), W("Ave"), W("Blvd"), W("Rd"), W("Sq"), W("etc"),
    W("al"), W("Esq"), W("Assn"), W("Gov't"), W("Govt"), W("Intl"),
    W("Mfg"), W("PhD"), W("Ph"), W("Ref"), W("est"), W("min"), W("max"),
    W("km"), W("kg"), W("Mon"), W("Tue"), W("Tues"), W("Wed"), W("Thu"),
    W("Thur"), W("Thurs"), W("Fri"), W("Sat"), W("Sun"),
};

/* Dotted abbreviations (one token, dot included) that never end. */
static const word strong_dotted[] = {
    W("e.g."), W("i.e."), W("E.g."), W("I.e."), W("c.f."), W("viz."),
};

/* Common sentence openers: words that start sentences but rarely follow an
 * abbreviation inside a sentence. Capitalized form, compared exactly. */
static const word openers[] = {
    W("The"), W("A"), W("An"), W("He"), W("She"), W("It"), W("They"),
    W("We"), W("I"), W("You"), W("His"), W("Her"), W("Its"), W("Their"),
    W("Our"), W("My"), W("This"), W("That"), W("These"), W("Those"),
    W("There"), W("Here"), W("In"), W("On"), W("At"), W("As"), W("But"),
    W("And"), W("Or"), W("So"), W("Yet"), W("If"), W("When"), W("While"),
    W("After"), W("Before"), W("Since"), W("Although"), W("Though"),
    W("Because"), W("However"), W("Meanwhile"), W("Moreover"), W("Also"),
    W("Still"), W("Then"), W("Now"), W("Earlier"), W("Later"), W("Last"),
    W("Today"), W("Yesterday"), W("What"), W("Who"), W("Why"), W("How"),
    W("Where"), W("Which"), W("According"), W("Some"), W("Many"),
    W("Most"), W("Both"), W("Each"), W("Several"), W("Such"), W("Despite"),
    W("During"), W("Following"), W("For"), W("From"), W("With"),
    W("Without"), W("By"), W("Among"), W("Not"), W("Neither"), W("Nor"),
    W("Instead"), W("Furthermore"), W("Nevertheless"), W("Thus"),
    W("Therefore"), W("Indeed"), W("Yes"), W("No"), W("Asked"),
};

#undef W

static int in_list(const word *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (list[i].len == len && memcmp(list[i].s, s, len) == 0) return 1;
    }
    return 0;
}

#define IN(list, s, len) in_list(list, sizeof list / sizeof list[0], s, len)

static uint32_t first_cp(const char *text, const lede_token *t)
{
    uint32_t cp;
    lede_utf8_decode(text + t->start, t->stop - t->start, &cp);
    return cp;
}

enum { T_NONE = 0, T_PERIOD, T_STRONG, T_DOTTED };

/* Terminator kind of a token. */
static int terminator(const char *text, const lede_token *t)
{
    size_t n = t->stop - t->start;
    const char *s = text + t->start;
    if (t->kind == LEDE_TOK_WORD)
        return (n > 1 && s[n - 1] == '.') ? T_DOTTED : T_NONE;
    if (t->kind != LEDE_TOK_PUNCT) return T_NONE;
    if (s[0] == '.') {
        if (n == 1) return T_PERIOD;
        if (s[1] != ' ') return T_STRONG;                   /* "..." */
        /* spaced: ". . ." is inside a sentence; ". . . ." (an ellipsis and
         * a full stop) ends one */
        return n >= 7 ? T_STRONG : T_NONE;
    }
    if (s[0] == '!' || s[0] == '?') return T_STRONG;
    if ((unsigned char)s[0] < 0x80) return T_NONE;
    switch (first_cp(text, t)) {
    case 0x2026: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
    case 0x3002: case 0xFF01: case 0xFF0E: case 0xFF1F: case 0x61F:
    case 0x6D4: case 0x964: case 0x965: case 0x589: case 0x37E:
        return T_STRONG;
    default:
        return T_NONE;
    }
}

/* Closing quote or bracket. Ambiguous ones (" ' ’ and brackets) close only
 * when glued to what precedes; ” » › close even after a space. */
static int closer(const char *text, const lede_token *t, int glued)
{
    if (t->kind != LEDE_TOK_PUNCT) return 0;
    switch (first_cp(text, t)) {
    case 0x201D: case 0xBB: case 0x203A:
        return 1;
    case '"': case '\'': case 0x2019: case ')': case ']': case '}':
    case 0xFF09: case 0x3009: case 0x300B: case 0x300D: case 0x300F:
    case 0x3011:
        return glued;
    default:
        return 0;
    }
}

static int opener_punct(uint32_t cp)
{
    switch (cp) {
    case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0xAB:
    case 0x2039: case '"': case '\'': case '(': case '[': case '{':
    case 0xBF: case 0xA1: case 0xFF08: case 0x3008: case 0x300A:
    case 0x300C: case 0x300E: case 0x3010:
        return 1;
    default:
        return 0;
    }
}

enum { N_OTHER = 0, N_LOWER, N_UPPER, N_DIGIT, N_OPEN };

static int next_class(const char *text, const lede_token *t)
{
    uint32_t cp = first_cp(text, t);
    if (lede_cp_is_digit(cp)) return N_DIGIT;
    if (lede_cp_is_lower(cp)) return N_LOWER;
    if (lede_cp_is_alpha(cp)) return N_UPPER;   /* upper or caseless */
    if (t->kind == LEDE_TOK_PUNCT) return opener_punct(cp) ? N_OPEN : N_OTHER;
    if (t->kind == LEDE_TOK_SYMBOL && cp != LEDE_REPLACEMENT) return N_UPPER;
    return N_OTHER;
}

static int is_opener_word(const char *text, const lede_token *t, size_t minlen)
{
    size_t n = t->stop - t->start;
    return t->kind == LEDE_TOK_WORD && n >= minlen &&
           IN(openers, text + t->start, n);
}

static int tok_is(const char *text, const lede_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->stop - t->start == n && memcmp(text + t->start, w, n) == 0;
}

/* A dotted time of day: a.m. p.m. A.M. P.M. */
static int is_time_abbr(const char *text, const lede_token *t)
{
    const char *s = text + t->start;
    return t->stop - t->start == 4 && s[1] == '.' && s[3] == '.' &&
           ((s[0] | 0x20) == 'a' || (s[0] | 0x20) == 'p') &&
           (s[2] | 0x20) == 'm';
}

/* A title and a capitalized name at toks[j] ("Mr. Smith"), j < end. */
static int title_name_at(const char *text, const lede_token *toks, size_t j,
                         size_t end)
{
    if (j + 2 >= end || toks[j].kind != LEDE_TOK_WORD) return 0;
    const lede_token *t = &toks[j];
    if (!IN(strong_abbr, text + t->start, t->stop - t->start)) return 0;
    if (toks[j + 1].start != t->stop || !tok_is(text, &toks[j + 1], ".")) return 0;
    return toks[j + 2].kind == LEDE_TOK_WORD &&
           lede_cp_is_upper(first_cp(text, &toks[j + 2]));
}

/* Does a "." at toks[i] (or a dotted word toks[i]) end the sentence whose
 * first token is toks[s0], given the next token nx = toks[j]? nc is
 * next_class(nx). end bounds the paragraph's tokens. */
static int period_ends(const char *text, const lede_token *toks, size_t i,
                       size_t s0, int term, size_t j, size_t end, int nc)
{
    const lede_token *t = &toks[i];
    const lede_token *nx = &toks[j];
    if (term == T_DOTTED) {
        size_t n = t->stop - t->start;
        if (IN(strong_dotted, text + t->start, n)) return 0;
        if (is_opener_word(text, nx, 1)) return 1;
        /* "... left at 6 P.M. Mr. Smith then ...": a title and a name
         * after a time start the next sentence, unless the time is all
         * the sentence has so far ("At 5 a.m. Mr. Smith went") */
        return is_time_abbr(text, t) && i - s0 >= 3 &&
               title_name_at(text, toks, j, end);
    }
    if (i == s0 || toks[i - 1].stop != t->start) return 1;   /* lone "." */
    const lede_token *p = &toks[i - 1];
    const char *ps = text + p->start;
    size_t pn = p->stop - p->start;
    if (p->kind == LEDE_TOK_NUMBER) return 1;   /* list markers: see marker_at */
    if (p->kind == LEDE_TOK_SYMBOL) {
        /* "N°. 1026": a number sign, not an end before a number */
        uint32_t c = first_cp(text, p);
        if ((c == 0xB0 || c == 0xBA) && i - 1 > s0 && toks[i - 2].stop == p->start &&
            toks[i - 2].kind == LEDE_TOK_WORD && (tok_is(text, &toks[i - 2], "N") ||
                                                   tok_is(text, &toks[i - 2], "n")))
            return nc == N_DIGIT ? 0 : is_opener_word(text, nx, 1);
        return 1;
    }
    if (p->kind != LEDE_TOK_WORD) return 1;
    if (IN(strong_abbr, ps, pn)) return 0;
    if (IN(month_abbr, ps, pn)) {
        if (nc == N_DIGIT) return 0;
        return is_opener_word(text, nx, 1);
    }
    if (IN(weak_abbr, ps, pn)) return is_opener_word(text, nx, 1);
    /* A single uppercase letter: an initial (J. R. R. Tolkien). */
    uint32_t cp;
    size_t l = lede_utf8_decode(ps, pn, &cp);
    if (l == pn && lede_cp_is_upper(cp)) {
        /* "you and I. Did you": the pronoun after a lowercase word ends
         * the sentence; after a name or a comma it may be an initial
         * ("Albert I. Jones", "Smith, I. Austin") */
        if (cp == 'I' && i - 1 > s0) {
            const lede_token *q = &toks[i - 2];
            if (q->kind == LEDE_TOK_WORD && lede_cp_is_lower(first_cp(text, q))) return 1;
        }
        return is_opener_word(text, nx, 2);
    }
    return 1;
}

/* Inline list markers. A sentence that opens with a marker starts a list;
 * the next marker of the same form and the next value, after a space,
 * starts the next item even without a full stop before it:
 *   "1.) Pack 2.) Go"  "1) Pack 2) Go"  "1. Pack 2. Go"  "a. Pack b. Go"
 *   "• 9. Pack • 10. Go"  "⁃9. Pack ⁃10. Go"
 * The dot of a marker never ends a sentence. */
enum { M_NONE = 0, M_NUM_DOT_PAREN, M_NUM_PAREN, M_NUM_DOT, M_LETTER, M_BULLET };

typedef struct {
    int form;
    uint32_t value;     /* number, letter index, or the bullet's code point */
    size_t ntok;        /* tokens of the marker */
} marker;

static int is_bullet(uint32_t cp)
{
    return cp == 0x2022 || cp == 0x2043 || cp == 0x25E6 || cp == 0x2023 ||
           cp == 0x25AA || cp == 0x25CF;
}

/* A numbered or lettered marker at toks[j] (glued tokens, then a space). */
static int num_marker(const char *text, const lede_token *toks, size_t j,
                      size_t end, marker *m)
{
    const lede_token *t = &toks[j];
    size_t n = t->stop - t->start;
    const char *s = text + t->start;
    uint32_t v;
    int letter = 0;
    if (t->kind == LEDE_TOK_NUMBER && n <= 2 && s[0] >= '0' && s[0] <= '9' &&
        (n == 1 || (s[1] >= '0' && s[1] <= '9'))) {
        v = (uint32_t)(n == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0'));
    } else if (t->kind == LEDE_TOK_WORD && n == 1 && s[0] >= 'a' && s[0] <= 'z') {
        v = (uint32_t)(s[0] - 'a');
        letter = 1;
    } else {
        return 0;
    }
    size_t k = j + 1;
    int form;
    if (k + 1 >= end || toks[k].start != toks[k - 1].stop) return 0;
    if (tok_is(text, &toks[k], ".")) {
        if (!letter && toks[k + 1].start == toks[k].stop && tok_is(text, &toks[k + 1], ")")) {
            k++;
            form = M_NUM_DOT_PAREN;
        } else {
            form = letter ? M_LETTER : M_NUM_DOT;
        }
    } else if (!letter && tok_is(text, &toks[k], ")")) {
        form = M_NUM_PAREN;
    } else {
        return 0;
    }
    if (k + 1 >= end || toks[k + 1].start == toks[k].stop) return 0;
    /* "1. 5 million": a number after a dotted number is no list item */
    if ((form == M_NUM_DOT || form == M_LETTER) && next_class(text, &toks[k + 1]) == N_DIGIT)
        return 0;
    m->form = form;
    m->value = v;
    m->ntok = k + 1 - j;
    return 1;
}

/* The marker at toks[j], j starting a sentence or after a space. */
static int marker_at(const char *text, const lede_token *toks, size_t j,
                     size_t end, marker *m)
{
    const lede_token *t = &toks[j];
    if (t->kind == LEDE_TOK_SYMBOL) {
        uint32_t cp = first_cp(text, t);
        if (!is_bullet(cp) || j + 1 >= end) return 0;
        marker inner;
        m->form = M_BULLET;
        m->value = cp;
        m->ntok = 1;
        if (num_marker(text, toks, j + 1, end, &inner)) m->ntok += inner.ntok;
        return 1;
    }
    if (t->kind != LEDE_TOK_NUMBER && t->kind != LEDE_TOK_WORD) return 0;
    return num_marker(text, toks, j, end, m);
}

/* A parenthesized citation at toks[j] ("(Smith 55)") glued to a full
 * stop or another terminator after it: the end of the quoted sentence. */
static int citation_at(const char *text, const lede_token *toks, size_t j,
                       size_t end)
{
    for (size_t k = j + 1; k < end && k <= j + 12; k++) {
        const lede_token *t = &toks[k];
        if (t->kind == LEDE_TOK_PUNCT) {
            if (tok_is(text, t, ")"))
                return k + 1 < end && toks[k + 1].start == t->stop &&
                       terminator(text, &toks[k + 1]) != T_NONE;
            /* "(p. 4)" may hold a dot, not a sentence end of its own */
            if (terminator(text, t) == T_STRONG || tok_is(text, t, "(")) return 0;
        }
    }
    return 0;
}

static int push_sent(lede_sentvec *sv, const lede_token *toks, size_t first,
                     size_t last, uint32_t para)
{
    if (sv->n == sv->cap) {
        lede_sentence *v = lede_grow(sv->v, &sv->cap, sizeof *v, 64);
        if (!v) return -1;
        sv->v = v;
    }
    lede_sentence *s = &sv->v[sv->n++];
    s->start = toks[first].start;
    s->stop = toks[last].stop;
    s->tok_first = (uint32_t)first;
    s->tok_count = (uint32_t)(last - first + 1);
    s->para = para;
    return 0;
}

int lede_segment(const char *text, size_t start, size_t stop, uint32_t para,
                 lede_tokvec *toks, lede_sentvec *sents)
{
    size_t base = toks->n;
    if (lede_tokenize(text, start, stop, toks)) return -1;
    size_t end = toks->n;
    const lede_token *tv = toks->v;
    size_t s0 = base;
    marker cur = { M_NONE, 0, 0 };   /* the marker opening sentence s0 */
    size_t mark_end = base;           /* tokens before this are the marker */
    for (size_t i = base; i < end; i++) {
        if (i == s0) {
            cur.form = M_NONE;
            mark_end = s0;
            uint32_t k0 = tv[i].kind;
            if ((k0 == LEDE_TOK_NUMBER || k0 == LEDE_TOK_WORD || k0 == LEDE_TOK_SYMBOL) &&
                marker_at(text, tv, i, end, &cur))
                mark_end = s0 + cur.ntok;
        } else if (cur.form && tv[i].start != tv[i - 1].stop) {
            marker m;
            if (tv[i].kind == (cur.form == M_BULLET ? LEDE_TOK_SYMBOL
                               : cur.form == M_LETTER ? LEDE_TOK_WORD : LEDE_TOK_NUMBER) &&
                marker_at(text, tv, i, end, &m) && m.form == cur.form &&
                m.value == (cur.form == M_BULLET ? cur.value : cur.value + 1)) {
                if (push_sent(sents, tv, s0, i - 1, para)) return -1;
                s0 = i;
                cur = m;
                mark_end = s0 + m.ntok;
            }
        }
        if (i < mark_end) continue;
        int term = terminator(text, &tv[i]);
        if (!term) continue;
        /* Glue following terminators and closing quotes/brackets. */
        size_t k = i;
        int strong = (term == T_STRONG);
        int quoted = 0;
        while (k + 1 < end) {
            const lede_token *nx = &tv[k + 1];
            int glued = nx->start == tv[k].stop;
            int t2 = glued ? terminator(text, nx) : T_NONE;
            if (t2 && t2 != T_DOTTED) {
                if (t2 == T_STRONG) strong = 1;
                k++;
            } else if (closer(text, nx, glued)) {
                uint32_t c = first_cp(text, nx);
                if (c != ')' && c != ']' && c != '}' && c < 0x3000) quoted = 1;
                k++;
            } else {
                break;
            }
        }
        if (k + 1 >= end) break;             /* paragraph end: flushed below */
        size_t j = k + 1;
        const lede_token *nx = &tv[j];
        int nc = next_class(text, nx);
        int brk;
        if (nc == N_OTHER && nx->kind == LEDE_TOK_PUNCT && nx->start > tv[k].stop &&
            text[nx->start] == '.' && nx->stop - nx->start == 5 && j + 1 < end &&
            tv[j + 1].start > nx->stop) {
            /* "compounds. . . . The practice": the full stop ends the
             * sentence, the spaced ellipsis opens the next */
            int c2 = next_class(text, &tv[j + 1]);
            brk = (c2 == N_UPPER || c2 == N_DIGIT || c2 == N_OPEN) &&
                  (strong || period_ends(text, tv, i, s0, term, j + 1, end, c2));
        } else if (nc == N_LOWER || nc == N_OTHER) {
            brk = 0;
        } else if (nx->start == tv[k].stop) {
            /* No space: only an unambiguous opening quote starts anew. */
            uint32_t cp = first_cp(text, nx);
            brk = (cp == 0x201C || cp == 0xAB) &&
                  (strong || period_ends(text, tv, i, s0, term, j, end, nc));
        } else if (quoted && first_cp(text, nx) == '(' && citation_at(text, tv, j, end)) {
            brk = 0;     /* '... complex." (Smith 55).': the citation's */
        } else if (strong) {
            brk = 1;
        } else {
            brk = period_ends(text, tv, i, s0, term, j, end, nc);
        }
        if (brk) {
            if (push_sent(sents, tv, s0, k, para)) return -1;
            s0 = k + 1;
        }
        i = k;
    }
    if (s0 < end && push_sent(sents, tv, s0, end - 1, para)) return -1;
    return 0;
}

/* ------------------------------------------------ tokens on demand
 *
 * An article's tokens are not kept: a corpus held in memory spent 12
 * bytes a token (1.7 bytes per input byte) on them, for a list the rules
 * read once, while tokenizing again costs 1/200 of what the rules do.
 * Each thread keeps the tokens of the LEDE_TOKEN_CACHE articles it asked
 * for last (a slot per article, its buffer reused), keyed by the
 * article's tok_id, which is unique per segmentation (an article's
 * address is not: a streaming corpus's arena is reused). Per thread, so
 * that the -j workers reading the same articles share nothing. */
typedef struct {
    uint64_t id;              /* the article's tok_id, 0: free */
    uint64_t used;            /* the cache's clock at the last hit */
    lede_token *v;
    size_t cap;
} tokslot;

typedef struct {
    tokslot slot[LEDE_TOKEN_CACHE];
    uint64_t clock;
    unsigned last;            /* the slot of the last hit: looked at first */
} tokcache;

static _Thread_local tokcache *tls_cache __attribute__((tls_model("initial-exec")));
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_ok;
static atomic_uint_fast64_t next_tok_id = 1;

static void cache_free(void *p)
{
    tokcache *c = p;
    if (!c) return;
    for (unsigned i = 0; i < LEDE_TOKEN_CACHE; i++) free(c->slot[i].v);
    free(c);
}

static void make_cache_key(void)
{
    cache_key_ok = pthread_key_create(&cache_key, cache_free) == 0;
}

/* The calling thread's cache, made on first use; NULL on OOM. The key's
 * destructor frees it when the thread exits. */
static tokcache *thread_cache(void)
{
    if (tls_cache) return tls_cache;
    pthread_once(&cache_once, make_cache_key);
    tokcache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    if (cache_key_ok) pthread_setspecific(cache_key, c);
    tls_cache = c;
    return c;
}

void lede_token_cache_clear(void)
{
    if (!tls_cache) return;
    if (cache_key_ok) pthread_setspecific(cache_key, NULL);
    cache_free(tls_cache);
    tls_cache = NULL;
}

/* The least recently used slot (a free one first), emptied, with room for
 * n tokens; NULL on OOM. */
static tokslot *take_slot(tokcache *c, size_t n)
{
    unsigned k = 0;
    for (unsigned i = 1; i < LEDE_TOKEN_CACHE && c->slot[k].id; i++)
        if (!c->slot[i].id || c->slot[i].used < c->slot[k].used) k = i;
    tokslot *s = &c->slot[k];
    s->id = 0;
    if (s->cap < n) {
        size_t cap = s->cap ? s->cap : 64;
        while (cap < n) cap *= 2;
        lede_token *v = realloc(s->v, cap * sizeof *v);
        if (!v) return NULL;
        s->v = v;
        s->cap = cap;
    }
    s->used = ++c->clock;
    c->last = k;
    return s;
}

/* The paragraphs' tokens again into s: the same calls lede_segment made. */
static int retokenize(const lede_article *art, tokslot *s)
{
    lede_tokvec tv = { s->v, 0, s->cap };
    int rc = 0;
    for (size_t p = 0; p < art->nparagraphs && rc == 0; p++)
        rc = lede_tokenize(art->text, art->paragraphs[p].start, art->paragraphs[p].stop, &tv);
    s->v = tv.v;               /* grown by lede_tokenize, or as it was */
    s->cap = tv.cap;
    return rc == 0 && tv.n == art->ntokens ? 0 : -1;
}

const lede_token *lede_article_tokens(const lede_article *art)
{
    if (!art || !art->ntokens || !art->tok_id) return NULL;
    tokcache *c = thread_cache();
    if (!c) return NULL;
    tokslot *s = &c->slot[c->last];
    if (s->id == art->tok_id) return s->v;
    for (unsigned i = 0; i < LEDE_TOKEN_CACHE; i++)
        if (c->slot[i].id == art->tok_id) {
            c->slot[i].used = ++c->clock;
            c->last = i;
            return c->slot[i].v;
        }
    if (!(s = take_slot(c, art->ntokens)) || retokenize(art, s) != 0) return NULL;
    s->id = art->tok_id;
    return s->v;
}

/* What lede_segment_article just made goes to the cache: the article is
 * most often read next (a streaming sink, the rules of a stream). */
static void prime_cache(const lede_article *art, const lede_token *v, size_t n)
{
    tokcache *c = thread_cache();
    tokslot *s = c ? take_slot(c, n) : NULL;
    if (!s) return;            /* made again when asked for */
    memcpy(s->v, v, n * sizeof *v);
    s->id = art->tok_id;
}

int lede_segment_article(lede_arena *a, lede_article *art, lede_tokvec *toks,
                         lede_sentvec *sents)
{
    toks->n = 0;
    sents->n = 0;
    for (size_t p = 0; p < art->nparagraphs; p++) {
        const lede_span *sp = &art->paragraphs[p];
        if (lede_segment(art->text, sp->start, sp->stop, (uint32_t)p, toks,
                         sents))
            return -1;
    }
    art->ntokens = toks->n;
    art->nwords = 0;
    for (size_t i = 0; i < toks->n; i++)
        if (toks->v[i].kind == LEDE_TOK_WORD) art->nwords++;
    art->tok_id = toks->n ? (uint64_t)atomic_fetch_add(&next_tok_id, 1) : 0;
    art->sentences = NULL;
    art->nsentences = 0;
    if (toks->n) prime_cache(art, toks->v, toks->n);
    if (sents->n) {
        art->sentences =
            lede_arena_memdup(a, sents->v, sents->n * sizeof *sents->v);
        if (!art->sentences) return -1;
        art->nsentences = sents->n;
    }
    return 0;
}
