/* Unit tests for src/article.c: metadata and boilerplate recovery. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/lede.h"

#ifndef LEDE_TEST_DATA
#define LEDE_TEST_DATA "tests/data"
#endif

/* ------------------------------------------------------------ helpers */

static lede_article *recover_n(lede_arena *a, const char *raw, size_t n)
{
    lede_article *art = lede_arena_calloc(a, sizeof *art);
    assert_non_null(art);
    art->raw = lede_arena_strndup(a, raw, n);
    art->raw_len = n;
    assert_int_equal(lede_recover(a, art), 0);
    return art;
}

static lede_article *recover(lede_arena *a, const char *raw)
{
    return recover_n(a, raw, strlen(raw));
}

static char *para(lede_arena *a, const lede_article *art, size_t i)
{
    assert_true(i < art->nparagraphs);
    lede_span sp = art->paragraphs[i];
    assert_true(sp.start <= sp.stop);
    assert_true(sp.stop <= art->text_len);
    return lede_arena_strndup(a, art->text + sp.start, sp.stop - sp.start);
}

static void assert_prefix(const char *s, const char *prefix)
{
    assert_non_null(s);
    if (strncmp(s, prefix, strlen(prefix)) != 0)
        fail_msg("\"%.80s\" does not start with \"%s\"", s, prefix);
}

static void assert_str_or_null(const char *got, const char *want)
{
    if (!want) {
        if (got) fail_msg("expected NULL, got \"%s\"", got);
        return;
    }
    if (!got) fail_msg("expected \"%s\", got NULL", want);
    assert_string_equal(got, want);
}

/* Paragraph spans tile the text: trimmed, joined by exactly "\n\n". */
static void assert_text_shape(const lede_article *art)
{
    assert_non_null(art->text);
    assert_int_equal(strlen(art->text), art->text_len);
    size_t expect = 0;
    for (size_t i = 0; i < art->nparagraphs; i++) {
        lede_span sp = art->paragraphs[i];
        assert_int_equal(sp.start, expect);
        assert_true(sp.stop > sp.start);
        char first = art->text[sp.start], last = art->text[sp.stop - 1];
        assert_true(first != ' ' && first != '\n' && first != '\r' && first != '\t');
        assert_true(last != ' ' && last != '\n' && last != '\r' && last != '\t');
        if (i + 1 < art->nparagraphs) {
            assert_memory_equal(art->text + sp.stop, "\n\n", 2);
            expect = sp.stop + 2;
        } else {
            assert_int_equal(sp.stop, art->text_len);
        }
    }
    if (art->nparagraphs == 0) assert_int_equal(art->text_len, 0);
}

/* ------------------------------------------------------ robustness */

static void test_empty(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a, "");
    assert_string_equal(art->text, "");
    assert_int_equal(art->text_len, 0);
    assert_int_equal(art->nparagraphs, 0);
    assert_int_equal(art->nboilerplate, 0);
    assert_int_equal(art->ncategories, 0);
    assert_null(art->title);
    assert_null(art->date);

    art = recover(a, "   \n\t\n \r\n\xC2\xA0\n");
    assert_string_equal(art->text, "");
    assert_int_equal(art->nparagraphs, 0);
    assert_null(art->title);

    /* a NULL raw is treated as empty */
    lede_article *z = lede_arena_calloc(a, sizeof *z);
    assert_int_equal(lede_recover(a, z), 0);
    assert_string_equal(z->text, "");
    lede_arena_free(a);
}

static void test_crlf_and_spaces(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    const char *raw =
        "  Kosovo talks resume in Brussels after months of delay  \r\n"
        "   \r\n"
        "\tThe two sides met on Monday for the first time since the summer.  \r\n"
        "\r\n"
        "They agreed to meet again next month, officials said.";   /* no final newline */
    lede_article *art = recover(a, raw);
    assert_string_equal(art->title, "Kosovo talks resume in Brussels after months of delay");
    assert_int_equal(art->nparagraphs, 2);
    assert_string_equal(para(a, art, 0), "The two sides met on Monday for the first time since the summer.");
    assert_string_equal(para(a, art, 1), "They agreed to meet again next month, officials said.");
    assert_null(strchr(art->text, '\r'));
    assert_text_shape(art);
    lede_arena_free(a);
}

static void test_huge_line(void **state)
{
    (void)state;
    size_t n = 2u * 1024u * 1024u;
    char *raw = malloc(n);
    assert_non_null(raw);
    for (size_t i = 0; i < n; i++) raw[i] = (i % 6 == 5) ? ' ' : "words"[i % 6];
    raw[n - 1] = '.';
    lede_arena *a = lede_arena_new();
    lede_article *art = recover_n(a, raw, n);
    assert_int_equal(art->nparagraphs, 1);
    assert_int_equal(art->text_len, n);
    assert_null(art->title);
    assert_text_shape(art);
    lede_arena_free(a);
    free(raw);
}

static void test_many_short_lines(void **state)
{
    (void)state;
    /* thousands of lines that are all furniture-like: no crash, no body
     * lost to the header scan */
    size_t lines = 5000, cap = lines * 16 + 1;
    char *raw = malloc(cap);
    assert_non_null(raw);
    size_t pos = 0;
    for (size_t i = 0; i < lines; i++) pos += (size_t)snprintf(raw + pos, cap - pos, "a b %zu\n", i);
    lede_arena *a = lede_arena_new();
    lede_article *art = recover_n(a, raw, pos);
    assert_text_shape(art);
    assert_string_equal(art->title, "a b 0");
    assert_int_equal(art->nparagraphs, lines - 1);
    lede_arena_free(a);
    free(raw);
}

/* A file's only paragraph is never taken from the body: a one-line file
 * keeps its line as text (a headline-like line stays the title as well). */
static void test_only_paragraph_kept(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    static const char *const one[] = {
        "What time does the ferry leave?\n",
        "milk eggs bread butter",
        "1) Feed the cat 2) Water the plants\n",
        "Hello\n",
        "  Is it over?  \r\n\r\n",
    };
    static const char *const want[] = {
        "What time does the ferry leave?", "milk eggs bread butter",
        "1) Feed the cat 2) Water the plants", "Hello", "Is it over?",
    };
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
        lede_article *art = recover(a, one[i]);
        assert_int_equal(art->nparagraphs, 1);
        assert_string_equal(para(a, art, 0), want[i]);
        assert_text_shape(art);
    }
    lede_article *art = recover(a, "What time does the ferry leave?\n");
    assert_string_equal(art->title, "What time does the ferry leave?");

    /* a headline with only metadata under it: the headline is the body */
    art = recover(a, "Ferry service resumes on the island\nBy Anna Kowalska\n");
    assert_string_equal(art->title, "Ferry service resumes on the island");
    assert_int_equal(art->nparagraphs, 1);
    assert_string_equal(para(a, art, 0), "Ferry service resumes on the island");

    /* with a body, the headline is not repeated in it */
    art = recover(a, "Ferry service resumes\nThe first boat left at dawn, officials said.\n");
    assert_string_equal(art->title, "Ferry service resumes");
    assert_int_equal(art->nparagraphs, 1);
    assert_string_equal(para(a, art, 0), "The first boat left at dawn, officials said.");
    lede_arena_free(a);
}

/* ------------------------------------------------------- heuristics */

static void test_no_title_when_body_first(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "The alliance said on Monday that it would send more troops to the region.\n"
        "Officials gave no figures.\n");
    assert_null(art->title);
    assert_null(art->subtitle);
    assert_int_equal(art->nparagraphs, 2);
    assert_int_equal(art->nboilerplate, 0);
    lede_arena_free(a);
}

static void test_headline_then_short_body(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a, "Headline Here\nFirst sentence. Second one!\n");
    assert_string_equal(art->title, "Headline Here");
    assert_int_equal(art->nparagraphs, 1);
    assert_string_equal(para(a, art, 0), "First sentence. Second one!");

    /* nothing reads like a story: what follows the headline is kept */
    art = recover(a, "Big news today\nShort line one\nShort line two\n");
    assert_string_equal(art->title, "Big news today");
    assert_null(art->subtitle);
    assert_int_equal(art->nparagraphs, 2);
    lede_arena_free(a);
}

static void test_breadcrumb_and_site_suffix(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Home > World > Europe\n"
        "Kosovo and Serbia leaders agree to new talks | Daily Planet\n"
        "Share\n"
        "The leaders of Kosovo and Serbia agreed on Tuesday to hold new talks next month.\n");
    assert_string_equal(art->title, "Kosovo and Serbia leaders agree to new talks");
    assert_string_equal(art->source, "Daily Planet");
    assert_int_equal(art->nboilerplate, 2);
    assert_string_equal(art->boilerplate[0], "Home > World > Europe");
    assert_string_equal(art->boilerplate[1], "Share");
    assert_int_equal(art->nparagraphs, 1);

    /* the suffix can sit on the breadcrumb's last crumb */
    art = recover(a,
        "You are here: News > Kosovo border reopens after week of protests -TheWire\n"
        "Kosovo border reopens after week of protests\n"
        "The main crossing between Kosovo and Serbia reopened on Friday after a week.\n");
    assert_string_equal(art->title, "Kosovo border reopens after week of protests");
    assert_string_equal(art->source, "TheWire");
    assert_int_equal(art->nboilerplate, 1);

    /* a dash inside a headline is not a site suffix */
    art = recover(a,
        "Kosovo - Serbia talks: what we know so far\n"
        "The talks began on Monday in Brussels and will last for three days.\n");
    assert_string_equal(art->title, "Kosovo - Serbia talks: what we know so far");
    assert_null(art->source);
    art = recover(a,
        "Live updates: tensions in northern Kosovo - Day 3\n"
        "The talks began on Monday in Brussels and will last for three days.\n");
    assert_string_equal(art->title, "Live updates: tensions in northern Kosovo - Day 3");
    assert_null(art->source);
    lede_arena_free(a);
}

static void test_date_lines(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Talks resume in Brussels\n"
        "Published: June 5, 2023 10:00\n"
        "By John Smith and Mary O'Neil\n"
        "The talks resumed on Monday, officials said in a statement.\n");
    assert_string_equal(art->title, "Talks resume in Brussels");
    assert_string_equal(art->date, "2023-06-05");
    assert_string_equal(art->byline, "John Smith and Mary O'Neil");
    assert_int_equal(art->nboilerplate, 0);     /* metadata is not boilerplate */
    assert_int_equal(art->nparagraphs, 1);

    /* "Updated" is used only when nothing else gives a date */
    art = recover(a,
        "Talks resume in Brussels\n"
        "Updated: 2023-06-07\n"
        "Date: 2023-06-05\n"
        "The talks resumed on Monday, officials said in a statement.\n");
    assert_string_equal(art->date, "2023-06-05");

    /* name | date byline */
    art = recover(a,
        "Talks resume in Brussels\n"
        "Jane Doe \xC2\xB7 Thursday, 7 September 2023\n"
        "The talks resumed on Monday, officials said in a statement.\n");
    assert_string_equal(art->byline, "Jane Doe");
    assert_string_equal(art->date, "2023-09-07");

    /* a date inside the headline does not make it a metadata line */
    art = recover(a,
        "Protests on 5 June 2023 turn violent\n"
        "Police used tear gas against protesters in the north of the country.\n");
    assert_string_equal(art->title, "Protests on 5 June 2023 turn violent");
    lede_arena_free(a);
}

static void test_date_from_lead(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Leaders meet\n"
        "The ministers met today (13 June 2023) in Brussels to discuss the situation.\n");
    assert_string_equal(art->date, "2023-06-13");

    /* month precision is not a publication date */
    art = recover(a,
        "Troops were injured in May 2023 during clashes in the north of Kosovo.\n"
        "More were sent in September, officials said.\n");
    assert_null(art->date);

    /* only the lead is searched */
    art = recover(a,
        "The first paragraph has no date at all in it, officials said.\n"
        "Neither does the second paragraph of this short story, they said.\n"
        "The third one mentions 5 June 2023 but it is too far down.\n");
    assert_null(art->date);

    /* no year: not absolute */
    art = recover(a, "The attack on September 24 killed a police officer in the village.\n");
    assert_null(art->date);
    lede_arena_free(a);
}

static void test_categories_title_subtitle(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Economy, Business\n"
        "\n"
        "Inflation slows for a third month in a row\n"
        "\n"
        "Prices rose less than expected as energy costs kept falling across the bloc\n"
        "\n"
        "Inflation slowed for a third month in a row in May, official data showed.\n"
        "\n"
        "Inflation slows for a third month in a row\n");
    assert_int_equal(art->ncategories, 2);
    assert_string_equal(art->categories[0], "Economy");
    assert_string_equal(art->categories[1], "Business");
    assert_string_equal(art->title, "Inflation slows for a third month in a row");
    assert_string_equal(art->subtitle,
        "Prices rose less than expected as energy costs kept falling across the bloc");
    assert_int_equal(art->nparagraphs, 1);
    assert_int_equal(art->nboilerplate, 1);      /* the repeated headline */
    assert_string_equal(art->boilerplate[0], "Inflation slows for a third month in a row");

    /* a one-word section label above the headline */
    art = recover(a,
        "World\n"
        "Leaders gather in Brussels for summit\n"
        "Leaders of the alliance gathered in Brussels on Monday for a two-day summit.\n");
    assert_int_equal(art->ncategories, 1);
    assert_string_equal(art->categories[0], "World");
    assert_string_equal(art->title, "Leaders gather in Brussels for summit");
    assert_int_equal(art->nboilerplate, 0);

    /* a comma headline followed by the story is a headline, not categories */
    art = recover(a,
        "Kosovo, Serbia, Montenegro\n"
        "The three countries signed a regional agreement on Monday in Skopje.\n");
    assert_int_equal(art->ncategories, 0);
    assert_string_equal(art->title, "Kosovo, Serbia, Montenegro");
    lede_arena_free(a);
}

static void test_datelines(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    struct { const char *raw, *dateline, *agency; } cases[] = {
        { "BELGRADE, Serbia (AP) \xE2\x80\x94 The president said on Tuesday that talks would go on.",
          "BELGRADE, Serbia", "AP" },
        { "PRISTINA, Kosovo \xE2\x80\x94 The government said on Tuesday that talks would go on.",
          "PRISTINA, Kosovo", NULL },
        { "WASHINGTON (Reuters) - The president said on Tuesday that talks would go on.",
          "WASHINGTON", "Reuters" },
        { "Brussels (AFP) \xE2\x80\x93 The commission said on Tuesday that talks would go on.",
          "Brussels", "AFP" },
        { "BRUSSELS, Oct 24 (Reuters) - The commission said on Tuesday that talks would go on.",
          "BRUSSELS", "Reuters" },
        { "WASHINGTON \xE2\x80\x94 The president said on Tuesday that talks would go on.",
          "WASHINGTON", NULL },
        { "(Reuters) - The president said on Tuesday that talks would go on, aides said.",
          NULL, "Reuters" },
        { "NATO \xE2\x80\x94 the alliance \xE2\x80\x94 said on Tuesday that talks would go on.",
          NULL, NULL },
        { "The president said on Tuesday \xE2\x80\x94 again \xE2\x80\x94 that talks would go on.",
          NULL, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lede_article *art = recover(a, cases[i].raw);
        assert_str_or_null(art->dateline, cases[i].dateline);
        assert_str_or_null(art->agency, cases[i].agency);
        /* the paragraph keeps its dateline */
        assert_string_equal(para(a, art, 0), cases[i].raw);
    }
    lede_arena_free(a);
}

static void test_footers_and_widgets(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Storm hits the coast\n"
        "A strong storm hit the coast on Sunday, cutting power to thousands of homes.\n"
        "Advertisement\n"
        "Emergency crews worked through the night to restore electricity, officials said.\n"
        "very\n"
        "Residents were told to stay indoors until the wind dropped, the mayor said.\n"
        "Like (12)\n"
        "\xC2\xA9 2024 The Daily Planet. All rights reserved.\n");
    assert_int_equal(art->nparagraphs, 3);
    assert_int_equal(art->nboilerplate, 4);
    assert_string_equal(art->boilerplate[0], "Advertisement");
    assert_string_equal(art->boilerplate[1], "very");
    assert_string_equal(art->boilerplate[2], "Like (12)");
    assert_prefix(art->boilerplate[3], "\xC2\xA9 2024 The Daily Planet");
    assert_string_equal(art->source, "The Daily Planet");
    assert_null(art->agency);
    assert_text_shape(art);

    /* a syndication footer names the source and, for agencies, the agency */
    art = recover(a,
        "The ministers met in Ankara on Monday to discuss trade, officials said.\n"
        "Example News Agency website contains only a portion of the news stories offered "
        "to subscribers. Please contact us for subscription options.\n");
    assert_int_equal(art->nparagraphs, 1);
    assert_int_equal(art->nboilerplate, 1);
    assert_string_equal(art->source, "Example News Agency");
    assert_string_equal(art->agency, "Example News Agency");
    lede_arena_free(a);
}

/* A wire story from outside the sample: breadcrumb, byline, a date line
 * with a time, a Reuters dateline, a credit line and a standards footer. */
static void test_wire_story(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Home > World > Europe\n"
        "EU leaders agree on new sanctions package against Russia\n"
        "By Jane Doe and John Smith\n"
        "March 3, 2024 4:15 PM GMT\n"
        "BRUSSELS (Reuters) - European Union leaders agreed on Thursday to a 13th package of "
        "sanctions against Russia, officials said.\n"
        "\"This is a strong signal,\" Ursula von der Leyen told reporters in Brussels.\n"
        "Hungarian Prime Minister Viktor Orban did not block the decision.\n"
        "(Reporting by Jane Doe; Editing by Alex Richardson)\n"
        "Our Standards: The Thomson Reuters Trust Principles.\n"
        "Associated Press writer Samy Magdy in Cairo contributed to this report.\n");
    assert_string_equal(art->title, "EU leaders agree on new sanctions package against Russia");
    assert_string_equal(art->byline, "Jane Doe and John Smith");
    assert_string_equal(art->date, "2024-03-03");
    assert_string_equal(art->dateline, "BRUSSELS");
    assert_string_equal(art->agency, "Reuters");
    assert_int_equal(art->nparagraphs, 3);
    assert_int_equal(art->nboilerplate, 4);
    assert_string_equal(art->boilerplate[0], "Home > World > Europe");
    assert_string_equal(art->boilerplate[1], "(Reporting by Jane Doe; Editing by Alex Richardson)");
    assert_string_equal(art->boilerplate[2], "Our Standards: The Thomson Reuters Trust Principles.");
    assert_string_equal(art->boilerplate[3],
                        "Associated Press writer Samy Magdy in Cairo contributed to this report.");
    lede_arena_free(a);
}

/* Captions, a byline with a role, a date line alone, topic links. */
static void test_captions_and_roles(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Skip to content\n"
        "Kosovo police stormed monastery after deadly clash, officials say\n"
        "24 September 2023\n"
        "Share\n"
        "Image source, Getty Images\n"
        "Image caption, Kosovo police outside the monastery in Banjska on Sunday\n"
        "By Guy Delauney, BBC Balkans correspondent\n"
        "A Kosovo police officer has been killed and another injured in an ambush by about 30 "
        "heavily armed men in the north of the country, officials say.\n"
        "Serbian President Aleksandar Vucic denied any involvement.\n"
        "Related Topics\n");
    assert_string_equal(art->title, "Kosovo police stormed monastery after deadly clash, officials say");
    assert_null(art->subtitle);
    assert_string_equal(art->byline, "Guy Delauney");
    assert_string_equal(art->date, "2023-09-24");
    assert_int_equal(art->nparagraphs, 2);
    assert_string_equal(art->boilerplate[2], "Image source, Getty Images");
    assert_string_equal(art->boilerplate[3],
                        "Image caption, Kosovo police outside the monastery in Banjska on Sunday");
    lede_arena_free(a);
}

/* A bare name next to the date line is the byline; "Related: …" and
 * "WATCH: …" teasers inside the story are furniture. */
static void test_bare_byline_and_teasers(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "Home \xE2\x80\xBA News \xE2\x80\xBA World\n"
        "Poland to build fence on Belarus border after migrant surge\n"
        "Warsaw says 400 km barrier will cost 1.6 billion zlotys\n"
        "Published: 14 October 2021\n"
        "Anna Kowalska\n"
        "Share\n"
        "WARSAW \xE2\x80\x94 Poland's parliament on Thursday approved plans to build a fence.\n"
        "Related: EU accuses Lukashenko of 'hybrid attack'\n"
        "The European Union accuses Belarus of encouraging migrants to cross.\n"
        "WATCH: Migrants stuck at the border\n"
        "More than 10,000 attempts to cross were recorded in September, the border guard said.\n");
    assert_string_equal(art->byline, "Anna Kowalska");
    assert_string_equal(art->date, "2021-10-14");
    assert_string_equal(art->subtitle, "Warsaw says 400 km barrier will cost 1.6 billion zlotys");
    assert_int_equal(art->nparagraphs, 3);
    int related = 0, watch = 0;
    for (size_t i = 0; i < art->nboilerplate; i++) {
        if (!strncmp(art->boilerplate[i], "Related: EU", 11)) related = 1;
        if (!strncmp(art->boilerplate[i], "WATCH: Migrants", 15)) watch = 1;
    }
    assert_true(related && watch);
    lede_arena_free(a);

    /* the name before the date line, as some sites put it */
    a = lede_arena_new();
    art = recover(a,
        "Fence approved in Warsaw\n"
        "Anna Kowalska\n"
        "14 October 2021\n"
        "Poland's parliament on Thursday approved plans to build a fence along the border.\n");
    assert_string_equal(art->byline, "Anna Kowalska");
    lede_arena_free(a);

    /* a two-word line with no date next to it stays furniture */
    a = lede_arena_new();
    art = recover(a,
        "Fence approved in Warsaw\n"
        "Breaking News\n"
        "Poland's parliament on Thursday approved plans to build a fence along the border.\n");
    assert_null(art->byline);
    lede_arena_free(a);
}

static void test_heavy_furniture_and_author_bio(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    /* thirteen header lines, most of them menus and share buttons: the
     * header is still read (only unrecognised lines count towards its limit) */
    lede_article *art = recover(a,
        "Skip to main content\nMenu\nSearch\nWorld\nEurope\nAdvertisement\n"
        "Spain's S\xC3\xA1nchez survives no-confidence vote\n"
        "Share this article\nShare on Facebook\nShare on Twitter\n"
        "By Elena Ruiz\nMadrid correspondent\nUpdated: 14 June 2023, 18:02\n\n"
        "Spanish Prime Minister Pedro S\xC3\xA1nchez survived a no-confidence motion in parliament on Wednesday.\n\n"
        "Only 53 of the 350 lawmakers voted in favour of the motion.\n\n"
        "Sign up for our newsletter\nGet the best of our journalism in your inbox every morning.\nSubscribe\n\n"
        "Elena Ruiz is our Madrid correspondent. She has covered Spanish politics since 2015.\n");
    assert_string_equal(art->title, "Spain's S\xC3\xA1nchez survives no-confidence vote");
    assert_string_equal(art->byline, "Elena Ruiz");
    assert_string_equal(art->date, "2023-06-14");
    assert_int_equal(art->nparagraphs, 2);
    assert_true(strncmp(art->text, "Spanish Prime Minister", 22) == 0);
    assert_null(strstr(art->text, "correspondent"));
    assert_null(strstr(art->text, "inbox"));
    lede_arena_free(a);

    /* the author as a story's subject is not a bio when not the byline */
    a = lede_arena_new();
    art = recover(a,
        "Writer honoured\nBy Tom Hale\n\n"
        "Elena Ruiz is the winner of this year's prize for foreign reporting, the jury said.\n\n"
        "She has covered Spanish politics since 2015.\n");
    assert_int_equal(art->nparagraphs, 2);
    lede_arena_free(a);
}

static void test_press_release_and_roles(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    /* "FOR IMMEDIATE RELEASE" is not the headline; "About …" and the media
     * contact end the story */
    lede_article *art = recover(a,
        "FOR IMMEDIATE RELEASE\n\n"
        "Acme Robotics raises $250 million to expand warehouse automation\n\n"
        "BOSTON, Jan. 9, 2025 /PRNewswire/ -- Acme Robotics, Inc. today announced that it has raised $250 million.\n\n"
        "The company will use the funds to triple its engineering team by the end of 2025.\n\n"
        "\"Demand has never been stronger,\" said Priya Raman, co-founder and CEO.\n\n"
        "About Acme Robotics\n"
        "Acme Robotics builds autonomous mobile robots for warehouses.\n\n"
        "Media contact:\nJane Doe\npress@acmerobotics.example\n");
    assert_string_equal(art->title, "Acme Robotics raises $250 million to expand warehouse automation");
    assert_int_equal(art->nparagraphs, 3);
    assert_null(strstr(art->text, "Jane Doe"));
    assert_null(strstr(art->text, "builds autonomous"));
    lede_arena_free(a);

    /* a byline with its desk and role and no comma */
    a = lede_arena_new();
    art = recover(a,
        "Ultra-processed foods linked to 32 health problems\n\n"
        "By Andrew Gregory Health editor\n\n"
        "Wed 28 Feb 2024 23:30 GMT\n\n"
        "Eating ultra-processed food is linked to 32 harmful effects on health, a review found.\n");
    assert_string_equal(art->byline, "Andrew Gregory");
    assert_null(art->subtitle);
    lede_arena_free(a);

    /* no role at the end: the words are the name */
    a = lede_arena_new();
    art = recover(a, "Budget approved\n\nBy Jane Senior\n\nThe parliament approved the budget on Tuesday after a long debate.\n");
    assert_string_equal(art->byline, "Jane Senior");
    lede_arena_free(a);

    /* a mixed-case city before a full date */
    a = lede_arena_new();
    art = recover(a, "Activists march\n\nNairobi, 12 March 2024 - Thousands of women marched through the capital on Tuesday.\n");
    assert_string_equal(art->dateline, "Nairobi");
    lede_arena_free(a);
}

static void test_link_lists_and_trailers(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = recover(a,
        "The council met on Monday and approved the new budget after a long debate.\n"
        "The vote was 30 to 12, with two abstentions, the clerk said.\n"
        "Read more\n"
        "- Mayor announces new park plans\n"
        "- City council approves budget\n"
        "Most read\n"
        "Local team wins championship\n");
    assert_int_equal(art->nparagraphs, 2);
    assert_int_equal(art->nboilerplate, 5);
    assert_string_equal(art->boilerplate[0], "Read more");
    assert_string_equal(art->boilerplate[4], "Local team wins championship");

    /* a "Related" heading followed by real paragraphs is only a stray word */
    art = recover(a,
        "The council met on Monday and approved the new budget after a long debate.\n"
        "Related\n"
        "The vote was 30 to 12, with two abstentions, after a debate that lasted for more "
        "than six hours and ended shortly after midnight, the clerk of the council said.\n");
    assert_int_equal(art->nparagraphs, 2);
    assert_int_equal(art->nboilerplate, 1);

    /* short trailing lines are furniture, unless they continue a list */
    art = recover(a,
        "The summit is expected to focus on three issues, officials said on Monday.\n"
        "The agenda includes:\n"
        "Defense spending,\n"
        "Industrial production,\n"
        "Support to Ukraine\n");
    assert_int_equal(art->nparagraphs, 5);
    assert_int_equal(art->nboilerplate, 0);

    art = recover(a,
        "The summit is expected to focus on three issues, officials said on Monday.\n"
        "Tags Kosovo Serbia NATO\n"
        "Photo credits Reuters\n");
    assert_int_equal(art->nparagraphs, 1);
    assert_int_equal(art->nboilerplate, 2);
    lede_arena_free(a);
}

static void test_preset_fields_kept(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = lede_arena_calloc(a, sizeof *art);
    const char *raw =
        "Given headline\n"
        "Date: 2020-01-02\n"
        "By Someone Else\n"
        "The story begins here with a sentence that ends in a full stop.\n";
    art->raw = raw;
    art->raw_len = strlen(raw);
    art->title = "Given headline";
    art->date = "2024-01-02";
    art->source = "S";
    art->byline = "Given Author";
    assert_int_equal(lede_recover(a, art), 0);
    assert_string_equal(art->title, "Given headline");
    assert_string_equal(art->date, "2024-01-02");
    assert_string_equal(art->source, "S");
    assert_string_equal(art->byline, "Given Author");
    assert_int_equal(art->nparagraphs, 1);
    assert_int_equal(art->nboilerplate, 1);        /* the text's copy of the headline */

    /* with a given title, a short first line that differs is body text */
    art = lede_arena_calloc(a, sizeof *art);
    raw = "Short opener\nThe story continues here with a sentence that ends in a full stop.\n";
    art->raw = raw;
    art->raw_len = strlen(raw);
    art->title = "T";
    assert_int_equal(lede_recover(a, art), 0);
    assert_string_equal(art->title, "T");
    assert_int_equal(art->nparagraphs, 2);
    lede_arena_free(a);
}

/* ------------------------------------------------- the sample corpus */

static lede_article *load_sample(lede_arena *a, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/kosovo/%s.txt", LEDE_TEST_DATA, name);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 > cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            assert_non_null(nb);
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    fclose(f);
    lede_article *art = recover_n(a, buf, n);
    free(buf);
    assert_text_shape(art);
    return art;
}

static const char *first_para(lede_arena *a, const lede_article *art)
{
    return para(a, art, 0);
}

static const char *last_para(lede_arena *a, const lede_article *art)
{
    return para(a, art, art->nparagraphs - 1);
}

static void test_sample_000(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = load_sample(a, "000_14052a908de9061f");
    assert_null(art->title);
    assert_null(art->subtitle);
    assert_null(art->date);
    assert_null(art->byline);
    assert_null(art->dateline);
    assert_null(art->agency);
    assert_null(art->source);
    assert_int_equal(art->ncategories, 0);
    assert_int_equal(art->nboilerplate, 0);
    assert_int_equal(art->nparagraphs, 16);
    assert_prefix(first_para(a, art), "NATO continues to urge Serbian authorities");
    assert_prefix(last_para(a, art), "US President Donald Trump");
    lede_arena_free(a);
}

static void test_sample_001(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = load_sample(a, "001_5e1d57c8eee590f4");
    assert_int_equal(art->ncategories, 3);
    assert_string_equal(art->categories[0], "Politics");
    assert_string_equal(art->categories[1], "World");
    assert_string_equal(art->categories[2], "Europe");
    assert_string_equal(art->title,
        "NATO chief calls for accountability over attack on NATO\xE2\x80\x99s mission in Kosovo");
    assert_string_equal(art->subtitle,
        "Jens Stoltenberg calls on Kosovo, Serbia to use \xE2\x80\x98patience, perseverance, "
        "compromise\xE2\x80\x99 in talks to resolve conflict");
    assert_string_equal(art->byline, "Agnes Szucs");
    assert_string_equal(art->date, "2023-09-07");
    assert_string_equal(art->source, "Anadolu Agency");
    assert_string_equal(art->agency, "Anadolu Agency");
    assert_null(art->dateline);
    assert_int_equal(art->nboilerplate, 2);
    assert_string_equal(art->boilerplate[0],
        "NATO chief calls for accountability over attack on NATO\xE2\x80\x99s mission in Kosovo");
    assert_prefix(art->boilerplate[1], "Anadolu Agency website contains only a portion");
    assert_int_equal(art->nparagraphs, 11);
    assert_prefix(first_para(a, art), "NATO Secretary General Jens Stoltenberg Thursday called");
    assert_prefix(last_para(a, art), "Launched in 2011, the EU-facilitated");
    lede_arena_free(a);
}

static void test_sample_002(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = load_sample(a, "002_38c80cf8b5a01419");
    assert_string_equal(art->title,
        "NATO head says violence in Kosovo unacceptable while calling for constructive "
        "dialogue with Serbia");
    assert_null(art->subtitle);
    assert_string_equal(art->date, "2025-04-26");
    assert_string_equal(art->dateline, "BELGRADE, Serbia");
    assert_string_equal(art->agency, "AP");
    assert_string_equal(art->source, "ValueCore");
    assert_null(art->byline);
    assert_int_equal(art->ncategories, 0);
    assert_true(art->nboilerplate >= 5);
    assert_prefix(art->boilerplate[0], "Current:Home > My");
    assert_string_equal(art->boilerplate[1], "View");
    assert_string_equal(art->boilerplate[2], "veryGood! (4766)");
    assert_string_equal(art->boilerplate[3], "Related");
    assert_string_equal(art->boilerplate[art->nboilerplate - 1],
        "How Taiwan beat back disinformation and preserved the integrity of its election");
    for (size_t i = 0; i < art->nboilerplate; i++)
        if (strncmp(art->boilerplate[i], "Date:", 5) == 0) fail_msg("Date: line in boilerplate");
    assert_int_equal(art->nparagraphs, 15);
    assert_prefix(first_para(a, art), "BELGRADE, Serbia (AP) \xE2\x80\x94 NATO Secretary General");
    assert_prefix(last_para(a, art), "Belgrade has maintained friendly relations with Russia");
    lede_arena_free(a);
}

static void test_sample_003(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = load_sample(a, "003_5436d8cd7f7d1021");
    assert_null(art->title);
    assert_null(art->date);
    assert_null(art->dateline);
    assert_null(art->source);
    assert_int_equal(art->nboilerplate, 0);
    assert_int_equal(art->nparagraphs, 14);
    assert_prefix(first_para(a, art),
        "NATO Secretary General Jens Stoltenberg said Monday in Pristina");
    assert_prefix(last_para(a, art), "Last month, the leaders of major European countries");
    lede_arena_free(a);
}

static void test_sample_004(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_article *art = load_sample(a, "004_ecc3430881c5b6f9");
    assert_string_equal(art->title,
        "NATO and EU together for stability in Kosovo and the Western Balkans");
    assert_string_equal(art->date, "2023-06-13");
    assert_null(art->source);
    assert_null(art->dateline);
    assert_null(art->agency);
    assert_int_equal(art->nboilerplate, 0);
    /* four body lines follow the headline in the file */
    assert_int_equal(art->nparagraphs, 4);
    assert_prefix(first_para(a, art), "NATO Deputy Secretary General Mircea Geoan\xC4\x83 met today");
    assert_prefix(last_para(a, art), "NATO also continues to support the EU-facilitated dialogue");
    lede_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_crlf_and_spaces),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_many_short_lines),
        cmocka_unit_test(test_only_paragraph_kept),
        cmocka_unit_test(test_no_title_when_body_first),
        cmocka_unit_test(test_headline_then_short_body),
        cmocka_unit_test(test_breadcrumb_and_site_suffix),
        cmocka_unit_test(test_date_lines),
        cmocka_unit_test(test_date_from_lead),
        cmocka_unit_test(test_categories_title_subtitle),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_footers_and_widgets),
        cmocka_unit_test(test_wire_story),
        cmocka_unit_test(test_captions_and_roles),
        cmocka_unit_test(test_bare_byline_and_teasers),
        cmocka_unit_test(test_heavy_furniture_and_author_bio),
        cmocka_unit_test(test_press_release_and_roles),
        cmocka_unit_test(test_link_lists_and_trailers),
        cmocka_unit_test(test_preset_fields_kept),
        cmocka_unit_test(test_sample_000),
        cmocka_unit_test(test_sample_001),
        cmocka_unit_test(test_sample_002),
        cmocka_unit_test(test_sample_003),
        cmocka_unit_test(test_sample_004),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
