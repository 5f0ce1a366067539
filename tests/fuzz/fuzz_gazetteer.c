/* fuzz_gazetteer.c — lede_gaz_add / lede_gaz_match / lede_gaz_match_atoms.
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
    /* Shared atoms: any token range [a, b) matched over the atoms of the
     * whole sequence gives what lede_gaz_match gives on that range alone,
     * token indexes shifted by a. The cut points come from the input. */
    lede_gaz_atoms *at = lede_gaz_atomize(text, toks.v, toks.n);
    if (at) {
        size_t cut = toks.n ? (size_t)(size * 2654435761u) % (toks.n + 1) : 0;
        size_t ranges[3][2] = { { 0, toks.n }, { 0, cut }, { cut, toks.n } };
        for (int r = 0; r < 3; r++) {
            size_t a = ranges[r][0], b = ranges[r][1];
            lede_gazvec one = { 0 }, shared = { 0 };
            /* (toks.v is NULL for no tokens: no pointer arithmetic on it) */
            if (lede_gaz_match(g, text, b > a ? toks.v + a : toks.v, b - a, &one) == 0 &&
                lede_gaz_match_atoms(g, text, at, a, b, &shared) == 0) {
                FUZZ_CHECK(one.n == shared.n);
                for (size_t i = 0; i < one.n; i++) {
                    FUZZ_CHECK(one.v[i].start == shared.v[i].start);
                    FUZZ_CHECK(one.v[i].stop == shared.v[i].stop);
                    FUZZ_CHECK(one.v[i].tok_first + a == shared.v[i].tok_first);
                    FUZZ_CHECK(one.v[i].tok_count == shared.v[i].tok_count);
                    FUZZ_CHECK(one.v[i].id == shared.v[i].id);
                }
            }
            lede_gazvec_free(&one);
            lede_gazvec_free(&shared);
        }
        lede_gaz_atoms_free(at);
    }
done:
    lede_gazvec_free(&hits);
    lede_tokvec_free(&toks);
    lede_arena_free(ar);
    lede_gaz_free(g);
    return 0;
}
