/*
 * nfc.c — text is matched in Unicode NFC, so "Geoană" typed with a
 * combining breve (NFD, as macOS file names and some CMSes store it) and
 * with the precomposed letter are one name to the gazetteers, the tagger
 * and every rule. The normalisation is utf8proc's; ASCII text and text
 * with no combining mark (nearly all news) is left as it is without a copy.
 */
#include "nfc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Can NFC change s? Only a character with a non-zero combining class, a
 * Hangul jamo, or one whose NFC form differs from itself (singletons such
 * as U+212B ANGSTROM SIGN) can. */
static int may_change(const char *s, size_t n)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) { i++; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) { i++; continue; }
        const utf8proc_property_t *p = utf8proc_get_property(cp);
        if (p->combining_class != 0 || (cp >= 0x1100 && cp <= 0x11FF)) return 1;
        /* a precomposed character stays unless it is a singleton or an
         * exclusion (U+212B, U+0344, ...); none is below U+0340, so the
         * Latin letters of most text cost no check */
        if (cp >= 0x0340 && p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
            utf8proc_uint8_t *one = NULL;
            utf8proc_ssize_t k = utf8proc_map(u + i, len, &one, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            int same = k == len && one && !memcmp(one, u + i, (size_t)len);
            free(one);
            if (!same) return 1;
        }
        i += (size_t)len;
    }
    return 0;
}

char *lede_nfc(const char *s, size_t n, size_t *outn, int *changed)
{
    *changed = 0;
    if (!may_change(s, n)) {
        char *c = malloc(n + 1);
        if (!c) return NULL;
        memcpy(c, s, n);
        c[n] = '\0';
        *outn = n;
        return c;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (k < 0) {
        /* only on OOM (the text was validated): keep it as it is */
        free(out);
        return k == UTF8PROC_ERROR_NOMEM ? NULL : lede_nfc(s, 0, outn, changed);
    }
    *outn = (size_t)k;
    *changed = (size_t)k != n || memcmp(out, s, n) != 0;
    return (char *)out;
}

int lede_nfc_article(lede_arena *ar, lede_article *a)
{
    if (!a->raw || !may_change(a->raw, a->raw_len)) return 0;
    size_t n;
    int changed;
    char *nfc = lede_nfc(a->raw, a->raw_len, &n, &changed);
    if (!nfc) return -1;
    if (changed) {
        const char *copy = lede_arena_strndup(ar, nfc, n);
        if (!copy) {
            free(nfc);
            return -1;
        }
        a->original = a->raw;
        a->original_len = a->raw_len;
        a->raw = copy;
        a->raw_len = n;
    }
    free(nfc);
    return 0;
}

/* Each starter (combining class 0) of the original begins one run that
 * NFC turns into one run starting with its composed starter: runs map to
 * runs, so the offset is found by counting runs. */
static size_t next_run(const utf8proc_uint8_t *u, size_t n, size_t i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
    i += len > 0 ? (size_t)len : 1;
    while (i < n) {
        len = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0 || utf8proc_get_property(cp)->combining_class == 0) break;
        i += (size_t)len;
    }
    return i;
}

size_t lede_nfc_offset(const char *orig, size_t on, size_t off)
{
    size_t n;
    int changed;
    char *nfc = lede_nfc(orig, on, &n, &changed);
    if (!nfc) return off < on ? off : on;
    const utf8proc_uint8_t *o = (const utf8proc_uint8_t *)orig, *m = (const utf8proc_uint8_t *)nfc;
    size_t i = 0, j = 0;
    while (i < on && j < n && j < off) {
        size_t nj = next_run(m, n, j);
        if (nj > off) break;                 /* off falls inside a run */
        i = next_run(o, on, i);
        j = nj;
    }
    free(nfc);
    return i;
}
