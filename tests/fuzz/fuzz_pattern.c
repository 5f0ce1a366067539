/* fuzz_pattern.c — token patterns built by a byte program, matched over
 * tokenized text.
 *
 * Input: a 2-byte little-endian program length L, L program bytes, then
 * the text (repaired to valid UTF-8, tokenized with lede_tokenize). Each
 * program op is one byte (low 4 bits: operation) followed by its
 * operands; string operands are a length byte and that many bytes, so
 * regexes and string sets are input substrings. */
#include "fuzz_common.h"

typedef struct {
    const uint8_t *p, *end;
} reader;

static unsigned rd_byte(reader *r)
{
    return r->p < r->end ? *r->p++ : 0;
}

/* A string operand: exact-size heap copy (so ASan sees overreads). */
static char *rd_str(reader *r, size_t *len)
{
    size_t n = rd_byte(r) % 48;
    if (n > (size_t)(r->end - r->p)) n = (size_t)(r->end - r->p);
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, r->p, n);
    s[n] = '\0';
    r->p += n;
    *len = n;
    return s;
}

static const uint32_t max_of[8] = { 1, 1, 2, 3, 5, LEDE_PAT_MANY, LEDE_PAT_MANY, 0 };

static void build(lede_pattern *pat, reader *r)
{
    static const char *const groups[4] = { "a", "b", "c", "whole" };
    size_t nopen = 0;   /* `not`s begun and not yet ended */
    while (r->p < r->end) {
        unsigned op = rd_byte(r);
        int rc = 0;
        switch (op & 15) {
        case 0: case 1: case 2: {      /* item */
            unsigned q = rd_byte(r);
            uint32_t max = max_of[q & 7];
            uint32_t min = (q >> 3) & 3;
            const char *cap = (op & 16) ? groups[(op >> 5) & 3] : NULL;
            rc = lede_pat_add_item(pat, min, max, cap);
            FUZZ_CHECK(rc == 0 || rc == -2);
            if (rc == -2)   /* only for bad bounds, a full pattern or an open not */
                FUZZ_CHECK(max == 0 || min > max || lede_pat_nitems(pat) >= LEDE_PAT_MAX_ITEMS ||
                           nopen > 0);
            break;
        }
        case 3: case 4: {              /* string set */
            size_t n = 1 + (op >> 4) % 4;
            const char *strs[4] = { 0 };
            size_t lens[4] = { 0 };
            int ok = 1;
            for (size_t i = 0; i < n; i++) {
                strs[i] = rd_str(r, &lens[i]);
                if (!strs[i]) ok = 0;
            }
            lede_pat_test t = (lede_pat_test)(op & 1 ? LEDE_PT_TEXT : (op & 32 ? LEDE_PT_SHAPE : LEDE_PT_LOWER));
            if (ok) rc = lede_pat_add_strings(pat, t, strs, (op & 64) ? NULL : lens, n);
            for (size_t i = 0; i < n; i++) free((void *)strs[i]);
            break;
        }
        case 5: case 6:                /* flag */
            rc = lede_pat_add_flag(pat, (lede_pat_test)(LEDE_PT_IS_CAP + (op >> 4) % 8), op & 1);
            break;
        case 7:
            rc = lede_pat_add_kinds(pat, rd_byte(r));
            break;
        case 8:
            rc = lede_pat_add_ent(pat, (uint64_t)rd_byte(r) << (op >> 4));
            break;
        case 9: case 10: {             /* regex */
            size_t n;
            char *re = rd_str(r, &n);
            if (!re) break;
            char err[128];
            err[0] = '\0';
            rc = lede_pat_add_regex(pat, re, n, (op & 16) ? err : NULL, (op & 16) ? sizeof err : 0);
            if (rc == -3 && (op & 16)) FUZZ_CHECK(memchr(err, '\0', sizeof err) && err[0]);
            free(re);
            break;
        }
        case 11: case 12:
            rc = lede_pat_begin_not(pat);
            if (rc == 0) nopen++;
            else FUZZ_CHECK(lede_pat_nitems(pat) == 0 || nopen == LEDE_PAT_MAX_NOT);
            break;
        case 13: case 14:
            rc = lede_pat_end_not(pat);
            if (rc == 0) nopen--;
            else FUZZ_CHECK(nopen == 0);
            break;
        case 15:
            lede_pat_set_max_steps(pat, (uint32_t)rd_byte(r) * (1u + (op >> 4) * 64u));
            break;
        }
        FUZZ_CHECK(rc == 0 || rc == -2 || rc == -3);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    size_t plen = (size_t)data[0] | ((size_t)data[1] << 8);
    if (plen > size - 2) plen = size - 2;
    reader r = { data + 2, data + 2 + plen };
    const char *tbytes = (const char *)data + 2 + plen;
    size_t tn = size - 2 - plen;

    lede_pattern *pat = lede_pat_new();
    lede_arena *ar = lede_arena_new();
    lede_tokvec toks = { 0 };
    lede_patvec out = { 0 };
    uint64_t *ents = NULL;
    if (!pat || !ar) goto done;
    build(pat, &r);
    size_t ng = lede_pat_ngroups(pat);
    FUZZ_CHECK(ng <= 4);
    for (size_t i = 0; i < ng; i++) FUZZ_CHECK(lede_pat_group_name(pat, i) != NULL);
    FUZZ_CHECK(lede_pat_group_name(pat, ng) == NULL);
    FUZZ_CHECK(lede_pat_nitems(pat) <= LEDE_PAT_MAX_ITEMS);

    size_t n = 0, nbad, first;
    char *text = lede_utf8_repair(ar, tbytes, tn, &n, &nbad, &first);
    if (!text) goto done;
    if (lede_tokenize(text, 0, n, &toks) != 0) goto done;
    if (toks.n) {
        ents = malloc(toks.n * sizeof *ents);
        if (!ents) goto done;
        for (size_t i = 0; i < toks.n; i++)
            ents[i] = (uint64_t)1 << ((toks.v[i].start * 7u + toks.v[i].stop) % 64);
    }
    for (int pass = 0; pass < 2; pass++) {
        out.n = out.ngroups = 0;
        int rc = lede_pat_match(pat, text, toks.v, toks.n, pass ? NULL : ents, &out);
        if (rc < 0) break;
        FUZZ_CHECK((size_t)rc <= toks.n);
        size_t prev = 0;
        for (size_t i = 0; i < out.n; i++) {
            const lede_pat_hit *h = &out.v[i];
            FUZZ_CHECK(h->tok_first < h->tok_stop && h->tok_stop <= toks.n);
            FUZZ_CHECK(h->tok_first >= prev);
            prev = h->tok_stop;
            FUZZ_CHECK(h->group_off == i * ng && h->group_off + ng <= out.ngroups);
            for (size_t gi = 0; gi < ng; gi++) {
                const lede_tokrange *gr = &out.groups[h->group_off + gi];
                if (gr->tok_first == LEDE_PAT_UNSET) {
                    FUZZ_CHECK(gr->tok_stop == LEDE_PAT_UNSET);
                } else {
                    FUZZ_CHECK(gr->tok_first < gr->tok_stop);
                    FUZZ_CHECK(gr->tok_first >= h->tok_first && gr->tok_stop <= h->tok_stop);
                }
            }
        }
    }
done:
    free(ents);
    lede_patvec_free(&out);
    lede_tokvec_free(&toks);
    lede_arena_free(ar);
    lede_pat_free(pat);
    return 0;
}
