/*
 * article.c — metadata and boilerplate recovery from a scraped article.
 *
 * The input is the raw text of one article as scrapers leave it: a few
 * lines of site furniture (breadcrumbs, categories, the headline, a deck, a
 * byline with a date, share buttons), the story, then more furniture
 * (reaction widgets, "Related" link lists, copyright and subscription
 * footers). lede_recover() works line by line, in three passes:
 *
 *  1. The header: the lines before the first line that reads like body
 *     text (a long line, or one ending in a full stop). Each header line is
 *     a breadcrumb (boilerplate; its last crumb may carry a site suffix,
 *     "… -ValueCore", which names the source), a metadata line (Date:,
 *     Published:, "By NAME", "NAME | 07.09.2023 - Update …"), a user
 *     interface string (View, Share; boilerplate), a category list
 *     ("Politics, World, Europe"), the headline (site suffix removed), the
 *     deck under it, a repeated headline (boilerplate) or other furniture
 *     (boilerplate). A lone capitalised word above the headline ("World")
 *     is a one-item category list. If none of the first HEADER_MAX_LINES
 *     lines that are not breadcrumbs, metadata or UI strings reads like
 *     body text, everything after the headline is body.
 *     A title already set (JSON Lines) is kept; the text's copy of it is
 *     boilerplate and no other line is taken as a headline.
 *  2. The tail: a "Related"/"Most read"/… heading followed by a list of
 *     links cuts everything to the end; then short lines without final
 *     punctuation at the very end are dropped (unless they continue a
 *     list introduced by ':' or ',').
 *  3. The body: every remaining non-empty line is a paragraph, except site
 *     footers (copyright, "website contains only a portion …"), lone UI
 *     words, reaction widgets ("veryGood! (4766)"), lone stray words and
 *     copies of the headline, which go to the boilerplate list.
 *     When that leaves no body at all, the headline line (still the title)
 *     or the file's one line is the body: a file's only paragraph is never
 *     taken from it.
 *
 * Then the dateline ("BELGRADE, Serbia (AP) — ") is read from the first
 * paragraph (the paragraph keeps it), and if no metadata line gave a date,
 * the first day-precision date in the first two paragraphs is used ("met
 * today (13 June 2023)").
 *
 * Metadata lines are not boilerplate: they are neither in the text nor in
 * art->boilerplate. Every string goes to the arena; scratch memory is
 * malloc'd and freed before returning.
 */
#include "lede/lede.h"
#include "datedoubt.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_MAX_LINES 10   /* non-empty lines examined as header */
#define LEAD_DATE_PARAS  2    /* paragraphs searched for a fallback date */

enum {
    K_NONE = 0, K_EMPTY, K_BODY, K_BP, K_META, K_TITLE, K_SUBTITLE, K_CATS
};

typedef struct {
    const char *s;   /* trimmed line (points into raw) */
    size_t n;
    int words;
    int kind;
} line_t;

typedef struct {
    const char *s;
    size_t n;
} str_t;

/* ------------------------------------------------------------ helpers */

static int lc(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static int is_dig(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_asc_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Byte length of a whitespace character at s[i] (ASCII blanks, NBSP, the
 * U+2000 spaces, zero-width space, narrow NBSP, ideographic space, BOM),
 * or 0. */
static size_t space_at(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c > ' ' && c < 0x7F) return 0;        /* the common case: visible ASCII */
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) return 2;
    if (i + 2 < n) {
        unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
        if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF)) return 3;
        if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;
        if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;
        if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;
        if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;
    }
    return 0;
}

/* Byte length of a whitespace character ending at s[e-1], or 0. */
static size_t space_before(const char *s, size_t b, size_t e)
{
    if (e <= b) return 0;
    for (size_t k = 1; k <= 3 && k <= e - b; k++) {
        size_t w = space_at(s, e, e - k);
        if (w == k) return k;
    }
    return 0;
}

static str_t trim(const char *s, size_t n)
{
    size_t b = 0, e = n, w;
    while (b < e && (w = space_at(s, e, b)) > 0) b += w;
    while (e > b && (w = space_before(s, b, e)) > 0) e -= w;
    str_t r = { s + b, e - b };
    return r;
}

static int count_words(const char *s, size_t n)
{
    /* ASCII without branches on the word/space state (it runs over every
     * line): a word starts where a non-space follows a space */
    int w = 0, in = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            int inw = !(c == ' ' || (unsigned)(c - '\t') < 5u);
            w += inw & !in;
            in = inw;
            i++;
            continue;
        }
        size_t sp = space_at(s, n, i);
        if (sp) { in = 0; i += sp; continue; }
        w += !in;
        in = 1;
        i++;
    }
    return w;
}

/* Case-insensitive (ASCII) prefix test. */
static int starts_ci(const char *s, size_t n, const char *p)
{
    if (!p[0]) return 1;
    if (n == 0 || lc((unsigned char)s[0]) != lc((unsigned char)p[0])) return 0;
    size_t m = strlen(p);
    if (m > n) return 0;
    for (size_t i = 0; i < m; i++)
        if (lc((unsigned char)s[i]) != lc((unsigned char)p[i])) return 0;
    return 1;
}

/* Case-insensitive (ASCII) substring search; returns offset or -1. */
static long find_ci(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    if (m == 0 || m > n) return -1;
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && lc((unsigned char)s[i + k]) == lc((unsigned char)p[k])) k++;
        if (k == m) return (long)i;
    }
    return -1;
}

static long find_bytes(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    if (m == 0 || m > n) return -1;
    /* memchr for the first byte that is not a space (" > " would stop at
     * every space), then compare the whole pattern around it */
    size_t k = 0;
    while (k + 1 < m && p[k] == ' ') k++;
    const char *q = s + k, *end = s + n - m + k + 1;
    while (q < end && (q = memchr(q, p[k], (size_t)(end - q))) != NULL) {
        if (memcmp(q - k, p, m) == 0) return (long)(q - k - s);
        q++;
    }
    return -1;
}

/* Equality ignoring ASCII case and differences in runs of whitespace. */
static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
    str_t ta = trim(a, an), tb = trim(b, bn);
    size_t i = 0, j = 0;
    while (i < ta.n && j < tb.n) {
        size_t wa = space_at(ta.s, ta.n, i), wb = space_at(tb.s, tb.n, j);
        if (wa || wb) {
            if (!wa || !wb) return 0;
            while (i < ta.n && (wa = space_at(ta.s, ta.n, i)) > 0) i += wa;
            while (j < tb.n && (wb = space_at(tb.s, tb.n, j)) > 0) j += wb;
            continue;
        }
        if (lc((unsigned char)ta.s[i]) != lc((unsigned char)tb.s[j])) return 0;
        i++;
        j++;
    }
    return i == ta.n && j == tb.n;
}

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    uint32_t cp = 0;
    size_t l = lede_utf8_decode(s + i, n - i, &cp);
    if (len) *len = l ? l : 1;
    return cp;
}

static int has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t l;
        uint32_t cp = cp_at(s, n, i, &l);
        if (lede_cp_is_alpha(cp)) return 1;
        i += l;
    }
    return 0;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_dig((unsigned char)s[i])) return 1;
    return 0;
}

/* The last code point of s, skipping closing quotes and brackets. */
static uint32_t final_char(const char *s, size_t n)
{
    size_t e = n;
    while (e > 0) {
        size_t b = e - 1;
        while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80 && e - b < 4) b--;
        uint32_t cp = cp_at(s, e, b, NULL);
        if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
            cp == 0x2019 || cp == 0x00BB || cp == 0x203A) {
            e = b;
            continue;
        }
        return cp;
    }
    return 0;
}

static int last_byte_is(const char *s, size_t n, const char *set)
{
    return n > 0 && s[n - 1] != '\0' && strchr(set, s[n - 1]) != NULL;
}

/* Strips separators (| , : - / · — – •) and spaces from the end of t;
 * *stripped is set when one was removed. */
static str_t strip_seps(str_t t, int *stripped)
{
    for (;;) {
        t = trim(t.s, t.n);
        const unsigned char *u = (const unsigned char *)t.s;
        if (last_byte_is(t.s, t.n, "|,:-/")) { t.n -= 1; *stripped = 1; continue; }
        if (t.n >= 2 && u[t.n - 2] == 0xC2 && u[t.n - 1] == 0xB7) { t.n -= 2; *stripped = 1; continue; }
        if (t.n >= 3 && u[t.n - 3] == 0xE2 && u[t.n - 2] == 0x80 &&
            (u[t.n - 1] == 0x94 || u[t.n - 1] == 0x93 || u[t.n - 1] == 0xA2)) {
            t.n -= 3;
            *stripped = 1;
            continue;
        }
        return t;
    }
}

static int ends_sentence(const char *s, size_t n)
{
    uint32_t c = final_char(s, n);
    return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* "First sentence. Second one": a full stop, ! or ? followed by a space
 * and an upper-case letter inside the line. */
static int has_inner_sentence_break(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++) {
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ') {
            uint32_t cp = cp_at(s, n, i + 2, NULL);
            if (lede_cp_is_upper(cp) && i >= 3 && is_asc_alpha((unsigned char)s[i - 1]) &&
                is_asc_alpha((unsigned char)s[i - 2]) && is_asc_alpha((unsigned char)s[i - 3]))
                return 1;
        }
    }
    return 0;
}

/* A line that reads like story text rather than a heading or furniture. */
static int is_bodylike(const line_t *l)
{
    if (l->words >= 30) return 1;
    uint32_t c = final_char(l->s, l->n);
    if ((c == '.' || c == 0x2026) && l->words >= 6) return 1;
    if ((c == '!' || c == '?') && l->words >= 20) return 1;
    if ((c == '.' || c == '!' || c == '?' || c == 0x2026) && l->words >= 3 &&
        has_inner_sentence_break(l->s, l->n))
        return 1;
    return 0;
}

/* Splits s into words; calls back for each (index, start, len). */
typedef int (*word_fn)(void *ud, int idx, const char *w, size_t n);
static int each_word(const char *s, size_t n, word_fn fn, void *ud)
{
    int idx = 0;
    size_t i = 0;
    while (i < n) {
        size_t sp;
        while (i < n && (sp = space_at(s, n, i)) > 0) i += sp;
        if (i >= n) break;
        size_t b = i;
        while (i < n && space_at(s, n, i) == 0) i++;
        if (!fn(ud, idx++, s + b, i - b)) return 0;
    }
    return 1;
}

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (n && lc((unsigned char)w[0]) == lc((unsigned char)list[i][0]) &&
            strlen(list[i]) == n && starts_ci(w, n, list[i]))
            return 1;
    return 0;
}

static const char *const name_connectors[] = {
    "and", "&", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le",
    "al", "el", "bin", "ibn", "y", "del", "dos", "das", "ter", NULL
};

/* A capitalised word: upper-case first letter; a trailing comma allowed. */
static int name_word(void *ud, int idx, const char *w, size_t n)
{
    (void)ud;
    if (n > 0 && w[n - 1] == ',') n--;
    if (n == 0) return 0;
    if (word_in(w, n, name_connectors)) return idx > 0;
    if (has_digit(w, n)) return 0;
    uint32_t cp = cp_at(w, n, 0, NULL);
    if (!lede_cp_is_upper(cp)) return 0;
    /* A final full stop only on initials ("J."). */
    if (w[n - 1] == '.' && n > 3) return 0;
    return 1;
}

/* "Agnes Szucs", "John Smith and Jane Doe", "Mary O'Neil, Reuters". */
static int name_like(const char *s, size_t n, int min_words)
{
    int w = count_words(s, n);
    if (n == 0 || n > 100 || w < min_words || w > 8) return 0;
    if (memchr(s, '|', n) || memchr(s, ':', n)) return 0;
    return each_word(s, n, name_word, NULL);
}

/* ------------------------------------------------------- classifiers */

static const char *const section_headings[] = {
    "related", "related articles", "related news", "related stories",
    "related posts", "related content", "related topics", "related coverage",
    "ranking", "rankings", "recommendation", "recommendations", "recommended",
    "recommended for you", "read more", "read also", "also read", "see also",
    "more stories", "more news", "more from", "more on this",
    "more on this story", "most read", "most popular", "most viewed",
    "popular", "trending", "trending now", "latest", "latest news",
    "latest stories", "top stories", "you may also like",
    "you might also like", "you may be interested in", "tags", "topics",
    "what to read next", "editor's picks", "editors' picks", "further reading",
    "media contact", "media contacts", "press contact", "press contacts",
    "media inquiries", "investor contact", "investor contacts",
    NULL
};

static const char *const ui_strings[] = {
    "view", "views", "share", "shares", "print", "email", "e-mail", "tweet",
    "comment", "comments", "facebook", "twitter", "x", "linkedin", "whatsapp",
    "telegram", "reddit", "pinterest", "advertisement", "advertisment",
    "advert", "ad", "ads", "sponsored", "sponsored content", "menu",
    "search", "home", "back", "next", "previous", "prev", "close", "login",
    "log in", "sign in", "sign up", "register", "subscribe", "listen",
    "listen to this article", "play", "video", "watch", "photo", "photos",
    "gallery", "follow", "follow us", "like", "save", "copy", "copy link",
    "share this", "share this article", "share this story",
    "share on facebook", "share on twitter", "loading", "loading...",
    "skip to content", "skip to main content", "back to top", "scroll to top",
    "font size", "text size", "newsletter", "cookie settings", "accept",
    "accept all", "open in app", "view comments", "show comments",
    "print this page", "more", "toggle navigation", "a a a", "a+ a-",
    "for immediate release", "press release", "news release",
    NULL
};

/* The line, lower-cased (ASCII), without a final ':' and spaces, is one of
 * list. */
static int line_in(const line_t *l, const char *const *list)
{
    size_t n = l->n;
    while (n > 0 && (l->s[n - 1] == ':' || l->s[n - 1] == ' ')) n--;
    if (n == 0 || n > 40) return 0;
    return word_in(l->s, n, list);
}

static int is_section_heading(const line_t *l) { return line_in(l, section_headings); }

/* "veryGood! (4766)", "Like (12)", "4766", "***": counters and furniture. */
static int is_widget(const line_t *l)
{
    if (l->words <= 4) {
        for (size_t i = 0; i + 2 < l->n; i++) {
            if (l->s[i] != '(') continue;
            size_t j = i + 1;
            while (j < l->n && (is_dig((unsigned char)l->s[j]) || l->s[j] == ',' ||
                                l->s[j] == '.' || l->s[j] == 'K' || l->s[j] == 'k'))
                j++;
            if (j > i + 1 && j < l->n && l->s[j] == ')' && is_dig((unsigned char)l->s[i + 1]))
                return 1;
        }
    }
    if (l->n <= 30 && !has_letter(l->s, l->n)) return 1;
    return 0;
}

/* Photo captions and credits: "Image caption, …", "Photo: Reuters/…". */
static int is_caption(const line_t *l)
{
    static const char *const prefixes[] = {
        "image source", "image caption", "media caption", "photo:", "photo credit",
        "photograph:", "picture:", "caption:", "credit:", "file photo", "(photo", "[photo",
        NULL
    };
    if (l->words > 40) return 0;
    for (int i = 0; prefixes[i]; i++)
        if (starts_ci(l->s, l->n, prefixes[i])) return 1;
    return 0;
}

/* A link teaser: a section heading or a media label, a colon, a headline
 * ("Related: EU accuses Lukashenko of 'hybrid attack'", "WATCH: …"). */
static int is_teaser(const line_t *l)
{
    if (l->words > 25) return 0;
    const char *colon = memchr(l->s, ':', l->n < 40 ? l->n : 40);
    if (!colon || colon == l->s) return 0;
    line_t head = { l->s, (size_t)(colon - l->s), 0, 0 };
    static const char *const media[] = { "watch", "listen", "video", "photos", "gallery", NULL };
    return line_in(&head, section_headings) || line_in(&head, media);
}

static int is_ui(const line_t *l)
{
    return line_in(l, ui_strings) || line_in(l, section_headings) || is_widget(l) ||
           is_caption(l) || is_teaser(l);
}

static int is_breadcrumb(const line_t *l)
{
    const char *s = l->s;
    size_t n = l->n;
    if (starts_ci(s, n, "current:") || starts_ci(s, n, "you are here") ||
        starts_ci(s, n, "you're here") || starts_ci(s, n, "home >") ||
        starts_ci(s, n, "home »") || starts_ci(s, n, "home /") ||
        starts_ci(s, n, "home ›") || starts_ci(s, n, "home>"))
        return 1;
    if (find_bytes(s, n, " > ") >= 0 || find_bytes(s, n, " \xC2\xBB ") >= 0 ||
        find_bytes(s, n, " \xE2\x80\xBA ") >= 0)
        return 1;
    return 0;
}

/* Start of the last crumb of a breadcrumb line. */
static size_t last_crumb(const char *s, size_t n)
{
    static const char *const seps[] = { ">", "\xC2\xBB", "\xE2\x80\xBA", NULL };
    size_t best = 0;
    for (int k = 0; seps[k]; k++) {
        size_t m = strlen(seps[k]);
        for (size_t i = 0; i + m <= n; i++)
            if (memcmp(s + i, seps[k], m) == 0 && i + m > best) best = i + m;
    }
    return best;
}

/* Words of a site name: capitalised, a digit, a domain, or a small word. */
static int site_word(void *ud, int idx, const char *w, size_t n)
{
    (void)ud;
    static const char *const small[] = { "of", "the", "and", "de", "&", "for", NULL };
    if (word_in(w, n, small)) return idx > 0;
    size_t d = 0;
    while (d < n && is_dig((unsigned char)w[d])) d++;
    if (d == n) return 0;                       /* "Day 3" is not a site */
    uint32_t cp = cp_at(w, n, 0, NULL);
    if (lede_cp_is_upper(cp) || is_dig((unsigned char)w[0])) return 1;
    return memchr(w, '.', n) != NULL && n > 3;   /* example.com */
}

/* "Headline text -ValueCore", "Headline | Site", "Headline - Site Name":
 * on success *tlen is the headline length and site/site_n the site name. */
static int split_site(const char *s, size_t n, size_t *tlen, const char **site, size_t *site_n)
{
    static const char *const seps[] = {
        " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " -", NULL
    };
    long best = -1;
    size_t best_len = 0;
    for (int k = 0; seps[k]; k++) {
        size_t m = strlen(seps[k]);
        for (size_t i = 0; i + m < n; i++)
            if (memcmp(s + i, seps[k], m) == 0 && (long)i > best) {
                best = (long)i;
                best_len = m;
            }
    }
    if (best < 0) return 0;
    str_t left = trim(s, (size_t)best);
    str_t right = trim(s + best + best_len, n - (size_t)best - best_len);
    int rw = count_words(right.s, right.n);
    if (right.n == 0 || right.n > 40 || rw < 1 || rw > 4) return 0;
    if (count_words(left.s, left.n) < 3) return 0;
    if (ends_sentence(right.s, right.n) && right.s[right.n - 1] != '.') return 0;
    if (!each_word(right.s, right.n, site_word, NULL)) return 0;
    *tlen = left.n;
    *site = right.s;
    *site_n = right.n;
    return 1;
}

/* "Politics, World, Europe": two or more short capitalised items. */
static int cat_word(void *ud, int idx, const char *w, size_t n)
{
    (void)ud;
    (void)idx;
    if (n == 1 && w[0] == '&') return 1;
    if (word_in(w, n, name_connectors)) return 1;
    if (has_digit(w, n)) return 0;
    return lede_cp_is_upper(cp_at(w, n, 0, NULL));
}

static int split_items(const char *s, size_t n, str_t *items, int max)
{
    int k = 0;
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        int sep = 0;
        size_t sl = 0;
        if (i == n) { sep = 1; sl = 0; }
        else if (s[i] == ',' || s[i] == '|' || s[i] == '/') { sep = 1; sl = 1; }
        else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7) { sep = 1; sl = 2; }
        else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0xA2) { sep = 1; sl = 3; }
        if (!sep) continue;
        if (k >= max) return -1;
        items[k++] = trim(s + b, i - b);
        b = i + sl;
        if (sl > 1) i += sl - 1;
    }
    return k;
}

#define MAX_CATS 12

static int is_categories(const line_t *l)
{
    if (l->words > 15 || l->n > 200 || ends_sentence(l->s, l->n)) return 0;
    str_t items[MAX_CATS];
    int k = split_items(l->s, l->n, items, MAX_CATS);
    if (k < 2) return 0;
    for (int i = 0; i < k; i++) {
        int w = count_words(items[i].s, items[i].n);
        if (w < 1 || w > 3) return 0;
        if (!each_word(items[i].s, items[i].n, cat_word, NULL)) return 0;
    }
    return 1;
}

/* One capitalised word of letters only ("World", "Économie"). */
static int is_categories_word(const line_t *l)
{
    if (!lede_cp_is_upper(cp_at(l->s, l->n, 0, NULL))) return 0;
    for (size_t i = 0; i < l->n;) {
        size_t len;
        uint32_t cp = cp_at(l->s, l->n, i, &len);
        if (!lede_cp_is_alpha(cp) && cp != '-' && cp != '&') return 0;
        i += len;
    }
    return 1;
}

static const char *const date_keys[] = {
    "date", "published on", "published", "publication date", "posted on",
    "posted", "released", "dated", "updated on", "updated", "last updated",
    "last modified", "modified", NULL
};

static const char *const byline_keys[] = {
    "author", "authors", "written by", "words by", "reporter", "reported by",
    NULL
};

/* Length of "Key:" / "Key " at the start of s when the key is in keys. */
static size_t key_prefix(const char *s, size_t n, const char *const *keys, int *updated)
{
    size_t best = 0;
    for (int k = 0; keys[k]; k++) {
        size_t m = strlen(keys[k]);
        if (m <= best || !starts_ci(s, n, keys[k])) continue;
        if (m < n && is_asc_alpha((unsigned char)s[m])) continue;   /* "Dates", "Posters" */
        best = m;
        if (updated) *updated = strstr(keys[k], "updated") || strstr(keys[k], "modified");
    }
    if (!best) return 0;
    size_t j = best;
    while (j < n && (s[j] == ' ' || s[j] == ':' || s[j] == '\t')) j++;
    return j;
}

/* ------------------------------------------------------------- state */

typedef struct {
    lede_arena *a;
    lede_article *art;
    line_t *lines;
    size_t nl;
    /* found metadata (pointers into raw or arena) */
    char iso[16];
    int have_date;
    char iso_upd[16];
    int have_upd;
    str_t byline;
    str_t source;
    str_t title;               /* headline, suffix removed */
    size_t title_line;         /* index of the title line, or nl */
    str_t title_raw;           /* whole title line */
    str_t subtitle;
    str_t crumb_title;         /* last crumb without its site suffix */
    int crumb_had_site;
    str_t agency_footer;
    size_t cats_line;          /* index or nl */
} rec_t;

static void note_date(rec_t *r, const lede_date *d, int updated)
{
    if (d->precision < LEDE_PREC_DAY) return;
    if (updated) {
        if (!r->have_upd && lede_date_iso(d, r->iso_upd, sizeof r->iso_upd) > 0) r->have_upd = 1;
        return;
    }
    if (!r->have_date && lede_date_iso(d, r->iso, sizeof r->iso) > 0) r->have_date = 1;
}

static void note_byline(rec_t *r, const char *s, size_t n)
{
    str_t t = trim(s, n);
    while (t.n > 0 && strchr(",;|-", t.s[t.n - 1])) t = trim(t.s, t.n - 1);
    if (starts_ci(t.s, t.n, "by ")) t = trim(t.s + 3, t.n - 3);
    if (t.n == 0 || r->byline.n) return;
    r->byline = t;
}

/* "Andrew Gregory Health editor", "Jane Smith Political Correspondent":
 * a byline with its role and no comma; the name ends before the first desk
 * or role word. Returns nm unchanged when there is none. */
static str_t strip_byline_role(str_t nm)
{
    static const char *const desk[] = {
        "health", "political", "politics", "science", "economics", "economy", "business",
        "technology", "tech", "environment", "education", "sports", "sport", "chief",
        "senior", "deputy", "foreign", "diplomatic", "security", "defence", "defense",
        "transport", "culture", "arts", "media", "legal", "social", "consumer", "home",
        "world", "europe", "international", "investigations", "data", "climate", "energy",
        "editor", "correspondent", "reporter", "writer", "columnist", "producer",
        "contributor", "journalist", "staff", "analyst", "commentator", NULL
    };
    static const char *const role[] = {
        "editor", "correspondent", "reporter", "writer", "columnist", "producer",
        "contributor", "journalist", "staff", "analyst", "commentator", NULL
    };
    /* only when the line ends with a role: "By Jane Senior" is a name */
    size_t e = nm.n;
    while (e > 0 && nm.s[e - 1] != ' ') e--;
    char last[24];
    size_t ln = nm.n - e;
    if (e == 0 || ln >= sizeof last) return nm;
    for (size_t k = 0; k < ln; k++) last[k] = (char)lc((unsigned char)nm.s[e + k]);
    last[ln] = 0;
    int has_role = 0;
    for (int k = 0; role[k]; k++)
        if (strcmp(last, role[k]) == 0) has_role = 1;
    if (!has_role) return nm;
    size_t i = 0, words = 0;
    while (i < nm.n) {
        while (i < nm.n && nm.s[i] == ' ') i++;
        size_t w0 = i;
        while (i < nm.n && nm.s[i] != ' ') i++;
        if (i == w0) break;
        char low[24];
        size_t wl = i - w0;
        if (words >= 1 && wl < sizeof low) {
            for (size_t k = 0; k < wl; k++) low[k] = (char)lc((unsigned char)nm.s[w0 + k]);
            low[wl] = 0;
            for (int k = 0; desk[k]; k++)
                if (strcmp(low, desk[k]) == 0) return trim(nm.s, w0);
        }
        words++;
    }
    return nm;
}

/* Metadata lines: keyed dates ("Date:2025-04-26 08:23:02"), a date alone,
 * "NAME | 07.09.2023 - Update : 07.09.2023", "By NAME", "Author: NAME".
 * Returns 1 (and records what it found) when l is one. */
static int take_meta(rec_t *r, const line_t *l, int in_body)
{
    const char *s = l->s;
    size_t n = l->n;
    lede_date d;
    size_t at, len;
    int updated = 0;

    if (l->words <= 20) {
        size_t k = key_prefix(s, n, date_keys, &updated);
        if (k && k < n && lede_date_find(s + k, n - k, &d, &at, &len) && at <= 12) {
            note_date(r, &d, updated);
            return 1;
        }
    }
    if (l->words <= 10 && lede_date_parse(s, n, &d)) {
        note_date(r, &d, 0);
        return 1;
    }
    if (!in_body && l->words <= 20 && lede_date_find(s, n, &d, &at, &len) &&
        d.precision >= LEDE_PREC_DAY) {
        str_t before = trim(s, at);
        int stripped = 0;
        str_t name = strip_seps(before, &stripped);
        if (before.n == 0 || stripped) {
            if (starts_ci(name.s, name.n, "by ")) name = trim(name.s + 3, name.n - 3);
            if (name.n && name_like(name.s, name.n, 2)) note_byline(r, name.s, name.n);
            note_date(r, &d, 0);
            return 1;
        }
    }
    if (l->words <= 12 && starts_ci(s, n, "by ") && (unsigned char)s[0] == 'B') {
        str_t nm = trim(s + 3, n - 3);
        /* "By Guy Delauney, BBC Balkans correspondent": the name ends at
         * the comma; what follows is the role */
        const char *comma = memchr(nm.s, ',', nm.n);
        if (comma) nm = trim(nm.s, (size_t)(comma - nm.s));
        else nm = strip_byline_role(nm);
        if (name_like(nm.s, nm.n, 1)) {
            note_byline(r, nm.s, nm.n);
            return 1;
        }
    }
    if (l->words <= 12) {
        size_t k = key_prefix(s, n, byline_keys, NULL);
        if (k && k < n) {
            str_t nm = trim(s + k, n - k);
            if (name_like(nm.s, nm.n, 1)) {
                note_byline(r, nm.s, nm.n);
                return 1;
            }
        }
    }
    return 0;
}

/* ------------------------------------------------------------ footers */

/* Site footers: copyright, subscription and syndication notices. */
typedef struct { const char *s; size_t n; } phrase;
#define PH(x) { x, sizeof(x) - 1 }
static const phrase footer_strong[] = {
    PH("all rights reserved"), PH("website contains only a portion"),
    PH("contact us for subscription"), PH("\xC2\xA9"), PH("copyright (c)"),
    PH("copyright \xC2\xA9"), PH("this article was originally published"),
    PH("this story was originally published"), PH("this story has been published from"),
    PH("no part of this"), PH("may not be published, broadcast, rewritten"),
    PH("may not be reproduced"), PH("our standards:"), PH("trust principles"),
    PH("contributed to this report"), PH("contributed reporting"), { NULL, 0 }
};
static const phrase footer_weak[] = {
    PH("click here"), PH("subscribe to"), PH("sign up for"), PH("follow us on"),
    PH("download our app"), PH("download the app"), PH("join our"), PH("read the full story"),
    PH("reporting by"), PH("editing by"), PH("writing by"), PH("copyright"),
    PH("in your inbox"), PH("our newsletter"), { NULL, 0 }
};
#undef PH

/* First position of any phrase of list in the lowercased line, trying only
 * word starts (every phrase starts a word): one pass, no per-phrase scan.
 * *which gets the phrase's index. Returns -1 when none occurs. */
/* m1[c]: the phrases of a list whose first byte is c, as a bit mask;
 * m2[c]: those whose second byte is c. A position is tried only against
 * the phrases in both masks. */
typedef struct { uint32_t m1[256], m2[256]; } phrase_masks;
static phrase_masks g_strong, g_weak;
static pthread_once_t g_firsts_once = PTHREAD_ONCE_INIT;

static void init_masks(phrase_masks *m, const phrase *list)
{
    for (int k = 0; list[k].s; k++) {
        m->m1[(unsigned char)list[k].s[0]] |= 1u << k;
        m->m2[(unsigned char)list[k].s[1]] |= 1u << k;
    }
}

static void init_firsts(void)
{
    init_masks(&g_strong, footer_strong);
    init_masks(&g_weak, footer_weak);
}

static long find_phrase(const char *low, size_t n, const phrase *list, int *which)
{
    pthread_once(&g_firsts_once, init_firsts);
    const phrase_masks *m = list == footer_strong ? &g_strong : &g_weak;
    const unsigned char *u = (const unsigned char *)low;
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t cand = m->m1[u[i]];
        if (!cand) continue;
        cand &= m->m2[u[i + 1]];
        if (!cand) continue;
        if (i > 0) {
            unsigned char p = u[i - 1];
            if ((p >= 'a' && p <= 'z') || (p >= '0' && p <= '9')) continue;
        }
        while (cand) {
            int k = __builtin_ctz(cand);
            cand &= cand - 1;
            if (list[k].n <= n - i && memcmp(low + i, list[k].s, list[k].n) == 0) {
                *which = k;
                return (long)i;
            }
        }
    }
    return -1;
}

static int is_footer(const line_t *l)
{
    if (l->words > 80) return 0;
    /* Lowercase the line once; then one pass finds any phrase. This runs on
     * nearly every line of every article. */
    char stackbuf[2048];
    stackbuf[0] = 0;   /* (gcc cannot see the loop below fills what is read) */
    char *low = l->n <= sizeof stackbuf ? stackbuf : malloc(l->n);
    if (!low) return 0;
    for (size_t i = 0; i < l->n; i++) low[i] = (char)lc((unsigned char)l->s[i]);
    int hit = 0, which = 0;
    if (find_phrase(low, l->n, footer_strong, &which) >= 0) hit = 1;
    if (!hit && l->words <= 25) {
        /* a weak phrase counts anywhere, except credits and "copyright",
         * which count only first on the line: "(Reporting by …; Editing by …)" */
        size_t from = 0;
        while (!hit && from < l->n) {
            long at = find_phrase(low + from, l->n - from, footer_weak, &which);
            if (at < 0) break;
            at += (long)from;
            const char *w = footer_weak[which].s;
            if (strcmp(w, "reporting by") == 0 || strcmp(w, "editing by") == 0 ||
                strcmp(w, "writing by") == 0 || strcmp(w, "copyright") == 0) {
                size_t b = 0;
                while (b < l->n && (l->s[b] == '(' || l->s[b] == '[')) b++;
                if ((size_t)at == b) hit = 1;
            } else {
                hit = 1;
            }
            from = (size_t)at + 1;
        }
    }
    if (low != stackbuf) free(low);
    return hit;
}

/* Publisher named by a footer: "Anadolu Agency website contains …",
 * "© 2024 The Associated Press. All rights reserved." */
static str_t footer_source(const line_t *l)
{
    str_t none = { NULL, 0 };
    const char *s = l->s;
    size_t n = l->n;
    long w = find_ci(s, n, " website");
    if (w > 0) {
        size_t e = (size_t)w;
        if (e >= 2 && (s[e - 1] == 's') && (s[e - 2] == '\'')) e -= 2;
        else if (e >= 4 && (unsigned char)s[e - 1] == 's' && (unsigned char)s[e - 2] == 0x99 &&
                 (unsigned char)s[e - 3] == 0x80 && (unsigned char)s[e - 4] == 0xE2)
            e -= 4;
        /* walk back over capitalised words */
        size_t b = e;
        int words = 0;
        while (b > 0 && words < 5) {
            size_t we = b;
            while (we > 0 && s[we - 1] == ' ') we--;
            size_t wb = we;
            while (wb > 0 && s[wb - 1] != ' ') wb--;
            if (wb == we) break;
            if (!lede_cp_is_upper(cp_at(s, n, wb, NULL))) break;
            b = wb;
            words++;
        }
        if (words > 0) {
            str_t r = trim(s + b, e - b);
            return r;
        }
    }
    long c = find_bytes(s, n, "\xC2\xA9");
    size_t k;
    if (c >= 0) k = (size_t)c + 2;
    else if ((c = find_ci(s, n, "copyright")) >= 0) k = (size_t)c + 9;
    else return none;
    for (;;) {
        while (k < n && (s[k] == ' ' || s[k] == '-' || s[k] == ',')) k++;
        if (k + 2 < n && (unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA9) { k += 2; continue; }
        if (k + 3 <= n && starts_ci(s + k, n - k, "(c)")) { k += 3; continue; }
        if (k < n && is_dig((unsigned char)s[k])) {
            while (k < n && is_dig((unsigned char)s[k])) k++;
            continue;
        }
        break;
    }
    size_t e = k;
    while (e < n && s[e] != '.' && s[e] != ',' && s[e] != ';' && s[e] != '|' && s[e] != '(') {
        if (starts_ci(s + e, n - e, " all rights")) break;
        e++;
    }
    str_t r = trim(s + k, e - k);
    int wc = count_words(r.s, r.n);
    if (r.n == 0 || wc > 6 || !lede_cp_is_upper(cp_at(r.s, r.n, 0, NULL))) return none;
    return r;
}

static int is_agency_name(const char *s, size_t n)
{
    static const char *const known[] = {
        "AP", "Associated Press", "The Associated Press", "Reuters", "AFP",
        "Agence France-Presse", "Agence France Presse", "dpa", "Anadolu",
        "Xinhua", "ANSA", "EFE", "TASS", "UPI", "Kyodo", "Yonhap", "PTI",
        "Bloomberg", "BTA", "Tanjug", "Beta", "Kosovapress", NULL
    };
    if (word_in(s, n, known)) return 1;
    if (n > 7 && (memcmp(s + n - 7, " Agency", 7) == 0 || memcmp(s + n - 6, " Press", 6) == 0))
        return 1;
    return 0;
}

/* ----------------------------------------------------------- dateline */

/* "BELGRADE, Serbia (AP) — …", "PRISTINA, Kosovo — …", "(Reuters) - …",
 * "BRUSSELS, Oct 24 (Reuters) - …". */
static void find_dateline(const char *p, size_t n, str_t *place, str_t *agency)
{
    static const char *const dashes[] = {
        " \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ", " - ", "\xE2\x80\x94", " \xE2\x80\x95 ", NULL
    };
    place->s = agency->s = NULL;
    place->n = agency->n = 0;
    size_t lim = n < 120 ? n : 120;
    long best = -1;
    for (int k = 0; dashes[k]; k++) {
        long at = find_bytes(p, lim, dashes[k]);
        if (at > 0 && (best < 0 || at < best)) best = at;
    }
    if (best <= 0) return;
    str_t pre = trim(p, (size_t)best);
    if (pre.n == 0 || count_words(pre.s, pre.n) > 8) return;
    str_t ag = { NULL, 0 };
    if (pre.s[pre.n - 1] == ')') {
        size_t o = pre.n - 1;
        while (o > 0 && pre.s[o] != '(') o--;
        if (pre.s[o] != '(') return;
        ag = trim(pre.s + o + 1, pre.n - o - 2);
        if (ag.n == 0 || ag.n > 30 || count_words(ag.s, ag.n) > 4 || has_digit(ag.s, ag.n)) return;
        if (!lede_cp_is_alpha(cp_at(ag.s, ag.n, 0, NULL))) return;
        pre = trim(pre.s, o);
    }
    str_t city = pre, region = { NULL, 0 };
    const char *comma = memchr(pre.s, ',', pre.n);
    if (comma) {
        city = trim(pre.s, (size_t)(comma - pre.s));
        region = trim(comma + 1, pre.n - (size_t)(comma - pre.s) - 1);
    }
    if (city.n == 0) {
        if (!ag.n || region.n) return;
        *agency = ag;               /* "(Reuters) - " */
        return;
    }
    if (city.n > 40 || count_words(city.s, city.n) > 4) return;
    /* The city is in capitals, or at least capitalised before an agency. */
    int upper = 0, lowerc = 0;
    for (size_t i = 0; i < city.n;) {
        size_t l;
        uint32_t cp = cp_at(city.s, city.n, i, &l);
        if (lede_cp_is_upper(cp)) upper++;
        else if (lede_cp_is_lower(cp)) lowerc++;
        else if (is_dig((unsigned char)city.s[i])) return;
        i += l;
    }
    if (upper == 0) return;
    /* "NATO — …" is not a dateline: a capitals-only place needs a region,
     * an agency, or five letters. */
    if (lowerc == 0 && !ag.n && !region.n && upper < 5) return;
    /* "Nairobi, 12 March 2024 - …": a mixed-case city before a date */
    lede_date rd;
    int dated = region.n && has_digit(region.s, region.n) && lede_date_parse(region.s, region.n, &rd);
    if (!(lowerc == 0 && upper >= 2) && !(ag.n && name_like(city.s, city.n, 1)) &&
        !(dated && count_words(city.s, city.n) <= 3 && name_like(city.s, city.n, 1)))
        return;
    if (region.n) {
        if (has_digit(region.s, region.n)) {
            region.n = 0;            /* "Oct 24": a date, not a region */
        } else if (count_words(region.s, region.n) > 4 || !name_like(region.s, region.n, 1)) {
            return;
        }
    }
    place->s = city.s;
    place->n = region.n ? (size_t)(region.s + region.n - city.s) : city.n;
    *agency = ag;
}

/* ---------------------------------------------------------- assembly */

static const char *dup(rec_t *r, str_t s)
{
    return lede_arena_strndup(r->a, s.s ? s.s : "", s.n);
}

static int is_title_like(const line_t *l)
{
    if (l->words < 2 || l->words > 30 || l->n > 300) return 0;
    if (!has_letter(l->s, l->n)) return 0;
    if (last_byte_is(l->s, l->n, ".:;,")) return 0;
    return 1;
}

static int matches_title(const rec_t *r, const line_t *l)
{
    if (r->title.n && same_text(l->s, l->n, r->title.s, r->title.n)) return 1;
    if (r->title_raw.n && same_text(l->s, l->n, r->title_raw.s, r->title_raw.n)) return 1;
    const char *t = r->art->title;
    if (t && same_text(l->s, l->n, t, strlen(t))) return 1;
    return 0;
}

static size_t next_nonempty(const rec_t *r, size_t i)
{
    while (i < r->nl && r->lines[i].kind == K_EMPTY) i++;
    return i;
}

/* A bare name of two to four capitalised words ("Anna Kowalska") on a
 * header line right after or before a metadata line (the date): the
 * byline, as scraped pages lay it out. */
static int is_bare_byline(rec_t *r, size_t i)
{
    const line_t *l = &r->lines[i];
    if (l->words < 2 || l->words > 4 || ends_sentence(l->s, l->n) || is_ui(l)) return 0;
    if (!name_like(l->s, l->n, 2)) return 0;
    size_t p = i;
    while (p > 0 && r->lines[p - 1].kind == K_EMPTY) p--;
    if (p > 0 && r->lines[p - 1].kind == K_META) return 1;
    size_t q = next_nonempty(r, i + 1);
    if (q < r->nl && !is_bodylike(&r->lines[q])) {
        rec_t copy = *r;     /* take_meta records what it reads: look ahead on a copy */
        return take_meta(&copy, &r->lines[q], 0);
    }
    return 0;
}

/* Pass 1: the header. Returns the index of the first body line. */
static size_t scan_header(rec_t *r)
{
    size_t seen = 0, i;
    int title_preset = r->art->title != NULL;
    int have_title = 0;
    for (i = 0; i < r->nl; i++) {
        line_t *l = &r->lines[i];
        if (l->kind == K_EMPTY) continue;
        if (is_breadcrumb(l)) {
            l->kind = K_BP;
            size_t c = last_crumb(l->s, l->n);
            str_t tail = trim(l->s + c, l->n - c);
            size_t tl;
            const char *site;
            size_t sn;
            if (split_site(tail.s, tail.n, &tl, &site, &sn)) {
                if (!r->source.n) { r->source.s = site; r->source.n = sn; }
                r->crumb_title.s = tail.s;
                r->crumb_title.n = tl;
                r->crumb_had_site = 1;
            }
            continue;
        }
        if (!is_bodylike(l) && take_meta(r, l, 0)) { l->kind = K_META; continue; }
        if (have_title && matches_title(r, l)) { l->kind = K_BP; continue; }
        if (title_preset && matches_title(r, l)) { l->kind = K_BP; continue; }
        if (is_ui(l)) { l->kind = K_BP; continue; }
        if (is_bodylike(l)) break;
        /* Only lines not recognised above count: a page with a long run of
         * menus, share buttons and metadata still has its header read. */
        if (seen++ >= HEADER_MAX_LINES) { i = r->nl; break; }
        if (!have_title) {
            if (r->cats_line == r->nl && is_categories(l)) {
                size_t j = next_nonempty(r, i + 1);
                if (j < r->nl && !is_bodylike(&r->lines[j])) {
                    l->kind = K_CATS;
                    r->cats_line = i;
                    continue;
                }
            }
            if (l->words == 1 && !ends_sentence(l->s, l->n)) {
                /* a section label above the headline ("World") */
                size_t j = next_nonempty(r, i + 1);
                if (r->cats_line == r->nl && l->n <= 24 && is_categories_word(l) &&
                    j < r->nl && !is_bodylike(&r->lines[j])) {
                    l->kind = K_CATS;
                    r->cats_line = i;
                } else {
                    l->kind = K_BP;
                }
                continue;
            }
            if (title_preset || !is_title_like(l)) break;
            l->kind = K_TITLE;
            have_title = 1;
            r->title_line = i;
            r->title_raw.s = l->s;
            r->title_raw.n = l->n;
            size_t tl;
            const char *site;
            size_t sn;
            if (split_site(l->s, l->n, &tl, &site, &sn)) {
                r->title.s = l->s;
                r->title.n = tl;
                if (!r->source.n) { r->source.s = site; r->source.n = sn; }
            } else {
                r->title = r->title_raw;
            }
            continue;
        }
        if (!r->subtitle.n && l->words >= 4 && l->words <= 60 && !last_byte_is(l->s, l->n, ":")) {
            l->kind = K_SUBTITLE;
            r->subtitle.s = l->s;
            r->subtitle.n = l->n;
            continue;
        }
        if (!r->byline.n && is_bare_byline(r, i)) {
            /* "Anna Kowalska" next to the date line: the author */
            l->kind = K_META;
            note_byline(r, l->s, l->n);
            continue;
        }
        l->kind = K_BP;              /* other furniture between headline and story */
    }
    if (i >= r->nl) {
        /* No line near the top reads like story text: whatever follows the
         * headline is the story, however short. */
        size_t from = have_title ? r->title_line + 1 : 0;
        for (size_t j = from; j < r->nl; j++) {
            line_t *l = &r->lines[j];
            if (l->kind == K_SUBTITLE || (l->kind == K_BP && !is_ui(l) && !is_breadcrumb(l) &&
                                          !matches_title(r, l)))
                l->kind = K_BODY;
        }
        r->subtitle.s = NULL;
        r->subtitle.n = 0;
        return from;
    }
    return i;
}

/* "Elena Ruiz is our Madrid correspondent. …": the byline's author
 * introduced at the foot of the story, not part of it. */
static int is_author_bio(const rec_t *r, const line_t *l)
{
    static const char *const verbs[] = { " is ", " has ", " covers ", " reports ", " writes ", NULL };
    size_t bn = r->byline.n;
    if (bn < 4 || l->words > 60 || l->n <= bn || memcmp(l->s, r->byline.s, bn) != 0) return 0;
    for (int k = 0; verbs[k]; k++) {
        size_t vn = strlen(verbs[k]);
        if (l->n >= bn + vn && memcmp(l->s + bn, verbs[k], vn) == 0) return 1;
    }
    return 0;
}

/* After index h, do the lines look like a list of links? */
static int link_list_after(const rec_t *r, size_t h)
{
    size_t t = 0, linky = 0;
    for (size_t i = h + 1; i < r->nl; i++) {
        const line_t *l = &r->lines[i];
        if (l->kind == K_EMPTY) continue;
        t++;
        if (l->words > 60) return 0;
        if (starts_ci(l->s, l->n, "- ") || starts_ci(l->s, l->n, "* ") ||
            starts_ci(l->s, l->n, "\xE2\x80\xA2") || starts_ci(l->s, l->n, "\xC2\xB7") ||
            !ends_sentence(l->s, l->n) || l->words <= 15 || is_section_heading(l))
            linky++;
    }
    return t > 0 && linky * 2 > t;
}

static void scan_body(rec_t *r, size_t start)
{
    size_t end = r->nl;
    int seen_para = 0;
    /* a "Related" heading followed by links cuts to the end */
    for (size_t i = start; i < r->nl; i++) {
        line_t *l = &r->lines[i];
        if (l->kind != K_EMPTY && is_bodylike(l)) seen_para = 1;
        if (seen_para && l->kind != K_EMPTY && is_section_heading(l) && link_list_after(r, i)) {
            end = i;
            break;
        }
        /* a press release's boilerplate: "About Acme Robotics" in the last
         * part of the text, a heading of its own, ends the story */
        if (seen_para && l->kind != K_EMPTY && (i - start) * 3 >= (r->nl - start) &&
            starts_ci(l->s, l->n, "about ") && l->words >= 2 && l->words <= 6 &&
            !ends_sentence(l->s, l->n) && (unsigned char)l->s[6] >= 'A' && (unsigned char)l->s[6] <= 'Z') {
            end = i;
            break;
        }
    }
    for (size_t i = end; i < r->nl; i++)
        if (r->lines[i].kind == K_NONE || r->lines[i].kind == K_BODY) r->lines[i].kind = K_BP;

    /* the last line that reads like story text */
    size_t last_body = r->nl;
    for (size_t i = end; i > start; i--) {
        line_t *l = &r->lines[i - 1];
        if (l->kind != K_EMPTY && is_bodylike(l) && !is_footer(l)) { last_body = i - 1; break; }
    }

    /* classify the middle lines */
    int prev_open = 0;          /* previous kept line ends with : , ; */
    for (size_t i = start; i < end; i++) {
        line_t *l = &r->lines[i];
        if (l->kind == K_EMPTY) continue;
        if (l->kind != K_NONE && l->kind != K_BODY) continue;
        if (is_footer(l)) {
            l->kind = K_BP;
            if (!r->agency_footer.n) {
                str_t src = footer_source(l);
                if (src.n) r->agency_footer = src;
            }
            continue;
        }
        if (!is_bodylike(l) && take_meta(r, l, 1)) { l->kind = K_META; continue; }
        if (is_ui(l)) { l->kind = K_BP; continue; }
        if (matches_title(r, l)) { l->kind = K_BP; continue; }
        if (is_author_bio(r, l)) { l->kind = K_BP; continue; }
        if (r->subtitle.n && same_text(l->s, l->n, r->subtitle.s, r->subtitle.n)) {
            l->kind = K_BP;
            continue;
        }
        int open_here = last_byte_is(l->s, l->n, ":,;");
        if (l->words == 1 && l->n <= 25 && !ends_sentence(l->s, l->n) && !open_here && !prev_open) {
            l->kind = K_BP;          /* a stray word */
            continue;
        }
        /* trailing furniture after the last story line */
        if (last_body != r->nl && i > last_body && l->words <= 12 &&
            !ends_sentence(l->s, l->n) && !open_here && !prev_open) {
            l->kind = K_BP;
            continue;
        }
        l->kind = K_BODY;
        prev_open = open_here;
    }
}

/* Collect lines of a kind into an arena array of strings. */
static int collect(rec_t *r, int kind, const char ***out, size_t *nout)
{
    size_t k = 0;
    for (size_t i = 0; i < r->nl; i++)
        if (r->lines[i].kind == kind) k++;
    *out = NULL;
    *nout = 0;
    if (k == 0) return 0;
    const char **v = lede_arena_alloc(r->a, k * sizeof *v);
    if (!v) return -1;
    size_t j = 0;
    for (size_t i = 0; i < r->nl; i++) {
        if (r->lines[i].kind != kind) continue;
        str_t t = { r->lines[i].s, r->lines[i].n };
        v[j] = dup(r, t);
        if (!v[j]) return -1;
        j++;
    }
    *out = v;
    *nout = k;
    return 0;
}

static int build_text(rec_t *r)
{
    lede_article *art = r->art;
    size_t np = 0, total = 0;
    for (size_t i = 0; i < r->nl; i++)
        if (r->lines[i].kind == K_BODY) {
            np++;
            total += r->lines[i].n + 2;
        }
    char *text = lede_arena_alloc(r->a, total + 1);
    if (!text) return -1;
    lede_span *sp = NULL;
    if (np) {
        sp = lede_arena_alloc(r->a, np * sizeof *sp);
        if (!sp) return -1;
    }
    size_t pos = 0, k = 0;
    for (size_t i = 0; i < r->nl; i++) {
        const line_t *l = &r->lines[i];
        if (l->kind != K_BODY) continue;
        if (k > 0) {
            text[pos++] = '\n';
            text[pos++] = '\n';
        }
        memcpy(text + pos, l->s, l->n);
        sp[k].start = (uint32_t)pos;
        pos += l->n;
        sp[k].stop = (uint32_t)pos;
        k++;
    }
    text[pos] = '\0';
    art->text = text;
    art->text_len = pos;
    art->paragraphs = sp;
    art->nparagraphs = np;
    return 0;
}

static int set_if_null(rec_t *r, const char **field, str_t v)
{
    if (*field || !v.s || v.n == 0) return 0;
    *field = dup(r, v);
    return *field ? 0 : -1;
}

/* A record that is already clean (lede extract output, JSON Lines with
 * "clean": true): the text is the body as is, paragraphs are the blocks
 * between blank lines. No heuristics run, so the offsets recorded with the
 * text stay valid. */
static int recover_clean(lede_arena *a, lede_article *art)
{
    const char *t = art->raw ? art->raw : "";
    size_t n = art->raw ? art->raw_len : 0;
    art->text = t;
    art->text_len = n;
    size_t cap = 1;
    for (size_t i = 0; i + 1 < n; i++)
        if (t[i] == '\n' && t[i + 1] == '\n') cap++;
    lede_span *ps = lede_arena_alloc(a, cap * sizeof *ps);
    if (!ps) return -1;
    size_t np = 0, b = 0;
    while (b < n && np < cap) {
        size_t e = b;
        while (e < n && !(t[e] == '\n' && e + 1 < n && t[e + 1] == '\n')) e++;
        size_t s0 = b, s1 = e;
        while (s0 < s1 && (t[s0] == ' ' || t[s0] == '\n' || t[s0] == '\t' || t[s0] == '\r')) s0++;
        while (s1 > s0 && (t[s1 - 1] == ' ' || t[s1 - 1] == '\n' || t[s1 - 1] == '\t' || t[s1 - 1] == '\r')) s1--;
        if (s1 > s0) {
            ps[np].start = (uint32_t)s0;
            ps[np].stop = (uint32_t)s1;
            np++;
        }
        b = e + 2;
    }
    art->paragraphs = ps;
    art->nparagraphs = np;
    return 0;
}

/* Recovery never takes a file's only paragraph away from the body: when
 * no line is left as body text, the headline line (it stays the title
 * too), else the one line that is not metadata, is the body. A one-line
 * file (a question, an unpunctuated list) is then read as text. */
static void keep_only_paragraph(rec_t *r)
{
    size_t only = r->nl, cands = 0;
    for (size_t i = 0; i < r->nl; i++) {
        int k = r->lines[i].kind;
        if (k == K_BODY || k == K_NONE) return;
        if (k != K_EMPTY && k != K_META) {
            cands++;
            only = i;
        }
    }
    if (r->title_line < r->nl) r->lines[r->title_line].kind = K_BODY;
    else if (cands == 1) r->lines[only].kind = K_BODY;
}

int lede_recover(lede_arena *a, lede_article *art)
{
    if (!a || !art) return -1;
    if (art->clean) return recover_clean(a, art);
    const char *raw = art->raw ? art->raw : "";
    size_t n = art->raw ? art->raw_len : 0;

    /* split into trimmed lines */
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        if (raw[i] == '\n') cap++;
    line_t *lines = calloc(cap, sizeof *lines);
    if (!lines) return -1;
    size_t nl = 0;
    for (size_t b = 0; b <= n && nl < cap;) {
        const char *nlp = b < n ? memchr(raw + b, '\n', n - b) : NULL;
        size_t e = nlp ? (size_t)(nlp - raw) : n;
        str_t t = trim(raw + b, e - b);
        lines[nl].s = t.s;
        lines[nl].n = t.n;
        lines[nl].words = t.n ? count_words(t.s, t.n) : 0;
        lines[nl].kind = t.n ? K_NONE : K_EMPTY;
        nl++;
        if (!nlp) break;
        b = e + 1;
    }

    rec_t r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.art = art;
    r.lines = lines;
    r.nl = nl;
    r.title_line = nl;
    r.cats_line = nl;

    /* Text the user gave as the article (JSON Lines) reaches the rules
     * whole: no header or body line is removed as boilerplate or taken as
     * metadata; the record's own fields are the metadata. Only what reads
     * the kept text without removing any (dateline, agency, a date in the
     * lead) is still recovered. */
    if (!art->given) {
        size_t body = scan_header(&r);
        scan_body(&r, body);
        keep_only_paragraph(&r);
    }
    for (size_t i = 0; i < nl; i++)
        if (lines[i].kind == K_NONE) lines[i].kind = K_BODY;

    int rc = -1;
    if (build_text(&r) != 0) goto out;
    {
        const char **bp;
        size_t nbp;
        if (collect(&r, K_BP, &bp, &nbp) != 0) goto out;
        if (!art->boilerplate) {
            art->boilerplate = bp;
            art->nboilerplate = nbp;
        }
    }
    if (!art->categories && r.cats_line < nl) {
        str_t items[MAX_CATS];
        const line_t *l = &lines[r.cats_line];
        int k = split_items(l->s, l->n, items, MAX_CATS);
        if (k > 0) {
            const char **v = lede_arena_alloc(a, (size_t)k * sizeof *v);
            if (!v) goto out;
            for (int i = 0; i < k; i++)
                if (!(v[i] = dup(&r, items[i]))) goto out;
            art->categories = v;
            art->ncategories = (size_t)k;
        }
    }

    /* title: the headline line, else a breadcrumb's last crumb */
    if (!r.title.n && r.crumb_had_site && count_words(r.crumb_title.s, r.crumb_title.n) >= 4)
        r.title = r.crumb_title;
    if (set_if_null(&r, &art->title, r.title) != 0) goto out;
    if (set_if_null(&r, &art->subtitle, r.subtitle) != 0) goto out;
    if (set_if_null(&r, &art->byline, r.byline) != 0) goto out;

    /* dateline and agency from the first paragraph */
    if (art->nparagraphs > 0) {
        str_t place, ag;
        lede_span p0 = art->paragraphs[0];
        find_dateline(art->text + p0.start, p0.stop - p0.start, &place, &ag);
        if (set_if_null(&r, &art->dateline, place) != 0) goto out;
        if (set_if_null(&r, &art->agency, ag) != 0) goto out;
    }

    /* source: site suffix, else a footer */
    if (!r.source.n && r.agency_footer.n) r.source = r.agency_footer;
    if (set_if_null(&r, &art->source, r.source) != 0) goto out;
    if (r.agency_footer.n && is_agency_name(r.agency_footer.s, r.agency_footer.n))
        if (set_if_null(&r, &art->agency, r.agency_footer) != 0) goto out;

    /* date: metadata line, else the first full date in the lead */
    if (!r.have_date && r.have_upd) {
        memcpy(r.iso, r.iso_upd, sizeof r.iso);
        r.have_date = 1;
    }
    if (!r.have_date) {
        for (size_t p = 0; p < art->nparagraphs && p < LEAD_DATE_PARAS && !r.have_date; p++) {
            const char *s = art->text + art->paragraphs[p].start;
            size_t len = art->paragraphs[p].stop - art->paragraphs[p].start;
            size_t off = 0, at, dl;
            lede_date d;
            while (off < len && lede_date_find(s + off, len - off, &d, &at, &dl)) {
                if (d.precision >= LEDE_PREC_DAY) {
                    note_date(&r, &d, 0);
                    break;
                }
                off += at + (dl ? dl : 1);
            }
        }
    }
    if (!art->date && r.have_date) {
        art->date = lede_arena_strdup(a, r.iso);
        if (!art->date) goto out;
    }
    /* a date the story contradicts is kept, marked doubtful (src/datedoubt.c) */
    if (lede_date_doubt(a, art, r.have_upd ? r.iso_upd : NULL) != 0) goto out;
    rc = 0;
out:
    free(lines);
    return rc;
}

/* ------------------------------------------------------------ packed raw */

/* The first s[0..n) in h[0..hn) (n > 0), else NULL: a paragraph is most
 * often a line or two after the previous one. */
static const char *find_span(const char *h, size_t hn, const char *s, size_t n)
{
    while (hn >= n) {
        const char *f = memchr(h, (unsigned char)s[0], hn - n + 1);
        if (!f) return NULL;
        if (!memcmp(f, s, n)) return f;
        hn -= (size_t)(f - h) + 1;
        h = f + 1;
    }
    return NULL;
}

int lede_article_pack_raw(lede_arena *a, lede_article *art)
{
    const char *raw = art->raw, *text = art->text;
    size_t n = art->raw_len, np = art->nparagraphs;
    if (!raw || !text || text == raw || np == 0 || n > UINT32_MAX) return 0;
    uint32_t *at = lede_arena_alloc(a, np * sizeof *at);
    if (!at) return -1;
    size_t pos = 0, body = 0;
    for (size_t k = 0; k < np; k++) {
        const lede_span *p = &art->paragraphs[k];
        size_t len = p->stop - p->start;
        const char *f = len ? find_span(raw + pos, n - pos, text + p->start, len) : raw + pos;
        if (!f) return 0;      /* not raw's own bytes: kept whole */
        at[k] = (uint32_t)(f - raw);
        pos = at[k] + len;
        body += len;
    }
    if (body < 64 + np * sizeof *at) return 0;   /* would not save memory */
    char *rest = lede_arena_alloc(a, n - body + 1);
    if (!rest) return -1;
    size_t r = 0, o = 0;
    for (size_t k = 0; k < np; k++) {
        memcpy(rest + r, raw + o, at[k] - o);
        r += at[k] - o;
        o = at[k] + (art->paragraphs[k].stop - art->paragraphs[k].start);
    }
    memcpy(rest + r, raw + o, n - o);
    rest[n - body] = '\0';
    art->raw_rest = rest;
    art->raw_at = at;
    art->raw = NULL;
    return 1;
}

void lede_article_raw_copy(const lede_article *art, char *out)
{
    if (art->raw || !art->raw_rest) {
        if (art->raw_len) memcpy(out, art->raw, art->raw_len);
        return;
    }
    size_t r = 0, o = 0;
    for (size_t k = 0; k < art->nparagraphs; k++) {
        size_t gap = art->raw_at[k] - o, len = art->paragraphs[k].stop - art->paragraphs[k].start;
        memcpy(out + o, art->raw_rest + r, gap);
        r += gap;
        memcpy(out + art->raw_at[k], art->text + art->paragraphs[k].start, len);
        o = art->raw_at[k] + len;
    }
    memcpy(out + o, art->raw_rest + r, art->raw_len - o);
}
