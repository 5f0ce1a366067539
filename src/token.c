/*
 * token.c — splitting a paragraph into word, number, punctuation and symbol
 * tokens.
 *
 * One left-to-right pass, no backtracking beyond a few code points of
 * look-ahead, no allocation except growing the output vector. ASCII goes
 * through a lookup table; only non-ASCII bytes are decoded.
 *
 * Rules (see lede.h for the token kinds):
 *   - A WORD or NUMBER is a run of letters, digits and combining marks.
 *     Inside it, an apostrophe (' or ’) followed by a letter joins (don't,
 *     NATO’s), a hyphen (- or ‐) followed by a letter joins (Osmani-Sadriu,
 *     93-year-old), and followed by a digit joins when the token already
 *     has a letter (COVID-19; but 2019-2020 is NUMBER PUNCT NUMBER).
 *   - A run of digits may contain , or . between digits (1,000  3.5
 *     07.09.2023): that is a NUMBER. Digits followed by letters are a WORD
 *     (1st, 5km).
 *   - Single letters joined by dots are one abbreviation WORD including the
 *     final dot (U.S.  e.g.  a.m.). A period after any other word is its own
 *     PUNCT token: "Mr." is "Mr" "." and the segmenter decides.
 *   - Two or more periods are one PUNCT ("..."), as are two or more ASCII
 *     hyphens ("--"). A spaced ellipsis, three or more single dots one
 *     space apart after a space (". . ." and ". . . ."), is one PUNCT with
 *     its inner spaces; a dot glued to the word before stays its own token
 *     ("end. . . ." is "end" "." ". . ."). Every other punctuation character is its own token.
 *   - Anything else that is not a space is a one-code-point SYMBOL, U+FFFD
 *     included. Spaces (including NBSP and the Unicode spaces) and the
 *     zero-width space / word joiner / BOM separate tokens.
 */
#include "lede/lede.h"

#include <stdlib.h>

enum {
    C_SPACE,    /* separator, never part of a token */
    C_ALPHA,
    C_DIGIT,
    C_MARK,     /* combining mark, ZWJ/ZWNJ, soft hyphen: continues a word */
    C_APOS,     /* ' ’ ʼ : inner apostrophe, else PUNCT */
    C_HYPHEN,   /* - ‐ ‑ : inner hyphen, else PUNCT */
    C_PERIOD,   /* . */
    C_COMMA,    /* , */
    C_PUNCT,
    C_SYMBOL
};

/* Classes of the 128 ASCII code points. */
static const unsigned char ascii_class[128] = {
#define S C_SPACE
#define A C_ALPHA
#define D C_DIGIT
#define P C_PUNCT
#define Y C_SYMBOL
    /* 00-0F: controls; tab..CR are spaces, the rest too (they separate) */
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    /*  sp  !  "  #  $  %  &  '        (  )  *  +  ,        -         .        / */
    S, P, P, Y, Y, Y, Y, C_APOS, P, P, Y, Y, C_COMMA, C_HYPHEN, C_PERIOD, Y,
    D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, P,   /* 0-9 : ; < = > ? */
    Y, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,   /* @ A-O */
    A, A, A, A, A, A, A, A, A, A, A, P, Y, P, Y, Y,   /* P-Z [ \ ] ^ _ */
    Y, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,   /* ` a-o */
    A, A, A, A, A, A, A, A, A, A, A, P, Y, P, Y, S,   /* p-z { | } ~ DEL */
#undef S
#undef A
#undef D
#undef P
#undef Y
};

static int is_mark(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) ||
           (cp >= 0x591 && cp <= 0x5BD) || (cp >= 0x610 && cp <= 0x61A) ||
           (cp >= 0x64B && cp <= 0x65F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
           cp == 0xAD || cp == 0x200C || cp == 0x200D;
}

static int is_uni_punct(uint32_t cp)
{
    switch (cp) {
    case 0xA1: case 0xAB: case 0xBB: case 0xBF:
    case 0x2026: case 0x2032: case 0x2033: case 0x2039: case 0x203A:
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: case 0x2E3A:
    case 0x2E3B: case 0x3001: case 0x3002: case 0x3003: case 0xFF01:
    case 0xFF08: case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A:
    case 0xFF1B: case 0xFF1F: case 0x37E: case 0x387: case 0x589:
    case 0x5BE: case 0x60C: case 0x61B: case 0x61F: case 0x6D4:
    case 0x964: case 0x965:
        return 1;
    default:
        break;
    }
    return (cp >= 0x2012 && cp <= 0x2018) || (cp >= 0x201A && cp <= 0x201F) ||
           (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x2045 && cp <= 0x2046);
}

static int uni_class(uint32_t cp)
{
    if (cp == 0x2019 || cp == 0x2BC) return C_APOS;
    if (cp == 0x2010 || cp == 0x2011) return C_HYPHEN;
    if (lede_cp_is_space(cp) || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF)
        return C_SPACE;
    if (is_mark(cp)) return C_MARK;
    if (lede_cp_is_alpha(cp)) return C_ALPHA;
    if (is_uni_punct(cp)) return C_PUNCT;
    return C_SYMBOL;
}

/* Class and length of the code point at t[i] (i < stop). */
static inline int cls_at(const char *t, size_t i, size_t stop, size_t *len)
{
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80) {
        *len = 1;
        return ascii_class[c];
    }
    uint32_t cp;
    *len = lede_utf8_decode(t + i, stop - i, &cp);
    if (cp == LEDE_REPLACEMENT) return C_SYMBOL;
    return uni_class(cp);
}

/* Class at t[i], or C_SPACE past the end. */
static inline int peek(const char *t, size_t i, size_t stop, size_t *len)
{
    if (i >= stop) {
        *len = 0;
        return C_SPACE;
    }
    return cls_at(t, i, stop, len);
}

static int push(lede_tokvec *out, size_t start, size_t stop, uint32_t kind)
{
    if (out->n == out->cap) {
        lede_token *v = lede_grow(out->v, &out->cap, sizeof *v, 256);
        if (!v) return -1;
        out->v = v;
    }
    lede_token *tk = &out->v[out->n++];
    tk->start = (uint32_t)start;
    tk->stop = (uint32_t)stop;
    tk->kind = kind;
    return 0;
}

/* Dotted abbreviation at t[i] (a letter): L.L. or longer, each L a single
 * letter (with any combining marks). Returns the end offset (after the
 * final dot when there is one), or 0 when there is no abbreviation. */
static size_t abbrev_end(const char *t, size_t i, size_t stop)
{
    size_t pos = i, end = 0, len;
    int letters = 0;
    for (;;) {
        if (peek(t, pos, stop, &len) != C_ALPHA) break;
        size_t p = pos + len;
        int c;
        while ((c = peek(t, p, stop, &len)) == C_MARK) p += len;
        if (c == C_ALPHA || c == C_DIGIT) break;       /* not a single letter */
        if (c == C_PERIOD) {
            letters++;
            end = p + 1;
            pos = p + 1;
            continue;
        }
        /* A last letter without its dot ("U.S"): part of it if there
         * were dotted letters before. */
        if (letters >= 1) {
            letters++;
            end = p;
        }
        break;
    }
    return letters >= 2 ? end : 0;
}

const char *lede_tok_kind_name(uint32_t kind)
{
    switch (kind) {
    case LEDE_TOK_WORD: return "word";
    case LEDE_TOK_NUMBER: return "number";
    case LEDE_TOK_PUNCT: return "punct";
    case LEDE_TOK_SYMBOL: return "symbol";
    default: return "unknown";
    }
}

void lede_tokvec_free(lede_tokvec *t)
{
    if (!t) return;
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

void lede_sentvec_free(lede_sentvec *s)
{
    if (!s) return;
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

int lede_tokenize(const char *text, size_t start, size_t stop, lede_tokvec *out)
{
    size_t i = start, len;
    while (i < stop) {
        int c = cls_at(text, i, stop, &len);
        size_t j = i + len;
        uint32_t kind;
        switch (c) {
        case C_SPACE:
            i = j;
            continue;
        case C_ALPHA:
        case C_DIGIT: {
            if (c == C_ALPHA) {
                size_t e = abbrev_end(text, i, stop);
                if (e) {
                    if (push(out, i, e, LEDE_TOK_WORD)) return -1;
                    i = e;
                    continue;
                }
            }
            int has_alpha = (c == C_ALPHA);
            int last = c;       /* class of the last letter/digit consumed */
            for (;;) {
                size_t l2;
                int d = peek(text, j, stop, &len);
                if (d == C_ALPHA || d == C_DIGIT || d == C_MARK) {
                    if (d == C_ALPHA) has_alpha = 1;
                    if (d != C_MARK) last = d;
                    j += len;
                    continue;
                }
                if (d == C_COMMA || d == C_PERIOD) {
                    /* digit grouping / decimal point inside a number */
                    if (!has_alpha && last == C_DIGIT &&
                        peek(text, j + len, stop, &l2) == C_DIGIT) {
                        j += len;
                        continue;
                    }
                    break;
                }
                if (d == C_APOS) {
                    if (peek(text, j + len, stop, &l2) == C_ALPHA) {
                        j += len;
                        continue;
                    }
                    break;
                }
                if (d == C_HYPHEN) {
                    int e = peek(text, j + len, stop, &l2);
                    if (e == C_ALPHA || (e == C_DIGIT && has_alpha)) {
                        j += len;
                        continue;
                    }
                    break;
                }
                break;
            }
            kind = has_alpha ? LEDE_TOK_WORD : LEDE_TOK_NUMBER;
            break;
        }
        case C_PERIOD:
            while (j < stop && text[j] == '.') j++;
            if (j == i + 1 && (i == start || text[i - 1] == ' ')) {
                /* a spaced ellipsis ". . ." (". . . ." with a full stop):
                 * three or more dots one space apart, the first after a
                 * space; one token, spaces included */
                size_t e = j, dots = 1;
                while (e + 1 < stop && text[e] == ' ' && text[e + 1] == '.' &&
                       (e + 2 >= stop || text[e + 2] != '.')) {
                    e += 2;
                    dots++;
                }
                if (dots >= 3) j = e;
            }
            kind = LEDE_TOK_PUNCT;
            break;
        case C_HYPHEN:
            if (text[i] == '-')
                while (j < stop && text[j] == '-') j++;
            kind = LEDE_TOK_PUNCT;
            break;
        case C_APOS:
        case C_COMMA:
        case C_PUNCT:
            kind = LEDE_TOK_PUNCT;
            break;
        default:        /* C_SYMBOL, stray C_MARK */
            kind = LEDE_TOK_SYMBOL;
            break;
        }
        if (push(out, i, j, kind)) return -1;
        i = j;
    }
    return 0;
}
