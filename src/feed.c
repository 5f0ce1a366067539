/*
 * feed.c — RSS (0.9x, 1.0, 2.0) and Atom feeds, parsed with libxml2's XML
 * parser (recovering, no network, no external entities): one article per
 * item or entry, with its title, link, date (RFC 822 pubDate, dc:date,
 * RFC 3339 published/updated), author, categories, the channel's title as
 * its source, and its content (content:encoded, Atom content, else the
 * description or summary) read as HTML by the page reader's fragment
 * extraction.
 */
#include "reader.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

typedef struct {
    xmlNode *title, *link, *date, *updated, *content, *summary, *author;
    const char *href;                        /* Atom: the alternate link */
    xmlNode *cats[16];
    int ncats;
} item_t;

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *prop(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static void item_fields(xmlNode *it, item_t *f)
{
    memset(f, 0, sizeof *f);
    for (xmlNode *n = it->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *nm = (const char *)n->name;
        const char *pre = n->ns && n->ns->prefix ? (const char *)n->ns->prefix : "";
        if (!strcmp(nm, "title") && !f->title) f->title = n;
        else if (!strcmp(nm, "link")) {
            const char *rel = prop(n, "rel"), *href = prop(n, "href");
            if (href && (!rel || !strcmp(rel, "alternate")) && !f->href) f->href = href;
            else if (!href && !f->link) f->link = n;
        } else if (!strcmp(nm, "guid") && !f->link) {
            const char *perma = prop(n, "isPermaLink");
            if (!perma || strcmp(perma, "false")) f->link = n;
        } else if ((!strcmp(nm, "pubDate") || !strcmp(nm, "published") || !strcmp(nm, "issued") ||
                    (!strcmp(nm, "date") && !strcmp(pre, "dc"))) && !f->date)
            f->date = n;
        else if ((!strcmp(nm, "updated") || !strcmp(nm, "modified")) && !f->updated)
            f->updated = n;
        else if ((!strcmp(nm, "encoded") || (!strcmp(nm, "content") && !*pre)) && !f->content)
            f->content = n;
        else if ((!strcmp(nm, "description") || !strcmp(nm, "summary")) && !f->summary)
            f->summary = n;
        else if ((!strcmp(nm, "author") || !strcmp(nm, "creator")) && !f->author)
            f->author = n;
        else if (!strcmp(nm, "category") || (!strcmp(nm, "subject") && !strcmp(pre, "dc"))) {
            if (f->ncats < 16) f->cats[f->ncats++] = n;
        }
    }
}

/* A node's text, trimmed and with runs of white space made one space. */
static const char *text_of(lede_arena *ar, xmlNode *n)
{
    if (!n) return NULL;
    xmlChar *c = xmlNodeGetContent(n);
    if (!c) return NULL;
    char *s = (char *)c, *w = s;
    int sp = 0;
    for (char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
            sp = w > s;
            continue;
        }
        if (sp) *w++ = ' ';
        sp = 0;
        *w++ = *r;
    }
    *w = '\0';
    const char *out = *s ? lede_meta(ar, s, strlen(s)) : NULL;
    xmlFree(c);
    return out;
}

/* Atom's author is an element with a name; RSS's is text. */
static const char *author_of(lede_arena *ar, xmlNode *n)
{
    if (!n) return NULL;
    for (xmlNode *k = n->children; k; k = k->next)
        if (is(k, "name")) return text_of(ar, k);
    return text_of(ar, n);
}

/* The content as text: escaped HTML (RSS, Atom type="html"), XHTML
 * children (Atom type="xhtml"), or plain text. Malloc'd, or NULL. */
static int content_text(xmlDoc *doc, xmlNode *n, char **out, size_t *outn)
{
    *out = NULL;
    *outn = 0;
    if (!n) return 0;
    const char *type = prop(n, "type");
    xmlChar *html = NULL;
    if (type && strstr(type, "xhtml")) {
        xmlBuffer *b = xmlBufferCreate();
        if (!b) return -1;
        for (xmlNode *k = n->children; k; k = k->next) xmlNodeDump(b, doc, k, 0, 0);
        html = xmlStrdup(xmlBufferContent(b));
        xmlBufferFree(b);
    } else {
        html = xmlNodeGetContent(n);
    }
    if (!html) return 0;
    size_t len = strlen((const char *)html);
    int rc = 0;
    if (type && !strcmp(type, "text")) {
        /* plain text: kept as it is, lines and all */
        if (len && !(*out = strdup((const char *)html))) rc = -1;
        *outn = len;
    } else if (len) {
        rc = lede_html_text((const char *)html, len, out, outn);
    }
    xmlFree(html);
    return rc;
}

static int add_item(lede_corpus *c, const char *path, xmlDoc *doc, xmlNode *it, long nth,
                    const char *format, const char *channel)
{
    item_t f;
    item_fields(it, &f);
    int skip;
    lede_article *a = lede_article_begin(c, path, format, nth, &skip);
    if (!a) return skip ? 0 : -1;
    lede_arena *ar = c->arena;
    char *body = NULL;
    size_t bn = 0;
    if (content_text(doc, f.content ? f.content : f.summary, &body, &bn) != 0) goto oom;
    const char *title = text_of(ar, f.title);
    if (title && strchr(title, '<')) {       /* Atom type="html" titles */
        char *t;
        size_t tn;
        if (lede_html_text(title, strlen(title), &t, &tn) != 0) goto oom;
        if (t) title = lede_meta(ar, t, tn);
        free(t);
    }
    a->title = title;
    a->url = f.href ? lede_meta(ar, f.href, strlen(f.href)) : text_of(ar, f.link);
    const char *d = text_of(ar, f.date ? f.date : f.updated);
    a->date = d ? lede_iso_date(ar, d, strlen(d)) : NULL;
    a->byline = author_of(ar, f.author);
    a->source = channel;
    if (f.ncats) {
        const char **v = lede_arena_calloc(ar, (size_t)f.ncats * sizeof *v);
        if (!v) goto oom;
        size_t k = 0;
        for (int i = 0; i < f.ncats; i++) {
            const char *t = prop(f.cats[i], "term");
            const char *cat = t ? lede_meta(ar, t, strlen(t)) : text_of(ar, f.cats[i]);
            if (cat) v[k++] = cat;
        }
        a->categories = v;
        a->ncategories = k;
    }
    /* the item's text is the article; an item of only a title keeps it as its body */
    a->given = 1;
    const char *raw = body && bn ? body : title ? title : "";
    int rc = lede_article_set_raw(c, a, 0, raw, strlen(raw));
    free(body);
    body = NULL;
    if (rc != 0) goto oom;
    return lede_article_end(c, a, a->date != NULL) == 0 ? 1 : -1;
oom:
    free(body);
    lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
    return -1;
}

static void quiet(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

int lede_read_feed(lede_corpus *c, const char *path, const char *bytes, size_t n)
{
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(NULL, NULL);
    int len = n > INT_MAX ? INT_MAX : (int)n;
    xmlDoc *doc = xmlReadMemory(bytes, len, NULL, NULL,
                                XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc) xmlFreeDoc(doc);
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "not a readable RSS or Atom feed, skipped");
        c->nrejected++;
        return 0;
    }
    int atom = is(root, "feed");
    const char *format = atom ? "atom" : "rss";
    /* RSS 2.0 items are in <channel>; RSS 1.0 (RDF) items are its siblings */
    xmlNode *chan = root;
    for (xmlNode *k = root->children; k && !atom; k = k->next)
        if (is(k, "channel")) chan = k;
    const char *channel = NULL;
    for (xmlNode *k = chan->children; k && !channel; k = k->next)
        if (is(k, "title")) channel = text_of(c->arena, k);
    long nth = 0;
    int added = 0, rc = 0;
    const char *want = atom ? "entry" : "item";
    xmlNode *lists[2] = {chan, chan == root ? NULL : root};
    for (int l = 0; l < 2 && rc >= 0; l++)
        for (xmlNode *k = lists[l] ? lists[l]->children : NULL; k && rc >= 0; k = k->next) {
            if (!is(k, want)) continue;
            rc = add_item(c, path, doc, k, ++nth, format, channel);
            if (rc > 0) added++;
        }
    xmlFreeDoc(doc);
    if (rc < 0) return -1;
    if (nth == 0) lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "a feed with no items");
    return added;
}
