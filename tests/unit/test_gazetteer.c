/* test_gazetteer.c — names in token sequences: folding, atoms, longest match. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/lede.h"

/* Match text whole and render the hits as "text=id text=id ...". */
static const char *scan(const lede_gazetteer *g, const char *text)
{
    static char out[4096];
    lede_tokvec tv = { 0 };
    lede_gazvec gv = { 0 };
    assert_int_equal(lede_tokenize(text, 0, strlen(text), &tv), 0);
    assert_int_equal(lede_gaz_match(g, text, tv.v, tv.n, &gv), 0);
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < gv.n; i++) {
        const lede_gaz_hit *h = &gv.v[i];
        assert_true(h->start < h->stop);
        assert_true(h->tok_count >= 1);
        /* the hit's bytes lie within the tokens it claims to touch */
        assert_true(h->start >= tv.v[h->tok_first].start);
        assert_true(h->stop <= tv.v[h->tok_first + h->tok_count - 1].stop);
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s=%u", i ? " " : "",
                              (int)(h->stop - h->start), text + h->start, h->id);
    }
    lede_gazvec_free(&gv);
    lede_tokvec_free(&tv);
    return out;
}

static lede_gazetteer *gaz(const char *const *names, size_t n)
{
    lede_gazetteer *g = lede_gaz_new();
    assert_non_null(g);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(lede_gaz_add(g, names[i], strlen(names[i]), (uint32_t)i + 1, 0), 0);
    return g;
}

static void test_folding(void **state)
{
    (void)state;
    static const char *const names[] = { "Mircea Geoană", "Banjskë" };
    lede_gazetteer *g = gaz(names, 2);
    assert_string_equal(scan(g, "Deputy Mircea Geoană said"), "Mircea Geoană=1");
    assert_string_equal(scan(g, "MIRCEA GEOANA said"), "MIRCEA GEOANA=1");
    assert_string_equal(scan(g, "mircea geoana"), "mircea geoana=1");
    /* decomposed: a + COMBINING BREVE */
    assert_string_equal(scan(g, "Mircea Geoa\xcc\x86na"), "Mircea Geoa\xcc\x86na=1");
    assert_string_equal(scan(g, "in Banjske and Banjskë"), "Banjske=2 Banjskë=2");
    assert_string_equal(scan(g, "in Banjska"), "");
    assert_string_equal(scan(g, "Geoană alone"), "");
    lede_gaz_free(g);
}

static void test_atoms(void **state)
{
    (void)state;
    static const char *const names[] = { "NATO", "Belgrade", "Pristina", "Vjosa Osmani-Sadriu",
                                         "Serb", "Osmani" };
    lede_gazetteer *g = gaz(names, 6);
    assert_string_equal(scan(g, "the NATO-led mission"), "NATO=1");
    assert_string_equal(scan(g, "NATO’s mission and NATO's"), "NATO=1 NATO=1");
    assert_string_equal(scan(g, "the Belgrade-Pristina dialogue"), "Belgrade=2 Pristina=3");
    assert_string_equal(scan(g, "the Belgrade–Pristina dialogue"), "Belgrade=2 Pristina=3");
    assert_string_equal(scan(g, "President Vjosa Osmani-Sadriu said"), "Vjosa Osmani-Sadriu=4");
    assert_string_equal(scan(g, "Vjosa Osmani‐Sadriu"), "Vjosa Osmani‐Sadriu=4");
    assert_string_equal(scan(g, "Mrs Osmani-Sadriu"), "Osmani=6");
    /* atoms are whole: no match inside a word */
    assert_string_equal(scan(g, "Serbia and Serbian Serbs NATOs"), "");
    assert_string_equal(scan(g, "a Serb-led force, Serb"), "Serb=5 Serb=5");
    lede_gaz_free(g);
}

static void test_offsets_and_tokens(void **state)
{
    (void)state;
    static const char *const names[] = { "Jens Stoltenberg", "NATO" };
    lede_gazetteer *g = gaz(names, 2);
    const char *text = "NATO-led KFOR, said Jens  Stoltenberg.";
    lede_tokvec tv = { 0 };
    lede_gazvec gv = { 0 };
    assert_int_equal(lede_tokenize(text, 0, strlen(text), &tv), 0);
    assert_int_equal(lede_gaz_match(g, text, tv.v, tv.n, &gv), 0);
    assert_int_equal(gv.n, 2);
    assert_int_equal(gv.v[0].start, 0);
    assert_int_equal(gv.v[0].stop, 4);
    assert_int_equal(gv.v[0].tok_first, 0);
    assert_int_equal(gv.v[0].tok_count, 1);
    assert_int_equal(gv.v[1].start, 20);
    assert_int_equal(gv.v[1].stop, 37);
    assert_int_equal(gv.v[1].tok_first, 4);
    assert_int_equal(gv.v[1].tok_count, 2);
    /* a sub-range of tokens: indexes are relative to what was passed */
    gv.n = 0;
    assert_int_equal(lede_gaz_match(g, text, tv.v + 4, tv.n - 4, &gv), 0);
    assert_int_equal(gv.n, 1);
    assert_int_equal(gv.v[0].tok_first, 0);
    lede_gazvec_free(&gv);
    lede_tokvec_free(&tv);
    lede_gaz_free(g);
}

static void test_longest_leftmost(void **state)
{
    (void)state;
    static const char *const names[] = { "Jens", "Jens Stoltenberg", "Secretary General",
                                         "General Jens Stoltenberg", "Stoltenberg", "A B C D" };
    lede_gazetteer *g = gaz(names, 6);
    assert_string_equal(scan(g, "Jens Stoltenberg said"), "Jens Stoltenberg=2");
    assert_string_equal(scan(g, "Jens said"), "Jens=1");
    /* leftmost wins over longer-but-later, then the scan resumes after it */
    assert_string_equal(scan(g, "Secretary General Jens Stoltenberg"),
                        "Secretary General=3 Jens Stoltenberg=2");
    assert_string_equal(scan(g, "General Jens Stoltenberg"), "General Jens Stoltenberg=4");
    /* a partial long name falls back to nothing, then restarts one atom on */
    assert_string_equal(scan(g, "A B C Jens"), "Jens=1");
    lede_gaz_free(g);
}

static void test_several_ids(void **state)
{
    (void)state;
    lede_gazetteer *g = lede_gaz_new();
    assert_int_equal(lede_gaz_add(g, "Kosovo", 6, 7, 0), 0);
    assert_int_equal(lede_gaz_add(g, "KOSOVO", 6, 3, 0), 0);
    assert_int_equal(lede_gaz_add(g, "Kosovo", 6, 7, 0), 0);   /* duplicate: no-op */
    assert_int_equal(lede_gaz_size(g), 2);
    assert_string_equal(scan(g, "in Kosovo."), "Kosovo=7 Kosovo=3");
    lede_gaz_free(g);
}

static void test_case_flag(void **state)
{
    (void)state;
    lede_gazetteer *g = lede_gaz_new();
    assert_int_equal(lede_gaz_add(g, "AP", 2, 1, LEDE_GAZ_CASE), 0);
    assert_int_equal(lede_gaz_add(g, "US", 2, 2, LEDE_GAZ_CASE), 0);
    assert_int_equal(lede_gaz_add(g, "us", 2, 3, LEDE_GAZ_CASE), 0);
    assert_int_equal(lede_gaz_add(g, "Ap News", 7, 4, LEDE_GAZ_CASE), 0);
    assert_string_equal(scan(g, "(AP) told us"), "AP=1 us=3");
    assert_string_equal(scan(g, "Ap ap aP"), "");
    assert_string_equal(scan(g, "the US and Us"), "US=2");
    /* the longest *accepted* name wins: "AP News" is not "Ap News" */
    assert_string_equal(scan(g, "AP News"), "AP=1");
    assert_string_equal(scan(g, "Ap News"), "Ap News=4");
    /* case-insensitive and case-sensitive entries share a name */
    assert_int_equal(lede_gaz_add(g, "ap", 2, 5, 0), 0);
    assert_string_equal(scan(g, "AP"), "AP=1 AP=5");
    assert_string_equal(scan(g, "Ap"), "Ap=5");
    lede_gaz_free(g);
}

static void test_empty_and_punct(void **state)
{
    (void)state;
    lede_gazetteer *g = lede_gaz_new();
    assert_int_equal(lede_gaz_add(g, "", 0, 1, 0), -2);
    assert_int_equal(lede_gaz_add(g, "   \n", 4, 1, 0), -2);
    assert_int_equal(lede_gaz_size(g), 0);
    assert_string_equal(scan(g, "anything at all"), "");
    assert_int_equal(lede_gaz_add(g, "U.S.", 4, 1, 0), 0);
    assert_int_equal(lede_gaz_add(g, "Yahoo!", 6, 2, 0), 0);
    assert_int_equal(lede_gaz_add(g, "“Kosovo Force”", strlen("“Kosovo Force”"), 3, 0), 0);
    assert_string_equal(scan(g, "the U.S. and Yahoo! and \"Kosovo Force\""),
                        "U.S.=1 Yahoo!=2 \"Kosovo Force\"=3");
    assert_string_equal(scan(g, "Yahoo"), "");
    /* nothing to match in an empty token list */
    lede_gazvec gv = { 0 };
    assert_int_equal(lede_gaz_match(g, "", NULL, 0, &gv), 0);
    assert_int_equal(gv.n, 0);
    lede_gaz_free(g);
}

/* Many random names: every one is found again; no timing asserts. */
static void test_many_names(void **state)
{
    (void)state;
    enum { N = 50000 };
    uint64_t seed = 0x12345678;
    char (*names)[40] = malloc(N * sizeof *names);
    assert_non_null(names);
    lede_gazetteer *g = lede_gaz_new();
    for (size_t i = 0; i < N; i++) {
        size_t o = 0;
        int words = 1 + (int)(i % 3);
        for (int w = 0; w < words; w++) {
            if (w) names[i][o++] = ' ';
            int len = 3 + (int)((seed >> 33) % 8);
            for (int k = 0; k < len; k++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                names[i][o++] = (char)((k == 0 ? 'A' : 'a') + (seed >> 33) % 26);
            }
        }
        names[i][o] = '\0';
        assert_int_equal(lede_gaz_add(g, names[i], o, (uint32_t)i, 0), 0);
    }
    assert_true(lede_gaz_size(g) <= N);
    assert_true(lede_gaz_size(g) > N - 100);   /* a few random duplicates at most */
    /* A text of 2000 names separated by commas: each found, in order. */
    size_t cap = 2000 * 48, o = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t i = 0; i < 2000; i++)
        o += (size_t)snprintf(text + o, cap - o, "%s, ", names[(i * 7919) % N]);
    lede_tokvec tv = { 0 };
    lede_gazvec gv = { 0 };
    assert_int_equal(lede_tokenize(text, 0, o, &tv), 0);
    assert_int_equal(lede_gaz_match(g, text, tv.v, tv.n, &gv), 0);
    size_t found = 0, j = 0;
    for (size_t i = 0; i < 2000; i++) {
        const char *want = names[(i * 7919) % N];
        while (j < gv.n && gv.v[j].stop - gv.v[j].start != strlen(want)) j++;
        if (j < gv.n && !memcmp(text + gv.v[j].start, want, strlen(want))) {
            found++;
            uint32_t s = gv.v[j].start;
            while (j < gv.n && gv.v[j].start == s) j++;   /* the other ids of a duplicate */
        }
    }
    assert_int_equal(found, 2000);
    lede_gazvec_free(&gv);
    lede_tokvec_free(&tv);
    free(text);
    free(names);
    lede_gaz_free(g);
}

/* Shared atoms: matching any token range of a sequence atomized once gives
 * the hits lede_gaz_match gives on that range alone, with indexes into the
 * whole sequence; two gazetteers share one atomization. */
static void test_shared_atoms(void **state)
{
    (void)state;
    static const char *const places[] = { "Kosovo", "North Mitrovica", "Banjskë" };
    static const char *const people[] = { "Jens Stoltenberg", "Stoltenberg" };
    lede_gazetteer *g1 = gaz(places, 3), *g2 = gaz(people, 2);
    const char *text = "Jens Stoltenberg visited Kosovo. North Mitrovica and Banjske were calm; "
                       "Stoltenberg left North";
    lede_tokvec tv = { 0 };
    assert_int_equal(lede_tokenize(text, 0, strlen(text), &tv), 0);
    lede_gaz_atoms *at = lede_gaz_atomize(text, tv.v, tv.n);
    assert_non_null(at);
    const lede_gazetteer *gs[] = { g1, g2 };
    size_t cuts[] = { 0, 1, 4, 6, 9, tv.n - 1, tv.n };
    for (size_t gi = 0; gi < 2; gi++) {
        for (size_t a = 0; a < sizeof cuts / sizeof cuts[0]; a++) {
            for (size_t b = a; b < sizeof cuts / sizeof cuts[0]; b++) {
                size_t t0 = cuts[a], t1 = cuts[b];
                lede_gazvec whole = { 0 }, part = { 0 };
                assert_int_equal(lede_gaz_match(gs[gi], text, tv.v + t0, t1 - t0, &whole), 0);
                assert_int_equal(lede_gaz_match_atoms(gs[gi], text, at, t0, t1, &part), 0);
                assert_int_equal(whole.n, part.n);
                for (size_t i = 0; i < whole.n; i++) {
                    assert_int_equal(whole.v[i].start, part.v[i].start);
                    assert_int_equal(whole.v[i].stop, part.v[i].stop);
                    assert_int_equal(whole.v[i].tok_first + t0, part.v[i].tok_first);
                    assert_int_equal(whole.v[i].tok_count, part.v[i].tok_count);
                    assert_int_equal(whole.v[i].id, part.v[i].id);
                }
                lede_gazvec_free(&whole);
                lede_gazvec_free(&part);
            }
        }
    }
    /* the whole sequence: every name once, "North" alone is nobody */
    lede_gazvec all = { 0 };
    assert_int_equal(lede_gaz_match_atoms(g1, text, at, 0, tv.n, &all), 0);
    assert_int_equal(all.n, 3);
    assert_int_equal(all.v[2].stop - all.v[2].start, strlen("Banjske"));
    lede_gazvec_free(&all);
    assert_int_equal(lede_gaz_match_atoms(g2, text, at, 0, tv.n, &all), 0);
    assert_int_equal(all.n, 2);
    lede_gazvec_free(&all);
    lede_gaz_atoms_free(at);
    lede_gaz_atoms_free(NULL);
    lede_tokvec_free(&tv);
    lede_gaz_free(g1);
    lede_gaz_free(g2);
}

/* Lists in one gazetteer (id = list) match as each list alone: random
 * names of a small vocabulary (so lists share prefixes and names nest and
 * overlap within and across lists) over random texts. */
static void test_match_lists(void **state)
{
    (void)state;
    static const char *const WORDS[] = { "North", "Mitrovica", "Kosovo", "of", "Bank", "the",
                                         "New", "York", "Times", "Square", "Geoană", "al-Sisi" };
    enum { NW = sizeof WORDS / sizeof *WORDS, NL = 4, NN = 12 };
    uint64_t r = 0x2545f4914f6cdd1dULL;
    size_t total = 0;
#define RND() (r ^= r << 13, r ^= r >> 7, r ^= r << 17, r)
    for (int round = 0; round < 40; round++) {
        lede_gazetteer *all = lede_gaz_new(), *one[NL];
        assert_non_null(all);
        for (size_t li = 0; li < NL; li++) {
            assert_non_null(one[li] = lede_gaz_new());
            for (size_t k = 0; k < NN; k++) {
                char name[128] = "";
                for (size_t w = 0, nw = 1 + RND() % 3; w < nw; w++) {
                    if (w) strcat(name, " ");
                    strcat(name, WORDS[RND() % NW]);
                }
                assert_true(lede_gaz_add(one[li], name, strlen(name), 0, 0) >= 0);
                assert_true(lede_gaz_add(all, name, strlen(name), (uint32_t)li, 0) >= 0);
            }
        }
        char text[1024] = "";
        for (size_t w = 0; w < 60; w++) {
            if (w) strcat(text, RND() % 9 ? " " : ". ");
            strcat(text, WORDS[RND() % NW]);
        }
        lede_tokvec tv = { 0 };
        assert_int_equal(lede_tokenize(text, 0, strlen(text), &tv), 0);
        lede_gaz_atoms *at = lede_gaz_atomize(text, tv.v, tv.n);
        assert_non_null(at);
        size_t t0 = round % 3 ? 0 : RND() % tv.n, t1 = round % 2 ? tv.n : t0 + RND() % (tv.n - t0 + 1);
        lede_gazvec got = { 0 }, want = { 0 };
        assert_int_equal(lede_gaz_match_lists(all, text, at, t0, t1, NL, &got), 0);
        for (size_t li = 0; li < NL; li++) {
            size_t from = want.n;
            assert_int_equal(lede_gaz_match_atoms(one[li], text, at, t0, t1, &want), 0);
            for (size_t i = from; i < want.n; i++) want.v[i].id = (uint32_t)li;
        }
        total += want.n;
        assert_int_equal(got.n, want.n);
        assert_memory_equal(got.v, want.v, got.n * sizeof *got.v);
        lede_gazvec_free(&got);
        lede_gazvec_free(&want);
        lede_gaz_atoms_free(at);
        lede_tokvec_free(&tv);
        for (size_t li = 0; li < NL; li++) lede_gaz_free(one[li]);
        lede_gaz_free(all);
    }
#undef RND
    assert_true(total > 200);   /* names were there to find */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folding),
        cmocka_unit_test(test_atoms),
        cmocka_unit_test(test_offsets_and_tokens),
        cmocka_unit_test(test_longest_leftmost),
        cmocka_unit_test(test_several_ids),
        cmocka_unit_test(test_case_flag),
        cmocka_unit_test(test_empty_and_punct),
        cmocka_unit_test(test_many_names),
        cmocka_unit_test(test_shared_atoms),
        cmocka_unit_test(test_match_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
