/* test_grow.c — lede_grow, the doubling array growth every vector uses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lede/lede.h"

static void test_first_then_doubling(void **state)
{
    (void)state;
    size_t cap = 0;
    int *v = lede_grow(NULL, &cap, sizeof *v, 8);
    assert_non_null(v);
    assert_int_equal(cap, 8);
    for (int i = 0; i < 8; i++) v[i] = i;
    int *w = lede_grow(v, &cap, sizeof *w, 8);
    assert_non_null(w);
    assert_int_equal(cap, 16);
    for (int i = 0; i < 8; i++) assert_int_equal(w[i], i);   /* contents kept */
    free(w);
}

static void test_overflow_leaves_array(void **state)
{
    (void)state;
    size_t cap = SIZE_MAX / 2 + 1;                 /* doubling would wrap */
    char probe = 'x';
    assert_null(lede_grow(&probe, &cap, 1, 8));
    assert_true(cap == SIZE_MAX / 2 + 1);
    cap = SIZE_MAX / 16;                            /* elements times size would wrap */
    assert_null(lede_grow(&probe, &cap, 64, 8));
    assert_true(cap == SIZE_MAX / 16);
    assert_int_equal(probe, 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_then_doubling),
        cmocka_unit_test(test_overflow_leaves_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
