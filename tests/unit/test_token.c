/* test_token.c — token kinds and byte offsets. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lede/lede.h"

typedef struct {
    const char *text;
    uint32_t kind;
} want_tok;

#define WD LEDE_TOK_WORD
#define NU LEDE_TOK_NUMBER
#define PU LEDE_TOK_PUNCT
#define SY LEDE_TOK_SYMBOL

/* Tokenize s whole and compare against want (text and kind of each token,
 * offsets checked by locating each token after the previous one). */
static void check(const char *s, const want_tok *want, size_t nwant)
{
    lede_tokvec tv = { 0 };
    size_t n = strlen(s);
    assert_int_equal(lede_tokenize(s, 0, n, &tv), 0);
    size_t from = 0;
    for (size_t i = 0; i < tv.n && i < nwant; i++) {
        const lede_token *t = &tv.v[i];
        size_t len = t->stop - t->start;
        if (len != strlen(want[i].text) ||
            memcmp(s + t->start, want[i].text, len) != 0 ||
            t->kind != want[i].kind) {
            fail_msg("token %zu: got %s '%.*s', want %s '%s'", i,
                     lede_tok_kind_name(t->kind), (int)len, s + t->start,
                     lede_tok_kind_name(want[i].kind), want[i].text);
        }
        const char *at = strstr(s + from, want[i].text);
        assert_non_null(at);
        assert_int_equal(t->start, (size_t)(at - s));
        assert_true(t->stop <= n);
        from = t->stop;
    }
    assert_int_equal(tv.n, nwant);
    lede_tokvec_free(&tv);
}

#define CHECK(s, ...)                                                    \
    do {                                                                 \
        static const want_tok w_[] = { __VA_ARGS__ };                    \
        check(s, w_, sizeof w_ / sizeof w_[0]);                          \
    } while (0)

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(lede_tok_kind_name(LEDE_TOK_WORD), "word");
    assert_string_equal(lede_tok_kind_name(LEDE_TOK_NUMBER), "number");
    assert_string_equal(lede_tok_kind_name(LEDE_TOK_PUNCT), "punct");
    assert_string_equal(lede_tok_kind_name(LEDE_TOK_SYMBOL), "symbol");
    assert_non_null(lede_tok_kind_name(99));
}

static void test_news_sentence(void **state)
{
    (void)state;
    CHECK("“We sent 1,000 troops,” NATO’s chief said — about 3.5 per cent "
          "of the U.S. force, 93% of it... Osmani-Sadriu agreed.",
          { "“", PU }, { "We", WD }, { "sent", WD }, { "1,000", NU },
          { "troops", WD }, { ",", PU }, { "”", PU }, { "NATO’s", WD },
          { "chief", WD }, { "said", WD }, { "—", PU }, { "about", WD },
          { "3.5", NU }, { "per", WD }, { "cent", WD }, { "of", WD },
          { "the", WD }, { "U.S.", WD }, { "force", WD }, { ",", PU },
          { "93", NU }, { "%", SY }, { "of", WD }, { "it", WD },
          { "...", PU }, { "Osmani-Sadriu", WD }, { "agreed", WD },
          { ".", PU });
}

static void test_exact_offsets(void **state)
{
    (void)state;
    /* “ is 3 bytes, so NATO starts at 3; ’ is 3 bytes inside NATO’s */
    const char *s = "\xE2\x80\x9CNATO\xE2\x80\x99s 5%\xE2\x80\x9D";
    lede_tokvec tv = { 0 };
    assert_int_equal(lede_tokenize(s, 0, strlen(s), &tv), 0);
    assert_int_equal(tv.n, 5);
    static const uint32_t want[][3] = {
        { 0, 3, PU }, { 3, 11, WD }, { 12, 13, NU }, { 13, 14, SY },
        { 14, 17, PU },
    };
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(tv.v[i].start, want[i][0]);
        assert_int_equal(tv.v[i].stop, want[i][1]);
        assert_int_equal(tv.v[i].kind, want[i][2]);
    }
    /* a sub-range appends, offsets stay relative to the whole text */
    assert_int_equal(lede_tokenize(s, 12, 14, &tv), 0);
    assert_int_equal(tv.n, 7);
    assert_int_equal(tv.v[5].start, 12);
    assert_int_equal(tv.v[6].stop, 14);
    lede_tokvec_free(&tv);
    assert_null(tv.v);
    assert_int_equal(tv.n, 0);
}

static void test_words(void **state)
{
    (void)state;
    CHECK("don't rock’n’roll EU-facilitated 93-year-old COVID-19 F-16 Mr. "
          "Banjskë Geoană Вучић",
          { "don't", WD }, { "rock’n’roll", WD }, { "EU-facilitated", WD },
          { "93-year-old", WD }, { "COVID-19", WD }, { "F-16", WD },
          { "Mr", WD }, { ".", PU }, { "Banjskë", WD }, { "Geoană", WD },
          { "Вучић", WD });
    /* combining marks stay inside the word; a trailing apostrophe or
     * hyphen is separate */
    CHECK("Geoa\xCC\x86na parties’ ex- 'quoted'",
          { "Geoa\xCC\x86na", WD }, { "parties", WD }, { "’", PU },
          { "ex", WD }, { "-", PU }, { "'", PU }, { "quoted", WD },
          { "'", PU });
}

static void test_abbreviations(void **state)
{
    (void)state;
    CHECK("U.S. U.N. e.g. i.e., a.m. U.S.A. U.S-led J. Smith Plan A.",
          { "U.S.", WD }, { "U.N.", WD }, { "e.g.", WD }, { "i.e.", WD },
          { ",", PU }, { "a.m.", WD }, { "U.S.A.", WD }, { "U.S", WD },
          { "-", PU }, { "led", WD }, { "J", WD }, { ".", PU },
          { "Smith", WD }, { "Plan", WD }, { "A", WD }, { ".", PU });
    CHECK("U.S.-led talks.",
          { "U.S.", WD }, { "-", PU }, { "led", WD }, { "talks", WD },
          { ".", PU });
}

static void test_numbers(void **state)
{
    (void)state;
    CHECK("1,000 3.5 2023, 07.09.2023 1st 20th 5km 2019-2020 3.5. $5 €3,5",
          { "1,000", NU }, { "3.5", NU }, { "2023", NU }, { ",", PU },
          { "07.09.2023", NU }, { "1st", WD }, { "20th", WD }, { "5km", WD },
          { "2019", NU }, { "-", PU }, { "2020", NU }, { "3.5", NU },
          { ".", PU }, { "$", SY }, { "5", NU }, { "€", SY }, { "3,5", NU });
}

static void test_punct_symbols(void **state)
{
    (void)state;
    CHECK("Wait... what?! (KFOR) [x] -- – — … «Oui» „Ja“ ‘a’ ; : & + = / # @ * "
          "~ ^ | < > \xEF\xBF\xBD ©",
          { "Wait", WD }, { "...", PU }, { "what", WD }, { "?", PU },
          { "!", PU }, { "(", PU }, { "KFOR", WD }, { ")", PU }, { "[", PU },
          { "x", WD }, { "]", PU }, { "--", PU }, { "–", PU }, { "—", PU },
          { "…", PU }, { "«", PU }, { "Oui", WD }, { "»", PU }, { "„", PU },
          { "Ja", WD }, { "“", PU }, { "‘", PU }, { "a", WD }, { "’", PU },
          { ";", PU }, { ":", PU }, { "&", SY }, { "+", SY }, { "=", SY },
          { "/", SY }, { "#", SY }, { "@", SY }, { "*", SY }, { "~", SY },
          { "^", SY }, { "|", SY }, { "<", SY }, { ">", SY },
          { "\xEF\xBF\xBD", SY }, { "©", SY });
}

static void test_spaces(void **state)
{
    (void)state;
    /* NBSP, narrow NBSP, ideographic space, zero-width space, tabs */
    CHECK("a\xC2\xA0" "b\xE2\x80\xAF" "c\xE3\x80\x80" "d\xE2\x80\x8B" "e\t\r\nf",
          { "a", WD }, { "b", WD }, { "c", WD }, { "d", WD }, { "e", WD },
          { "f", WD });
    lede_tokvec tv = { 0 };
    assert_int_equal(lede_tokenize("   \n\t ", 0, 6, &tv), 0);
    assert_int_equal(tv.n, 0);
    assert_int_equal(lede_tokenize("", 0, 0, &tv), 0);
    assert_int_equal(tv.n, 0);
    lede_tokvec_free(&tv);
}

static void test_truncated_input(void **state)
{
    (void)state;
    /* a range that cuts a multi-byte character must not read past stop */
    const char *s = "ab\xE2\x80\x94";
    lede_tokvec tv = { 0 };
    assert_int_equal(lede_tokenize(s, 0, 4, &tv), 0);
    assert_int_equal(tv.n, 3);
    assert_int_equal(tv.v[0].stop, 2);
    assert_int_equal(tv.v[2].stop, 4);
    for (size_t i = 0; i < tv.n; i++) assert_true(tv.v[i].stop <= 4);
    lede_tokvec_free(&tv);
}

static void test_many_tokens(void **state)
{
    (void)state;
    /* growth across many reallocations */
    static char buf[60000];
    size_t n = 0;
    for (int i = 0; i < 10000; i++) n += (size_t)sprintf(buf + n, "w%d, ", i % 10);
    lede_tokvec tv = { 0 };
    assert_int_equal(lede_tokenize(buf, 0, n, &tv), 0);
    assert_int_equal(tv.n, 20000);
    assert_int_equal(tv.v[19998].kind, LEDE_TOK_WORD);
    assert_int_equal(tv.v[19999].kind, LEDE_TOK_PUNCT);
    lede_tokvec_free(&tv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_news_sentence),
        cmocka_unit_test(test_exact_offsets),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_punct_symbols),
        cmocka_unit_test(test_spaces),
        cmocka_unit_test(test_truncated_input),
        cmocka_unit_test(test_many_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
