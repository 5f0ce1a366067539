/* fuzz_recover.c — lede_recover + lede_segment_article on an article whose
 * raw text is the input repaired to valid UTF-8 (NUL bytes, which no
 * loader lets through, become spaces). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_arena *ar = lede_arena_new();
    if (!ar) return 0;
    char *in = lede_arena_memdup(ar, data, size ? size : 1);
    if (!in) goto done;
    for (size_t i = 0; i < size; i++)
        if (!in[i]) in[i] = ' ';
    size_t len = 0, nbad = 0, first = 0;
    char *raw = lede_utf8_repair(ar, in, size, &len, &nbad, &first);
    if (!raw) goto done;
    FUZZ_CHECK(lede_utf8_valid(raw, len, NULL));
    FUZZ_CHECK(raw[len] == '\0');
    FUZZ_CHECK(nbad == 0 || first < size);

    lede_article *a = lede_arena_calloc(ar, sizeof *a);
    if (!a) goto done;
    a->index = 1;
    a->id = "input";
    a->path = "fuzz/input.txt";
    a->raw = raw;
    a->raw_len = len;
    /* A JSONL record may preset some fields: let the first byte decide. */
    if (size && (data[0] & 1)) a->title = "Preset title";
    if (size && (data[0] & 2)) a->date = "2023-06-13";
    if (size && (data[0] & 4)) a->source = "Preset source";
    lede_tokvec toks = { 0 };
    lede_sentvec sents = { 0 };
    if (lede_recover(ar, a) == 0 && lede_segment_article(ar, a, &toks, &sents) == 0)
        fuzz_check_article(a);
    lede_tokvec_free(&toks);
    lede_sentvec_free(&sents);
done:
    lede_arena_free(ar);
    return 0;
}
