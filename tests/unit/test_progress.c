/* Unit tests for the progress line: when it appears, what it says, how it is
 * cleared. A fake clock drives time; output goes to a memory stream. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/progress.h"

static double fake_now;
static double fake_clock(void) { return fake_now; }

static char *buf;
static size_t buflen;
static FILE *mem;

static int setup(void **state)
{
    (void)state;
    fake_now = 100.0;
    mem = open_memstream(&buf, &buflen);
    lede_progress_test_hooks(fake_clock, mem, 1);
    return mem ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fclose(mem);
    free(buf);
    buf = NULL;
    lede_progress_test_hooks(NULL, NULL, 0);
    return 0;
}

static const char *written(void) { fflush(mem); return buflen ? buf : ""; }

static void test_quiet_during_first_second(void **state)
{
    (void)state;
    lede_progress_phase("reading", 0, 0);
    fake_now += 0.9;
    lede_progress_add(10, 4096);
    assert_string_equal(written(), "");
    lede_progress_done();
    assert_string_equal(written(), "");  /* nothing shown, nothing to clear */
}

static void test_line_after_a_second(void **state)
{
    (void)state;
    lede_progress_phase("reading", 0, 4 * 1048576);
    fake_now += 2.0;
    lede_progress_add(1234, 1048576);
    /* 1 MB of 4 in 2 s: 0.5 MB/s, 6 s left */
    assert_string_equal(written(),
                        "\rlede: reading 1,234 articles, 1.0 MB, 0.5 MB/s, ETA 0:06\033[K");
}

static void test_redraw_rate_limited(void **state)
{
    (void)state;
    lede_progress_phase("extracting", 100, 0);
    fake_now += 1.5;
    lede_progress_add(10, 0);
    size_t first = strlen(written());
    fake_now += 0.1;                     /* under the redraw interval */
    lede_progress_add(10, 0);
    assert_int_equal(strlen(written()), first);
    fake_now += 0.2;
    lede_progress_add(10, 0);
    assert_non_null(strstr(written() + first, "extracting 30/100 articles"));
    /* 30 of 100 in 1.8 s: 4.2 s left */
    assert_non_null(strstr(written() + first, "ETA 0:04"));
}

static void test_clear_before_messages_and_at_end(void **state)
{
    (void)state;
    lede_progress_phase("reading", 0, 0);
    fake_now += 1.5;
    lede_progress_add(1, 10);
    size_t n = strlen(written());
    lede_progress_clear();
    assert_string_equal(written() + n, "\r\033[K");
    lede_progress_clear();               /* already clear: nothing more */
    assert_int_equal(strlen(written()), n + 4);
    lede_progress_add(1, 10);            /* redrawn at once after a message */
    assert_true(strlen(written()) > n + 4);
    lede_progress_done();
    const char *w = written();
    assert_string_equal(w + strlen(w) - 4, "\r\033[K");
    size_t end = strlen(w);
    fake_now += 5;
    lede_progress_add(1, 10);            /* done: never shown again */
    assert_int_equal(strlen(written()), end);
}

static void test_disabled_writes_nothing(void **state)
{
    (void)state;
    lede_progress_test_hooks(fake_clock, mem, 0);
    lede_progress_phase("reading", 5, 0);
    fake_now += 10;
    lede_progress_add(5, 1 << 20);
    lede_progress_clear();
    lede_progress_done();
    assert_string_equal(written(), "");
    assert_false(lede_progress_enabled());
}

static void test_long_eta_and_big_counts(void **state)
{
    (void)state;
    char line[160];
    lede_progress_phase("reading", 0, (uint64_t)10000 * 1048576);
    fake_now += 10;
    lede_progress_add(2500000, 10 * 1048576);
    lede_progress_format(line, sizeof line);
    /* 10 MB of 10,000 in 10 s: 9,990 s left */
    assert_string_equal(line, "lede: reading 2,500,000 articles, 10.0 MB, 1.0 MB/s, ETA 2:46:30");
    char small[16];
    size_t n = lede_progress_format(small, sizeof small);
    assert_int_equal(n, strlen(small));  /* cut, never past the buffer */
    assert_int_equal(n, 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_quiet_during_first_second, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_after_a_second, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redraw_rate_limited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clear_before_messages_and_at_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disabled_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_eta_and_big_counts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
