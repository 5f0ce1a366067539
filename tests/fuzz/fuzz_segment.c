/* fuzz_segment.c — lede_tokenize and lede_segment on valid UTF-8 made
 * from the input. The first byte picks the paragraph range. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned mode = data[0];
    lede_arena *ar = lede_arena_new();
    if (!ar) return 0;
    size_t n = 0, nbad, first;
    char *text = lede_utf8_repair(ar, (const char *)data + 1, size - 1, &n, &nbad, &first);
    if (!text) goto done;
    FUZZ_CHECK(lede_utf8_valid(text, n, NULL));

    /* Range: whole text, or trimmed at code point boundaries. */
    size_t lo = 0, hi = n;
    if (mode & 1) {
        lo = (mode >> 1) % (n + 1);
        while (lo < n && !fuzz_boundary(text, n, lo)) lo++;
        hi = n - (size_t)((mode >> 4) % (n - lo + 1));
        while (hi > lo && !fuzz_boundary(text, n, hi)) hi--;
    }

    lede_tokvec toks = { 0 };
    lede_sentvec sents = { 0 };
    if (lede_tokenize(text, lo, hi, &toks) == 0)
        fuzz_check_tokens(text, n, lo, hi, toks.v, toks.n);
    toks.n = 0;
    uint32_t para = mode >> 5;
    if (lede_segment(text, lo, hi, para, &toks, &sents) == 0) {
        fuzz_check_tokens(text, n, lo, hi, toks.v, toks.n);
        fuzz_check_sentences(text, n, lo, hi, sents.v, sents.n, toks.v, toks.n);
        for (size_t i = 0; i < sents.n; i++) FUZZ_CHECK(sents.v[i].para == para);
    }
    /* Appending after existing content keeps both intact. */
    size_t nt = toks.n, ns = sents.n;
    if (lede_segment(text, lo, hi, para + 1, &toks, &sents) == 0) {
        FUZZ_CHECK(toks.n == 2 * nt && sents.n == 2 * ns);
        for (size_t i = 0; i < ns; i++) FUZZ_CHECK(sents.v[ns + i].tok_first >= nt);
    }
    lede_tokvec_free(&toks);
    lede_sentvec_free(&sents);
done:
    lede_arena_free(ar);
    return 0;
}
