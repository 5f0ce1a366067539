/*
 * textin.c — a plain-text file as an article (lede_recover reads its
 * header, body and footer lines). A Factiva or LexisNexis export is split
 * into its articles (export.c); hard-wrapped text is joined back into
 * paragraphs first (unwrap.c), so a sentence broken across lines reaches
 * the rules whole.
 */
#include "reader.h"
#include "unwrap.h"

#include <stdlib.h>

int lede_read_text(lede_corpus *c, const char *path, const char *bytes, size_t n)
{
    int got = lede_read_export(c, path, bytes, n);
    if (got >= 0) return got;
    int skip;
    lede_article *a = lede_article_begin(c, path, "text", 0, &skip);
    if (!a) return skip ? 0 : -1;
    char *un = NULL;
    if (lede_is_wrapped(bytes, n)) {
        if (!(un = lede_unwrap(bytes, n, 0, &n))) goto oom;
        bytes = un;
    }
    int rc = lede_article_set_raw(c, a, 0, bytes, n);
    free(un);
    if (rc != 0) goto oom;
    return lede_article_end(c, a, 0) == 0 ? 1 : -1;
oom:
    lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
    return -1;
}
