/* cmocka tests for src/keyscan.c: the stretches of a text around key words. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../src/keyscan.h"

/* the text of stretch j of group g */
static char *piece(const lede_stretches *st, size_t j, const char *s)
{
    size_t a = st->v[2 * j], b = st->v[2 * j + 1];
    char *p = malloc(b - a + 1);
    memcpy(p, s + a, b - a);
    p[b - a] = 0;
    return p;
}

static void expect_piece(const lede_stretches *st, size_t j, const char *s, const char *want)
{
    char *p = piece(st, j, s);
    assert_string_equal(p, want);
    free(p);
}

static void test_word_starts_and_case(void **state)
{
    (void)state;
    lede_keyscan *k = lede_keyscan_new();
    assert_non_null(k);
    assert_int_equal(lede_keyscan_add(k, "year", 0, 0, 1), 0);
    const char *s = "Years ago, a yearly event; a third-year-earlier; not midyear.";
    lede_stretches st[1];
    assert_int_equal(lede_keyscan_run(k, s, strlen(s), st, 1), 0);
    /* a prefix at a word start (after a space or a hyphen), never inside a word */
    assert_int_equal(st[0].count, 3);
    expect_piece(&st[0], 0, s, "Years");
    expect_piece(&st[0], 1, s, "yearly");
    expect_piece(&st[0], 2, s, "year");
    lede_stretches_free(&st[0]);
    lede_keyscan_free(k);
}

static void test_utf8_spaces(void **state)
{
    (void)state;
    lede_keyscan *k = lede_keyscan_new();
    assert_int_equal(lede_keyscan_add(k, "june", 0, 0, 1), 0);
    /* after a no-break space and a thin space a word starts; after é it does not */
    const char *s = "13\xc2\xa0June, 14\xe2\x80\x89June, caf\xc3\xa9june";
    lede_stretches st[1];
    assert_int_equal(lede_keyscan_run(k, s, strlen(s), st, 1), 0);
    assert_int_equal(st[0].count, 2);
    expect_piece(&st[0], 0, s, "June");
    expect_piece(&st[0], 1, s, "June");
    lede_stretches_free(&st[0]);
    lede_keyscan_free(k);
}

static void test_reach_join_and_digits(void **state)
{
    (void)state;
    lede_keyscan *k = lede_keyscan_new();
    assert_int_equal(lede_keyscan_add(k, "19##", 6, 2, 1), 0);
    assert_int_equal(lede_keyscan_add(k, "ago", 8, 0, 2), 0);
    const char *s = "In mid-1996 and 1997, two years ago; 19x is not one, 12345 neither.";
    lede_stretches st[2];
    assert_int_equal(lede_keyscan_run(k, s, strlen(s), st, 2), 0);
    /* 1996 and 1997: reaches that touch become one stretch, widened to words */
    assert_int_equal(st[0].count, 1);
    expect_piece(&st[0], 0, s, "In mid-1996 and 1997, ");
    /* group 2 has its own stretches from the same pass */
    assert_int_equal(st[1].count, 1);
    expect_piece(&st[1], 0, s, "two years ago");
    lede_stretches_free(&st[0]);
    lede_stretches_free(&st[1]);
    lede_keyscan_free(k);
}

static void test_edges_and_bad_keys(void **state)
{
    (void)state;
    lede_keyscan *k = lede_keyscan_new();
    assert_int_equal(lede_keyscan_add(k, "now", 100, 100, 1), 0);
    /* reaches are cut at the ends of the text */
    lede_stretches st[1];
    const char *s = "now";
    assert_int_equal(lede_keyscan_run(k, s, 3, st, 1), 0);
    assert_int_equal(st[0].count, 1);
    assert_int_equal(st[0].v[0], 0);
    assert_int_equal(st[0].v[1], 3);
    lede_stretches_free(&st[0]);
    /* an empty text, a text without keys */
    assert_int_equal(lede_keyscan_run(k, "", 0, st, 1), 0);
    assert_int_equal(st[0].count, 0);
    assert_int_equal(lede_keyscan_run(k, "snow known", 10, st, 1), 0);
    assert_int_equal(st[0].count, 0);
    /* bad keys */
    assert_int_equal(lede_keyscan_add(k, "", 0, 0, 1), -1);
    assert_int_equal(lede_keyscan_add(k, "two words", 0, 0, 1), -1);
    assert_int_equal(lede_keyscan_add(k, "day", 0, 0, 0), -1);
    char longkey[80];
    memset(longkey, 'a', sizeof longkey - 1);
    longkey[sizeof longkey - 1] = 0;
    assert_int_equal(lede_keyscan_add(k, longkey, 0, 0, 1), -1);
    assert_int_equal(lede_keyscan_add(k, NULL, 0, 0, 1), -1);
    lede_keyscan_free(k);
    lede_keyscan_free(NULL);
}

/* bytes of every value: no read outside the text, whatever it holds */
static void test_all_bytes(void **state)
{
    (void)state;
    lede_keyscan *k = lede_keyscan_new();
    assert_int_equal(lede_keyscan_add(k, "#", 3, 3, 1), 0);
    assert_int_equal(lede_keyscan_add(k, "a#b", 1, 1, 2), 0);
    char s[512];
    for (size_t i = 0; i < sizeof s; i++) s[i] = (char)(i * 7 % 256);
    lede_stretches st[2];
    for (size_t n = 0; n <= sizeof s; n += 37) {
        assert_int_equal(lede_keyscan_run(k, s, n, st, 2), 0);
        for (int g = 0; g < 2; g++) {
            for (size_t j = 0; j < st[g].count; j++) {
                assert_true(st[g].v[2 * j] < st[g].v[2 * j + 1]);
                assert_true(st[g].v[2 * j + 1] <= n);
                if (j > 0) assert_true(st[g].v[2 * j] > st[g].v[2 * j - 1]);
            }
            lede_stretches_free(&st[g]);
        }
    }
    lede_keyscan_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_starts_and_case),
        cmocka_unit_test(test_utf8_spaces),
        cmocka_unit_test(test_reach_join_and_digits),
        cmocka_unit_test(test_edges_and_bad_keys),
        cmocka_unit_test(test_all_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
