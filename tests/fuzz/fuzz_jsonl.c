/* fuzz_jsonl.c — lede_corpus_add_jsonl on arbitrary bytes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_corpus *c = lede_corpus_new();
    if (!c) return 0;
    c->diag = fuzz_nodiag;
    int rc = lede_corpus_add_jsonl(c, "fuzz/input.jsonl", (const char *)data, size);
    FUZZ_CHECK(rc == 0);
    uint32_t prev_line = 0;
    for (size_t i = 0; i < c->narticles; i++) {
        const lede_article *a = c->articles[i];
        FUZZ_CHECK(a->index == i + 1);
        FUZZ_CHECK(a->line > prev_line);
        prev_line = a->line;
        FUZZ_CHECK(a->id != NULL);
        fuzz_check_raw(a);
        fuzz_check_article(a);
    }
    lede_corpus_free(c);
    return 0;
}
