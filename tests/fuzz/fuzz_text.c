/* fuzz_text.c — lede_corpus_add_text on arbitrary bytes: UTF-8 repair,
 * metadata recovery (lede_recover) and segmentation, end to end. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_corpus *c = lede_corpus_new();
    if (!c) return 0;
    c->diag = fuzz_nodiag;
    lede_article *a = lede_corpus_add_text(c, "fuzz/input.txt", (const char *)data, size);
    /* one article, or several when the bytes read as a CSV with a text
     * column or a Factiva/LexisNexis export (issue 16) */
    if (a) FUZZ_CHECK(c->narticles >= 1 && c->articles[0] == a);
    for (size_t i = 0; i < c->narticles; i++) {
        const lede_article *b = c->articles[i];
        fuzz_check_raw(b);
        fuzz_check_article(b);
    }
    lede_corpus_free(c);
    return 0;
}
