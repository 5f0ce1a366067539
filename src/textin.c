/*
 * textin.c — a plain-text file as an article (lede_recover reads its
 * header, body and footer lines).
 */
#include "reader.h"

int lede_read_text(lede_corpus *c, const char *path, const char *bytes, size_t n)
{
    int skip;
    lede_article *a = lede_article_begin(c, path, "text", 0, &skip);
    if (!a) return skip ? 0 : -1;
    if (lede_article_set_raw(c, a, 0, bytes, n) != 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
        return -1;
    }
    return lede_article_end(c, a, 0) == 0 ? 1 : -1;
}
