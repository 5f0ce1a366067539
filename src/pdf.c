/*
 * pdf.c — PDF documents through poppler-glib: the text of every page in
 * reading order, page-number lines and running headers and footers left
 * out, words hyphenated at line ends joined, then the
 * wrapped lines joined into paragraphs (unwrap.c). One article per
 * document; its title and author from the document's information when
 * they look like a title and a name (not "Microsoft Word - x.docx").
 */
#include "reader.h"
#include "unwrap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dlfcn.h>
#include <pthread.h>
#include <poppler.h>

/* poppler-glib (and the cairo, glib and font libraries under it) is
 * opened the first time a PDF is met, not at start-up: mapped at start it
 * costs every run some 8 MB of memory, PDF or not. The headers give the
 * types; these pointers, the calls. */
static struct {
    GBytes *(*bytes_new)(gconstpointer, gsize);
    void (*bytes_unref)(GBytes *);
    PopplerDocument *(*doc_new)(GBytes *, const char *, GError **);
    int (*n_pages)(PopplerDocument *);
    PopplerPage *(*get_page)(PopplerDocument *, int);
    char *(*page_text)(PopplerPage *);
    char *(*get_title)(PopplerDocument *);
    char *(*get_author)(PopplerDocument *);
    void (*unref)(gpointer);
    void (*gfree)(gpointer);
    void (*error_free)(GError *);
    int ok;
} P;
static pthread_once_t p_once = PTHREAD_ONCE_INIT;

static void p_load(void)
{
    void *h = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libpoppler-glib.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    /* dlsym on the handle also finds glib's and gobject's symbols: they
     * are its dependencies */
    *(void **)&P.bytes_new = dlsym(h, "g_bytes_new");
    *(void **)&P.bytes_unref = dlsym(h, "g_bytes_unref");
    *(void **)&P.doc_new = dlsym(h, "poppler_document_new_from_bytes");
    *(void **)&P.n_pages = dlsym(h, "poppler_document_get_n_pages");
    *(void **)&P.get_page = dlsym(h, "poppler_document_get_page");
    *(void **)&P.page_text = dlsym(h, "poppler_page_get_text");
    *(void **)&P.get_title = dlsym(h, "poppler_document_get_title");
    *(void **)&P.get_author = dlsym(h, "poppler_document_get_author");
    *(void **)&P.unref = dlsym(h, "g_object_unref");
    *(void **)&P.gfree = dlsym(h, "g_free");
    *(void **)&P.error_free = dlsym(h, "g_error_free");
    P.ok = P.bytes_new && P.bytes_unref && P.doc_new && P.n_pages && P.get_page &&
           P.page_text && P.get_title && P.get_author && P.unref && P.gfree && P.error_free;
}

typedef struct { char *s; size_t n, cap; int oom; } pbuf;

static void pb_add(pbuf *b, const char *s, size_t n)
{
    if (b->oom || !n) return;
    if (lede_bytes_append(&b->s, &b->n, &b->cap, s, n, 4096) != 0) b->oom = 1;
}

/* A line that is only a page number ("3", "- 3 -", "Page 3 of 9"). */
static int page_number(const char *s, size_t n)
{
    size_t digits = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) digits++;
        else if (!strchr(" -/().", c)) other++;
    }
    if (digits && !other) return 1;
    return n < 20 && digits && !strncmp(s, "Page ", 5);
}

/* Running headers and footers: a line among the first or last EDGE
 * non-empty lines of a page, at most 60 bytes long, that recurs in the
 * same place, digits aside ("Page 3", a date, the file name), on more
 * than half of the pages (two at least). */
enum { EDGE = 3, MAXKEYS = 64 };

typedef struct { char key[96]; int pages, last_page; } edge_t;

/* The key of a line at a page's edge: its slot (first, second, ... or
 * last, second last, ...) and its text without digits or spaces. */
static void line_key(const char *s, size_t n, int idx, int total, char *key, size_t ksz)
{
    size_t k = 0;
    key[k++] = idx < EDGE ? (char)('a' + idx) : (char)('A' + (total - 1 - idx));
    for (size_t i = 0; i < n && k + 1 < ksz; i++)
        if (!isdigit((unsigned char)s[i]) && !isspace((unsigned char)s[i])) key[k++] = s[i];
    key[k] = '\0';
}

/* Calls fn on each non-empty trimmed line of t with its index among them
 * and the count of them. */
typedef void (*line_fn)(const char *s, size_t n, int idx, int total, void *ud);

static int count_lines(const char *t)
{
    int k = 0;
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        for (size_t i = 0; i < n; i++)
            if (!isspace((unsigned char)p[i])) { k++; break; }
        p += n + (nl != NULL);
    }
    return k;
}

static void each_line(const char *t, line_fn fn, void *ud)
{
    int total = count_lines(t), idx = 0;
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t a = 0, e = n;
        while (a < e && isspace((unsigned char)p[a])) a++;
        while (e > a && isspace((unsigned char)p[e - 1])) e--;
        if (e > a) fn(p + a, e - a, idx++, total, ud);
        p += n + (nl != NULL);
    }
}

typedef struct { edge_t *v; int n, page, npages; pbuf *out; } edges_t;

static int at_edge(int idx, int total) { return idx < EDGE || idx >= total - EDGE; }

static void note_edge(const char *s, size_t n, int idx, int total, void *ud)
{
    edges_t *x = ud;
    if (!at_edge(idx, total) || n > 60) return;   /* running lines are short */
    char key[96];
    line_key(s, n, idx, total, key, sizeof key);
    if (!key[1]) return;
    for (int i = 0; i < x->n; i++)
        if (!strcmp(x->v[i].key, key)) {
            if (x->v[i].last_page != x->page) x->v[i].pages++, x->v[i].last_page = x->page;
            return;
        }
    if (x->n < MAXKEYS) {
        edge_t *e = &x->v[x->n++];
        snprintf(e->key, sizeof e->key, "%s", key);
        e->pages = 1;
        e->last_page = x->page;
    }
}

static int running(const edges_t *x, const char *s, size_t n, int idx, int total)
{
    char key[96];
    line_key(s, n, idx, total, key, sizeof key);
    for (int i = 0; i < x->n; i++)
        if (!strcmp(x->v[i].key, key))
            return x->v[i].pages >= 2 && x->v[i].pages * 2 > x->npages;
    return 0;
}

/* Append a line unless it is a page number or a running header/footer. */
static void keep_line(const char *s, size_t n, int idx, int total, void *ud)
{
    edges_t *x = ud;
    if (page_number(s, n) || (at_edge(idx, total) && running(x, s, n, idx, total))) return;
    pb_add(x->out, s, n);
    pb_add(x->out, "\n", 1);
}

/* Document information that reads as a title (not a file name). */
static int good_title(const char *t)
{
    if (!t || strlen(t) < 8) return 0;
    static const char *const bad[] = {".doc", ".pdf", ".txt", ".ps", "Microsoft", "untitled",
                                      "Untitled", "Enscript", NULL};
    for (int i = 0; bad[i]; i++)
        if (strstr(t, bad[i])) return 0;
    return strchr(t, ' ') != NULL;
}

int lede_read_pdf(lede_corpus *c, const char *path, const char *bytes, size_t n)
{
    pthread_once(&p_once, p_load);
    if (!P.ok) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                  "PDF: libpoppler-glib could not be loaded (install libpoppler-glib8), skipped");
        c->nrejected++;
        return 0;
    }
    GBytes *gb = P.bytes_new(bytes, n);
    GError *err = NULL;
    PopplerDocument *doc = P.doc_new(gb, NULL, &err);
    P.bytes_unref(gb);
    if (!doc) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "unreadable PDF (%s), skipped",
                  err && err->message ? err->message : "poppler could not open it");
        if (err) P.error_free(err);
        c->nrejected++;
        return 0;
    }
    pbuf b = {0};
    int pages = P.n_pages(doc);
    char **texts = calloc(pages > 0 ? (size_t)pages : 1, sizeof *texts);
    edge_t edges[MAXKEYS];
    edges_t x = {edges, 0, 0, pages, &b};
    for (int i = 0; texts && i < pages; i++) {
        PopplerPage *pg = P.get_page(doc, i);
        if (!pg) continue;
        texts[i] = P.page_text(pg);
        P.unref(pg);
        x.page = i;
        if (texts[i]) each_line(texts[i], note_edge, &x);
    }
    for (int i = 0; texts && i < pages; i++) {
        if (texts[i]) each_line(texts[i], keep_line, &x);
        P.gfree(texts[i]);
    }
    if (!texts) b.oom = 1;
    free(texts);
    char *title = P.get_title(doc), *author = P.get_author(doc);
    P.unref(doc);
    int rc = 0;
    size_t un_n = 0;
    char *un = NULL;
    if (b.oom || (b.n && !(un = lede_unwrap(b.s, b.n, 1, &un_n)))) goto oom;
    int skip;
    lede_article *a = NULL;
    if (!un || un_n == 0 || !memchr(un, ' ', un_n)) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                  "PDF with no text (scanned pages need OCR first), skipped");
        c->nrejected++;
        goto done;
    }
    if (!(a = lede_article_begin(c, path, "pdf", 0, &skip))) {
        if (!skip) rc = -1;
        goto done;
    }
    if (good_title(title)) a->title = lede_meta(c->arena, title, strlen(title));
    if (author && *author && strlen(author) < 80)
        a->byline = lede_meta(c->arena, author, strlen(author));
    if (lede_article_set_raw(c, a, 0, un, un_n) != 0) goto oom;
    rc = lede_article_end(c, a, 0) == 0 ? 1 : -1;
    goto done;
oom:
    lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
    rc = -1;
done:
    free(un);
    free(b.s);
    P.gfree(title);
    P.gfree(author);
    return rc;
}
