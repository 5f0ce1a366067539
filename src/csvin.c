/*
 * csvin.c — CSV (RFC 4180) and TSV exports with a header row: one article
 * per record. The text comes from --text-column (default: the first column
 * named text, body or content), the title from --title-column (title,
 * headline), the date from --date-column (date, published); url/link,
 * source, author/byline and id columns are read when present. Quoted
 * fields may hold separators, doubled quotes and line breaks; CR LF and LF
 * line ends both work. Linear in the file.
 */
#include "reader.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *s;
    size_t n, pos;
    long line;              /* line of pos (1-based) */
    char sep;
    int unclosed;           /* a quoted field ran to the end of the file */
} csv_t;

typedef struct { char *s; size_t n, cap; int oom; } fbuf;

static void fb_put(fbuf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (lede_bytes_append(&b->s, &b->n, &b->cap, s, n, 256) != 0) b->oom = 1;
}

/* One record's fields, each a NUL-terminated string in one buffer. */
typedef struct {
    fbuf data;
    size_t *off;
    size_t nf, capf;
    int oom;
} record_t;

static void rec_field(record_t *r, fbuf *f)
{
    if (r->nf == r->capf) {
        size_t nc = r->capf ? r->capf * 2 : 16;
        size_t *no = realloc(r->off, nc * sizeof *no);
        if (!no) { r->oom = 1; return; }
        r->off = no;
        r->capf = nc;
    }
    r->off[r->nf++] = r->data.n;
    fb_put(&r->data, f->s ? f->s : "", f->n);
    fb_put(&r->data, "", 1);                 /* the field's NUL */
    f->n = 0;
}

static const char *field(const record_t *r, long i)
{
    return i >= 0 && (size_t)i < r->nf ? r->data.s + r->off[i] : NULL;
}

/* Read the next record; 0 at the end of the input, -1 on OOM. */
static int next_record(csv_t *p, record_t *r)
{
    r->nf = 0;
    r->data.n = 0;
    if (p->pos >= p->n) return 0;
    fbuf f = {0};
    int quoted = 0, done = 0;
    while (!done) {
        if (p->pos >= p->n) {
            if (quoted) p->unclosed = 1;
            break;
        }
        char ch = p->s[p->pos++];
        if (quoted) {
            if (ch == '"') {
                if (p->pos < p->n && p->s[p->pos] == '"') {
                    fb_put(&f, "\"", 1);
                    p->pos++;
                } else {
                    quoted = 0;
                }
            } else {
                if (ch == '\n') p->line++;
                fb_put(&f, &ch, 1);
            }
        } else if (ch == '"' && f.n == 0) {
            quoted = 1;
        } else if (ch == p->sep) {
            rec_field(r, &f);
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && p->pos < p->n && p->s[p->pos] == '\n') p->pos++;
            p->line++;
            done = 1;
        } else {
            fb_put(&f, &ch, 1);
        }
    }
    rec_field(r, &f);
    int oom = f.oom || r->oom || r->data.oom;
    free(f.s);
    return oom ? -1 : 1;
}

/* The column named by option key, else the first of the defaults. */
static long column(const record_t *h, const char *key, const char *const *defaults, int *missing)
{
    const char *want = lede_input_option_get(key);
    *missing = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < h->nf; i++) {
            const char *name = field(h, (long)i);
            if (want) {
                if (!strcasecmp(name, want)) return (long)i;
                continue;
            }
            for (const char *const *d = defaults; *d; d++)
                if (!strcasecmp(name, *d) && (pass == 1 || d == defaults)) return (long)i;
        }
    *missing = want != NULL;
    return -1;
}

static const char *nonempty(lede_arena *ar, const char *s)
{
    return s && *s ? lede_meta(ar, s, strlen(s)) : NULL;
}

typedef struct { long text, title, date, url, source, author, id; char sep; } cols_t;

static int add_row(lede_corpus *c, const char *path, const record_t *r, const cols_t *k,
                   long line)
{
    const char *text = field(r, k->text);
    if (!text || !*text) {
        lede_diag(c, LEDE_DIAG_WARNING, path, line, -1, "no text in this row, skipped");
        return 0;
    }
    int skip;
    lede_article *a = lede_article_begin(c, path, k->sep == '\t' ? "tsv" : "csv", line, &skip);
    if (!a) return skip ? 0 : -1;
    lede_arena *ar = c->arena;
    a->line = (uint32_t)line;
    a->title = nonempty(ar, field(r, k->title));
    a->url = nonempty(ar, field(r, k->url));
    a->source = nonempty(ar, field(r, k->source));
    a->byline = nonempty(ar, field(r, k->author));
    const char *id = field(r, k->id);
    if (id && *id) a->id = lede_meta(ar, id, strlen(id));
    const char *d = field(r, k->date);
    if (d && *d && !(a->date = lede_iso_date(ar, d, strlen(d))))
        lede_diag(c, LEDE_DIAG_WARNING, path, line, -1, "date \"%.40s\" not understood, ignored", d);
    a->given = 1;                            /* the cell is the article's text */
    if (lede_article_set_raw(c, a, line, text, strlen(text)) != 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, line, -1, "out of memory");
        return -1;
    }
    return lede_article_end(c, a, a->date != NULL) == 0 ? 1 : -1;
}

int lede_read_csv(lede_corpus *c, const char *path, const char *bytes, size_t n, char sep)
{
    csv_t p = {bytes, n, 0, 1, sep, 0};
    if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) p.pos = 3;
    record_t h = {0}, r = {0};
    int rc = next_record(&p, &h), added = 0;
    static const char *const d_text[] = {"text", "body", "content", NULL};
    static const char *const d_title[] = {"title", "headline", NULL};
    static const char *const d_date[] = {"date", "published", NULL};
    static const char *const d_url[] = {"url", "link", NULL};
    static const char *const d_source[] = {"source", "publisher", NULL};
    static const char *const d_author[] = {"author", "byline", NULL};
    static const char *const d_id[] = {"id", NULL};
    cols_t k;
    int miss_text, miss_title, miss_date, m;
    if (rc <= 0) goto out;
    k.sep = sep;
    k.text = column(&h, "text-column", d_text, &miss_text);
    k.title = column(&h, "title-column", d_title, &miss_title);
    k.date = column(&h, "date-column", d_date, &miss_date);
    k.url = column(&h, "", d_url, &m);
    k.source = column(&h, "", d_source, &m);
    k.author = column(&h, "", d_author, &m);
    k.id = column(&h, "", d_id, &m);
    if (miss_title || miss_date)
        lede_diag(c, LEDE_DIAG_WARNING, path, 1, -1, "no column named \"%s\" in the header",
                  lede_input_option_get(miss_title ? "title-column" : "date-column"));
    if (k.text < 0) {
        const char *want = lede_input_option_get("text-column");
        lede_diag(c, LEDE_DIAG_WARNING, path, 1, -1,
                  "no text column in the header (%s%s%s), skipped", want ? "--text-column " : "",
                  want ? want : "text, body or content", "");
        c->nrejected++;
        goto out;
    }
    for (;;) {
        long line = p.line;
        if ((rc = next_record(&p, &r)) <= 0) break;
        if (r.nf == 1 && !*field(&r, 0)) continue;   /* a blank line */
        int got = add_row(c, path, &r, &k, line);
        if (got < 0) { rc = -1; break; }
        added += got;
    }
    if (p.unclosed)
        lede_diag(c, LEDE_DIAG_WARNING, path, p.line, -1,
                  "a quoted field is not closed before the end of the file");
out:
    free(h.data.s);
    free(h.off);
    free(r.data.s);
    free(r.off);
    if (rc < 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
        return -1;
    }
    return added;
}
