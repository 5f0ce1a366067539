/*
 * test_html.c — HTML pages as articles (src/html.c): main content against
 * page furniture, metadata from <meta>, JSON-LD and <time>, the site name
 * off the title, entities, charsets, gzip, and malformed input that must
 * never crash. Every page here is made up for the test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "lede/lede.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "diag_capture.h"

static const lede_article *page(lede_corpus *c, const char *name, const char *html)
{
    lede_corpus_add_text(c, name, html, strlen(html));
    return c->narticles ? c->articles[c->narticles - 1] : NULL;
}

#define PARA "<p>The council met on Tuesday to discuss the new budget, which " \
             "raises spending on schools, roads and clinics by a tenth.</p>\n"

static const char NEWS[] =
    "<!DOCTYPE html>\n<html><head><title>Council passes budget | Example News</title>\n"
    "<meta property=\"og:title\" content=\"Council passes budget after long night - Example News\">\n"
    "<meta property=\"og:site_name\" content=\"Example News\">\n"
    "<meta property=\"article:section\" content=\"Politics\">\n"
    "<link rel=\"canonical\" href=\"https://news.example.com/2023/council-budget\">\n"
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
    "\"@type\":\"NewsArticle\",\"headline\":\"Council passes budget after long night\","
    "\"datePublished\":\"2023-06-13T08:00:00Z\",\"author\":[{\"@type\":\"Person\","
    "\"name\":\"Jane Doe\"},{\"@type\":\"Person\",\"name\":\"John Roe\"}]}</script>\n"
    "<script>var menu = 'Home Sport Weather';</script></head>\n"
    "<body><header><nav class=\"main-menu\"><ul><li><a href=\"/\">Home</a></li>"
    "<li><a href=\"/sport\">Sport</a></li><li><a href=\"/weather\">Weather</a></li></ul></nav></header>\n"
    "<div class=\"layout\"><article><h1>Council passes budget after long night</h1>\n"
    "<div class=\"article-body\">\n"
    "<p>By Jane Doe - 06/13/23 08:00 AM EST</p>\n"
    "<p>The city council passed its budget for next year\n"
    "after a debate that went on until three in the morning, officials said.</p>\n"
    PARA
    "<p>Mayor Aleksandar Vu&#269;i&#263; said the plan was &quot;fair to every district&quot; "
    "and that the new clinics would open in the spring.</p>\n"
    "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>\n"
    "<div class=\"social-embed\"><blockquote class=\"twitter-tweet\"><p>Budget day at the council: "
    "a long night ahead for everyone here.</p></blockquote></div>\n"
    "<p>Updated at 9:15 a.m.</p>\n"
    "<p>Opposition members said the budget left too little for housing, "
    "and promised to bring the question back in the autumn.</p>\n"
    "</div>\n"
    "<div class=\"related-links\"><h3>Related</h3><ul>"
    "<li><a href=\"/a\">Mayor opens bridge to the north side of the river</a></li>"
    "<li><a href=\"/b\">School strike ends after three weeks of talks</a></li></ul></div>\n"
    "</article>\n"
    "<aside class=\"sidebar\"><p>Most read: weather warning for the weekend ahead, "
    "and other stories you might like to read.</p></aside>\n"
    "<div id=\"comments\"><p>Great article, thanks for writing it, I agree with all of this "
    "and more besides.</p></div></div>\n"
    "<footer><p>Copyright 2023 Example News. All rights reserved. Terms, privacy, contact.</p></footer>\n"
    "</body></html>\n";

static void test_main_content(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    const lede_article *a = page(c, "dir/budget.html", NEWS);
    assert_non_null(a);
    assert_int_equal(d.n, 0);
    assert_string_equal(a->id, "budget");
    assert_non_null(strstr(a->text, "The city council passed its budget for next year after a debate"));
    assert_non_null(strstr(a->text, "bring the question back in the autumn."));
    const char *never[] = {"Sport", "Weather", "Share on Facebook", "Tweet", "Mayor opens bridge",
                           "Most read", "Great article", "Copyright", "var menu", "Related",
                           "By Jane Doe", "Updated at"};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++)
        if (strstr(a->text, never[i])) fail_msg("body holds '%s':\n%s", never[i], a->text);
    /* an embedded post is quoted content, not a share widget */
    assert_non_null(strstr(a->text, "Budget day at the council"));
    /* one paragraph per <p>: the line break inside the first one is no boundary */
    assert_int_equal(a->nparagraphs, 5);
    assert_true(a->nsentences >= 4);
    lede_corpus_free(c);
}

static void test_metadata(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    const lede_article *a = page(c, "budget.html", NEWS);
    assert_non_null(a);
    assert_string_equal(a->title, "Council passes budget after long night");
    assert_string_equal(a->date, "2023-06-13");
    assert_string_equal(a->byline, "Jane Doe, John Roe");
    assert_string_equal(a->source, "Example News");
    assert_string_equal(a->url, "https://news.example.com/2023/council-budget");
    assert_int_equal(a->ncategories, 1);
    assert_string_equal(a->categories[0], "Politics");
    lede_corpus_free(c);
}

static void test_title_site_suffix_and_meta(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    const lede_article *a = page(c, "p.html",
        "<html><head><meta property=\"og:title\" content=\"Storm closes the coast road for a week | The Daily Planet\">"
        "<meta property=\"og:site_name\" content=\"The Daily Planet\">"
        "<meta name=\"author\" content=\"By Lois Lane\">"
        "<meta property=\"article:published_time\" content=\"2024-02-29T10:00:00+01:00\">"
        "</head><body><div class=\"story\">" PARA PARA "</div></body></html>");
    assert_non_null(a);
    assert_string_equal(a->title, "Storm closes the coast road for a week");
    assert_string_equal(a->byline, "Lois Lane");
    assert_string_equal(a->date, "2024-02-29");
    /* <time datetime> and <title> when nothing else says */
    a = page(c, "q.html",
        "<html><head><title>Daily Planet - Harbour reopens after the storm</title></head><body>"
        "<article><p>By staff, <time datetime=\"2024-03-02\">Saturday</time></p>" PARA PARA
        "</article></body></html>");
    assert_non_null(a);
    assert_string_equal(a->date, "2024-03-02");
    assert_string_equal(a->title, "Daily Planet - Harbour reopens after the storm");
    lede_corpus_free(c);
}

static void test_entities_and_charset(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    /* windows-1252 named by <meta charset>: 0x93/0x94 curly quotes, 0xE9 e-acute */
    const lede_article *a = page(c, "cp.html",
        "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 owners protest</title></head>"
        "<body><p>\x93We will stay open,\x94 said the caf\xe9 owner, who has run it since 1990 "
        "and plans to keep going.</p></body></html>");
    assert_non_null(a);
    assert_string_equal(a->title, "Caf\xc3\xa9 owners protest");
    assert_non_null(strstr(a->text, "\xe2\x80\x9cWe will stay open,\xe2\x80\x9d said the caf\xc3\xa9 owner"));
    /* http-equiv, iso-8859-1 read as windows-1252 as browsers do */
    a = page(c, "l1.html",
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
        "</head><body><p>Der B\xfcrgermeister sagte am Montag, die Stra\xdf" "e bleibe gesperrt, "
        "bis die Arbeiten fertig sind.</p></body></html>");
    assert_non_null(a);
    assert_non_null(strstr(a->text, "B\xc3\xbcrgermeister"));
    assert_non_null(strstr(a->text, "Stra\xc3\x9f" "e"));
    /* no charset and bytes that are not UTF-8: windows-1252 */
    a = page(c, "nocs.html", "<html><body><p>Na\xefve caf\xe9 prices rose by a fifth this year, "
                             "the survey of owners found.</p></body></html>");
    assert_non_null(a);
    assert_non_null(strstr(a->text, "Na\xc3\xafve caf\xc3\xa9"));
    /* valid UTF-8 under an old declaration (a page saved again): UTF-8 */
    a = page(c, "resaved.html",
        "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Aleksandar Vu\xc4\x8di\xc4\x87 "
        "met the caf\xc3\xa9 owners in Belgrade on Monday morning.</p></body></html>");
    assert_non_null(a);
    assert_non_null(strstr(a->text, "Vu\xc4\x8di\xc4\x87 met the caf\xc3\xa9 owners"));
    a = page(c, "u16.html", "<html><head><meta charset=\"utf-16\"></head><body><p>Plain ASCII "
                            "text that declares itself UTF-16 and is read as it is.</p></body></html>");
    assert_non_null(a);
    assert_non_null(strstr(a->text, "Plain ASCII text that declares itself UTF-16"));
    /* entities */
    a = page(c, "ent.html", "<html><body><p>Aleksandar Vu&#269;i&#263; &amp; Vjosa Osmani met "
                            "in Brussels&nbsp;on Monday &mdash; talks went on.</p></body></html>");
    assert_non_null(a);
    assert_non_null(strstr(a->text, "Aleksandar Vu\xc4\x8di\xc4\x87 & Vjosa Osmani met in Brussels on Monday \xe2\x80\x94 talks"));
    lede_corpus_free(c);
}

static void test_br_runs(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    const lede_article *a = page(c, "br.html",
        "<html><body><div class=\"post-body\">First paragraph of the post, long enough to count as prose.<br><br>"
        "Second paragraph, with a single<br>line break inside it, still one paragraph.<br>\n<br>"
        "Third paragraph ends the post, and that is all there is to say.</div></body></html>");
    assert_non_null(a);
    assert_int_equal(a->nparagraphs, 3);
    assert_non_null(strstr(a->text, "with a single line break inside it"));
    lede_corpus_free(c);
}

static void test_no_article(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    page(c, "nav.html", "<html><head><title>Index</title></head><body><nav><a href=\"/\">Home</a>"
                        "<a href=\"/x\">About</a></nav></body></html>");
    assert_true(d.n >= 1);
    assert_non_null(strstr(d.msg[0], "no article body"));
    /* a page with no text at all is skipped with a warning */
    size_t before = c->narticles;
    d.n = 0;
    page(c, "empty.html", "<html><head><script>x()</script></head><body><div></div></body></html>");
    assert_int_equal(c->narticles, before);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.msg[0], "no text"));
    lede_corpus_free(c);
}

static void test_malformed(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    /* every prefix of a page: truncated anywhere, nothing crashes */
    size_t n = strlen(NEWS);
    for (size_t cut = 1; cut < n; cut += 37) lede_corpus_add_text(c, "cut.html", NEWS, cut);
    /* unclosed and misnested tags */
    const lede_article *a = page(c, "bad.html",
        "<html><body><div><p>The first paragraph is never closed and runs on for a while "
        "<b><i>into misnested</b></i> tags<div><p>and then a second one</table></td></body>");
    assert_non_null(a);
    assert_non_null(strstr(a->text, "into misnested tags"));
    /* binary junk named .html: a warning, no article */
    unsigned char junk[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    size_t before = c->narticles;
    d.n = 0;
    lede_corpus_add_text(c, "junk.html", (const char *)junk, sizeof junk);
    assert_true(d.n >= 1);
    assert_true(c->narticles <= before + 1);
    /* junk without NUL bytes */
    for (size_t i = 0; i < sizeof junk; i++)
        if (!junk[i]) junk[i] = '<';
    lede_corpus_add_text(c, "junk2.html", (const char *)junk, sizeof junk);
    /* deep nesting */
    size_t deep = 20000;
    char *dn = malloc(deep * 5 + 64);
    assert_non_null(dn);
    strcpy(dn, "<html><body>");
    char *p = dn + strlen(dn);
    for (size_t i = 0; i < deep; i++, p += 5) memcpy(p, "<div>", 5);
    strcpy(p, "deep text here</body></html>");
    lede_corpus_add_text(c, "deep.html", dn, strlen(dn));
    free(dn);
    lede_corpus_free(c);
}

static size_t gzip(const char *s, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t got = cap - z.avail_out;
    deflateEnd(&z);
    return got;
}

static void test_gzip(void **state)
{
    diags d;
    lede_corpus *c = corpus(&d);
    static unsigned char gz[16384];
    size_t n = gzip(NEWS, strlen(NEWS), gz, sizeof gz);
    lede_corpus_add_text(c, "dir/budget.html.gz", (const char *)gz, n);
    assert_int_equal(c->narticles, 1);
    const lede_article *a = c->articles[0];
    assert_string_equal(a->id, "budget");
    assert_string_equal(a->title, "Council passes budget after long night");
    /* multi-member gzip of plain text; no .html in the name */
    const char *t1 = "Prime Minister Albin Kurti said on Monday that talks would resume.\n\n";
    const char *t2 = "The talks in Brussels ended without an agreement, officials said.\n";
    size_t n1 = gzip(t1, strlen(t1), gz, sizeof gz);
    size_t n2 = gzip(t2, strlen(t2), gz + n1, sizeof gz - n1);
    lede_corpus_add_text(c, "notes.txt.gz", (const char *)gz, n1 + n2);
    assert_int_equal(c->narticles, 2);
    assert_non_null(strstr(c->articles[1]->text, "without an agreement"));
    assert_string_equal(c->articles[1]->id, "notes");
    /* truncated gzip: a warning, what came before the damage is read */
    d.n = 0;
    n = gzip(NEWS, strlen(NEWS), gz, sizeof gz);
    lede_corpus_add_text(c, "cut.html.gz", (const char *)gz, n / 2);
    assert_true(d.n >= 1);
    /* corrupt gzip */
    d.n = 0;
    unsigned char bad[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff};
    lede_corpus_add_text(c, "bad.gz", (const char *)bad, sizeof bad);
    assert_true(d.n >= 1);
    lede_corpus_free(c);
}

static void test_sniffing(void **state)
{
    assert_int_equal(lede_input_format("a.txt", "<!DOCTYPE html><html>", 21), LEDE_FMT_HTML);
    assert_int_equal(lede_input_format("-", "  \n<html lang=en>", 17), LEDE_FMT_HTML);
    assert_int_equal(lede_input_format("a.HTM", "plain", 5), LEDE_FMT_HTML);
    assert_int_equal(lede_input_format("a.xhtml.gz", "plain", 5), LEDE_FMT_HTML);
    assert_int_equal(lede_input_format("a.txt", "NATO said <b> was bold", 22), LEDE_FMT_TEXT);
    assert_int_equal(lede_input_format("a.txt", "\x1f\x8b\x08", 3), LEDE_FMT_GZIP);
    /* plain text stays plain text: its first line is still the headline */
    diags d;
    lede_corpus *c = corpus(&d);
    const char *t = "Kosovo talks resume\n\nPrime Minister Albin Kurti said talks would resume.\n";
    lede_corpus_add_text(c, "k.txt", t, strlen(t));
    assert_int_equal(c->narticles, 1);
    assert_string_equal(c->articles[0]->title, "Kosovo talks resume");
    lede_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_main_content),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_title_site_suffix_and_meta),
        cmocka_unit_test(test_entities_and_charset),
        cmocka_unit_test(test_br_runs),
        cmocka_unit_test(test_no_article),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_sniffing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
