/*
 * unwrap.c — joining hard-wrapped lines into paragraphs.
 *
 * A wrapper fills each line up to a width W and breaks before the word
 * that would not fit, so a line is short only where the writer ended it.
 * W is estimated as the 90th percentile of the line lengths (a few long
 * lines, URLs or tables, do not set it). Lengths are in characters.
 */
#include "unwrap.h"
#include "lede/lede.h"

#include <stdlib.h>
#include <string.h>

typedef struct { size_t b, e, len; } line_t;   /* trimmed bytes [b, e), characters */

static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

/* The lines of s, trimmed; *nl of them. NULL on OOM. */
static line_t *split(const char *s, size_t n, size_t *nl)
{
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') cap++;
    line_t *v = malloc(cap * sizeof *v);
    if (!v) return NULL;
    size_t k = 0;
    for (size_t b = 0; b <= n && k < cap;) {
        const char *nlp = b < n ? memchr(s + b, '\n', n - b) : NULL;
        size_t e = nlp ? (size_t)(nlp - s) : n, tb = b, te = e;
        while (tb < te && (s[tb] == ' ' || s[tb] == '\t')) tb++;
        while (te > tb && (s[te - 1] == ' ' || s[te - 1] == '\t' || s[te - 1] == '\r' ||
                           s[te - 1] == '\f')) te--;
        v[k].b = tb;
        v[k].e = te;
        v[k].len = chars(s + tb, te - tb);
        k++;
        if (!nlp) break;
        b = e + 1;
    }
    *nl = k;
    return v;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The wrap width: the 90th percentile of non-empty line lengths (0 when
 * there are fewer than 4 lines). */
static size_t width(const line_t *v, size_t nl, size_t *nonempty)
{
    size_t *len = malloc((nl ? nl : 1) * sizeof *len), k = 0;
    if (!len) return 0;
    for (size_t i = 0; i < nl; i++)
        if (v[i].len) len[k++] = v[i].len;
    *nonempty = k;
    size_t w = 0;
    if (k >= 4) {
        qsort(len, k, sizeof *len, cmp_size);
        w = len[(k * 9) / 10 < k ? (k * 9) / 10 : k - 1];
    }
    free(len);
    return w;
}

/* Does the line end a sentence (., !, ?, :, a closing quote after one)? */
static int ends_sentence(const char *s, const line_t *l)
{
    size_t e = l->e;
    while (e > l->b) {
        unsigned char c = (unsigned char)s[e - 1];
        if (c == '"' || c == '\'' || c == ')') { e--; continue; }
        if (e - l->b >= 3 && !memcmp(s + e - 3, "\xE2\x80\x9D", 3)) { e -= 3; continue; } /* ” */
        if (e - l->b >= 3 && !memcmp(s + e - 3, "\xE2\x80\x99", 3)) { e -= 3; continue; } /* ’ */
        return c == '.' || c == '!' || c == '?' || c == ':';
    }
    return 0;
}

static size_t first_word(const char *s, const line_t *l)
{
    size_t i = l->b;
    while (i < l->e && s[i] != ' ' && s[i] != '\t') i++;
    return chars(s + l->b, i - l->b);
}

int lede_is_wrapped(const char *s, size_t n)
{
    size_t nl, nonempty;
    line_t *v = split(s, n, &nl);
    if (!v) return 0;
    size_t w = width(v, nl, &nonempty);
    int yes = 0;
    if (nonempty >= 6 && w >= 30 && w <= 100) {
        size_t full = 0, open = 0, longer = 0;
        for (size_t i = 0; i < nl; i++) {
            if (!v[i].len) continue;
            if (v[i].len > w + w / 5) longer++;
            if (v[i].len * 4 >= w * 3) {
                full++;
                if (!ends_sentence(s, &v[i])) open++;
            }
        }
        /* most lines filled, many of them broken inside a sentence, few
         * much longer than the width */
        yes = full * 2 >= nonempty && open * 2 >= full && longer * 10 <= nonempty;
    }
    free(v);
    return yes;
}

typedef struct { char *s; size_t n, cap; int oom; } obuf;

static void put(obuf *o, const char *s, size_t n)
{
    if (o->oom || !n) return;
    if (lede_bytes_append(&o->s, &o->n, &o->cap, s, n, 1024) != 0) o->oom = 1;
}


static int is_lower_start(const char *s, const line_t *l)
{
    unsigned char c = l->b < l->e ? (unsigned char)s[l->b] : 0;
    return (c >= 'a' && c <= 'z') || (c >= 0xC3 && c <= 0xC5 && l->b + 1 < l->e &&
                                      (unsigned char)s[l->b + 1] >= 0x9F);
}

/* Does the paragraph end after line i (the next line, j, is not blank)? */
static int ends_para(const char *s, const line_t *v, size_t i, size_t j, size_t w)
{
    const line_t *l = &v[i];
    /* a word hyphenated across the break continues the paragraph */
    if (l->e - l->b >= 2 && s[l->e - 1] == '-' && s[l->e - 2] != ' ' && is_lower_start(s, &v[j]))
        return 0;
    if (l->len + 1 + first_word(s, &v[j]) + 2 <= w) return 1;   /* it would have fitted */
    if (ends_sentence(s, l) && l->len * 100 < w * 85) return 1;   /* much shorter */
    return 0;
}

char *lede_unwrap(const char *s, size_t n, int dehyphen, size_t *outn)
{
    size_t nl, nonempty;
    line_t *v = split(s, n, &nl);
    if (!v) return NULL;
    size_t w = width(v, nl, &nonempty);
    obuf o = {0};
    put(&o, "", 0);
    int open = 0;                            /* a paragraph is being written */
    for (size_t i = 0; i < nl; i++) {
        const line_t *l = &v[i];
        if (!l->len) {
            if (open) put(&o, "\n", 1);
            open = 0;
            put(&o, "\n", 1);
            continue;
        }
        size_t b = l->b, e = l->e;
        put(&o, s + b, e - b);
        open = 1;
        size_t j = i + 1;
        if (j >= nl || !v[j].len || w == 0 || ends_para(s, v, i, j, w)) {
            put(&o, "\n", 1);
            open = 0;
            continue;
        }
        /* joined to the next line */
        int hyph = e - b >= 2 && s[e - 1] == '-' && s[e - 2] != ' ' && s[e - 2] != '-';
        if (hyph && dehyphen && is_lower_start(s, &v[j])) o.n--, o.s[o.n] = '\0';
        else if (!hyph) put(&o, " ", 1);
    }
    free(v);
    if (o.oom) {
        free(o.s);
        return NULL;
    }
    if (!o.s && !(o.s = calloc(1, 1))) return NULL;
    *outn = o.n;
    return o.s;
}
