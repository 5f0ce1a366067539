/* test_pattern.c — token patterns: tests, quantifiers, backtracking, captures. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/lede.h"

static int last_abandoned;

/* Match text whole; render matches as "text|text" and, when the pattern
 * has groups, each match followed by [name=text,...]. */
static const char *run(const lede_pattern *p, const char *text, const uint64_t *ents)
{
    static char out[4096];
    lede_tokvec tv = { 0 };
    lede_patvec pv = { 0 };
    assert_int_equal(lede_tokenize(text, 0, strlen(text), &tv), 0);
    last_abandoned = lede_pat_match(p, text, tv.v, tv.n, ents, &pv);
    assert_true(last_abandoned >= 0);
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < pv.n; i++) {
        const lede_pat_hit *h = &pv.v[i];
        assert_true(h->tok_first < h->tok_stop);
        uint32_t s = tv.v[h->tok_first].start, e = tv.v[h->tok_stop - 1].stop;
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", i ? "|" : "", (int)(e - s), text + s);
        size_t ng = lede_pat_ngroups(p);
        if (!ng) continue;
        o += (size_t)snprintf(out + o, sizeof out - o, "[");
        for (size_t g = 0; g < ng; g++) {
            const lede_tokrange *r = &pv.groups[h->group_off + g];
            if (r->tok_first == LEDE_PAT_UNSET) {
                o += (size_t)snprintf(out + o, sizeof out - o, "%s%s=-", g ? "," : "",
                                      lede_pat_group_name(p, g));
                continue;
            }
            uint32_t gs = tv.v[r->tok_first].start, ge = tv.v[r->tok_stop - 1].stop;
            o += (size_t)snprintf(out + o, sizeof out - o, "%s%s=%.*s", g ? "," : "",
                                  lede_pat_group_name(p, g), (int)(ge - gs), text + gs);
        }
        o += (size_t)snprintf(out + o, sizeof out - o, "]");
    }
    lede_patvec_free(&pv);
    lede_tokvec_free(&tv);
    return out;
}

static void add_item(lede_pattern *p, uint32_t min, uint32_t max, const char *cap)
{
    assert_int_equal(lede_pat_add_item(p, min, max, cap), 0);
}

static void add_str(lede_pattern *p, lede_pat_test t, const char *s)
{
    const char *v[1] = { s };
    assert_int_equal(lede_pat_add_strings(p, t, v, NULL, 1), 0);
}

/* One item, one test: which tokens of text pass it. */
static const char *single(lede_pat_test t, const char *arg, int want, const char *text)
{
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    if (arg) add_str(p, t, arg);
    else assert_int_equal(lede_pat_add_flag(p, t, want), 0);
    static char copy[4096];
    snprintf(copy, sizeof copy, "%s", run(p, text, NULL));
    lede_pat_free(p);
    return copy;
}

static void test_shape(void **state)
{
    (void)state;
    char out[64];
    static const struct { const char *in, *want; } cases[] = {
        { "Stoltenberg", "Xxxxx" }, { "KFOR", "XXXX" }, { "NATO’s", "XXXX’x" },
        { "1,000", "d,ddd" }, { "2023", "dddd" }, { "20231", "dddd" }, { "U.S.", "X.X." },
        { "Geoană", "Xxxxx" }, { "Geoa\xcc\x86na", "Xxxxx" }, { "......", "...." },
        { "COVID-19", "XXXX-dd" }, { "", "" }, { "Ça", "Xx" }, { "Косово", "Xxxxx" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = lede_shape(cases[i].in, strlen(cases[i].in), out);
        assert_true(n <= strlen(cases[i].in));
        out[n] = '\0';
        assert_string_equal(out, cases[i].want);
    }
}

static void test_string_tests(void **state)
{
    (void)state;
    const char *text = "Jens Stoltenberg said NATO’s KFOR said, SAID";
    assert_string_equal(single(LEDE_PT_TEXT, "said", 0, text), "said|said");
    assert_string_equal(single(LEDE_PT_LOWER, "said", 0, text), "said|said|SAID");
    assert_string_equal(single(LEDE_PT_LOWER, "SAID", 0, text), "said|said|SAID");
    assert_string_equal(single(LEDE_PT_LOWER, "nato's", 0, text), "NATO’s");
    assert_string_equal(single(LEDE_PT_LOWER, "geoana", 0, "Geoană Geoana"), "Geoană|Geoana");
    assert_string_equal(single(LEDE_PT_SHAPE, "Xxxxx", 0, text), "Stoltenberg");
    assert_string_equal(single(LEDE_PT_SHAPE, "XXXX", 0, text), "KFOR|SAID");

    /* several strings in one set */
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    const char *set[] = { "said", "told", "KFOR" };
    assert_int_equal(lede_pat_add_strings(p, LEDE_PT_TEXT, set, NULL, 3), 0);
    assert_string_equal(run(p, "he told KFOR he said", NULL), "told|KFOR|said");
    assert_int_equal(lede_pat_add_strings(p, LEDE_PT_TEXT, set, NULL, 0), -2);
    assert_int_equal(lede_pat_add_strings(p, LEDE_PT_IS_CAP, set, NULL, 1), -2);
    lede_pat_free(p);
}

static void test_flag_tests(void **state)
{
    (void)state;
    const char *text = "Jens KFOR said NATO’s McDonald 1,000 2023 A , Osmani-Sadriu €";
    assert_string_equal(single(LEDE_PT_IS_CAP, NULL, 1, text),
                        "Jens|KFOR|NATO’s|McDonald|A|Osmani-Sadriu");
    assert_string_equal(single(LEDE_PT_IS_CAP, NULL, 0, text), "said|1,000|2023|,|€");
    assert_string_equal(single(LEDE_PT_IS_UPPER, NULL, 1, text), "KFOR|A");
    assert_string_equal(single(LEDE_PT_IS_LOWER, NULL, 1, text), "said");
    assert_string_equal(single(LEDE_PT_IS_TITLE, NULL, 1, text),
                        "Jens|NATO’s|McDonald|A|Osmani-Sadriu");
    assert_string_equal(single(LEDE_PT_IS_ALPHA, NULL, 1, text), "Jens|KFOR|said|McDonald|A");
    assert_string_equal(single(LEDE_PT_IS_DIGIT, NULL, 1, text), "2023");
    assert_string_equal(single(LEDE_PT_IS_PUNCT, NULL, 1, text), ",");

    lede_pattern *p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    assert_int_equal(lede_pat_add_kinds(p, 1u << LEDE_TOK_NUMBER | 1u << LEDE_TOK_SYMBOL), 0);
    assert_string_equal(run(p, text, NULL), "1,000|2023|€");
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_TEXT, 1), -2);
    lede_pat_free(p);
}

static void test_regex(void **state)
{
    (void)state;
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    char err[200];
    /* searched within the token: ^ and $ are its edges */
    assert_int_equal(lede_pat_add_regex(p, "^[A-Z]", 6, err, sizeof err), 0);
    assert_int_equal(lede_pat_add_regex(p, "\\w$", 3, err, sizeof err), 0);
    /* [A-Z] is ASCII: Ölen fails; "KFOR-" is KFOR then a hyphen token */
    assert_string_equal(run(p, "Zvečan said Ölen KFOR-", NULL), "Zvečan|KFOR");
    lede_pat_free(p);

    p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    assert_int_equal(lede_pat_add_regex(p, "^\\p{Lu}\\w+$", strlen("^\\p{Lu}\\w+$"), err, sizeof err), 0);
    assert_string_equal(run(p, "Zvečan said Ölen KFOR-led", NULL), "Zvečan|Ölen");
    lede_pat_free(p);

    p = lede_pat_new();
    assert_int_equal(lede_pat_add_regex(p, "a", 1, err, sizeof err), -2);   /* no item yet */
    add_item(p, 1, 1, NULL);
    assert_int_equal(lede_pat_add_regex(p, "(unclosed", 9, err, sizeof err), -3);
    assert_non_null(strstr(err, "missing closing parenthesis"));
    assert_non_null(strstr(err, "at offset 9"));
    lede_pat_free(p);
}

static void test_quantifiers(void **state)
{
    (void)state;
    const char *text = "a b b b c a c b b";
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "a");
    add_item(p, 0, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "b");
    assert_string_equal(run(p, text, NULL), "a b|a");
    lede_pat_free(p);

    p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "a");
    add_item(p, 0, LEDE_PAT_MANY, NULL);
    add_str(p, LEDE_PT_TEXT, "b");
    assert_string_equal(run(p, text, NULL), "a b b b|a");
    lede_pat_free(p);

    p = lede_pat_new();
    add_item(p, 1, LEDE_PAT_MANY, NULL);
    add_str(p, LEDE_PT_TEXT, "b");
    assert_string_equal(run(p, text, NULL), "b b b|b b");
    lede_pat_free(p);

    p = lede_pat_new();
    add_item(p, 2, 2, NULL);
    add_str(p, LEDE_PT_TEXT, "b");
    assert_string_equal(run(p, text, NULL), "b b|b b");   /* non-overlapping: b b, then b alone fails */
    lede_pat_free(p);

    p = lede_pat_new();
    add_item(p, 1, 2, NULL);
    add_str(p, LEDE_PT_TEXT, "b");
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "c");
    assert_string_equal(run(p, text, NULL), "b b c");
    lede_pat_free(p);

    /* bad quantifiers */
    p = lede_pat_new();
    assert_int_equal(lede_pat_add_item(p, 2, 1, NULL), -2);
    assert_int_equal(lede_pat_add_item(p, 0, 0, NULL), -2);
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_CAP, 1), -2);   /* no item */
    for (unsigned i = 0; i < LEDE_PAT_MAX_ITEMS; i++) assert_int_equal(lede_pat_add_item(p, 1, 1, NULL), 0);
    assert_int_equal(lede_pat_add_item(p, 1, 1, NULL), -2);
    assert_int_equal(lede_pat_nitems(p), LEDE_PAT_MAX_ITEMS);
    lede_pat_free(p);

    /* an empty match is never reported */
    p = lede_pat_new();
    add_item(p, 0, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "z");
    assert_string_equal(run(p, text, NULL), "");
    assert_string_equal(run(p, "a z", NULL), "z");
    lede_pat_free(p);

    /* an item without tests matches any token */
    p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "c");
    add_item(p, 1, 1, NULL);
    assert_string_equal(run(p, text, NULL), "c a|c b");
    lede_pat_free(p);
}

static void test_backtracking(void **state)
{
    (void)state;
    /* {is_cap +}, {text = "Said"}: the greedy run must give "Said" back */
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, LEDE_PAT_MANY, "who");
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_CAP, 1), 0);
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "Said");
    assert_string_equal(run(p, "then Jens Stoltenberg Said Yes", NULL),
                        "Jens Stoltenberg Said[who=Jens Stoltenberg]");
    lede_pat_free(p);

    /* the longest match wins even when the greedy choice is shorter:
     * x? x y?  on "x x y": greedy x? = x, x, y -> whole */
    p = lede_pat_new();
    add_item(p, 0, 1, "opt");
    add_str(p, LEDE_PT_TEXT, "x");
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "x");
    add_item(p, 0, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "y");
    assert_string_equal(run(p, "x x y", NULL), "x x y[opt=x]");
    assert_string_equal(run(p, "x y", NULL), "x y[opt=-]");
    lede_pat_free(p);

    /* greedy would take two a's and strand the tail; a shorter run reaches further:
     * a{0,2} (a b)...  on "a a b": a{0,2}=a, then a, then b */
    p = lede_pat_new();
    add_item(p, 0, 2, "pre");
    add_str(p, LEDE_PT_TEXT, "a");
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "a");
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "b");
    assert_string_equal(run(p, "a a b", NULL), "a a b[pre=a]");
    assert_string_equal(run(p, "a a a b", NULL), "a a a b[pre=a a]");
    lede_pat_free(p);
}

static void test_captures(void **state)
{
    (void)state;
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_LOWER, "secretary");
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_LOWER, "general");
    add_item(p, 1, LEDE_PAT_MANY, "who");
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_CAP, 1), 0);
    add_item(p, 0, 1, "verb");
    const char *verbs[] = { "said", "told" };
    assert_int_equal(lede_pat_add_strings(p, LEDE_PT_TEXT, verbs, NULL, 2), 0);
    assert_int_equal(lede_pat_ngroups(p), 2);
    assert_string_equal(lede_pat_group_name(p, 0), "who");
    assert_string_equal(lede_pat_group_name(p, 1), "verb");
    assert_null(lede_pat_group_name(p, 2));
    assert_string_equal(run(p, "NATO Secretary General Jens Stoltenberg said it. "
                               "Secretary general Mircea Geoană",
                            NULL),
                        "Secretary General Jens Stoltenberg said[who=Jens Stoltenberg,verb=said]|"
                        "Secretary general Mircea Geoană[who=Mircea Geoană,verb=-]");
    lede_pat_free(p);

    /* items sharing a name share one group spanning them */
    p = lede_pat_new();
    add_item(p, 1, 1, "name");
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_CAP, 1), 0);
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "-");
    add_item(p, 1, 1, "name");
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_CAP, 1), 0);
    assert_int_equal(lede_pat_ngroups(p), 1);
    assert_string_equal(run(p, "the Belgrade - Pristina talks", NULL),
                        "Belgrade - Pristina[name=Belgrade - Pristina]");
    lede_pat_free(p);
}

static void test_negation(void **state)
{
    (void)state;
    /* a run of tokens that are not "said" nor punctuation */
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, LEDE_PAT_MANY, NULL);
    assert_int_equal(lede_pat_begin_not(p), 0);
    add_str(p, LEDE_PT_TEXT, "said");
    assert_int_equal(lede_pat_end_not(p), 0);
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_PUNCT, 0), 0);
    assert_string_equal(run(p, "the official said NATO plays a role, he said", NULL),
                        "the official|NATO plays a role|he");
    assert_int_equal(lede_pat_end_not(p), -2);   /* nothing open */
    lede_pat_free(p);

    /* not is a conjunction: not (is_cap and is_upper) = anything but acronyms */
    p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_ALPHA, 1), 0);
    assert_int_equal(lede_pat_begin_not(p), 0);
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_CAP, 1), 0);
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_UPPER, 1), 0);
    assert_int_equal(lede_pat_end_not(p), 0);
    assert_string_equal(run(p, "KFOR and Jens met AP", NULL), "and|Jens|met");
    lede_pat_free(p);

    /* nested: not (not lower=x) = lower x; a test after the group still counts */
    p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    assert_int_equal(lede_pat_begin_not(p), 0);
    assert_int_equal(lede_pat_begin_not(p), 0);
    add_str(p, LEDE_PT_LOWER, "x");
    assert_int_equal(lede_pat_end_not(p), 0);
    assert_int_equal(lede_pat_end_not(p), 0);
    assert_int_equal(lede_pat_add_flag(p, LEDE_PT_IS_UPPER, 1), 0);
    assert_string_equal(run(p, "x X y Y", NULL), "X");
    /* a new item while a not is open is refused */
    assert_int_equal(lede_pat_begin_not(p), 0);
    assert_int_equal(lede_pat_add_item(p, 1, 1, NULL), -2);
    assert_int_equal(lede_pat_end_not(p), 0);
    lede_pat_free(p);
}

static void test_ents(void **state)
{
    (void)state;
    /* tokens: 0 Secretary 1 General 2 Jens 3 Stoltenberg 4 met 5 Albin 6 Kurti 7 in 8 Pristina */
    const char *text = "Secretary General Jens Stoltenberg met Albin Kurti in Pristina";
    enum { PERSON = 1, PLACE = 2 };
    uint64_t ents[9] = { 0, 0, PERSON, PERSON, 0, PERSON, PERSON, 0, PLACE };
    lede_pattern *p = lede_pat_new();
    add_item(p, 1, LEDE_PAT_MANY, "who");
    assert_int_equal(lede_pat_add_ent(p, PERSON), 0);
    assert_string_equal(run(p, text, ents), "Jens Stoltenberg[who=Jens Stoltenberg]|"
                                            "Albin Kurti[who=Albin Kurti]");
    /* without annotations nothing is an entity */
    assert_string_equal(run(p, text, NULL), "");
    lede_pat_free(p);

    p = lede_pat_new();
    add_item(p, 1, 1, NULL);
    assert_int_equal(lede_pat_add_ent(p, PERSON | PLACE), 0);
    add_item(p, 0, LEDE_PAT_MANY, NULL);
    assert_int_equal(lede_pat_begin_not(p), 0);
    assert_int_equal(lede_pat_add_ent(p, PERSON | PLACE), 0);
    assert_int_equal(lede_pat_end_not(p), 0);
    add_item(p, 1, 1, NULL);
    assert_int_equal(lede_pat_add_ent(p, PLACE), 0);
    assert_string_equal(run(p, text, ents), "Kurti in Pristina");
    lede_pat_free(p);
}

/* Nested stars that a naive backtracker would take ~C(330, 30) paths on. */
static void test_pathological(void **state)
{
    (void)state;
    char text[2000];
    size_t o = 0;
    for (int i = 0; i < 300; i++) o += (size_t)snprintf(text + o, sizeof text - o, "w ");
    lede_pattern *p = lede_pat_new();
    for (int i = 0; i < 30; i++) add_item(p, 0, LEDE_PAT_MANY, NULL);
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "NEVER");
    /* the default budget gives up on early start positions (counted) and
     * still terminates; the memo makes the later ones cheap */
    assert_string_equal(run(p, text, NULL), "");
    assert_true(last_abandoned > 0);
    /* an unlimited budget is still polynomial thanks to the memo */
    lede_pat_set_max_steps(p, UINT32_MAX);
    assert_string_equal(run(p, text, NULL), "");
    assert_int_equal(last_abandoned, 0);
    lede_pat_free(p);

    /* the same shape that does match: found whole, within the budget */
    p = lede_pat_new();
    for (int i = 0; i < 10; i++) add_item(p, 0, LEDE_PAT_MANY, NULL);
    add_item(p, 1, 1, NULL);
    add_str(p, LEDE_PT_TEXT, "END");
    lede_pat_set_max_steps(p, 1000000);
    assert_string_equal(run(p, "a b c d e f g h END x", NULL), "a b c d e f g h END");
    assert_int_equal(last_abandoned, 0);
    lede_pat_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shape),
        cmocka_unit_test(test_string_tests),
        cmocka_unit_test(test_flag_tests),
        cmocka_unit_test(test_regex),
        cmocka_unit_test(test_quantifiers),
        cmocka_unit_test(test_backtracking),
        cmocka_unit_test(test_captures),
        cmocka_unit_test(test_negation),
        cmocka_unit_test(test_ents),
        cmocka_unit_test(test_pathological),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
