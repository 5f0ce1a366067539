/* test_segment.c — sentence boundaries, compared as exact texts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lede/lede.h"

/* Segment s as one paragraph and compare each sentence's text (taken from
 * its offsets) with want[]. Also checks that tokens and sentences agree. */
static void check(const char *s, const char *const *want, size_t nwant)
{
    lede_tokvec tv = { 0 };
    lede_sentvec sv = { 0 };
    size_t n = strlen(s);
    assert_int_equal(lede_segment(s, 0, n, 7, &tv, &sv), 0);
    for (size_t i = 0; i < sv.n && i < nwant; i++) {
        const lede_sentence *st = &sv.v[i];
        size_t len = st->stop - st->start;
        if (len != strlen(want[i]) || memcmp(s + st->start, want[i], len)) {
            fail_msg("sentence %zu: got '%.*s', want '%s'", i, (int)len,
                     s + st->start, want[i]);
        }
        assert_int_equal(st->para, 7);
        assert_true(st->tok_count > 0);
        assert_int_equal(tv.v[st->tok_first].start, st->start);
        assert_int_equal(tv.v[st->tok_first + st->tok_count - 1].stop,
                         st->stop);
        if (i > 0)
            assert_int_equal(st->tok_first,
                             sv.v[i - 1].tok_first + sv.v[i - 1].tok_count);
    }
    if (sv.n != nwant) {
        fail_msg("got %zu sentences, want %zu (first: '%.*s')", sv.n, nwant,
                 sv.n ? (int)(sv.v[0].stop - sv.v[0].start) : 0,
                 sv.n ? s + sv.v[0].start : "");
    }
    /* every token belongs to exactly one sentence */
    if (sv.n) {
        const lede_sentence *last = &sv.v[sv.n - 1];
        assert_int_equal(sv.v[0].tok_first, 0);
        assert_int_equal(last->tok_first + last->tok_count, tv.n);
    }
    lede_tokvec_free(&tv);
    lede_sentvec_free(&sv);
}

#define SENTS(s, ...)                                                    \
    do {                                                                 \
        static const char *const w_[] = { __VA_ARGS__ };                 \
        check(s, w_, sizeof w_ / sizeof w_[0]);                          \
    } while (0)

static void test_titles(void **state)
{
    (void)state;
    SENTS("Mr. Smith went to Washington. He said hi.",
          "Mr. Smith went to Washington.", "He said hi.");
    SENTS("Gen. Mark Milley spoke on Jan. 5 in Pristina.",
          "Gen. Mark Milley spoke on Jan. 5 in Pristina.");
    SENTS("Dr. Jones and Prof. Lee met Sen. Brown at St. Mark's.",
          "Dr. Jones and Prof. Lee met Sen. Brown at St. Mark's.");
    /* a currency before its number: "Rs. 500" (and a sentence may still end in Rs.) */
    SENTS("Spending rose to Rs. 11.11 lakh crore this year.",
          "Spending rose to Rs. 11.11 lakh crore this year.");
}

static void test_dotted(void **state)
{
    (void)state;
    SENTS("The U.S. Army arrived. Then it left.",
          "The U.S. Army arrived.", "Then it left.");
    SENTS("U.S. President Donald Trump spoke to the U.N. Security Council.",
          "U.S. President Donald Trump spoke to the U.N. Security Council.");
    SENTS("He moved to the U.S. He stayed.",
          "He moved to the U.S.", "He stayed.");
    SENTS("Allies, e.g. France, agreed. Others did not.",
          "Allies, e.g. France, agreed.", "Others did not.");
    SENTS("It starts at 9 a.m. Monday. The talks end at 5 p.m. The next day",
          "It starts at 9 a.m. Monday.", "The talks end at 5 p.m.",
          "The next day");
}

static void test_numbers(void **state)
{
    (void)state;
    SENTS("It rose 3.5 per cent. Next", "It rose 3.5 per cent.", "Next");
    SENTS("No. 10 Downing Street", "No. 10 Downing Street");
    SENTS("Troops arrived in 2023. 700 more came.",
          "Troops arrived in 2023.", "700 more came.");
    SENTS("1. Increase defense investment. 2. Support Ukraine.",
          "1. Increase defense investment.", "2. Support Ukraine.");
    SENTS("Vol. 3 and Fig. 2 are on p. 45 of the Oct. 12 report.",
          "Vol. 3 and Fig. 2 are on p. 45 of the Oct. 12 report.");
}

static void test_quotes(void **state)
{
    (void)state;
    SENTS("“We will stay,” he said. “Peace.” Then",
          "“We will stay,” he said.", "“Peace.”", "Then");
    SENTS("He said \"Go.\" Then he left.",
          "He said \"Go.\"", "Then he left.");
    SENTS("“Why?” he asked. “Because.”",
          "“Why?” he asked.", "“Because.”");
    SENTS("The issue “stands high on the alliance’s agenda.” NATO agreed.",
          "The issue “stands high on the alliance’s agenda.”",
          "NATO agreed.");
    SENTS("It ended.“Next one.” (Reuters) Later.",
          "It ended.", "“Next one.”", "(Reuters) Later.");
    SENTS("« Oui. » Non.", "« Oui. »", "Non.");
}

static void test_ellipsis_and_marks(void **state)
{
    (void)state;
    SENTS("Wait... what? Yes!", "Wait... what?", "Yes!");
    SENTS("Wait… What? Really?! Yes.",
          "Wait…", "What?", "Really?!", "Yes.");
    SENTS("Is it? yes, it is.", "Is it? yes, it is.");
}

static void test_initials(void **state)
{
    (void)state;
    SENTS("J. R. R. Tolkien wrote. Done.", "J. R. R. Tolkien wrote.", "Done.");
    SENTS("I met J. A. Smith. It was Plan B. The end.",
          "I met J. A. Smith.", "It was Plan B.", "The end.");
}

static void test_weak_abbrev(void **state)
{
    (void)state;
    SENTS("Martin Luther King Jr. Day fell. Apple Inc. The firm grew.",
          "Martin Luther King Jr. Day fell.", "Apple Inc.", "The firm grew.");
    SENTS("Tanks, jets etc. were sent. Troops etc. They came.",
          "Tanks, jets etc. were sent.", "Troops etc.", "They came.");
}

static void test_headline_and_edges(void **state)
{
    (void)state;
    SENTS("NATO chief calls for accountability over attack on NATO’s mission "
          "in Kosovo",
          "NATO chief calls for accountability over attack on NATO’s mission "
          "in Kosovo");
    SENTS("  padded line.  ", "padded line.");
    SENTS("BELGRADE, Serbia (AP) — NATO Secretary General Jens Stoltenberg "
          "said Tuesday that violence was unacceptable.",
          "BELGRADE, Serbia (AP) — NATO Secretary General Jens Stoltenberg "
          "said Tuesday that violence was unacceptable.");
    SENTS(".", ".");
    SENTS("end.The next", "end.The next");   /* no space: not a boundary */

    lede_tokvec tv = { 0 };
    lede_sentvec sv = { 0 };
    assert_int_equal(lede_segment("   ", 0, 3, 0, &tv, &sv), 0);
    assert_int_equal(sv.n, 0);
    assert_int_equal(tv.n, 0);
    lede_tokvec_free(&tv);
    lede_sentvec_free(&sv);
}

static void test_corpus_lines(void **state)
{
    (void)state;
    SENTS("“Decades of hard-won peace must not be put at risk. Stability in "
          "the region depends on the parties’ willingness to choose dialogue "
          "and cooperation over violence. NATO plays a vital military role, "
          "but the path to long-term peace is political.”",
          "“Decades of hard-won peace must not be put at risk.",
          "Stability in the region depends on the parties’ willingness to "
          "choose dialogue and cooperation over violence.",
          "NATO plays a vital military role, but the path to long-term peace "
          "is political.”");
    SENTS("“This is unacceptable, the facts must be established. The "
          "perpetrators must face justice,” said Stoltenberg. “I welcome that "
          "Serbia is prepared to cooperate in these efforts.”",
          "“This is unacceptable, the facts must be established.",
          "The perpetrators must face justice,” said Stoltenberg.",
          "“I welcome that Serbia is prepared to cooperate in these efforts.”");
    SENTS("Mr. Stoltenberg's visit comes at a time of heightened Western "
          "concern. The President of Kosovo, Vjosa Osmani, spoke.",
          "Mr. Stoltenberg's visit comes at a time of heightened Western "
          "concern.",
          "The President of Kosovo, Vjosa Osmani, spoke.");
}

/* Inline lists: a sentence opening with a marker starts a list; the next
 * marker of the same form and value starts the next item, full stop or
 * not. The marker's own dot never ends a sentence. */
static void test_inline_lists(void **state)
{
    (void)state;
    SENTS("1.) Fold the map 2.) Pay the toll 3.) Take the ferry",
          "1.) Fold the map", "2.) Pay the toll", "3.) Take the ferry");
    SENTS("1.) Fold the map. 2.) Pay the toll.",
          "1.) Fold the map.", "2.) Pay the toll.");
    SENTS("1) Fold the map 2) Pay the toll", "1) Fold the map", "2) Pay the toll");
    SENTS("1) Fold the map. 2) Pay the toll.", "1) Fold the map.", "2) Pay the toll.");
    SENTS("1. Fold the map 2. Pay the toll 3. Take the ferry",
          "1. Fold the map", "2. Pay the toll", "3. Take the ferry");
    SENTS("a. Salt b. Pepper c. Dried thyme", "a. Salt", "b. Pepper", "c. Dried thyme");
    SENTS("a. Salt. b. Pepper.", "a. Salt.", "b. Pepper.");
    SENTS("\xE2\x80\xA2 9. Fold the map \xE2\x80\xA2 10. Pay the toll",
          "\xE2\x80\xA2 9. Fold the map", "\xE2\x80\xA2 10. Pay the toll");
    SENTS("\xE2\x81\x83" "9. Fold the map \xE2\x81\x83" "10. Pay the toll",
          "\xE2\x81\x83" "9. Fold the map", "\xE2\x81\x83" "10. Pay the toll");
    /* a list begun after a sentence, a marker mid-paragraph */
    SENTS("Do this now. 4. Fold the map 5. Pay the toll",
          "Do this now.", "4. Fold the map", "5. Pay the toll");
    /* not lists: an enumeration inside a sentence, a value out of order,
     * a number after a sentence end, a dotted number before a number */
    SENTS("Two steps: 1) fold the map and 2) pay the toll.",
          "Two steps: 1) fold the map and 2) pay the toll.");
    SENTS("1. Fold the map 3) Pay the toll", "1. Fold the map 3) Pay the toll");
    SENTS("1) Fold the map 3) Pay the toll", "1) Fold the map 3) Pay the toll");
    SENTS("It fell in 2019. 12 towns voted.", "It fell in 2019.", "12 towns voted.");
    SENTS("a. Salt and b pepper", "a. Salt and b pepper");
}

/* An abbreviation weighs the next word: a known sentence opener, or a
 * title and a name after a time of day, starts a new sentence. */
static void test_abbrev_next_word(void **state)
{
    (void)state;
    SENTS("The shop shuts at 6 P.M. Mr. Brown locks up.",
          "The shop shuts at 6 P.M.", "Mr. Brown locks up.");
    SENTS("At 5 a.m. Mrs. Lee woke. She left at 9 p.m. Dr. Hale stayed.",
          "At 5 a.m. Mrs. Lee woke.", "She left at 9 p.m.", "Dr. Hale stayed.");
    SENTS("We met at 10 A.M. Tuesday.", "We met at 10 A.M. Tuesday.");
    SENTS("The U.S. Mr. Biden leads is divided.",
          "The U.S. Mr. Biden leads is divided.");   /* not a time */
    /* I: the pronoun after a lowercase word, else an initial */
    SENTS("A good team, you and I. Did you see it?",
          "A good team, you and I.", "Did you see it?");
    SENTS("Come here, said I. Nobody moved.", "Come here, said I.", "Nobody moved.");
    SENTS("Sussex 363 (W. Athey 111; I. Austin 4-37)",
          "Sussex 363 (W. Athey 111; I. Austin 4-37)");
    SENTS("Did you see Albert I. Jones today?", "Did you see Albert I. Jones today?");
    SENTS("It was World War I. The war ended.", "It was World War I.", "The war ended.");
}

/* "N°." and "Nº." before a number are the number sign. */
static void test_symbol_number_abbrev(void **state)
{
    (void)state;
    SENTS("Her file is N\xC2\xB0. 1026.253.553. Call her.",
          "Her file is N\xC2\xB0. 1026.253.553.", "Call her.");
    SENTS("See n\xC2\xB0. 4 and N\xC2\xBA. 5 below.", "See n\xC2\xB0. 4 and N\xC2\xBA. 5 below.");
    SENTS("It was 40\xC2\xB0. The heat stayed.", "It was 40\xC2\xB0.", "The heat stayed.");
}

/* A citation after a quotation belongs to its sentence. */
static void test_citations(void **state)
{
    (void)state;
    SENTS("He calls it \"a slow tide.\" (Hale 55). Few agree.",
          "He calls it \"a slow tide.\" (Hale 55).", "Few agree.");
    SENTS("She wrote \xE2\x80\x9Cwe stay.\xE2\x80\x9D (Ruiz, p. 4). Then",
          "She wrote \xE2\x80\x9Cwe stay.\xE2\x80\x9D (Ruiz, p. 4).", "Then");
    /* a parenthesis that is no citation still starts the next sentence */
    SENTS("\"We agree.\" (Reuters) Talks began.", "\"We agree.\"", "(Reuters) Talks began.");
    SENTS("It ended. (Then came more.) Done.", "It ended.", "(Then came more.)", "Done.");
}

/* Spaced ellipses: ". . ." is one token inside a sentence; ". . . ." (an
 * ellipsis and a full stop) ends one; after a full stop glued to a word,
 * ". . ." opens the next sentence. */
static void test_spaced_ellipsis(void **state)
{
    (void)state;
    SENTS("The fog came . . . and went.", "The fog came . . . and went.");
    SENTS("The thing is . . . I forgot.", "The thing is . . . I forgot.");
    SENTS("Habits weakened . . . but stayed. . . . New ones grew.",
          "Habits weakened . . . but stayed.", ". . . New ones grew.");
    SENTS("It grew slowly. . . .", "It grew slowly. . . .");
    SENTS("He stopped . . . . Nobody knows why.", "He stopped . . . .", "Nobody knows why.");
    SENTS(". . . and then it rained.", ". . . and then it rained.");

    lede_tokvec tv = { 0 };
    const char *s = "end. . . . x . . y";
    assert_int_equal(lede_tokenize(s, 0, strlen(s), &tv), 0);
    /* end | . | ". . ." | x | . | . | y */
    assert_int_equal(tv.n, 7);
    assert_int_equal(tv.v[1].stop - tv.v[1].start, 1);
    assert_int_equal(tv.v[2].start, 5);
    assert_int_equal(tv.v[2].stop, 10);
    assert_int_equal(tv.v[2].kind, LEDE_TOK_PUNCT);
    assert_int_equal(tv.v[4].stop - tv.v[4].start, 1);
    lede_tokvec_free(&tv);
}

/* Several paragraphs through lede_segment_article: cumulative token
 * indexes, paragraph numbers, arena copies, scratch reset. */
static void test_article(void **state)
{
    (void)state;
    const char *text = "Kosovo headline\n\nMr. Kurti spoke. NATO agreed.\n\n"
                       "It ended.";
    lede_span paras[] = { { 0, 15 }, { 17, 46 }, { 48, 57 } };
    lede_article art;
    memset(&art, 0, sizeof art);
    art.text = text;
    art.text_len = strlen(text);
    art.paragraphs = paras;
    art.nparagraphs = 3;

    lede_arena *a = lede_arena_new();
    lede_tokvec tv = { 0 };
    lede_sentvec sv = { 0 };
    /* stale scratch content must be discarded */
    assert_int_equal(lede_tokenize("junk junk", 0, 9, &tv), 0);
    assert_int_equal(lede_segment_article(a, &art, &tv, &sv), 0);

    static const char *const want[] = { "Kosovo headline", "Mr. Kurti spoke.",
                                        "NATO agreed.", "It ended." };
    static const uint32_t want_para[] = { 0, 1, 1, 2 };
    static const uint32_t want_first[] = { 0, 2, 7, 10 };
    assert_int_equal(art.nsentences, 4);
    assert_int_equal(art.ntokens, 13);
    assert_int_equal(art.nwords, 9);
    const lede_token *tk = lede_article_tokens(&art);
    assert_non_null(tk);
    assert_ptr_not_equal(tk, tv.v);
    for (size_t i = 0; i < 4; i++) {
        const lede_sentence *s = &art.sentences[i];
        assert_int_equal(s->stop - s->start, strlen(want[i]));
        assert_memory_equal(text + s->start, want[i], strlen(want[i]));
        assert_int_equal(s->para, want_para[i]);
        assert_int_equal(s->tok_first, want_first[i]);
        assert_int_equal(tk[s->tok_first].start, s->start);
    }
    assert_int_equal(tk[12].kind, LEDE_TOK_PUNCT);

    /* the scratch vectors are reused: a second article starts from zero */
    lede_article art2;
    memset(&art2, 0, sizeof art2);
    lede_span p2[] = { { 48, 57 } };
    art2.text = text;
    art2.paragraphs = p2;
    art2.nparagraphs = 1;
    assert_int_equal(lede_segment_article(a, &art2, &tv, &sv), 0);
    assert_int_equal(art2.nsentences, 1);
    assert_int_equal(art2.sentences[0].tok_first, 0);
    assert_int_equal(art2.sentences[0].para, 0);
    assert_int_equal(art2.ntokens, 3);

    /* no paragraphs: nothing */
    lede_article empty;
    memset(&empty, 0, sizeof empty);
    empty.text = "";
    assert_int_equal(lede_segment_article(a, &empty, &tv, &sv), 0);
    assert_int_equal(empty.nsentences, 0);
    assert_int_equal(empty.ntokens, 0);

    lede_tokvec_free(&tv);
    lede_sentvec_free(&sv);
    lede_arena_free(a);
}

/* ------------------------------------------------ tokens on demand */

#define NART (3 * LEDE_TOKEN_CACHE)

typedef struct {
    char text[NART][96];
    lede_span para[NART][2];
    lede_article art[NART];
    lede_arena *arena;
} artset;

/* NART articles of two paragraphs each, all different, segmented. */
static void make_articles(artset *s)
{
    memset(s, 0, sizeof *s);
    s->arena = lede_arena_new();
    lede_tokvec tv = { 0 };
    lede_sentvec sv = { 0 };
    for (int i = 0; i < NART; i++) {
        int n1 = snprintf(s->text[i], sizeof s->text[i], "Article %d: Mr. Kurti met %d envoys.", i, i * 7);
        int n2 = snprintf(s->text[i] + n1, sizeof s->text[i] - (size_t)n1,
                          "\n\nU.S. officials said \"no\" %s.", i % 2 ? "twice" : "at 3.5%");
        s->para[i][0] = (lede_span){ 0, (uint32_t)n1 };
        s->para[i][1] = (lede_span){ (uint32_t)n1 + 2, (uint32_t)(n1 + n2) };
        lede_article *a = &s->art[i];
        a->text = s->text[i];
        a->text_len = (size_t)(n1 + n2);
        a->paragraphs = s->para[i];
        a->nparagraphs = 2;
        assert_int_equal(lede_segment_article(s->arena, a, &tv, &sv), 0);
        assert_true(a->ntokens > 10);
        assert_true(a->tok_id != 0);
    }
    lede_tokvec_free(&tv);
    lede_sentvec_free(&sv);
}

/* What the tokens of a must be: every paragraph tokenized, in order. */
static int tokens_right(const lede_article *a, const lede_token *got)
{
    lede_tokvec want = { 0 };
    for (size_t p = 0; p < a->nparagraphs; p++)
        if (lede_tokenize(a->text, a->paragraphs[p].start, a->paragraphs[p].stop, &want)) return 0;
    size_t words = 0;
    for (size_t i = 0; i < want.n; i++) words += want.v[i].kind == LEDE_TOK_WORD;
    int ok = got && want.n == a->ntokens && words == a->nwords &&
             memcmp(got, want.v, want.n * sizeof *want.v) == 0;
    lede_tokvec_free(&want);
    return ok;
}

/* More articles than the cache holds, asked in every order: each gets its
 * own tokens, the same as segmentation made, whether cached or made again. */
static void test_tokens_on_demand(void **state)
{
    (void)state;
    static artset s;
    make_articles(&s);
    for (int i = 0; i < NART; i++) assert_true(tokens_right(&s.art[i], lede_article_tokens(&s.art[i])));
    for (int i = NART - 1; i >= 0; i--) assert_true(tokens_right(&s.art[i], lede_article_tokens(&s.art[i])));
    for (int k = 0; k < 4 * NART; k++) {       /* interleaved: i, 0, i, 1, ... */
        int i = (k * 5) % NART;
        assert_true(tokens_right(&s.art[i], lede_article_tokens(&s.art[i])));
        assert_true(tokens_right(&s.art[k % 3], lede_article_tokens(&s.art[k % 3])));
    }
    /* the last LEDE_TOKEN_CACHE asked for stay where they were */
    const lede_token *keep[LEDE_TOKEN_CACHE];
    for (int i = 0; i < LEDE_TOKEN_CACHE; i++) keep[i] = lede_article_tokens(&s.art[i]);
    for (int i = LEDE_TOKEN_CACHE - 1; i >= 0; i--)
        assert_ptr_equal(lede_article_tokens(&s.art[i]), keep[i]);
    lede_token_cache_clear();
    lede_token_cache_clear();                  /* twice: nothing to free */
    assert_true(tokens_right(&s.art[3], lede_article_tokens(&s.art[3])));
    lede_article none;
    memset(&none, 0, sizeof none);
    assert_null(lede_article_tokens(&none));
    assert_null(lede_article_tokens(NULL));
    lede_token_cache_clear();
    lede_arena_free(s.arena);
}

/* The same article struct segmented again over another text (a streaming
 * corpus reuses its arena, so a new article can have an old one's
 * address): the new tokens, never the cached old ones. */
static void test_tokens_new_segmentation(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    lede_tokvec tv = { 0 };
    lede_sentvec sv = { 0 };
    char text[64] = "One two three.";
    lede_span p = { 0, 14 };
    lede_article art;
    memset(&art, 0, sizeof art);
    art.text = text;
    art.text_len = 14;
    art.paragraphs = &p;
    art.nparagraphs = 1;
    assert_int_equal(lede_segment_article(a, &art, &tv, &sv), 0);
    assert_int_equal(art.ntokens, 4);
    assert_true(tokens_right(&art, lede_article_tokens(&art)));
    uint64_t id = art.tok_id;
    strcpy(text, "Four, five: six seven!");
    p.stop = (uint32_t)strlen(text);
    art.text_len = p.stop;
    assert_int_equal(lede_segment_article(a, &art, &tv, &sv), 0);
    assert_true(art.tok_id != id);
    assert_int_equal(art.ntokens, 7);
    assert_true(tokens_right(&art, lede_article_tokens(&art)));
    lede_token_cache_clear();
    assert_true(tokens_right(&art, lede_article_tokens(&art)));   /* made again */
    lede_tokvec_free(&tv);
    lede_sentvec_free(&sv);
    lede_arena_free(a);
    lede_token_cache_clear();
}

/* Threads read the same articles at once (as -j's rule workers do), each
 * through a cache of its own; a thread's cache is freed when it exits
 * (ASan's leak check). */
static void *reader(void *arg)
{
    artset *s = arg;
    intptr_t bad = 0;
    for (int r = 0; r < 50; r++)
        for (int i = 0; i < NART; i++) {
            int k = (i * 7 + r) % NART;
            if (!tokens_right(&s->art[k], lede_article_tokens(&s->art[k]))) bad++;
        }
    return (void *)bad;
}

static void test_tokens_threads(void **state)
{
    (void)state;
    static artset s;
    make_articles(&s);
    pthread_t th[3];
    for (int i = 0; i < 3; i++) assert_int_equal(pthread_create(&th[i], NULL, reader, &s), 0);
    for (int i = 0; i < 3; i++) {
        void *bad;
        assert_int_equal(pthread_join(th[i], &bad), 0);
        assert_null(bad);
    }
    lede_token_cache_clear();
    lede_arena_free(s.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_dotted),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_ellipsis_and_marks),
        cmocka_unit_test(test_initials),
        cmocka_unit_test(test_weak_abbrev),
        cmocka_unit_test(test_headline_and_edges),
        cmocka_unit_test(test_corpus_lines),
        cmocka_unit_test(test_inline_lists),
        cmocka_unit_test(test_abbrev_next_word),
        cmocka_unit_test(test_symbol_number_abbrev),
        cmocka_unit_test(test_citations),
        cmocka_unit_test(test_spaced_ellipsis),
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_tokens_on_demand),
        cmocka_unit_test(test_tokens_new_segmentation),
        cmocka_unit_test(test_tokens_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
