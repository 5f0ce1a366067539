/* test_json_raw.c — a member's value text in a JSON object's source
 * (src/json_raw.c): the first and the last of a key given twice, values of
 * every kind skipped over, strings holding brackets and escaped quotes,
 * malformed or cut text, and the \u test that sends a record to a full
 * parse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "json_raw.h"

static const char *member(const char *s, const char *key, int last, char *buf, size_t size)
{
    size_t len = 0;
    const char *v = last ? lede_json_member_raw_last(s, strlen(s), key, &len)
                         : lede_json_member_raw(s, strlen(s), key, &len);
    if (!v) return NULL;
    assert_true(len < size);
    memcpy(buf, v, len);
    buf[len] = 0;
    return buf;
}

static void test_first_and_last(void **state)
{
    (void)state;
    char b[256];
    const char *s = "{\"a\": [1, {\"x\": \"]}\"}], \"text\": \"say \\\"hi\\\" {\", "
                    "\"a\" : {\"b\": [true, null]}, \"n\": -1.5e3 }";
    assert_string_equal(member(s, "a", 0, b, sizeof b), "[1, {\"x\": \"]}\"}]");
    assert_string_equal(member(s, "a", 1, b, sizeof b), "{\"b\": [true, null]}");
    assert_string_equal(member(s, "text", 1, b, sizeof b), "\"say \\\"hi\\\" {\"");
    assert_string_equal(member(s, "n", 0, b, sizeof b), "-1.5e3");
    assert_string_equal(member(s, "n", 1, b, sizeof b), "-1.5e3");
    assert_null(member(s, "b", 1, b, sizeof b));           /* nested keys are not members */
    assert_null(member(s, "x", 0, b, sizeof b));
}

static void test_not_found_and_bad(void **state)
{
    (void)state;
    char b[64];
    assert_null(member("{}", "a", 1, b, sizeof b));
    assert_null(member("[\"a\", 1]", "a", 1, b, sizeof b));
    assert_null(member("", "a", 1, b, sizeof b));
    assert_null(member("{\"a\" 1}", "a", 1, b, sizeof b));
    /* cut short after a first member: the one found so far is the last seen */
    assert_string_equal(member("{\"a\": 1, \"a\": [2", "a", 1, b, sizeof b), "1");
    assert_string_equal(member("{\"a\": 1, \"a\": [2", "a", 0, b, sizeof b), "1");
    assert_null(member("{\"a\": \"open", "a", 1, b, sizeof b));
}

static void test_u_escape(void **state)
{
    (void)state;
    const char *plain = "{\"a\": \"\\n\\t\\\"\"}", *esc = "{\"annot\\u0061tions\": []}";
    assert_false(lede_json_has_u_escape(plain, strlen(plain)));
    assert_true(lede_json_has_u_escape(esc, strlen(esc)));
    assert_true(lede_json_has_u_escape("\\u", 2));
    assert_false(lede_json_has_u_escape("\\", 1));
    assert_false(lede_json_has_u_escape("u\\", 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_and_last),
        cmocka_unit_test(test_not_found_and_bad),
        cmocka_unit_test(test_u_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
