/*
 * format.c — which reader takes a file: by its content first (magic bytes,
 * the opening markup), then by its name (.html, .csv, ...). A compression
 * suffix (.gz, .zst, .xz) is looked through: story.html.gz is HTML.
 */
#include "lede/lede.h"
#include "decompress.h"

#include <string.h>
#include <strings.h>

static int ends_ci(const char *s, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && strncasecmp(s + n - m, suf, m) == 0;
}

static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(s + i, needle, m) == 0) return s + i;
    return NULL;
}

/* The length of path's name without a compression suffix. */
size_t lede_name_len(const char *path)
{
    size_t n = strlen(path);
    static const char *const z[] = {".gz", ".zst", ".zstd", ".xz"};
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++)
        if (ends_ci(path, n, z[i])) return n - strlen(z[i]);
    return n;
}

static int name_format(const char *path)
{
    if (!path) return -1;
    size_t n = lede_name_len(path);
    static const struct { const char *suf; int fmt; } names[] = {
        {".html", LEDE_FMT_HTML}, {".htm", LEDE_FMT_HTML}, {".xhtml", LEDE_FMT_HTML},
        {".rss", LEDE_FMT_FEED}, {".atom", LEDE_FMT_FEED},
        {".warc", LEDE_FMT_WARC}, {".csv", LEDE_FMT_CSV}, {".tsv", LEDE_FMT_TSV},
        {".tab", LEDE_FMT_TSV}, {".pdf", LEDE_FMT_PDF},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ends_ci(path, n, names[i].suf)) return names[i].fmt;
    return -1;
}

/* Markup: an HTML page or a feed, by its first element. */
static int markup_format(const char *s, size_t n)
{
    size_t lim = n < 2048 ? n : 2048;
    if (find_ci(s, lim, "<!doctype html") || find_ci(s, lim, "<html")) return LEDE_FMT_HTML;
    if (find_ci(s, lim, "<rss") || find_ci(s, lim, "<rdf:RDF") ||
        (find_ci(s, lim, "<feed") && find_ci(s, lim, "http://www.w3.org/2005/Atom")))
        return LEDE_FMT_FEED;
    return -1;
}

/* A CSV or TSV header naming a text column ("text", "body", "content"). */
static int header_format(const char *s, size_t n)
{
    const char *nl = memchr(s, '\n', n < 4096 ? n : 4096);
    if (!nl) return -1;
    size_t len = (size_t)(nl - s);
    size_t tabs = 0, commas = 0;
    /* a header's names have no spaces or full stops; a headline such as
     * "Text, images and video" is prose (a .csv name still makes it CSV) */
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\t') tabs++;
        else if (s[i] == ',') commas++;
        else if (s[i] == ' ' || s[i] == '.') return -1;
    }
    if (!tabs && !commas) return -1;
    char sep = tabs ? '\t' : ',';
    static const char *const cols[] = {"text", "body", "content"};
    for (size_t at = 0; at <= len;) {
        size_t e = at;
        while (e < len && s[e] != sep) e++;
        size_t a = at, b = e;
        if (b > a && s[b - 1] == '\r') b--;
        if (b - a >= 2 && s[a] == '"' && s[b - 1] == '"') { a++; b--; }
        for (size_t k = 0; k < 3; k++)
            if (b - a == strlen(cols[k]) && !strncasecmp(s + a, cols[k], b - a))
                return tabs ? LEDE_FMT_TSV : LEDE_FMT_CSV;
        at = e + 1;
    }
    return -1;
}

int lede_input_format(const char *path, const char *bytes, size_t n)
{
    int z = lede_compression(bytes, n);
    if (z == LEDE_Z_GZIP) return LEDE_FMT_GZIP;
    if (z == LEDE_Z_ZSTD) return LEDE_FMT_ZSTD;
    if (z == LEDE_Z_XZ) return LEDE_FMT_XZ;
    int byname = name_format(path);
    /* a PDF may have junk before its header; only trust that by name */
    if ((n >= 5 && !memcmp(bytes, "%PDF-", 5)) ||
        (byname == LEDE_FMT_PDF && find_ci(bytes, n < 1024 ? n : 1024, "%PDF-")))
        return LEDE_FMT_PDF;
    if (n >= 7 && !memcmp(bytes, "WARC/", 5)) return LEDE_FMT_WARC;
    if (byname == LEDE_FMT_HTML) return byname;    /* any content: the parser copes */
    size_t i = 0;
    if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) i = 3;
    else if (n >= 2 && ((unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE))
        return find_ci(bytes, n < 2048 ? n : 2048, "h\0t\0m\0l\0") ? LEDE_FMT_HTML : LEDE_FMT_TEXT;
    while (i < n && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        i++;
    if (i < n && bytes[i] == '<') {
        int m = markup_format(bytes + i, n - i);
        if (m >= 0) return m;
    }
    if (byname == LEDE_FMT_CSV || byname == LEDE_FMT_TSV || byname == LEDE_FMT_FEED)
        return byname;
    int h = header_format(bytes + i, n - i);
    return h >= 0 ? h : LEDE_FMT_TEXT;
}

const char *lede_format_name(int fmt)
{
    static const char *const names[] = {
        [LEDE_FMT_TEXT] = "text", [LEDE_FMT_HTML] = "html", [LEDE_FMT_GZIP] = "gzip",
        [LEDE_FMT_ZSTD] = "zstd", [LEDE_FMT_XZ] = "xz", [LEDE_FMT_FEED] = "feed",
        [LEDE_FMT_WARC] = "warc", [LEDE_FMT_CSV] = "csv", [LEDE_FMT_TSV] = "tsv",
        [LEDE_FMT_PDF] = "pdf",
    };
    return fmt >= 0 && fmt < (int)(sizeof names / sizeof names[0]) && names[fmt] ? names[fmt]
                                                                                : "text";
}
