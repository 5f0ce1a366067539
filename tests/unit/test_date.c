/* Unit tests for src/date.c: parsing, finding and formatting dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "lede/lede.h"

/* Parses s and returns its ISO form (static buffer), or NULL. */
static const char *iso_of(const char *s, int *prec)
{
    static char buf[32];
    lede_date d;
    if (!lede_date_parse(s, strlen(s), &d)) return NULL;
    if (prec) *prec = d.precision;
    if (lede_date_iso(&d, buf, sizeof buf) < 0) return NULL;
    return buf;
}

static void assert_parses(const char *s, const char *iso, int prec)
{
    int p = -1;
    const char *got = iso_of(s, &p);
    if (!got) fail_msg("\"%s\" not parsed", s);
    assert_string_equal(got, iso);
    assert_int_equal(p, prec);
}

static void assert_rejects(const char *s)
{
    const char *got = iso_of(s, NULL);
    if (got) fail_msg("\"%s\" parsed as %s", s, got);
}

static void test_month_names(void **state)
{
    (void)state;
    static const char *const full[] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    };
    static const char *const abbr[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    for (int i = 0; i < 12; i++) {
        assert_int_equal(lede_month_from_name(full[i], strlen(full[i])), i + 1);
        assert_int_equal(lede_month_from_name(abbr[i], strlen(abbr[i])), i + 1);
    }
    assert_int_equal(lede_month_from_name("Sept", 4), 9);
    assert_int_equal(lede_month_from_name("Sept.", 5), 9);
    assert_int_equal(lede_month_from_name("jan.", 4), 1);
    assert_int_equal(lede_month_from_name("SEPTEMBER", 9), 9);
    assert_int_equal(lede_month_from_name("june", 4), 6);
    /* length is honoured: "Mayor" is not May, "Ju" is nothing */
    assert_int_equal(lede_month_from_name("Mayor", 5), 0);
    assert_int_equal(lede_month_from_name("Mayor", 3), 5);
    assert_int_equal(lede_month_from_name("Ju", 2), 0);
    assert_int_equal(lede_month_from_name("Septe", 5), 0);
    assert_int_equal(lede_month_from_name("", 0), 0);
    assert_int_equal(lede_month_from_name(".", 1), 0);
    assert_int_equal(lede_month_from_name("Monday", 6), 0);
}

static void test_parse_iso(void **state)
{
    (void)state;
    assert_parses("2025-04-26", "2025-04-26", LEDE_PREC_DAY);
    assert_parses("  2025-04-26  ", "2025-04-26", LEDE_PREC_DAY);
    assert_parses("2025-04-26 08:23:02", "2025-04-26", LEDE_PREC_SECOND);
    assert_parses("2025-04-26T08:23:02Z", "2025-04-26", LEDE_PREC_SECOND);
    assert_parses("2025-04-26T08:23Z", "2025-04-26", LEDE_PREC_MINUTE);
    assert_parses("2025-04-26T08:23:02.123+02:00", "2025-04-26", LEDE_PREC_SECOND);
    assert_parses("2025/04/26", "2025-04-26", LEDE_PREC_DAY);
    assert_parses("2024-02-29", "2024-02-29", LEDE_PREC_DAY);
    assert_parses("2000-02-29", "2000-02-29", LEDE_PREC_DAY);
    assert_parses("2023", "2023", LEDE_PREC_YEAR);
    assert_parses("2023-06", "2023-06", LEDE_PREC_MONTH);

    lede_date d;
    assert_true(lede_date_parse("2025-04-26 08:23:02", 19, &d));
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 4);
    assert_int_equal(d.day, 26);
    assert_int_equal(d.hour, 8);
    assert_int_equal(d.minute, 23);
    assert_int_equal(d.second, 2);
    assert_true(lede_date_parse("2025-04-26", 10, &d));
    assert_int_equal(d.hour, -1);
    assert_int_equal(d.minute, -1);
    assert_int_equal(d.second, -1);
    /* the length is honoured: only "2025-04-26" of a longer buffer */
    assert_true(lede_date_parse("2025-04-26XYZ", 10, &d));
    assert_int_equal(d.day, 26);
}

static void test_parse_dotted(void **state)
{
    (void)state;
    assert_parses("07.09.2023", "2023-09-07", LEDE_PREC_DAY);
    assert_parses("7.9.2023", "2023-09-07", LEDE_PREC_DAY);
    assert_parses("31.12.1999", "1999-12-31", LEDE_PREC_DAY);
    assert_parses("07.09.2023 14:30", "2023-09-07", LEDE_PREC_MINUTE);
}

static void test_parse_named(void **state)
{
    (void)state;
    assert_parses("13 June 2023", "2023-06-13", LEDE_PREC_DAY);
    assert_parses("13 june 2023", "2023-06-13", LEDE_PREC_DAY);
    assert_parses("June 13, 2023", "2023-06-13", LEDE_PREC_DAY);
    assert_parses("June 13 2023", "2023-06-13", LEDE_PREC_DAY);
    assert_parses("Sept. 5 2023", "2023-09-05", LEDE_PREC_DAY);
    assert_parses("Sept. 5, 2023", "2023-09-05", LEDE_PREC_DAY);
    assert_parses("5 Sept. 2023", "2023-09-05", LEDE_PREC_DAY);
    assert_parses("5 Sep 2023", "2023-09-05", LEDE_PREC_DAY);
    assert_parses("5th of June, 2023", "2023-06-05", LEDE_PREC_DAY);
    assert_parses("June 1st, 2023", "2023-06-01", LEDE_PREC_DAY);
    assert_parses("June 2023", "2023-06", LEDE_PREC_MONTH);
    assert_parses("June, 2023", "2023-06", LEDE_PREC_MONTH);
    assert_parses("Thursday, 7 September 2023", "2023-09-07", LEDE_PREC_DAY);
    assert_parses("Thu, 7 Sep 2023", "2023-09-07", LEDE_PREC_DAY);
    assert_parses("Monday, June 12, 2023", "2023-06-12", LEDE_PREC_DAY);
    assert_parses("29 February 2024", "2024-02-29", LEDE_PREC_DAY);
    assert_parses("13\xC2\xA0June\xC2\xA0" "2023", "2023-06-13", LEDE_PREC_DAY);
}

static void test_parse_rejects(void **state)
{
    (void)state;
    assert_rejects("");
    assert_rejects("   ");
    assert_rejects("not a date");
    assert_rejects("31.02.2023");
    assert_rejects("29.02.2023");
    assert_rejects("2023-13-01");
    assert_rejects("2023-00-10");
    assert_rejects("2023-04-31");
    assert_rejects("2023-02-29");
    assert_rejects("1900-02-29");
    assert_rejects("32 June 2023");
    assert_rejects("0 June 2023");
    assert_rejects("June 31, 2023");
    assert_rejects("1799-01-01");
    assert_rejects("2201-01-01");
    assert_rejects("7/9/2023");          /* ambiguous, on purpose */
    assert_rejects("June 13");           /* no year: not absolute */
    assert_rejects("13 June");
    assert_rejects("Thursday");
    assert_rejects("Thursday, June");
    assert_rejects("2025-04-26 25:00");
    assert_rejects("2025-04-26 08:61");
    assert_rejects("2025-04-26 and more");
    assert_rejects("12023-04-26");
    assert_rejects("20230");
    assert_rejects("Junee 13, 2023");
    assert_rejects("13 Juneteenth 2023");
    assert_rejects("5th June 20234");
    assert_rejects("2023-6-");
    assert_rejects("07.09.23");
}

static void test_find(void **state)
{
    (void)state;
    lede_date d;
    size_t at = 99, len = 99;
    const char *s = "NATO Deputy Secretary General Mircea Geoan\xC4\x83 met today (13 June 2023) with";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(at, (size_t)(strstr(s, "13 June") - s));
    assert_int_equal(len, strlen("13 June 2023"));
    assert_int_equal(d.precision, LEDE_PREC_DAY);

    s = "Date:2025-04-26 08:23:02";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(at, 5);
    assert_int_equal(len, 19);
    assert_int_equal(d.second, 2);

    s = "Agnes Szucs\xC2\xA0 | 07.09.2023 - Update : 07.09.2023";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(at, (size_t)(strstr(s, "07.09") - s));
    assert_int_equal(len, 10);

    s = "It happened on Thursday, 7 September 2023, in Brussels.";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(at, (size_t)(strstr(s, "Thursday") - s));
    assert_int_equal(len, strlen("Thursday, 7 September 2023"));

    s = "troops in Zvecan in May 2023, when";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(d.precision, LEDE_PREC_MONTH);
    assert_int_equal(len, strlen("May 2023"));

    /* the first of several */
    s = "from 5 June 2023 to 2023-07-01";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(at, 5);
    assert_int_equal(d.month, 6);

    /* NULL outputs are allowed */
    assert_true(lede_date_find(s, strlen(s), NULL, NULL, NULL));
}

static void test_find_boundaries(void **state)
{
    (void)state;
    lede_date d;
    size_t at, len;
    static const char *const none[] = {
        "serial 12023-04-26 here",
        "call +381-2023-04-26 now",
        "version 1.07.09.2023 build",
        "id 2023-04-265",
        "x2023-04-26",
        "2023-04-26x",
        "2023-04-26-7",
        "after September 24, when a member",
        "on May 29 in the north",
        "in 2008, with most UN member states",
        "over 1,000 additional troops",
        "the Mayor 2023 report",
        "phone 07.09.20231",
        "code 7/9/2023",
        "",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        if (lede_date_find(none[i], strlen(none[i]), &d, &at, &len))
            fail_msg("found a date in \"%s\" at %zu", none[i], at);
    }
    /* a bad candidate does not hide a later good one */
    const char *s = "ref 12023-04-26, published 2023-04-27.";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(d.day, 27);
    assert_int_equal(at, (size_t)(strstr(s, "2023-04-27") - s));
    /* punctuation around a date is fine */
    s = "(07.09.2023).";
    assert_true(lede_date_find(s, strlen(s), &d, &at, &len));
    assert_int_equal(at, 1);
    assert_int_equal(len, 10);
    /* the length is honoured: nothing is read past n */
    s = "2023-04-26";
    assert_false(lede_date_find(s, 8, &d, &at, &len));
    assert_false(lede_date_find(s, 4, &d, &at, &len));
}

static void test_iso(void **state)
{
    (void)state;
    char buf[32];
    lede_date d = { 2023, 9, 7, -1, -1, -1, LEDE_PREC_DAY };
    assert_int_equal(lede_date_iso(&d, buf, sizeof buf), 10);
    assert_string_equal(buf, "2023-09-07");
    d.precision = LEDE_PREC_MONTH;
    assert_int_equal(lede_date_iso(&d, buf, sizeof buf), 7);
    assert_string_equal(buf, "2023-09");
    d.precision = LEDE_PREC_YEAR;
    assert_int_equal(lede_date_iso(&d, buf, sizeof buf), 4);
    assert_string_equal(buf, "2023");
    d.precision = LEDE_PREC_SECOND;
    d.hour = 8; d.minute = 23; d.second = 2;
    assert_int_equal(lede_date_iso(&d, buf, sizeof buf), 10);
    assert_string_equal(buf, "2023-09-07");
    d.precision = LEDE_PREC_NONE;
    assert_int_equal(lede_date_iso(&d, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* too small a buffer */
    d.precision = LEDE_PREC_DAY;
    assert_int_equal(lede_date_iso(&d, buf, 10), -1);
    assert_string_equal(buf, "");
    assert_int_equal(lede_date_iso(&d, buf, 11), 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_names),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_parse_dotted),
        cmocka_unit_test(test_parse_named),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_find_boundaries),
        cmocka_unit_test(test_iso),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
