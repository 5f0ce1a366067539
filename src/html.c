/*
 * html.c — HTML pages as articles.
 *
 * A page is parsed with libxml2's HTML parser (recovering from any
 * malformed markup; entities decoded; the charset taken from a BOM,
 * <meta charset> or http-equiv, else UTF-8 when the bytes are valid UTF-8,
 * else windows-1252). Then:
 *
 *   metadata   title from og:title / JSON-LD headline / <h1> / <title>,
 *              without the site name; date, author, section, site name and
 *              canonical URL from <meta>, JSON-LD and <time datetime>.
 *   cleaning   scripts, styles, forms' controls, nav/aside/footer, hidden
 *              elements and elements whose class or id says menu, comments,
 *              share, related, newsletter, ... are dropped.
 *   scoring    every paragraph-like block (p, pre, td, a div of inline
 *              content) of 25+ characters scores 1 + its commas + its
 *              length in hundreds (at most 3); the score goes to its
 *              ancestors (parent whole, grandparent half, then a third of
 *              the level), each starting from a tag bonus and a class/id
 *              weight. The best ancestor, scaled by (1 - link density),
 *              is the article; its siblings join when they score near it
 *              or read as prose.
 *   output     the article's text, one paragraph per block element (p,
 *              div, li, h2-h6, blockquote, ...; two or more <br> in a
 *              row); blocks that are mostly links, widgets or forms are
 *              dropped on the way.
 *
 * When the result is short (under 500 characters) the extraction runs
 * again with less cleaning, and the longest result is kept.
 */
#include "lede/lede.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>


/* ------------------------------------------------------------ buffers */

typedef struct { char *s; size_t n, cap; int oom; } buf_t;

static void buf_add(buf_t *b, const char *s, size_t n)
{
    if (b->oom || n == 0) return;
    if (lede_bytes_append(&b->s, &b->n, &b->cap, s, n, 256) != 0) b->oom = 1;
}

static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(s + i, needle, m) == 0) return s + i;
    return NULL;
}

/* ------------------------------------------------------------- charset */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

/* The charset a <meta> in the first bytes names, into out (lowercase). */
static int meta_charset(const char *s, size_t n, char *out, size_t outsz)
{
    size_t lim = n < 4096 ? n : 4096;
    const char *p = s, *end = s + lim;
    while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt) break;
        const char *cs = find_ci(p, (size_t)(gt - p), "charset");
        if (cs) {
            cs += 7;
            while (cs < gt && (*cs == ' ' || *cs == '=' || *cs == '"' || *cs == '\''))
                cs++;
            size_t k = 0;
            while (cs < gt && k + 1 < outsz &&
                   (isalnum((unsigned char)*cs) || *cs == '-' || *cs == '_' || *cs == ':' || *cs == '.'))
                out[k++] = (char)tolower((unsigned char)*cs++);
            out[k] = '\0';
            if (k) return 1;
        }
        p = gt;
    }
    return 0;
}

/* windows-1252 (and so ISO-8859-1 and ASCII, as browsers read them) to
 * UTF-8, malloc'd; the five unassigned bytes become their C1 controls, as
 * the WHATWG Encoding standard maps them. */
static const uint16_t CP1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static char *cp1252_to_utf8(const char *s, size_t n, size_t *outn)
{
    if (n > (SIZE_MAX - 1) / 3) return NULL;
    char *out = malloc(n * 3 + 1);
    if (!out) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        uint32_t cp = ch < 0x80 ? ch : ch < 0xA0 ? CP1252[ch - 0x80] : ch;
        k += lede_utf8_encode(cp, out + k);
    }
    out[k] = '\0';
    *outn = k;
    return out;
}

static int known_encoding(const char *name)
{
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);
    if (!h) return 0;
    xmlCharEncCloseFunc(h);
    return 1;
}

/* ------------------------------------------------------------- the DOM */

typedef struct {
    size_t text, link;        /* collapsed text bytes in the subtree, inside links */
    size_t own;               /* of which in direct text and inline children */
    uint32_t own_commas;
    uint32_t commas, np, nimg, nli, ninput, nembed, nh;
    double score;
    int candidate, weight, drop, sel, block;
} ninfo;

typedef struct {
    lede_arena *a;
    ninfo *info;
    size_t ninfo;
    int link_depth;
    int strip_unlikely, use_weights, clean_cond;
} ctx_t;

static ninfo *info_of(ctx_t *x, xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    return i && i <= x->ninfo ? &x->info[i - 1] : NULL;
}

static int tag_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

/* Tag classes, sorted by name for bsearch. */
enum { T_BLOCK = 1, T_DROP = 2 };
typedef struct { const char *name; int flags; } tagclass;
static const tagclass TAGS[] = {
    {"address", T_BLOCK},
    {"article", T_BLOCK},
    {"aside", T_BLOCK|T_DROP},
    {"audio", T_DROP},
    {"blockquote", T_BLOCK},
    {"body", T_BLOCK},
    {"button", T_DROP},
    {"canvas", T_DROP},
    {"caption", T_BLOCK},
    {"center", T_BLOCK},
    {"dd", T_BLOCK},
    {"details", T_BLOCK},
    {"dialog", T_DROP},
    {"div", T_BLOCK},
    {"dl", T_BLOCK},
    {"dt", T_BLOCK},
    {"embed", T_DROP},
    {"fieldset", T_BLOCK},
    {"figcaption", T_BLOCK},
    {"figure", T_BLOCK},
    {"footer", T_BLOCK|T_DROP},
    {"form", T_BLOCK},
    {"h1", T_BLOCK},
    {"h2", T_BLOCK},
    {"h3", T_BLOCK},
    {"h4", T_BLOCK},
    {"h5", T_BLOCK},
    {"h6", T_BLOCK},
    {"head", T_DROP},
    {"header", T_BLOCK},
    {"hgroup", T_BLOCK},
    {"hr", T_BLOCK},
    {"html", T_BLOCK},
    {"iframe", T_DROP},
    {"input", T_DROP},
    {"label", T_DROP},
    {"li", T_BLOCK},
    {"link", T_DROP},
    {"main", T_BLOCK},
    {"map", T_DROP},
    {"math", T_DROP},
    {"menu", T_BLOCK},
    {"meta", T_DROP},
    {"nav", T_BLOCK|T_DROP},
    {"noscript", T_BLOCK|T_DROP},
    {"object", T_DROP},
    {"ol", T_BLOCK},
    {"option", T_DROP},
    {"p", T_BLOCK},
    {"picture", T_DROP},
    {"pre", T_BLOCK},
    {"script", T_DROP},
    {"section", T_BLOCK},
    {"select", T_DROP},
    {"source", T_DROP},
    {"style", T_DROP},
    {"summary", T_BLOCK},
    {"svg", T_DROP},
    {"table", T_BLOCK},
    {"tbody", T_BLOCK},
    {"td", T_BLOCK},
    {"template", T_DROP},
    {"textarea", T_DROP},
    {"tfoot", T_BLOCK},
    {"th", T_BLOCK},
    {"thead", T_BLOCK},
    {"title", T_DROP},
    {"tr", T_BLOCK},
    {"ul", T_BLOCK},
    {"video", T_DROP},
};

static int tag_cmp(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const tagclass *)e)->name);
}

static int tag_flags(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->name) return 0;
    const tagclass *t = bsearch(n->name, TAGS, sizeof TAGS / sizeof *TAGS, sizeof *TAGS, tag_cmp);
    return t ? t->flags : 0;
}

/* The value of attribute name, or NULL (not copied). */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *p = n->properties; p; p = p->next)
        if (p->name && !strcasecmp((const char *)p->name, name))
            return p->children && p->children->content ? (const char *)p->children->content : "";
    return NULL;
}

/* class + " " + id, lowercased, into out. */
static void hints(const xmlNode *n, char *out, size_t outsz)
{
    size_t k = 0;
    const char *parts[2] = {attr(n, "class"), attr(n, "id")};
    for (int i = 0; i < 2; i++) {
        if (!parts[i]) continue;
        for (const char *p = parts[i]; *p && k + 2 < outsz; p++)
            out[k++] = (char)tolower((unsigned char)*p);
        if (k + 1 < outsz) out[k++] = ' ';
    }
    out[k] = '\0';
}

/* Does the hint string h hold one of words: as a substring for words of
 * 4+ letters, as a whole token (split at anything but a letter or digit)
 * for shorter ones ("ad", "nav")? One pass over h, each position tried
 * against the words that start with its letter (a strstr per word was
 * the extraction's hottest call on class-heavy pages). */
static int hint_any(const char *h, const char *const *words)
{
    for (const char *p = h; *p; p++) {
        if (!isalpha((unsigned char)*p)) continue;
        for (const char *const *w = words; *w; w++) {
            if ((*w)[0] != *p) continue;
            size_t m = strlen(*w);
            if (strncmp(p, *w, m) != 0) continue;
            if (m >= 4) return 1;
            if ((p == h || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[m]))
                return 1;
        }
    }
    return 0;
}

/* Boilerplate by name: menus, comments, sharing, promotion, sidebars. */
static const char *const UNLIKELY[] = {
    "comment", "disqus", "sidebar", "related", "share", "sharing", "social", "newsletter",
    "subscri", "promo", "advert", "ad", "ads", "sponsor", "breadcrumb", "nav", "menu",
    "cookie", "banner", "popup", "modal", "outbrain", "taboola", "footer", "masthead",
    "recommend", "trending", "popular", "skip", "rss", "signup", "sign-up", "widget",
    "toolbar", "pagination", "pager", "gdpr", "consent", "paywall-prompt", "most-read",
    "more-stories", "read-more", "readmore", "tag-list", "tags", "byline", "author-bio",
    "print", "login", "hidden", "offscreen", "sr-only", "visually-hidden", "jump", "tooltip",
    "hovercard", "rollover", "popover", NULL};
static const char *const MAYBE[] = {"article", "body", "content", "main", "story", "column",
                                    "post", "entry", "text", NULL};
static const char *const POSITIVE[] = {"article", "body", "content", "entry", "post", "story",
                                       "text", "main", "blog", "prose", "hentry", NULL};
static const char *const NEGATIVE[] = {
    "comment", "foot", "footnote", "sidebar", "related", "share", "social", "promo",
    "sponsor", "advert", "ad", "ads", "widget", "meta", "tags", "tag", "caption", "byline",
    "author", "shopping", "newsletter", "subscri", "recommend", "outbrain", "taboola",
    "banner", "masthead", "contact", "scroll", "tool", "nav", "menu", "popular", "trending",
    "hidden", "credit", NULL};

static int class_weight(const xmlNode *n)
{
    char h[512];
    hints(n, h, sizeof h);
    if (!h[0]) return 0;
    int w = 0;
    if (hint_any(h, NEGATIVE)) w -= 25;
    if (hint_any(h, POSITIVE)) w += 25;
    return w;
}

static int is_hidden(const xmlNode *n)
{
    if (attr(n, "hidden")) return 1;
    const char *ah = attr(n, "aria-hidden");
    if (ah && !strcasecmp(ah, "true")) return 1;
    const char *st = attr(n, "style");
    if (st) {
        char low[256];
        size_t k = 0;
        for (const char *p = st; *p && k + 1 < sizeof low; p++)
            if (*p != ' ') low[k++] = (char)tolower((unsigned char)*p);
        low[k] = '\0';
        if (strstr(low, "display:none") || strstr(low, "visibility:hidden")) return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ walking */

typedef int (*enter_fn)(xmlNode *n, void *ud);   /* 1: descend into n */
typedef void (*leave_fn)(xmlNode *n, void *ud);

static void walk(xmlNode *root, enter_fn en, leave_fn lv, void *ud)
{
    xmlNode *n = root;
    while (n) {
        int down = en ? en(n, ud) : 1;
        if (down && n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (lv) lv(n, ud);
            if (n == root) return;
            if (n->next) { n = n->next; break; }
            n = n->parent;
            if (!n) return;
        }
    }
}

/* Collapsed length of a text: each run of white space counts one. */
static size_t collapsed_len(const char *s, uint32_t *commas)
{
    size_t k = 0;
    int sp = 1;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
            if (!sp) k++;
            sp = 1;
        } else {
            if (ch == ',') (*commas)++;
            k++;
            sp = 0;
        }
    }
    return k;
}

/* -- pass: number the elements */
typedef struct { size_t n; } count_t;
static int count_enter(xmlNode *n, void *ud)
{
    if (n->type == XML_ELEMENT_NODE) {
        count_t *c = ud;
        n->_private = (void *)(uintptr_t)(++c->n);
    }
    return 1;
}

/* An embedded post (a tweet and the like) is a blockquote in a container
 * its class calls social: quoted content, not a share widget. */
static int quotes_post(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (tag_is(c, "blockquote")) return 1;
    return 0;
}

/* -- pass: mark what is never article text (dropped elements are skipped
 * by every later pass; the tree itself is left whole, so an attempt with
 * less cleaning reuses it) */
static int drop_enter(xmlNode *n, void *ud)
{
    ctx_t *x = ud;
    if (n->type != XML_ELEMENT_NODE) return 0;
    ninfo *i = info_of(x, n);
    if (!i) return 0;
    int tf = tag_flags(n);
    i->block = (tf & T_BLOCK) != 0;
    if (tag_is(n, "html") || tag_is(n, "body")) return 1;
    if ((tf & T_DROP) || is_hidden(n)) goto drop;
    if (x->strip_unlikely && !tag_is(n, "article") && !tag_is(n, "main")) {
        char h[512];
        hints(n, h, sizeof h);
        const char *ip = attr(n, "itemprop");
        if (h[0] && !(ip && strstr(ip, "articleBody")) && hint_any(h, UNLIKELY) &&
            !hint_any(h, MAYBE) && !quotes_post(n))
            goto drop;
        const char *role = attr(n, "role");
        if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "complementary") ||
                     !strcasecmp(role, "contentinfo") || !strcasecmp(role, "banner") ||
                     !strcasecmp(role, "dialog") || !strcasecmp(role, "menu")))
            goto drop;
    }
    return 1;
drop:
    i->drop = 1;
    return 0;
}

/* -- pass: measure text, links and structure of every element */
static int measure_enter(xmlNode *n, void *ud)
{
    ctx_t *x = ud;
    if (n->type == XML_ELEMENT_NODE) {
        ninfo *i = info_of(x, n);
        if (!i || i->drop) return 0;
        if (tag_is(n, "a")) x->link_depth++;
        return 1;
    }
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content && n->parent) {
        ninfo *pi = info_of(x, n->parent);
        if (pi) {
            uint32_t commas = 0;
            size_t len = collapsed_len((const char *)n->content, &commas);
            pi->text += len;
            pi->commas += commas;
            pi->own += len;
            pi->own_commas += commas;
            if (x->link_depth > 0) pi->link += len;
        }
    }
    return 1;
}

static void measure_leave(xmlNode *n, void *ud)
{
    ctx_t *x = ud;
    if (n->type != XML_ELEMENT_NODE) return;
    ninfo *me = info_of(x, n);
    if (!me || me->drop) return;
    if (tag_is(n, "a") && x->link_depth > 0) x->link_depth--;
    if (tag_is(n, "p") && me->text >= 20) me->np++;
    if (tag_is(n, "img")) me->nimg++;
    if (tag_is(n, "li")) me->nli++;
    if (tag_is(n, "input")) me->ninput++;
    if (tag_is(n, "embed") || tag_is(n, "object") || tag_is(n, "iframe")) me->nembed++;
    if (n->name && n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2])
        me->nh++;
    ninfo *pi = n->parent ? info_of(x, n->parent) : NULL;
    if (pi && !me->block) {
        pi->own += me->text;
        pi->own_commas += me->commas;
    }
    if (pi) {
        pi->text += me->text;
        pi->link += me->link;
        pi->commas += me->commas;
        pi->np += me->np;
        pi->nimg += me->nimg;
        pi->nli += me->nli;
        pi->ninput += me->ninput;
        pi->nembed += me->nembed;
        pi->nh += me->nh;
    }
}

static double link_density(const ninfo *i)
{
    return i->text ? (double)i->link / (double)i->text : 0.0;
}

/* -- pass: score paragraph-like blocks into their ancestors */
static int has_block_child(ctx_t *x, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        ninfo *i = info_of(x, (xmlNode *)c);
        if (i && !i->drop && (i->block || tag_is(c, "img"))) return 1;
    }
    return 0;
}

static int is_para(ctx_t *x, const xmlNode *n)
{
    if (tag_is(n, "p") || tag_is(n, "pre") || tag_is(n, "td")) return 1;
    if ((tag_is(n, "div") || tag_is(n, "section") || tag_is(n, "span")) && !has_block_child(x, n))
        return 1;
    return 0;
}

static void init_candidate(ctx_t *x, xmlNode *n, ninfo *i)
{
    if (i->candidate) return;
    i->candidate = 1;
    double s = 0;
    const char *t = (const char *)n->name;
    if (!strcmp(t, "div") || !strcmp(t, "article") || !strcmp(t, "main")) s = 5;
    else if (!strcmp(t, "pre") || !strcmp(t, "td") || !strcmp(t, "blockquote")) s = 3;
    else if (!strcmp(t, "address") || !strcmp(t, "ol") || !strcmp(t, "ul") || !strcmp(t, "dl") ||
             !strcmp(t, "dd") || !strcmp(t, "dt") || !strcmp(t, "li") || !strcmp(t, "form"))
        s = -3;
    else if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6') s = -5;
    else if (!strcmp(t, "th")) s = -5;
    if (tag_is(n, "article")) s += 10;
    const char *ip = attr(n, "itemprop");
    if (ip && strstr(ip, "articleBody")) s += 30;
    if (x->use_weights) i->weight = class_weight(n);
    i->score = s + i->weight;
}

static void score_up(ctx_t *x, xmlNode *p, size_t len, uint32_t commas)
{
    double s = 1.0 + commas + (len / 100 < 3 ? (double)(len / 100) : 3.0);
    for (int level = 0; p && level < 5; level++, p = p->parent) {
        if (p->type != XML_ELEMENT_NODE) break;
        ninfo *pi = info_of(x, p);
        if (!pi) break;
        init_candidate(x, p, pi);
        double div = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        pi->score += s / div;
    }
}

static int score_enter(xmlNode *n, void *ud)
{
    ctx_t *x = ud;
    if (n->type != XML_ELEMENT_NODE) return 0;
    ninfo *me = info_of(x, n);
    if (!me || me->drop) return 0;
    if (!is_para(x, n)) {
        /* loose text beside blocks (text<br>text<div>...</div>) is a
         * paragraph of this element */
        if (me->own >= 25 && me->block && !tag_is(n, "body") && !tag_is(n, "html"))
            score_up(x, n, me->own, me->own_commas);
        return 1;
    }
    if (me->text < 25) return 1;
    score_up(x, n->parent, me->text, me->commas);
    return tag_is(n, "td") ? 1 : 0;   /* a <p> inside a <p>-like block is counted once */
}

/* A block of the best one's class joins it when it scores this share of
 * it and holds this much text (bodies split between ads and figures). */
#define SAME_RATIO 0.2
#define SAME_MIN_TEXT 100

typedef struct {
    ctx_t *x;
    xmlNode *best;
    double best_score;
} best_t;

static int is_inside(const xmlNode *n, const xmlNode *anc)
{
    for (; n; n = n->parent)
        if (n == anc) return 1;
    return 0;
}

static int best_enter(xmlNode *n, void *ud)
{
    best_t *b = ud;
    if (n->type != XML_ELEMENT_NODE) return 0;
    ninfo *i = info_of(b->x, n);
    if (i && i->drop) return 0;
    if (i && i->candidate && !tag_is(n, "html")) {
        double s = i->score * (1.0 - link_density(i));
        if (!b->best || s > b->best_score) {
            b->best = n;
            b->best_score = s;
        }
    }
    return 1;
}

/* ------------------------------------------------------------- output */

typedef struct {
    ctx_t *x;
    buf_t out;          /* paragraphs joined by "\n\n" */
    buf_t para;         /* the paragraph being built */
    int space;          /* a space is pending in para */
    int brs;            /* <br> in a row */
    size_t npara;
    xmlNode *skip_h1;   /* headings equal to the title are left out */
    const char *title;
} emit_t;

/* Whole paragraphs that are page furniture, never article text. */
static const char *const FURNITURE[] = {
    "advertisement", "advertisement.", "ad", "share", "share this", "share this article",
    "share on facebook", "share on twitter", "tweet", "email", "print", "comments",
    "read more", "read more:", "related", "related:", "related articles", "related stories",
    "story continues below advertisement", "continue reading", "continue reading below",
    "sign up", "subscribe", "skip to content", "skip to main content", "loading...",
    "click to expand", "caption", "getty images", "image", "photo", "video", "close",
    "menu", "sponsored", "scroll to continue with content", "advert", "adverts",
    "this slideshow requires javascript.", "tell us what you think...", "back to top",
    "top", "next", "previous", "more", "see more", NULL};

static int is_furniture(const char *s, size_t n)
{
    if (n > 48) return 0;
    for (const char *const *f = FURNITURE; *f; f++)
        if (strlen(*f) == n && !strncasecmp(*f, s, n)) return 1;
    return 0;
}

/* A short line that is a byline ("By Jane Doe - 11/18/19 11:04 PM") at the
 * top, or a time stamp ("Updated at 1:23 p.m.", "Published 5 May 2020")
 * anywhere: metadata, not body. */
static size_t count_words_(const char *s, size_t n);

static int is_stamp(const char *s, size_t n, size_t npara)
{
    if (n > 100) return 0;
    size_t words = count_words_(s, n);
    if (npara < 3 && words <= 12 && n > 3 && (!strncmp(s, "By ", 3) || !strncmp(s, "BY ", 3))) {
        /* no sentence in it: no full stop followed by a space and a word */
        for (size_t i = 0; i + 2 < n; i++)
            if (s[i] == '.' && s[i + 1] == ' ' && islower((unsigned char)s[i + 2])) return 0;
        return 1;
    }
    static const char *const STAMPS[] = {"Updated ", "Published ", "Posted ", "Last updated ",
                                         "First published ", NULL};
    if (words <= 10) {
        int digit = 0;
        for (size_t i = 0; i < n; i++) digit |= isdigit((unsigned char)s[i]) != 0;
        for (const char *const *st = STAMPS; digit && *st; st++)
            if (!strncasecmp(s, *st, strlen(*st))) return 1;
    }
    return 0;
}

static void flush_para(emit_t *e)
{
    e->space = 0;
    if (e->para.n == 0) return;
    size_t n = e->para.n;
    while (n && e->para.s[n - 1] == ' ') n--;
    if (n && !is_furniture(e->para.s, n) && !is_stamp(e->para.s, n, e->npara)) {
        if (e->out.n) buf_add(&e->out, "\n\n", 2);
        buf_add(&e->out, e->para.s, n);
        e->npara++;
    }
    e->para.n = 0;
}

static void add_text(emit_t *e, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char ch = *p;
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
            e->space = 1;
            p++;
            continue;
        }
        if (ch == 0xC2 && p[1] == 0xA0) {   /* no-break space */
            e->space = 1;
            p += 2;
            continue;
        }
        if (ch < 0x20 || ch == 0x7F) { p++; continue; }
        const unsigned char *q = p;
        while (*q && *q > 0x20 && *q != 0x7F && !(*q == 0xC2 && q[1] == 0xA0)) q++;
        if (e->space && e->para.n) buf_add(&e->para, " ", 1);
        e->space = 0;
        buf_add(&e->para, (const char *)p, (size_t)(q - p));
        p = q;
    }
}

static int is_list(const xmlNode *n) { return tag_is(n, "ul") || tag_is(n, "ol"); }

static int has_ancestor(const xmlNode *n, const char *tag)
{
    for (n = n->parent; n; n = n->parent)
        if (tag_is(n, tag)) return 1;
    return 0;
}

/* Readability's conditional cleaning, in spirit: a container inside the
 * article that is mostly links, images, form controls or list items is
 * not article text. */
static int cond_drop(ctx_t *x, xmlNode *n)
{
    if (!x->clean_cond) return 0;
    if (!(tag_is(n, "div") || tag_is(n, "section") || tag_is(n, "ul") || tag_is(n, "ol") ||
          tag_is(n, "table") || tag_is(n, "form") || tag_is(n, "header") || tag_is(n, "figure") ||
          tag_is(n, "dl")))
        return 0;
    ninfo *i = info_of(x, n);
    if (!i || quotes_post(n)) return 0;
    int weight = x->use_weights ? class_weight(n) : 0;
    double ld = link_density(i);
    if (weight + (i->candidate ? i->score : 0) < 0 && i->commas < 10) return 1;
    if (i->commas >= 10) return 0;
    int list = is_list(n);
    if (tag_is(n, "figure")) return 1;
    if (i->nimg > 1 && (double)i->np / (double)i->nimg < 0.5 && !has_ancestor(n, "figure")) return 1;
    if (!list && i->nli > i->np + 3) return 1;
    if (i->ninput > i->np / 3 + 0) return 1;
    if (list && ld > 0.5) return 1;
    if (!list && weight < 25 && ld > 0.25 && i->text < 1000) return 1;
    if (weight >= 25 && ld > 0.5) return 1;
    if (i->nembed && i->text < 75) return 1;
    if (tag_is(n, "header") && i->np == 0) return 1;
    return 0;
}

static int emit_enter(xmlNode *n, void *ud);
static void emit_leave(xmlNode *n, void *ud);

typedef struct { ctx_t *x; xmlNode *best; const char *cls; double best_score; } sameclass_t;

static int sameclass_enter(xmlNode *n, void *ud)
{
    sameclass_t *sc = ud;
    if (n->type != XML_ELEMENT_NODE) return 0;
    ninfo *i = info_of(sc->x, n);
    if (i && i->drop) return 0;
    if (!i || n == sc->best || !n->name || strcmp((const char *)n->name, (const char *)sc->best->name))
        return 1;
    const char *c = attr(n, "class");
    if (!c || strcmp(c, sc->cls)) return 1;
    if (is_inside(sc->best, n)) return 1;
    if (i->text >= SAME_MIN_TEXT && link_density(i) < 0.3 && i->candidate &&
        i->score * (1 - link_density(i)) >= SAME_RATIO * sc->best_score)
        i->sel = 1;
    return 1;
}

/* Emit every selected subtree, in document order. */
static int selected_enter(xmlNode *n, void *ud)
{
    emit_t *e = ud;
    if (n->type != XML_ELEMENT_NODE) return 0;
    ninfo *i = info_of(e->x, n);
    if (i && i->drop) return 0;
    if (i && i->sel) {
        walk(n, emit_enter, emit_leave, e);
        flush_para(e);
        return 0;
    }
    return 1;
}

static int emit_enter(xmlNode *n, void *ud)
{
    emit_t *e = ud;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) {
            const char *t = (const char *)n->content;
            while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r') t++;
            if (!*t) {   /* white space between two <br> keeps the run */
                e->space = 1;
                return 0;
            }
            if (e->brs >= 2) flush_para(e);
            e->brs = 0;
            add_text(e, (const char *)n->content);
        }
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE) return 0;
    ninfo *ni = info_of(e->x, n);
    if (ni && ni->drop) return 0;
    if (tag_is(n, "br")) {
        if (++e->brs >= 2) flush_para(e);
        else e->space = 1;
        return 0;
    }
    if (tag_is(n, "h1")) return 0;   /* the headline is the title, not body */
    if (ni && ni->block) {
        if (cond_drop(e->x, n)) return 0;
        ninfo *i = info_of(e->x, n);
        if (i && n->name[0] == 'h' && n->name[1] >= '2' && n->name[1] <= '6' &&
            (link_density(i) > 0.5 || (e->x->use_weights && class_weight(n) < 0)))
            return 0;
        if (i && (tag_is(n, "p") || tag_is(n, "li")) && i->text < 200 && link_density(i) > 0.7)
            return 0;
        e->brs = 0;
        flush_para(e);
    }
    return 1;
}

static void emit_leave(xmlNode *n, void *ud)
{
    emit_t *e = ud;
    ninfo *i = n->type == XML_ELEMENT_NODE ? info_of(e->x, n) : NULL;
    if (i && i->block && !i->drop) {
        e->brs = 0;
        flush_para(e);
    }
}

/* ----------------------------------------------------------- metadata */

typedef struct {
    char *og_title, *tw_title, *title_tag, *h1, *ld_headline;
    char *h1s[4];           /* the page's first h1 elements (h1s[0] is h1) */
    int nh1;
    char *date, *ld_date, *time_dt, *mod_date;
    char *author, *ld_author;
    char *site, *ld_site;
    char *url, *canonical, *ld_url;
    char *section, *ld_section;
    buf_t ld_authors;
} meta_t;

static void meta_free(meta_t *m)
{
    char **f[] = {&m->og_title, &m->tw_title, &m->title_tag, &m->h1, &m->ld_headline,
                  &m->date, &m->ld_date, &m->time_dt, &m->mod_date, &m->author,
                  &m->ld_author, &m->site, &m->ld_site, &m->url, &m->canonical,
                  &m->ld_url, &m->section, &m->ld_section};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) free(*f[i]);
    for (int i = 1; i < m->nh1; i++) free(m->h1s[i]);
    free(m->ld_authors.s);
}

/* Collapse white space of s into a new malloc'd string (NULL if empty). */
static char *clean_dup(const char *s)
{
    if (!s) return NULL;
    emit_t e;
    memset(&e, 0, sizeof e);
    add_text(&e, s);
    if (e.para.oom || e.para.n == 0) {
        free(e.para.s);
        return NULL;
    }
    return e.para.s;
}

static void set_once(char **field, const char *v)
{
    if (*field || !v) return;
    *field = clean_dup(v);
}

/* The text content of n, collapsed (malloc'd). */
static char *node_text(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c) return NULL;
    char *r = clean_dup((const char *)c);
    xmlFree(c);
    return r;
}

static int is_url(const char *s) { return s && (!strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) || s[0] == '/'); }

static void on_meta(meta_t *m, xmlNode *n)
{
    const char *key = attr(n, "property");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    const char *v = attr(n, "content");
    if (!key || !v || !*v) return;
    char k[64];
    size_t i = 0;
    for (; key[i] && i + 1 < sizeof k; i++) k[i] = (char)tolower((unsigned char)key[i]);
    k[i] = '\0';
    if (!strcmp(k, "og:title")) set_once(&m->og_title, v);
    else if (!strcmp(k, "twitter:title")) set_once(&m->tw_title, v);
    else if (!strcmp(k, "og:site_name") || !strcmp(k, "application-name")) set_once(&m->site, v);
    else if (!strcmp(k, "og:url")) set_once(&m->url, v);
    else if (!strcmp(k, "article:section") || !strcmp(k, "section") ||
             !strcmp(k, "parsely-section") || !strcmp(k, "article.section") ||
             !strcmp(k, "sailthru.section"))
        set_once(&m->section, v);
    else if (!strcmp(k, "article:published_time") || !strcmp(k, "og:published_time") ||
             !strcmp(k, "datepublished") || !strcmp(k, "pubdate") || !strcmp(k, "publishdate") ||
             !strcmp(k, "publish-date") || !strcmp(k, "publish_date") || !strcmp(k, "date") ||
             !strcmp(k, "dc.date") || !strcmp(k, "dc.date.issued") || !strcmp(k, "dcterms.created") ||
             !strcmp(k, "dcterms.date") || !strcmp(k, "sailthru.date") ||
             !strcmp(k, "parsely-pub-date") || !strcmp(k, "article.published") ||
             !strcmp(k, "originalpublicationdate") || !strcmp(k, "article_date_original") ||
             !strcmp(k, "displaydate") || !strcmp(k, "published_time"))
        set_once(&m->date, v);
    else if (!strcmp(k, "article:modified_time") || !strcmp(k, "datemodified") ||
             !strcmp(k, "og:updated_time"))
        set_once(&m->mod_date, v);
    else if ((!strcmp(k, "author") || !strcmp(k, "article:author") || !strcmp(k, "byl") ||
              !strcmp(k, "parsely-author") || !strcmp(k, "sailthru.author") ||
              !strcmp(k, "dc.creator") || !strcmp(k, "citation_author")) && !is_url(v))
        set_once(&m->author, !strncasecmp(v, "by ", 3) ? v + 3 : v);
}

static const char *ld_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int type_is_article(const cJSON *t)
{
    if (!cJSON_IsString(t) || !t->valuestring) return 0;
    const char *v = t->valuestring;
    return strstr(v, "Article") || strstr(v, "BlogPosting") || strstr(v, "Report") ||
           !strcmp(v, "WebPage");
}

static int ld_is_article(const cJSON *o)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    if (cJSON_IsArray(t)) {
        for (const cJSON *c = t->child; c; c = c->next)
            if (type_is_article(c)) return 1;
        return 0;
    }
    return type_is_article(t);
}

static void ld_person(meta_t *m, const cJSON *a)
{
    const char *name = cJSON_IsString(a) ? a->valuestring : ld_str(a, "name");
    if (!name || !*name || is_url(name)) return;
    char *c = clean_dup(name);
    if (!c) return;
    if (m->ld_authors.n) buf_add(&m->ld_authors, ", ", 2);
    buf_add(&m->ld_authors, c, strlen(c));
    free(c);
}

static void ld_object(meta_t *m, const cJSON *o, int depth)
{
    if (depth > 8 || !o) return;
    if (cJSON_IsArray(o)) {
        for (const cJSON *c = o->child; c; c = c->next) ld_object(m, c, depth + 1);
        return;
    }
    if (!cJSON_IsObject(o)) return;
    const cJSON *graph = cJSON_GetObjectItemCaseSensitive(o, "@graph");
    if (graph) ld_object(m, graph, depth + 1);
    int art = ld_is_article(o);
    if (!art && !ld_str(o, "headline")) return;
    const char *t = (const char *)NULL;
    const cJSON *ty = cJSON_GetObjectItemCaseSensitive(o, "@type");
    if (cJSON_IsString(ty)) t = ty->valuestring;
    int webpage = t && !strcmp(t, "WebPage");
    if (!webpage || !m->ld_headline) set_once(&m->ld_headline, ld_str(o, "headline"));
    set_once(&m->ld_date, ld_str(o, "datePublished"));
    if (!m->ld_date) set_once(&m->ld_date, ld_str(o, "dateCreated"));
    if (webpage) return;
    if (!m->ld_authors.n) {
        const cJSON *au = cJSON_GetObjectItemCaseSensitive(o, "author");
        if (cJSON_IsArray(au)) {
            for (const cJSON *c = au->child; c; c = c->next) ld_person(m, c);
        } else if (au) {
            ld_person(m, au);
        }
    }
    const cJSON *sec = cJSON_GetObjectItemCaseSensitive(o, "articleSection");
    if (cJSON_IsArray(sec) && sec->child && cJSON_IsString(sec->child))
        set_once(&m->ld_section, sec->child->valuestring);
    else if (cJSON_IsString(sec))
        set_once(&m->ld_section, sec->valuestring);
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(o, "publisher");
    if (cJSON_IsArray(pub)) pub = pub->child;
    if (cJSON_IsObject(pub)) set_once(&m->ld_site, ld_str(pub, "name"));
    const char *u = ld_str(o, "url");
    if (u && is_url(u)) set_once(&m->ld_url, u);
    const cJSON *me = cJSON_GetObjectItemCaseSensitive(o, "mainEntityOfPage");
    if (cJSON_IsString(me) && is_url(me->valuestring)) set_once(&m->ld_url, me->valuestring);
    else if (cJSON_IsObject(me) && is_url(ld_str(me, "@id"))) set_once(&m->ld_url, ld_str(me, "@id"));
}

typedef struct { meta_t *m; } metawalk_t;

static int meta_enter(xmlNode *n, void *ud)
{
    meta_t *m = ((metawalk_t *)ud)->m;
    if (n->type != XML_ELEMENT_NODE) return 0;
    if (tag_is(n, "meta")) {
        on_meta(m, n);
        return 0;
    }
    if (tag_is(n, "title")) {
        if (!m->title_tag) m->title_tag = node_text(n);
        return 0;
    }
    if (tag_is(n, "link")) {
        const char *rel = attr(n, "rel");
        if (rel && !strcasecmp(rel, "canonical")) set_once(&m->canonical, attr(n, "href"));
        return 0;
    }
    if (tag_is(n, "script")) {
        const char *ty = attr(n, "type");
        if (ty && strstr(ty, "ld+json")) {
            xmlChar *c = xmlNodeGetContent(n);
            if (c) {
                cJSON *j = cJSON_Parse((const char *)c);
                if (j) {
                    ld_object(m, j, 0);
                    cJSON_Delete(j);
                }
                xmlFree(c);
            }
        }
        return 0;
    }
    if (tag_is(n, "h1") && m->nh1 < 4) {
        char *t = node_text(n);
        if (t && *t) {
            m->h1s[m->nh1++] = t;
            if (!m->h1) m->h1 = t;
        } else {
            free(t);
        }
        return 0;
    }
    if (tag_is(n, "time") && !m->time_dt) {
        const char *dt = attr(n, "datetime");
        if (dt && *dt) set_once(&m->time_dt, dt);
    }
    if (!m->date) {
        const char *ip = attr(n, "itemprop");
        if (ip && !strcmp(ip, "datePublished")) {
            const char *v = attr(n, "datetime");
            if (!v) v = attr(n, "content");
            if (v) set_once(&m->date, v);
        }
    }
    return 1;
}

/* An ISO date (YYYY-MM-DD) from a metadata value, into out. */
static int meta_date(const char *v, char *out, size_t outsz)
{
    if (!v) return 0;
    while (*v == ' ') v++;
    if (strlen(v) >= 10 && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[3]) &&
        v[4] == '-' && isdigit((unsigned char)v[5]) && isdigit((unsigned char)v[6]) && v[7] == '-' &&
        isdigit((unsigned char)v[8]) && isdigit((unsigned char)v[9])) {
        int y = atoi(v), mo = atoi(v + 5), d = atoi(v + 8);
        if (y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
            snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
            return 1;
        }
    }
    /* 8 digits: 20191119 */
    if (strlen(v) >= 8) {
        int ok = 1;
        for (int i = 0; i < 8; i++) ok &= isdigit((unsigned char)v[i]) != 0;
        if (ok && !isdigit((unsigned char)v[8])) {
            int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
            int mo = (v[4] - '0') * 10 + (v[5] - '0'), d = (v[6] - '0') * 10 + (v[7] - '0');
            if (y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
                snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
                return 1;
            }
        }
    }
    lede_date d;
    if (lede_date_parse(v, strlen(v), &d) && d.precision >= LEDE_PREC_DAY) {
        lede_date_iso(&d, out, outsz);
        return 1;
    }
    size_t at, len;
    if (lede_date_find(v, strlen(v), &d, &at, &len) && d.precision >= LEDE_PREC_DAY) {
        lede_date_iso(&d, out, outsz);
        return 1;
    }
    return 0;
}

/* Normalized comparison key: letters and digits, lowercased (ASCII). */
static size_t keyof(const char *s, size_t n, char *out, size_t outsz)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < outsz; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (isalnum(ch) || ch >= 0x80) out[k++] = (char)tolower(ch);
    }
    out[k] = '\0';
    return k;
}

static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
    char ka[1024], kb[1024];
    size_t x = keyof(a, an, ka, sizeof ka), y = keyof(b, bn, kb, sizeof kb);
    return x > 0 && x == y && !memcmp(ka, kb, x);
}

static size_t count_words_(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* The title without the site's name: "Headline | Site", "Site - Headline". */
static size_t strip_site(const char *t, size_t n, const char *site, size_t *start)
{
    static const char *const SEPS[] = {" | ", " - ", " — ", " – ", " :: ", " · ", " • ", " : ", NULL};
    *start = 0;
    for (int round = 0; round < 3; round++) {
        int changed = 0;
        for (const char *const *sp = SEPS; *sp && !changed; sp++) {
            size_t m = strlen(*sp);
            /* the last separator: suffix */
            const char *last = NULL;
            for (size_t i = *start; i + m <= n; i++)
                if (!memcmp(t + i, *sp, m)) last = t + i;
            if (last) {
                const char *suf = last + m;
                size_t sn = (size_t)(t + n - suf);
                size_t hn = (size_t)(last - (t + *start));
                int is_site = site && same_text(suf, sn, site, strlen(site));
                if (is_site || (count_words_(suf, sn) <= 4 && count_words_(t + *start, hn) >= 4 &&
                                !strcmp(*sp, " | ")) ||
                    (count_words_(suf, sn) <= 3 && count_words_(t + *start, hn) >= 5)) {
                    n = (size_t)(last - t);
                    changed = 1;
                    continue;
                }
            }
            /* the first separator: prefix that is the site */
            if (site) {
                const char *first = NULL;
                for (size_t i = *start; i + m <= n; i++)
                    if (!memcmp(t + i, *sp, m)) { first = t + i; break; }
                if (first && same_text(t + *start, (size_t)(first - t) - *start, site, strlen(site))) {
                    *start = (size_t)(first - t) + m;
                    changed = 1;
                }
            }
        }
        if (!changed) break;
    }
    return n;
}

/* The next word of s from *i: a run of letters and digits (UTF-8
 * letters too; curly quotes and dashes, E2 80 xx, separate). */
static size_t next_word(const char *s, size_t n, size_t *i, char *w, size_t wsz)
{
    size_t k = 0;
    while (*i < n) {
        unsigned char c = (unsigned char)s[*i];
        int punct3 = c == 0xE2 && *i + 2 < n && (unsigned char)s[*i + 1] == 0x80;
        int word = !punct3 && (isalnum(c) || c >= 0x80);
        if (word) {
            if (k + 1 < wsz) w[k++] = (char)tolower(c);
            (*i)++;
        } else if (k) {
            break;
        } else {
            *i += punct3 ? 3 : 1;
        }
    }
    w[k] = '\0';
    return k;
}

/* How many of a's words are in b (and how many words a has). */
static void words_in(const char *a, const char *b, size_t *hit, size_t *total)
{
    *hit = *total = 0;
    size_t an = strlen(a), bn = strlen(b), i = 0;
    char w[64], v[64];
    while (next_word(a, an, &i, w, sizeof w)) {
        (*total)++;
        size_t j = 0;
        while (next_word(b, bn, &j, v, sizeof v))
            if (!strcmp(w, v)) {
                (*hit)++;
                break;
            }
    }
}

/* An h1 that says what the meta title says (most words shared both
 * ways) is the headline as the page shows it: its own wording, quotes
 * and dashes, without a social-media variant's changes. */
static const char *visible_headline(meta_t *m, const char *t)
{
    for (int k = 0; k < m->nh1; k++) {
        size_t h_in_t, nh, t_in_h, nt;
        words_in(m->h1s[k], t, &h_in_t, &nh);
        words_in(t, m->h1s[k], &t_in_h, &nt);
        if (nh >= 3 && h_in_t * 10 >= nh * 7 && t_in_h * 10 >= nt * 6) return m->h1s[k];
    }
    return NULL;
}

static const char *pick_title(lede_arena *a, meta_t *m, const char *site)
{
    const char *cands[] = {m->og_title, m->ld_headline, m->tw_title, m->title_tag};
    const char *t = NULL;
    for (size_t i = 0; i < 4 && !t; i++) t = cands[i];
    if (m->h1 && t) {
        /* the page's own headline is the h1 when the meta title holds it */
        char kt[1024], kh[1024];
        size_t x = keyof(t, strlen(t), kt, sizeof kt), y = keyof(m->h1, strlen(m->h1), kh, sizeof kh);
        if (y >= 10 && x >= y && strstr(kt, kh)) t = m->h1;
        else if (visible_headline(m, t)) t = visible_headline(m, t);
    }
    if (!t) t = m->h1;
    if (!t) return NULL;
    size_t start, n = strip_site(t, strlen(t), site, &start);
    while (start < n && t[start] == ' ') start++;
    while (n > start && t[n - 1] == ' ') n--;
    if (n <= start) return NULL;
    return lede_arena_strndup(a, t + start, n - start);
}

/* --------------------------------------------------------- extraction */

static int has_multibyte_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !((unsigned char)s[i] & 0x80)) i++;
    return i < n && lede_utf8_valid(s + i, n - i, NULL);
}

static void quiet_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/* The charset of an HTTP Content-Type (a WARC record's), lowercased, as
 * browsers read it; "" when none. */
static void http_charset(const char *ctype, char *cs, size_t csz)
{
    cs[0] = '\0';
    const char *p = ctype ? find_ci(ctype, strlen(ctype), "charset=") : NULL;
    if (!p) return;
    p += 8;
    if (*p == '"' || *p == '\'') p++;
    size_t k = 0;
    while (*p && *p != ';' && *p != '"' && *p != '\'' && *p != ' ' && k + 1 < csz)
        cs[k++] = (char)tolower((unsigned char)*p++);
    cs[k] = '\0';
}

static htmlDocPtr parse_cs(const char *bytes, size_t n, char *enc_used, size_t encsz,
                           const char *http);

/* The charset the page is declared in: by HTTP, else by a <meta>. */
static int declared_charset(const char *http, const char *bytes, size_t n, char *cs, size_t csz)
{
    if (http && *http) {
        snprintf(cs, csz, "%s", http);
        return 1;
    }
    return meta_charset(bytes, n, cs, csz);
}

static htmlDocPtr parse(const char *bytes, size_t n, char *enc_used, size_t encsz)
{
    return parse_cs(bytes, n, enc_used, encsz, NULL);
}

/* As parse, with the charset an HTTP header gave (after a BOM and valid
 * multi-byte UTF-8, before <meta>, as the WHATWG standard orders them). */
static htmlDocPtr parse_cs(const char *bytes, size_t n, char *enc_used, size_t encsz,
                           const char *http)
{
    pthread_once(&xml_once, xml_init);
    const char *enc = NULL;
    char cs[64];
    if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
        bytes += 3, n -= 3;
        enc = "UTF-8";
    } else if (n >= 2 && (unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) {
        bytes += 2, n -= 2;
        enc = "UTF-16LE";
    } else if (n >= 2 && (unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF) {
        bytes += 2, n -= 2;
        enc = "UTF-16BE";
    } else if (has_multibyte_utf8(bytes, n)) {
        /* valid UTF-8 with non-ASCII characters is UTF-8 whatever a <meta>
         * says (a page saved again as UTF-8 keeps its old declaration;
         * other encodings practically never make valid UTF-8) */
        enc = "UTF-8";
    } else if (declared_charset(http, bytes, n, cs, sizeof cs)) {
        if (!strcmp(cs, "utf8") || !strcmp(cs, "unicode") || !strncmp(cs, "utf-16", 6))
            strcpy(cs, "utf-8");   /* utf-16 declared in bytes that are not: WHATWG */
        /* as browsers do (the WHATWG Encoding standard) */
        if (!strcmp(cs, "iso-8859-1") || !strcmp(cs, "latin1") || !strcmp(cs, "us-ascii") ||
            !strcmp(cs, "ascii") || !strcmp(cs, "iso8859-1") || !strcmp(cs, "latin-1"))
            strcpy(cs, "windows-1252");
        if (!strcmp(cs, "utf-8") && !lede_utf8_valid(bytes, n, NULL)) enc = "UTF-8";
        else if (known_encoding(cs)) enc = cs;
    }
    if (!enc) enc = lede_utf8_valid(bytes, n, NULL) ? "UTF-8" : "windows-1252";
    snprintf(enc_used, encsz, "%s", enc);
    char *conv = NULL;
    if (!strcmp(enc, "windows-1252")) {
        /* converted here: iconv stops at the bytes windows-1252 leaves unassigned */
        size_t cn;
        if (!(conv = cp1252_to_utf8(bytes, n, &cn))) return NULL;
        bytes = conv;
        n = cn;
        enc = "UTF-8";
    }
    /* libxml2 reports encoding trouble on stderr even with NOERROR */
    xmlSetGenericErrorFunc(NULL, quiet_error);
    xmlSetStructuredErrorFunc(NULL, NULL);
    int len = n > INT_MAX ? INT_MAX : (int)n;
    htmlDocPtr doc = htmlReadMemory(bytes, len, NULL, enc,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    free(conv);
    return doc;
}

/* Hand the emitted text to the caller (who frees it), unless an append ran
 * out of memory: 0, or -1 with the text left for the caller's cleanup. */
static int take_text(emit_t *e, char **out, size_t *outn)
{
    if (e->out.oom || e->para.oom) return -1;
    *out = e->out.s;
    *outn = e->out.n;
    e->out.s = NULL;
    return 0;
}

/* One extraction attempt on the parsed page (level 0: full cleaning; each
 * level above drops one kind: unlikely names, class weights, conditional
 * cleaning); the body text into *out (malloc'd, paragraphs joined by
 * "\n\n"). Returns 0, -1 on OOM. */
static int extract_body(xmlNode *root, ninfo *info, size_t ninfo_n, int level, char **out,
                        size_t *outn, size_t *npara, int *found)
{
    *out = NULL;
    *outn = 0;
    *npara = 0;
    *found = 0;
    int rc = -1;
    ctx_t x;
    memset(&x, 0, sizeof x);
    x.strip_unlikely = level < 1;
    x.use_weights = level < 2;
    x.clean_cond = level < 3;
    x.info = info;
    x.ninfo = ninfo_n;
    memset(info, 0, (ninfo_n + 1) * sizeof *info);
    emit_t e;
    memset(&e, 0, sizeof e);
    e.x = &x;

    walk(root, drop_enter, NULL, &x);
    walk(root, measure_enter, measure_leave, &x);
    walk(root, score_enter, NULL, &x);
    best_t b;
    memset(&b, 0, sizeof b);
    b.x = &x;
    walk(root, best_enter, NULL, &b);

    if (b.best && !tag_is(b.best, "body") && !tag_is(b.best, "html")) {
        *found = 1;
        xmlNode *parent = b.best->parent;
        double threshold = b.best_score * 0.2 > 10 ? b.best_score * 0.2 : 10;
        const char *bcls = attr(b.best, "class");
        for (xmlNode *s = parent ? parent->children : b.best; s; s = s->next) {
            int take = s == b.best;
            if (!take && s->type == XML_ELEMENT_NODE) {
                ninfo *si = info_of(&x, s);
                if (si) {
                    double bonus = 0;
                    const char *scls = attr(s, "class");
                    if (bcls && scls && *bcls && !strcmp(bcls, scls)) bonus = b.best_score * 0.2;
                    double ld = link_density(si);
                    if (si->candidate && si->score * (1 - ld) + bonus >= threshold) take = 1;
                    else if (tag_is(s, "p") || (is_para(&x, s) && !tag_is(s, "span"))) {
                        if (si->text > 80 && ld < 0.25) take = 1;
                        else if (si->text >= 25 && ld == 0) {
                            xmlChar *c = xmlNodeGetContent(s);
                            if (c) {
                                size_t cl = strlen((const char *)c);
                                while (cl && isspace(c[cl - 1])) cl--;
                                if (cl && c[cl - 1] == '.') take = 1;
                                xmlFree(c);
                            }
                        }
                    }
                }
            }
            ninfo *si = info_of(&x, s);
            if (take && si) si->sel = 1;
            if (!parent) break;
        }
        if (bcls && *bcls) {
            /* a body split into blocks of one class (between ads, figures) */
            sameclass_t sc = {&x, b.best, bcls, b.best_score};
            walk(root, sameclass_enter, NULL, &sc);
        }
        walk(root, selected_enter, NULL, &e);
    } else {
        xmlNode *body = root;
        for (xmlNode *c = root->children; c; c = c->next)
            if (tag_is(c, "body")) body = c;
        walk(body, emit_enter, emit_leave, &e);
        flush_para(&e);
    }
    if (take_text(&e, out, outn) != 0) goto out;
    *npara = e.npara;
    rc = 0;
out:
    free(e.out.s);
    free(e.para.s);
    return rc;
}

int lede_html_text(const char *html, size_t n, char **out, size_t *outn)
{
    /* A fragment (a feed item's content) is all article: only scripts,
     * styles, hidden and widget elements go, nothing is scored away. */
    *out = NULL;
    *outn = 0;
    char enc[64];
    htmlDocPtr doc = parse(html, n, enc, sizeof enc);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    int rc = -1;
    ninfo *info = NULL;
    emit_t e;
    memset(&e, 0, sizeof e);
    if (!root) {
        rc = doc || n == 0 ? 0 : -1;
        goto out;
    }
    count_t cnt = {0};
    walk(root, count_enter, NULL, &cnt);
    if (!(info = calloc(cnt.n + 1, sizeof *info))) goto out;
    ctx_t x;
    memset(&x, 0, sizeof x);
    x.info = info;
    x.ninfo = cnt.n;
    e.x = &x;
    walk(root, drop_enter, NULL, &x);
    walk(root, measure_enter, measure_leave, &x);
    walk(root, emit_enter, emit_leave, &e);
    flush_para(&e);
    if (take_text(&e, out, outn) != 0) goto out;
    rc = 0;
out:
    free(e.out.s);
    free(e.para.s);
    free(info);
    if (doc) xmlFreeDoc(doc);
    return rc;
}

static int html_article(lede_corpus *c, lede_article *art, const char *bytes, size_t n,
                        const char *http);

int lede_html_article(lede_corpus *c, lede_article *art, const char *bytes, size_t n)
{
    return html_article(c, art, bytes, n, NULL);
}

int lede_html_article_http(lede_corpus *c, lede_article *art, const char *bytes, size_t n,
                           const char *content_type)
{
    char cs[64];
    http_charset(content_type, cs, sizeof cs);
    return html_article(c, art, bytes, n, cs);
}

static int html_article(lede_corpus *c, lede_article *art, const char *bytes, size_t n,
                        const char *http)
{
    const char *path = art->path ? art->path : "-";
    const char *nul = memchr(bytes, '\0', n);
    int utf16 = n >= 2 && (((unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) ||
                           ((unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF));
    if (nul && !utf16) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                  "binary file (NUL byte at offset %zu), skipped", (size_t)(nul - bytes));
        return 1;
    }
    meta_t m;
    memset(&m, 0, sizeof m);
    char *best = NULL;
    size_t bestn = 0, bestp = 0;
    int found = 0, rc = -1;
    char enc[64];
    ninfo *info = NULL;
    htmlDocPtr doc = parse_cs(bytes, n, enc, sizeof enc, http);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    count_t cnt = {0};
    if (root) {
        metawalk_t mw = {&m};
        walk(root, meta_enter, NULL, &mw);
        walk(root, count_enter, NULL, &cnt);
        if (!(info = calloc(cnt.n + 1, sizeof *info))) goto out;
    }
    for (int level = 0; root && level < 4; level++) {
        char *t;
        size_t tn, np;
        int f;
        if (extract_body(root, info, cnt.n, level, &t, &tn, &np, &f) != 0) goto out;
        if (!best || tn > bestn * 1.25 + 100) {
            free(best);
            best = t;
            bestn = tn;
            bestp = np;
            found = f;
        } else {
            free(t);
        }
        if (bestn >= 500) break;
    }
    if (m.ld_authors.oom) goto out;

    lede_arena *a = c->arena;
    const char *site = m.site ? m.site : m.ld_site;
    art->title = pick_title(a, &m, site);
    if (m.nh1) {                             /* the headings, for lede eval --format pages */
        buf_t hb = {0};
        for (int k = 0; k < m.nh1; k++) {
            if (k) buf_add(&hb, "\n", 1);
            buf_add(&hb, m.h1s[k], strlen(m.h1s[k]));
        }
        art->headings = hb.s && !hb.oom ? lede_arena_strdup(a, hb.s) : NULL;
        free(hb.s);
    }
    char iso[32];
    const char *dates[] = {m.ld_date, m.date, m.time_dt};
    for (size_t i = 0; i < 3 && !art->date; i++)
        if (meta_date(dates[i], iso, sizeof iso) && !(art->date = lede_arena_strdup(a, iso)))
            goto out;
    const char *au = m.ld_authors.n ? m.ld_authors.s : m.author;
    if (au && !strncasecmp(au, "by ", 3)) au += 3;
    if (au && !(art->byline = lede_arena_strdup(a, au))) goto out;
    if (site && !(art->source = lede_arena_strdup(a, site))) goto out;
    const char *url = m.canonical && is_url(m.canonical) && m.canonical[0] != '/' ? m.canonical
                      : m.url ? m.url : m.ld_url;
    if (url && !(art->url = lede_arena_strdup(a, url))) goto out;
    const char *sec = m.section ? m.section : m.ld_section;
    if (sec) {
        const char **v = lede_arena_alloc(a, sizeof *v);
        if (!v || !(v[0] = lede_arena_strdup(a, sec))) goto out;
        art->categories = v;
        art->ncategories = 1;
    }

    if (bestn == 0 && !art->title) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "HTML page with no text, skipped");
        rc = 1;
        goto out;
    }
    if (bestn < 200 || bestp == 0 || (!found && bestp < 3))
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                  "HTML page: no article body found (%zu characters of text kept)", bestn);
    /* The body reaches the rules whole, one paragraph per line; the
     * metadata found above is kept (lede_recover fills only what is NULL). */
    size_t nbad = 0, first = 0, len = 0;
    const char *raw = lede_utf8_repair(a, best ? best : "", bestn, &len, &nbad, &first);
    if (!raw) goto out;
    art->raw = raw;
    art->raw_len = len;
    art->given = 1;
    rc = 0;
out:
    free(info);
    if (doc) xmlFreeDoc(doc);
    free(best);
    meta_free(&m);
    return rc;
}
