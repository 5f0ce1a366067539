/*
 * diag_capture.h — for unit tests that read input through a corpus: a
 * corpus whose diagnostics are kept (the first 16 messages) instead of
 * printed, so a test can check what was warned about. Include after
 * <cmocka.h>, "lede/lede.h", <stdio.h> and <string.h>.
 */
#ifndef LEDE_TEST_DIAG_CAPTURE_H
#define LEDE_TEST_DIAG_CAPTURE_H

typedef struct {
    int n;
    char msg[16][256];
} diags;

static void capture(void *ud, int level, const char *path, long line, long offset,
                    const char *msg)
{
    (void)level;
    (void)path;
    (void)line;
    (void)offset;
    diags *d = ud;
    if (d->n < 16) snprintf(d->msg[d->n++], sizeof d->msg[0], "%s", msg);
}

static lede_corpus *corpus(diags *d)
{
    lede_corpus *c = lede_corpus_new();
    assert_non_null(c);
    memset(d, 0, sizeof *d);
    c->diag = capture;
    c->diag_ud = d;
    return c;
}

#endif
