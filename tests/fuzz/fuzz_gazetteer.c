/* fuzz_gazetteer.c — lede_gaz_add / lede_gaz_match.
 *
 * Input: names, one a line, then a NUL byte, then the text (repaired to
 * valid UTF-8 and tokenized with lede_tokenize). Without a NUL the first
 * half is names and the rest text. A name line may start with "!" (exact
 * case) and carries the id (line index % 5), so names share ids and a
 * name may get several. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *sep = memchr(in, '\0', size);
    size_t nnames = sep ? (size_t)(sep - in) : size / 2;
    const char *tbytes = sep ? sep + 1 : in + nnames;
    size_t tn = size - (size_t)(tbytes - in);

    lede_gazetteer *g = lede_gaz_new();
    lede_arena *ar = lede_arena_new();
    lede_tokvec toks = { 0 };
    lede_gazvec hits = { 0 };
    if (!g || !ar) goto done;

    size_t line = 0, added = 0;
    const char *p = in, *end = in + nnames;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        unsigned flags = 0;
        const char *name = p;
        if (name < le && *name == '!') {
            flags = LEDE_GAZ_CASE;
            name++;
        }
        /* exact-size heap copy: ASan sees reads past the name */
        size_t len = (size_t)(le - name);
        char *copy = malloc(len ? len : 1);
        if (!copy) goto done;
        memcpy(copy, name, len);
        size_t before = lede_gaz_size(g);
        int rc = lede_gaz_add(g, copy, len, (uint32_t)(line % 5), flags);
        free(copy);
        FUZZ_CHECK(rc == 0 || rc == -2);
        if (rc == 0) {
            FUZZ_CHECK(lede_gaz_size(g) == before || lede_gaz_size(g) == before + 1);
            added++;
        } else {
            FUZZ_CHECK(lede_gaz_size(g) == before);
        }
        line++;
        p = nl ? nl + 1 : end;
    }
    FUZZ_CHECK(lede_gaz_size(g) <= added);

    size_t n = 0, nbad, first;
    char *text = lede_utf8_repair(ar, tbytes, tn, &n, &nbad, &first);
    if (!text) goto done;
    if (lede_tokenize(text, 0, n, &toks) != 0) goto done;
    fuzz_check_tokens(text, n, 0, n, toks.v, toks.n);
    if (lede_gaz_match(g, text, toks.v, toks.n, &hits) != 0) goto done;

    for (size_t i = 0; i < hits.n; i++) {
        const lede_gaz_hit *h = &hits.v[i];
        FUZZ_CHECK(h->start < h->stop && h->stop <= n);
        FUZZ_CHECK(h->tok_count >= 1 && (size_t)h->tok_first + h->tok_count <= toks.n);
        FUZZ_CHECK(h->start >= toks.v[h->tok_first].start);
        FUZZ_CHECK(h->start < toks.v[h->tok_first].stop);
        FUZZ_CHECK(h->stop > toks.v[h->tok_first + h->tok_count - 1].start);
        FUZZ_CHECK(h->stop <= toks.v[h->tok_first + h->tok_count - 1].stop);
        FUZZ_CHECK(h->id < 5);
        FUZZ_CHECK(fuzz_boundary(text, n, h->start) && fuzz_boundary(text, n, h->stop));
        if (i) {
            const lede_gaz_hit *q = &hits.v[i - 1];
            if (q->start == h->start && q->stop == h->stop) {
                /* one hit per accepting entry of the winning name */
                FUZZ_CHECK(q->tok_first == h->tok_first && q->tok_count == h->tok_count);
            } else {
                FUZZ_CHECK(h->start >= q->stop);
            }
        }
    }
    /* Matching is a pure function of (g, text, toks): same again. */
    size_t nh = hits.n;
    if (lede_gaz_match(g, text, toks.v, toks.n, &hits) == 0) {
        FUZZ_CHECK(hits.n == 2 * nh);
        FUZZ_CHECK(nh == 0 || !memcmp(hits.v, hits.v + nh, nh * sizeof *hits.v));
    }
done:
    lede_gazvec_free(&hits);
    lede_tokvec_free(&toks);
    lede_arena_free(ar);
    lede_gaz_free(g);
    return 0;
}
