/*
 * warc.c — web archives (WARC 1.0/1.1; a .warc.gz is decompressed first,
 * its members one after another). Each response record whose HTTP payload
 * is HTML (and each resource record of HTML) becomes an article read by
 * the page reader, with the record's WARC-Target-URI as its url and, when
 * the page itself gives no date, the WARC-Date; the HTTP Content-Type's
 * charset is the page's unless a BOM or valid UTF-8 says otherwise. The HTTP body is
 * de-chunked and, when gzip-encoded, decompressed. Other records
 * (request, metadata, warcinfo, images) are passed over.
 */
#include "reader.h"
#include "decompress.h"
#include "nfc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct { const char *s; size_t n; } str_t;

/* The value of header name in the block [s, s+n) of "Name: value" lines. */
static str_t header(const char *s, size_t n, const char *name)
{
    size_t m = strlen(name);
    for (size_t b = 0; b < n;) {
        const char *nl = memchr(s + b, '\n', n - b);
        size_t e = nl ? (size_t)(nl - s) : n;
        if (e - b > m && !strncasecmp(s + b, name, m) && s[b + m] == ':') {
            size_t v = b + m + 1, ve = e;
            while (v < ve && (s[v] == ' ' || s[v] == '\t')) v++;
            while (ve > v && (s[ve - 1] == '\r' || s[ve - 1] == ' ')) ve--;
            return (str_t){s + v, ve - v};
        }
        b = e + 1;
    }
    return (str_t){NULL, 0};
}

static int has_ci(str_t v, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; v.s && i + m <= v.n; i++)
        if (!strncasecmp(v.s + i, needle, m)) return 1;
    return 0;
}

/* The end of a header block: the offset after its blank line, or 0. */
static size_t headers_end(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\n') continue;
        if (s[i + 1] == '\n') return i + 2;
        if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') return i + 3;
    }
    return 0;
}

/* Chunked transfer coding undone, into a malloc'd buffer. */
static char *dechunk(const char *s, size_t n, size_t *outn)
{
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0, i = 0;
    while (i < n) {
        char *end;
        unsigned long long len = strtoull(s + i, &end, 16);
        if (end == s + i) break;
        const char *nl = memchr(end, '\n', n - (size_t)(end - s));
        if (!nl || len == 0) break;
        i = (size_t)(nl - s) + 1;
        if (len > n - i) len = n - i;        /* cut short: what is there */
        memcpy(out + o, s + i, len);
        o += len;
        i += len;
        while (i < n && (s[i] == '\r' || s[i] == '\n')) i++;
    }
    out[o] = '\0';
    *outn = o;
    return out;
}

/* One HTML payload as an article. */
static int add_page(lede_corpus *c, const char *path, long nth, const char *html, size_t n,
                    str_t uri, str_t date, str_t ctype)
{
    int skip;
    lede_article *a = lede_article_begin(c, path, "warc", nth, &skip);
    if (!a) return skip ? 0 : -1;
    char ct[128];                            /* the HTTP Content-Type: its charset */
    size_t cn = ctype.n < sizeof ct - 1 ? ctype.n : sizeof ct - 1;
    memcpy(ct, ctype.s ? ctype.s : "", cn);
    ct[cn] = '\0';
    int h = lede_html_article_http(c, a, html, n, ct);
    if (h < 0) goto oom;
    if (h > 0) return 0;
    if (uri.n && !(a->url = lede_meta(c->arena, uri.s, uri.n))) goto oom;
    if (!a->date && date.n) a->date = lede_iso_date(c->arena, date.s, date.n);
    if (lede_nfc_article(c->arena, a) != 0) goto oom;
    return lede_article_end(c, a, 0) == 0 ? 1 : -1;
oom:
    lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
    return -1;
}

/* The HTML in a record's block, or NULL; *own: it was copied (free it). */
static const char *record_html(str_t type, str_t ctype, const char *blk, size_t n,
                               size_t *outn, char **own, str_t *page_ctype)
{
    *own = NULL;
    *page_ctype = ctype;
    if (has_ci(type, "resource")) {
        if (!has_ci(ctype, "html")) return NULL;
        *outn = n;
        return blk;
    }
    if (!has_ci(type, "response") || !has_ci(ctype, "http")) return NULL;
    size_t he = headers_end(blk, n);
    if (!he) return NULL;
    str_t hct = header(blk, he, "Content-Type");
    if (!has_ci(hct, "html")) return NULL;
    *page_ctype = hct;
    const char *body = blk + he;
    size_t bn = n - he;
    if (has_ci(header(blk, he, "Transfer-Encoding"), "chunked")) {
        if (!(*own = dechunk(body, bn, &bn))) return NULL;
        body = *own;
    }
    int z = lede_compression(body, bn);
    if (z != LEDE_Z_NONE && has_ci(header(blk, he, "Content-Encoding"), "gzip")) {
        char *un;
        size_t un_n;
        int rc = lede_decompress(z, body, bn, &un, &un_n);
        free(*own);
        *own = NULL;
        if (rc < 0 || rc >= LEDE_Z_TOO_LARGE) {
            if (rc >= 0) free(un);
            return NULL;
        }
        *own = un;
        body = un;
        bn = un_n;
    }
    *outn = bn;
    return body;
}

/* The next "WARC/" at a line start at or after i (a resync point). */
static size_t next_record(const char *s, size_t n, size_t i)
{
    for (; i + 5 <= n; i++)
        if ((i == 0 || s[i - 1] == '\n') && !memcmp(s + i, "WARC/", 5)) return i;
    return n;
}

int lede_read_warc(lede_corpus *c, const char *path, const char *s, size_t n)
{
    int added = 0;
    long nth = 0, nrec = 0;
    size_t i = 0;
    while ((i = next_record(s, n, i)) < n) {
        size_t at = i;
        size_t he = headers_end(s + i, n - i);
        if (!he) {
            lede_diag(c, LEDE_DIAG_WARNING, path, 0, (long)at,
                      "WARC record at byte %zu has no end to its headers, the rest skipped", at);
            break;
        }
        const char *h = s + i;
        str_t len = header(h, he, "Content-Length");
        char buf[32];
        size_t ln = len.n < sizeof buf - 1 ? len.n : sizeof buf - 1;
        memcpy(buf, len.s ? len.s : "", ln);
        buf[ln] = '\0';
        char *end;
        unsigned long long cl = strtoull(buf, &end, 10);
        i += he;
        nrec++;
        if (!len.n || *end) {
            lede_diag(c, LEDE_DIAG_WARNING, path, 0, (long)at,
                      "WARC record at byte %zu has no Content-Length, skipped", at);
            continue;                        /* resync at the next record */
        }
        if (cl > n - i) {
            lede_diag(c, LEDE_DIAG_WARNING, path, 0, (long)at,
                      "WARC record at byte %zu is cut short (%llu bytes said, %zu there)", at,
                      cl, n - i);
            cl = n - i;
        }
        size_t bn;
        char *own;
        str_t pct;
        const char *html = record_html(header(h, he, "WARC-Type"), header(h, he, "Content-Type"),
                                       s + i, (size_t)cl, &bn, &own, &pct);
        if (html) {
            int got = add_page(c, path, ++nth, html, bn, header(h, he, "WARC-Target-URI"),
                               header(h, he, "WARC-Date"), pct);
            free(own);
            if (got < 0) return -1;
            added += got;
        }
        i += (size_t)cl;
    }
    if (nrec == 0) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "no WARC record found, skipped");
        c->nrejected++;
    } else if (nth == 0) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                  "no HTML response among its %ld WARC records", nrec);
    }
    return added;
}
