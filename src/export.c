/*
 * export.c — multi-article text exports split into their articles.
 *
 * Factiva: each article ends with its accession line "Document
 * AFPR000020231017ejah0005l"; it opens with metadata lines: the headline,
 * a byline, "523 words", the date, the source's name, its code, the
 * language, a copyright line, then the body.
 * LexisNexis (Nexis Uni): each article ends with "End of Document" (older
 * exports open each with "3 of 25 DOCUMENTS"); before the "Body" line come
 * the headline, the publication, the date and labelled lines (Byline:,
 * Section:, Length:, Dateline:); after the body, Load-Date: and others.
 * Metadata lines become the article's fields and are not body text; the
 * body is unwrapped when hard-wrapped.
 */
#include "reader.h"
#include "unwrap.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct { const char *s; size_t n; } str_t;

static str_t trim(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    return (str_t){s, n};
}

static int factiva_marker(str_t l)
{
    if (l.n < 9 + 16 || l.n > 9 + 40 || strncmp(l.s, "Document ", 9) != 0) return 0;
    for (size_t i = 9; i < l.n; i++)
        if (!isalnum((unsigned char)l.s[i])) return 0;
    return 1;
}

static int nexis_end(str_t l) { return l.n == 15 && !memcmp(l.s, "End of Document", 15); }

/* "3 of 25 DOCUMENTS": opens an article of an older LexisNexis export. */
static int nexis_head(str_t l)
{
    size_t i = 0;
    while (i < l.n && isdigit((unsigned char)l.s[i])) i++;
    if (!i || i + 4 > l.n || strncmp(l.s + i, " of ", 4) != 0) return 0;
    i += 4;
    size_t j = i;
    while (j < l.n && isdigit((unsigned char)l.s[j])) j++;
    return j > i && l.n - j == 10 && !strncasecmp(l.s + j, " DOCUMENTS", 10);
}

enum { EX_NONE, EX_FACTIVA, EX_NEXIS };

static int export_kind(const char *s, size_t n)
{
    int kind = EX_NONE;
    for (size_t b = 0; b < n && kind == EX_NONE;) {
        const char *nl = memchr(s + b, '\n', n - b);
        size_t e = nl ? (size_t)(nl - s) : n;
        str_t l = trim(s + b, e - b);
        if (factiva_marker(l)) kind = EX_FACTIVA;
        else if (nexis_end(l) || nexis_head(l)) kind = EX_NEXIS;
        b = e + 1;
    }
    return kind;
}

static const char *label(str_t l, const char *name)
{
    size_t m = strlen(name);
    if (l.n > m + 1 && !strncasecmp(l.s, name, m) && l.s[m] == ':') return l.s + m + 1;
    return NULL;
}

static int words_line(str_t l)      /* "523 words" */
{
    size_t i = 0;
    while (i < l.n && (isdigit((unsigned char)l.s[i]) || l.s[i] == ',')) i++;
    return i && l.n - i == 6 && !strncasecmp(l.s + i, " words", 6);
}

static int prose(str_t l)
{
    size_t words = 1;
    for (size_t i = 0; i < l.n; i++) words += l.s[i] == ' ';
    return l.n >= 100 || (words >= 8 && l.n && (l.s[l.n - 1] == '.' || l.s[l.n - 1] == '"'));
}

static const char *dupl(lede_arena *ar, str_t l, size_t skip)
{
    str_t t = trim(l.s + skip, l.n - skip);
    return t.n ? lede_meta(ar, t.s, t.n) : NULL;
}

/* One article: lines [b, e) of s. Metadata lines fill a; the body's
 * bytes go to body. */
static int one_article(lede_corpus *c, lede_article *a, const char *s, size_t b, size_t e,
                       int kind)
{
    lede_arena *ar = c->arena;
    size_t body_b = e, pos = b;
    int nexis_body = 0;
    /* Nexis: is there a "Body" line? Then everything before it is header. */
    if (kind == EX_NEXIS)
        for (size_t p = b; p < e;) {
            const char *nl = memchr(s + p, '\n', e - p);
            size_t le = nl ? (size_t)(nl - s) : e;
            str_t l = trim(s + p, le - p);
            if (l.n == 4 && !memcmp(l.s, "Body", 4)) { nexis_body = 1; break; }
            p = le + 1;
        }
    while (pos < e) {
        const char *nl = memchr(s + pos, '\n', e - pos);
        size_t le = nl ? (size_t)(nl - s) : e;
        str_t l = trim(s + pos, le - pos);
        size_t next = le + 1;
        if (!l.n || nexis_head(l)) { pos = next; continue; }
        if (kind == EX_NEXIS && l.n == 4 && !memcmp(l.s, "Body", 4)) { body_b = next; break; }
        if (!nexis_body && prose(l)) { body_b = pos; break; }
        const char *v;
        lede_date d;
        if ((v = label(l, "Byline"))) a->byline = dupl(ar, l, (size_t)(v - l.s));
        else if ((v = label(l, "Dateline"))) a->dateline = dupl(ar, l, (size_t)(v - l.s));
        else if ((v = label(l, "Section"))) {
            const char **cat = lede_arena_alloc(ar, sizeof *cat);
            if (cat && (cat[0] = dupl(ar, l, (size_t)(v - l.s)))) {
                a->categories = cat;
                a->ncategories = 1;
            }
        } else if (label(l, "Length") || label(l, "Language") || label(l, "Publication-Type")) {
            /* counts and codes: neither metadata kept nor body */
        } else if (!strncmp(l.s, "By ", 3) && l.n < 80 && !a->byline) {
            a->byline = dupl(ar, l, 3);
        } else if (words_line(l) || !strncasecmp(l.s, "Copyright", 9) || !strncmp(l.s, "(c)", 3) ||
                   !strncmp(l.s, "\xC2\xA9", 2) || (l.n == 7 && !strncasecmp(l.s, "English", 7))) {
            /* Factiva's word count, copyright and language lines */
        } else if (!a->date && l.n < 60 && lede_date_find(l.s, l.n, &d, &(size_t){0}, &(size_t){0}) &&
                   d.precision >= LEDE_PREC_DAY) {
            a->date = lede_iso_date(ar, l.s, l.n);
        } else if (!a->title) {
            a->title = dupl(ar, l, 0);
        } else if (!a->source && !(l.n <= 8 && kind == EX_FACTIVA)) {
            a->source = dupl(ar, l, 0);      /* the publication (Factiva: not its code) */
        }
        pos = next;
    }
    /* the body, up to the trailing labelled lines of a Nexis article */
    size_t body_e = e;
    if (kind == EX_NEXIS)
        for (size_t p = body_b; p < e;) {
            const char *nl = memchr(s + p, '\n', e - p);
            size_t le = nl ? (size_t)(nl - s) : e;
            str_t l = trim(s + p, le - p);
            if (label(l, "Load-Date") || label(l, "Classification") || label(l, "Language") ||
                label(l, "Publication-Type") || label(l, "Graphic")) {
                body_e = p;
                break;
            }
            p = le + 1;
        }
    const char *body = s + body_b;
    size_t bn = body_e > body_b ? body_e - body_b : 0;
    char *un = NULL;
    if (lede_is_wrapped(body, bn)) {
        if (!(un = lede_unwrap(body, bn, 0, &bn))) return -1;
        body = un;
    }
    a->given = 1;                            /* the metadata lines are gone: all body */
    if (!bn && a->title) body = a->title, bn = strlen(a->title);
    int rc = lede_article_set_raw(c, a, 0, body, bn);
    free(un);
    return rc;
}

/* Split s into articles at the export's markers; -1 when it is no export. */
int lede_read_export(lede_corpus *c, const char *path, const char *s, size_t n)
{
    int kind = export_kind(s, n);
    if (kind == EX_NONE) return -1;
    const char *format = kind == EX_FACTIVA ? "factiva" : "lexisnexis";
    long nth = 0;
    int added = 0;
    size_t start = 0;
    for (size_t b = 0; b <= n;) {
        const char *nl = b < n ? memchr(s + b, '\n', n - b) : NULL;
        size_t e = nl ? (size_t)(nl - s) : n;
        str_t l = trim(s + b, e - b);
        int end = kind == EX_FACTIVA ? factiva_marker(l) : nexis_end(l);
        int head = kind == EX_NEXIS && nexis_head(l) && b > start;
        int last = !nl;
        if (end || head || last) {
            size_t stop = head ? b : last && !end ? n : b;
            str_t chunk = trim(s + start, stop > start ? stop - start : 0);
            if (chunk.n) {
                int skip;
                lede_article *a = lede_article_begin(c, path, format, ++nth, &skip);
                if (!a && !skip) return 0;
                if (a) {
                    if (one_article(c, a, s, start, stop, kind) != 0 ||
                        lede_article_end(c, a, a->date != NULL) != 0) {
                        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
                        return added;
                    }
                    added++;
                }
            }
            start = head ? b : e + 1;
        }
        if (last) break;
        b = e + 1;
    }
    return added;
}
