/* test_annstore.c — the per-article annotation store and its name tables
 * (src/annstore.c): order, stability, attributes, removal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "annstore.h"

static void test_names_intern_find(void **state)
{
    (void)state;
    lede_names *n = lede_names_new();
    assert_non_null(n);
    assert_int_equal(lede_names_find(n, "PERSON", 6), -1);
    assert_int_equal(lede_names_intern(n, "PERSON", 6), 0);
    assert_int_equal(lede_names_intern(n, "ORG", 3), 1);
    assert_int_equal(lede_names_intern(n, "PERSON", 6), 0);
    assert_int_equal(lede_names_find(n, "ORG", 3), 1);
    assert_int_equal(lede_names_find(n, "OR", 2), -1);
    /* a name may hold a NUL */
    assert_int_equal(lede_names_intern(n, "a\0b", 3), 2);
    assert_int_equal(lede_names_find(n, "a", 1), -1);
    size_t len;
    assert_string_equal(lede_names_name(n, 1, &len), "ORG");
    assert_int_equal(len, 3);
    assert_null(lede_names_name(n, 3, NULL));
    /* many names: the table rehashes and keeps every id */
    char buf[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        assert_int_equal(lede_names_intern(n, buf, strlen(buf)), 3 + i);
    }
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        assert_int_equal(lede_names_find(n, buf, strlen(buf)), 3 + i);
    }
    assert_int_equal(lede_names_count(n), 1003);
    lede_names_free(n);
}

static long add(lede_annstore *st, lede_names *kinds, const char *kind, uint32_t start,
                uint32_t stop, uint8_t order)
{
    lede_ann a = { 0 };
    a.start = start;
    a.stop = stop;
    a.order = order;
    a.kind = (uint16_t)lede_names_intern(kinds, kind, strlen(kind));
    return lede_annstore_add(st, &a, NULL, 0);
}

/* Headline fields first, then start, the longer span first, then the
 * kind's name; equal ones in the order added (as lib/annotate.lua sorted). */
static void test_store_order(void **state)
{
    (void)state;
    lede_names *kinds = lede_names_new();
    lede_annstore st;
    lede_annstore_init(&st, kinds);
    assert_int_equal(add(&st, kinds, "PERSON", 10, 20, 3), 0);   /* seq 0 */
    assert_int_equal(add(&st, kinds, "DATE", 30, 35, 3), 1);     /* appended: seq 1 */
    assert_int_equal(add(&st, kinds, "ORG", 10, 25, 3), 0);      /* longer: before seq 0 */
    assert_int_equal(add(&st, kinds, "LOC", 10, 20, 3), 1);      /* LOC < PERSON */
    assert_int_equal(add(&st, kinds, "PERSON", 10, 20, 3), 3);   /* equal: after seq 0 */
    assert_int_equal(add(&st, kinds, "QUOTE", 1, 5, 1), 0);      /* title first */
    assert_int_equal(add(&st, kinds, "QUOTE", 1, 5, 2), 1);      /* then subtitle */
    static const uint32_t seqs[] = { 5, 6, 2, 3, 0, 4, 1 };
    assert_int_equal(st.n, 7);
    for (size_t i = 0; i < st.n; i++) assert_int_equal(st.v[i].seq, seqs[i]);
    assert_int_equal(lede_annstore_find(&st, 4), 5);
    assert_int_equal(lede_annstore_find(&st, 99), -1);
    lede_annstore_remove(&st, 5);
    assert_int_equal(st.n, 6);
    assert_int_equal(lede_annstore_find(&st, 4), -1);
    assert_int_equal(st.v[5].seq, 1);
    lede_annstore_free(&st);
    assert_int_equal(st.n, 0);
    lede_names_free(kinds);
}

static void test_store_attrs(void **state)
{
    (void)state;
    lede_names *kinds = lede_names_new(), *keys = lede_names_new();
    lede_annstore st;
    lede_annstore_init(&st, kinds);
    lede_attr_in in[4];
    memset(in, 0, sizeof in);
    in[0].key = (uint16_t)lede_names_intern(keys, "canonical", 9);
    in[0].type = LEDE_AV_STR;
    in[0].s = "Jens Stoltenberg";
    in[0].len = 16;
    in[1].key = (uint16_t)lede_names_intern(keys, "value", 5);
    in[1].type = LEDE_AV_INT;
    in[1].i = -12345678901LL;
    in[2].key = (uint16_t)lede_names_intern(keys, "low", 3);
    in[2].type = LEDE_AV_NUM;
    in[2].d = 1.25;
    in[3].key = (uint16_t)lede_names_intern(keys, "direct", 6);
    in[3].type = LEDE_AV_FALSE;
    lede_ann a = { 0 };
    a.start = 1;
    a.stop = 16;
    a.order = 3;
    /* many annotations, so the arrays and the string buffer move */
    for (int k = 0; k < 500; k++) {
        a.start = (uint32_t)(1000 - k);
        a.stop = a.start + 10;
        assert_int_equal(lede_annstore_add(&st, &a, in, 4), 0);   /* each before the rest */
    }
    in[0].s = "";
    in[0].len = 0;
    a.start = 2000;
    assert_int_equal(lede_annstore_add(&st, &a, in, 1), 500);
    const lede_ann *r = &st.v[0];
    assert_int_equal(r->seq, 499);
    assert_int_equal(r->nattrs, 4);
    const lede_attr *at = &st.attrs[r->attr_first];
    size_t len;
    assert_int_equal(at[0].type, LEDE_AV_STR);
    assert_string_equal(lede_annstore_str(&st, &at[0], &len), "Jens Stoltenberg");
    assert_int_equal(len, 16);
    assert_string_equal(lede_names_name(keys, at[0].key, NULL), "canonical");
    assert_int_equal(lede_annstore_int(&st, &at[1]), -12345678901LL);
    assert_true(lede_annstore_num(&st, &at[2]) == 1.25);
    assert_int_equal(at[3].type, LEDE_AV_FALSE);
    /* the same string in 500 annotations is kept once */
    assert_int_equal(st.attrs[st.v[7].attr_first].val, at[0].val);
    assert_true(st.nstrs < 100);
    const lede_ann *last = &st.v[500];
    assert_int_equal(last->nattrs, 1);
    assert_string_equal(lede_annstore_str(&st, &st.attrs[last->attr_first], &len), "");
    assert_int_equal(len, 0);
    /* a small integer is kept in the attribute itself, a wide one apart */
    lede_attr_in small = { .key = 0, .type = LEDE_AV_INT, .i = -7 };
    a.start = 3000;
    assert_int_equal(lede_annstore_add(&st, &a, &small, 1), 501);
    const lede_attr *sm = &st.attrs[st.v[501].attr_first];
    assert_int_equal(sm->wide, 0);
    assert_int_equal(lede_annstore_int(&st, sm), -7);
    assert_int_equal(at[1].wide, 1);
    /* compaction trims the arrays to their contents and keeps the values */
    size_t before = lede_annstore_bytes(&st);
    lede_annstore_compact(&st);
    assert_true(lede_annstore_bytes(&st) < before);
    assert_int_equal(st.cap, st.n);
    assert_string_equal(lede_annstore_str(&st, &st.attrs[st.v[0].attr_first], NULL),
                        "Jens Stoltenberg");
    assert_int_equal(lede_annstore_int(&st, &st.attrs[st.v[0].attr_first + 1]), -12345678901LL);
    /* strings added after compaction are still found (or kept again) */
    in[0].s = "Jens Stoltenberg";
    in[0].len = 16;
    a.start = 4000;
    assert_int_equal(lede_annstore_add(&st, &a, in, 1), 502);
    assert_string_equal(lede_annstore_str(&st, &st.attrs[st.v[502].attr_first], NULL),
                        "Jens Stoltenberg");
    lede_annstore_free(&st);
    lede_names_free(kinds);
    lede_names_free(keys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_intern_find),
        cmocka_unit_test(test_store_order),
        cmocka_unit_test(test_store_attrs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
