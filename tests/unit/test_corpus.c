/*
 * test_corpus.c — the loaders: files, folders, JSON Lines, bad input, the
 * arena and streaming mode. Diagnostics are captured, never printed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "lede/lede.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------- diag capture */

typedef struct {
    int n;
    int level[16];
    char path[16][256];
    long line[16], offset[16];
    char msg[16][256];
} diags;

static void capture(void *ud, int level, const char *path, long line,
                    long offset, const char *msg)
{
    diags *d = ud;
    if (d->n >= 16) return;
    d->level[d->n] = level;
    snprintf(d->path[d->n], sizeof d->path[0], "%s", path ? path : "");
    d->line[d->n] = line;
    d->offset[d->n] = offset;
    snprintf(d->msg[d->n], sizeof d->msg[0], "%s", msg);
    d->n++;
}

static lede_corpus *new_corpus(diags *d)
{
    memset(d, 0, sizeof *d);
    lede_corpus *c = lede_corpus_new();
    assert_non_null(c);
    c->diag = capture;
    c->diag_ud = d;
    return c;
}

/* A scratch folder per test run under /tmp. */
static char tmpdir[256];

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/lede-test-corpus-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *rel, const char *bytes, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static void make_dir(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

/* ----------------------------------------------------------------- arena */

static void test_arena(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    assert_non_null(a);
    char *s = lede_arena_strdup(a, "hello");
    assert_string_equal(s, "hello");
    char *p = lede_arena_printf(a, "%s-%d", "x", 42);
    assert_string_equal(p, "x-42");
    /* Alignment and a large request that gets its own block. */
    for (int i = 0; i < 1000; i++) {
        void *q = lede_arena_alloc(a, (size_t)(i % 13) + 1);
        assert_non_null(q);
        assert_int_equal((uintptr_t)q % 8, 0);
    }
    char *big = lede_arena_alloc(a, 10u * 1024 * 1024);
    assert_non_null(big);
    memset(big, 'x', 10u * 1024 * 1024);
    assert_string_equal(s, "hello"); /* earlier data intact */
    assert_true(lede_arena_used(a) >= 10u * 1024 * 1024);
    lede_arena_reset(a);
    assert_int_equal(lede_arena_used(a), 0);
    char *t = lede_arena_strdup(a, "again");
    assert_string_equal(t, "again");
    lede_arena_free(a);
}

/* ----------------------------------------------------------------- files */

static void test_sample_folder(void **state)
{
    (void)state;
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_path(c, LEDE_TEST_DATA "/kosovo"), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(c->narticles, 5);
    /* Sorted by name, ids are base names, indexes 1-based. */
    assert_string_equal(c->articles[0]->id, "000_14052a908de9061f");
    assert_string_equal(c->articles[4]->id, "004_ecc3430881c5b6f9");
    for (size_t i = 0; i < 5; i++) {
        const lede_article *a = c->articles[i];
        assert_int_equal(a->index, i + 1);
        assert_true(a->nparagraphs > 0);
        assert_true(a->nsentences >= a->nparagraphs);
        assert_true(a->ntokens > a->nsentences);
        /* Every sentence lies inside the text and its tokens inside it. */
        const lede_token *tk = lede_article_tokens(a);
        assert_non_null(tk);
        for (size_t s = 0; s < a->nsentences; s++) {
            const lede_sentence *se = &a->sentences[s];
            assert_true(se->start < se->stop && se->stop <= a->text_len);
            for (uint32_t t = se->tok_first; t < se->tok_first + se->tok_count; t++) {
                assert_true(tk[t].start >= se->start);
                assert_true(tk[t].stop <= se->stop);
            }
        }
    }
    assert_true(c->bytes > 10000);
    lede_corpus_free(c);
}

static void test_nested_folder_order(void **state)
{
    (void)state;
    make_dir("b");
    make_dir("a");
    make_dir("a/z");
    write_file("b/1.txt", "Second folder.", 14);
    write_file("a/2.txt", "Two.", 4);
    write_file("a/10.txt", "Ten.", 4);
    write_file("a/z/x.txt", "Deep.", 5);
    write_file(".hidden", "Hidden.", 7);
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_path(c, tmpdir), 0);
    assert_int_equal(c->narticles, 4);
    /* Byte order: "10.txt" < "2.txt" < "z" (folder) ; a/ before b/. */
    assert_string_equal(c->articles[0]->id, "10");
    assert_string_equal(c->articles[1]->id, "2");
    assert_string_equal(c->articles[2]->id, "x");
    assert_string_equal(c->articles[3]->id, "1");
    assert_string_equal(c->articles[3]->text, "Second folder.");
    lede_corpus_free(c);
}

static void test_bad_files(void **state)
{
    (void)state;
    write_file("empty.txt", "", 0);
    write_file("blank.txt", "  \n\n\t\n", 6);
    write_file("binary.txt", "PK\x03\x04\0\0abc", 9);
    const char *latin1 = "Caf\xe9 au lait. Na\xefve.";
    write_file("latin1.txt", latin1, strlen(latin1));
    write_file("good.txt", "All good here.", 14);
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_path(c, tmpdir), 0);
    assert_int_equal(c->narticles, 2); /* good + latin1 (repaired) */
    assert_int_equal(c->nerrors, 0);
    assert_int_equal(c->nwarnings, 4);
    /* Sorted: binary, blank, empty, good, latin1. */
    assert_non_null(strstr(d.path[0], "binary.txt"));
    assert_non_null(strstr(d.msg[0], "binary file (NUL byte at offset 4)"));
    assert_non_null(strstr(d.msg[1], "empty file"));
    assert_non_null(strstr(d.msg[2], "empty file"));
    assert_non_null(strstr(d.path[3], "latin1.txt"));
    assert_string_equal(d.msg[3], "invalid UTF-8 at byte 3: 2 bytes replaced with U+FFFD");
    assert_int_equal(d.offset[3], 3);
    assert_int_equal(d.line[3], 1);
    const lede_article *a = c->articles[1];
    assert_string_equal(a->id, "latin1");
    assert_string_equal(a->raw, "Caf\xef\xbf\xbd au lait. Na\xef\xbf\xbdve.");
    assert_int_equal(lede_utf8_valid(a->text, a->text_len, NULL), 1);
    lede_corpus_free(c);
}

static void test_missing_path(void **state)
{
    (void)state;
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_path(c, "/nonexistent/lede/path.txt"), -1);
    assert_int_equal(c->nerrors, 1);
    assert_int_equal(d.level[0], LEDE_DIAG_ERROR);
    assert_string_equal(d.path[0], "/nonexistent/lede/path.txt");
    assert_string_equal(d.msg[0], "cannot open: No such file or directory");
    /* The corpus is still usable afterwards. */
    assert_int_equal(lede_corpus_add_path(c, LEDE_TEST_DATA "/kosovo/004_ecc3430881c5b6f9.txt"), 0);
    assert_int_equal(c->narticles, 1);
    lede_corpus_free(c);
}

static void test_unreadable_file(void **state)
{
    (void)state;
    if (geteuid() == 0) skip(); /* root reads everything */
    write_file("secret.txt", "Secret.", 7);
    char path[512];
    snprintf(path, sizeof path, "%s/secret.txt", tmpdir);
    chmod(path, 0);
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_path(c, path), -1);
    assert_string_equal(d.msg[0], "cannot open: Permission denied");
    lede_corpus_free(c);
}

/* ----------------------------------------------------------- JSON Lines */

static void test_jsonl(void **state)
{
    (void)state;
    const char *src =
        "{\"text\": \"First article. It has two sentences.\", \"title\": \"One\", "
        "\"date\": \"2024-03-05\", \"source\": \"Wire\", \"url\": \"https://x.test/1\"}\n"
        "\n"
        "{\"text\": \"Broken\"\n"
        "[1, 2]\n"
        "{\"title\": \"no text\"}\n"
        "{\"id\": \"custom\", \"text\": \"Dated 13 June 2023 in text.\", \"date\": \"yesterday\"}\n"
        "{\"text\": \"   \"}\n"
        "{\"text\": \"Last one, no newline.\", \"title\": 5}";
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_jsonl(c, "in.jsonl", src, strlen(src)), 0);
    assert_int_equal(c->narticles, 3);
    const lede_article *a = c->articles[0];
    assert_string_equal(a->id, "in:1");
    assert_int_equal(a->line, 1);
    assert_string_equal(a->title, "One");
    assert_string_equal(a->date, "2024-03-05");
    assert_string_equal(a->source, "Wire");
    assert_string_equal(a->url, "https://x.test/1");
    assert_int_equal(a->nsentences, 2);
    assert_string_equal(c->articles[1]->id, "custom");
    assert_string_equal(c->articles[2]->id, "in:8");
    assert_null(c->articles[2]->title);

    /* One warning per bad line, each naming its line. */
    assert_int_equal(d.n, 6);
    assert_int_equal(d.line[0], 3);
    assert_non_null(strstr(d.msg[0], "malformed JSON"));
    assert_int_equal(d.line[1], 4);
    assert_string_equal(d.msg[1], "not a JSON object, line skipped");
    assert_int_equal(d.line[2], 5);
    assert_string_equal(d.msg[2], "no \"text\" string field, line skipped");
    assert_int_equal(d.line[3], 6);
    assert_string_equal(d.msg[3], "date \"yesterday\" not understood, ignored");
    assert_int_equal(d.line[4], 7);
    assert_string_equal(d.msg[4], "empty text, line skipped");
    assert_int_equal(d.line[5], 8);
    assert_string_equal(d.msg[5], "field \"title\" is not a string, ignored");
    for (int i = 0; i < d.n; i++) assert_string_equal(d.path[i], "in.jsonl");
    lede_corpus_free(c);
}

/* Text given as a JSON Lines "text" field reaches the rules whole: short
 * lines a plain-text file would lose as boilerplate (a score line, a
 * bracketed country, a lone word, a "By" line) stay, in order, each a
 * paragraph; the record's own metadata is kept and none is taken from the
 * text. A plain-text file with the same lines still drops them. */
static void test_jsonl_text_kept_whole(void **state)
{
    (void)state;
    const char *src =
        "{\"title\": \"Soccer - Asian Cup results\", \"date\": \"1996-12-08\", "
        "\"text\": \"By Staff Writer\\nAL AIN, United Arab Emirates 1996-12-08\\n"
        "Results of Asian Cup group matches on Sunday:\\nChina 0 Uzbekistan 2\\n"
        "(Indonesia)\\n\\nResults\\nJapan 1 Syria 0\"}\n";
    static const char *const want[] = {
        "By Staff Writer", "AL AIN, United Arab Emirates 1996-12-08",
        "Results of Asian Cup group matches on Sunday:", "China 0 Uzbekistan 2",
        "(Indonesia)", "Results", "Japan 1 Syria 0",
    };
    const size_t nwant = sizeof want / sizeof want[0];
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_jsonl(c, "w.jsonl", src, strlen(src)), 0);
    assert_int_equal(c->narticles, 1);
    const lede_article *a = c->articles[0];
    assert_string_equal(a->title, "Soccer - Asian Cup results");
    assert_string_equal(a->date, "1996-12-08");
    assert_null(a->byline);                  /* not taken from the text */
    assert_int_equal(a->nboilerplate, 0);
    assert_int_equal(a->nparagraphs, nwant);
    size_t pos = 0;
    for (size_t i = 0; i < nwant; i++) {
        lede_span p = a->paragraphs[i];
        assert_int_equal(p.start, pos);
        assert_int_equal(p.stop - p.start, strlen(want[i]));
        assert_memory_equal(a->text + p.start, want[i], strlen(want[i]));
        pos = p.stop + 2;                    /* paragraphs joined by "\n\n" */
    }
    assert_int_equal(a->text_len, pos - 2);
    assert_non_null(strstr(a->text, "China 0 Uzbekistan 2\n\n(Indonesia)"));
    lede_corpus_free(c);

    /* The same kind of lines in a plain-text file: today's filter still runs. */
    const char *txt = "Soccer - Asian Cup results\n\nResults of Asian Cup group matches "
                      "on Sunday, the first round of the tournament:\n\nChina 0 Uzbekistan 2\n\n"
                      "(Indonesia)\n\nJapan beat Syria 1-0 in the other match of the group on Sunday.\n";
    c = new_corpus(&d);
    assert_non_null(lede_corpus_add_text(c, "w.txt", txt, strlen(txt)));
    a = c->articles[0];
    assert_string_equal(a->title, "Soccer - Asian Cup results");
    assert_null(strstr(a->text, "(Indonesia)"));
    lede_corpus_free(c);
}

static void test_jsonl_bad_bytes(void **state)
{
    (void)state;
    /* Raw invalid UTF-8 inside a line, and a lone surrogate escape. */
    const char src[] = "{\"text\": \"ok line.\"}\n{\"text\": \"bad \xff byte\"}\n"
                       "{\"text\": \"lone \\ud800 surrogate.\"}\n";
    diags d;
    lede_corpus *c = new_corpus(&d);
    assert_int_equal(lede_corpus_add_jsonl(c, "b.jsonl", src, sizeof src - 1), 0);
    /* cJSON rejects the lone surrogate (malformed JSON warning) or decodes
     * it; either way no invalid byte reaches an article. */
    assert_true(c->narticles == 1 || c->narticles == 2);
    assert_int_equal(d.line[0], 2);
    assert_non_null(strstr(d.msg[0], "invalid UTF-8 at byte 35"));
    /* Whatever cJSON makes of the surrogate, the article text is valid. */
    for (size_t i = 0; i < c->narticles; i++) {
        const lede_article *a = c->articles[i];
        assert_int_equal(lede_utf8_valid(a->raw, a->raw_len, NULL), 1);
    }
    lede_corpus_free(c);
}

static void test_jsonl_file_by_extension(void **state)
{
    (void)state;
    const char *src = "{\"text\": \"From a file.\"}\n{\"text\": \"Second.\"}\n";
    write_file("feed.ndjson", src, strlen(src));
    diags d;
    lede_corpus *c = new_corpus(&d);
    char path[512];
    snprintf(path, sizeof path, "%s/feed.ndjson", tmpdir);
    assert_int_equal(lede_corpus_add_path(c, path), 0);
    assert_int_equal(c->narticles, 2);
    assert_string_equal(c->articles[1]->id, "feed:2");
    lede_corpus_free(c);
}

/* ------------------------------------------------------------ streaming */

typedef struct { size_t n, tokens; char first_id[64]; } sink_state;

static void sink(void *ud, const lede_article *a)
{
    sink_state *s = ud;
    if (s->n++ == 0) snprintf(s->first_id, sizeof s->first_id, "%s", a->id);
    s->tokens += a->ntokens;
}

static void test_streaming(void **state)
{
    (void)state;
    diags d;
    lede_corpus *keep = new_corpus(&d);
    assert_int_equal(lede_corpus_add_path(keep, LEDE_TEST_DATA "/kosovo"), 0);
    size_t tokens = 0;
    for (size_t i = 0; i < keep->narticles; i++) tokens += keep->articles[i]->ntokens;

    lede_corpus *c = new_corpus(&d);
    sink_state s = {0};
    c->sink = sink;
    c->sink_ud = &s;
    assert_int_equal(lede_corpus_add_path(c, LEDE_TEST_DATA "/kosovo"), 0);
    assert_int_equal(c->narticles, 0);
    assert_int_equal(c->nstreamed, 5);
    assert_int_equal(s.n, 5);
    assert_string_equal(s.first_id, "000_14052a908de9061f");
    assert_int_equal(s.tokens, tokens);
    assert_int_equal(c->bytes, keep->bytes);
    lede_corpus_free(c);
    lede_corpus_free(keep);
}

static void test_parallel_same_as_sequential(void **state)
{
    (void)state;
    diags d1, d2;
    lede_corpus *seq = new_corpus(&d1);
    lede_corpus *par = new_corpus(&d2);
    char *paths[] = { LEDE_TEST_DATA "/kosovo", "/nonexistent/x", LEDE_TEST_DATA "/kosovo/001_5e1d57c8eee590f4.txt" };
    size_t failed_seq = 0;
    for (int i = 0; i < 3; i++)
        if (lede_corpus_add_path(seq, paths[i]) != 0) failed_seq++;
    size_t failed_par = lede_corpus_add_paths_parallel(par, paths, 3, 4);
    assert_int_equal(failed_par, failed_seq);
    assert_int_equal(par->narticles, seq->narticles);
    assert_int_equal(par->narticles, 6);
    assert_int_equal(par->bytes, seq->bytes);
    assert_int_equal(par->nerrors, 1);
    for (size_t i = 0; i < seq->narticles; i++) {
        assert_string_equal(par->articles[i]->id, seq->articles[i]->id);
        assert_int_equal(par->articles[i]->index, i + 1);
        assert_int_equal(par->articles[i]->ntokens, seq->articles[i]->ntokens);
        assert_int_equal(par->articles[i]->nsentences, seq->articles[i]->nsentences);
        assert_string_equal(par->articles[i]->text, seq->articles[i]->text);
    }
    assert_int_equal(d2.n, d1.n);
    assert_string_equal(d2.msg[0], d1.msg[0]);
    lede_corpus_free(seq);
    lede_corpus_free(par);
}

/* A corpus held in memory keeps raw packed (only what is outside the
 * body's paragraphs); rebuilt, it is what a corpus that keeps raw whole
 * has, for every article, read in sequence or in parallel. */
static void check_packed_like(lede_corpus *c, lede_corpus *whole, size_t *npacked)
{
    assert_int_equal(c->narticles, whole->narticles);
    for (size_t i = 0; i < c->narticles; i++) {
        const lede_article *a = c->articles[i], *w = whole->articles[i];
        assert_non_null(w->raw);
        assert_int_equal(a->raw_len, w->raw_len);
        if (!a->raw) {
            assert_non_null(a->raw_rest);
            (*npacked)++;
        }
        char *buf = malloc(a->raw_len + 1);
        assert_non_null(buf);
        lede_article_raw_copy(a, buf);
        assert_memory_equal(buf, w->raw, w->raw_len);
        free(buf);
        assert_int_equal(a->text_len, w->text_len);
        assert_memory_equal(a->text, w->text, w->text_len);
    }
}

static void test_packed_raw(void **state)
{
    (void)state;
    diags d1, d2, d3;
    lede_corpus *whole = new_corpus(&d1), *seq = new_corpus(&d2), *par = new_corpus(&d3);
    whole->keep_raw = 1;
    char *paths[] = { LEDE_TEST_DATA "/kosovo", LEDE_TEST_DATA "/stories", LEDE_TEST_DATA "/gold" };
    for (int i = 0; i < 3; i++) {
        lede_corpus_add_path(whole, paths[i]);
        lede_corpus_add_path(seq, paths[i]);
    }
    lede_corpus_add_paths_parallel(par, paths, 3, 3);
    assert_true(whole->narticles >= 6);
    size_t packed = 0, ppacked = 0;
    check_packed_like(seq, whole, &packed);
    check_packed_like(par, whole, &ppacked);
    assert_true(packed >= whole->narticles / 2);   /* plain text files pack */
    assert_int_equal(ppacked, packed);
    for (size_t i = 0; i < whole->narticles; i++) assert_null(whole->articles[i]->raw_rest);
    lede_corpus_free(whole);
    lede_corpus_free(seq);
    lede_corpus_free(par);
}

/* Not packed: paragraphs that are not raw's own bytes, a body too small
 * to gain anything, a clean record whose text is raw. */
static void test_pack_raw_refuses(void **state)
{
    (void)state;
    lede_arena *ar = lede_arena_new();
    static const char raw[] = "Headline\nA first paragraph that is long enough to pack, surely.\n"
                              "And a second one, also long enough.\nfooter";
    static const char text[] = "A first paragraph that is long enough to pack, surely.\n\n"
                               "And a second one, also long enough.";
    lede_span paras[] = { { 0, 54 }, { 56, 91 } };
    lede_article a;
    memset(&a, 0, sizeof a);
    a.raw = raw;
    a.raw_len = strlen(raw);
    a.text = text;
    a.text_len = strlen(text);
    a.paragraphs = paras;
    a.nparagraphs = 2;
    lede_article b = a;
    assert_int_equal(lede_article_pack_raw(ar, &b), 1);   /* packs */
    assert_null(b.raw);
    char buf[sizeof raw];
    lede_article_raw_copy(&b, buf);
    assert_memory_equal(buf, raw, a.raw_len);
    b = a;
    b.text = "A first paragraph that is long enough to pack, surely.\n\nAnd a second one, ALSO long enough.";
    assert_int_equal(lede_article_pack_raw(ar, &b), 0);   /* not in raw */
    assert_ptr_equal(b.raw, raw);
    lede_article_raw_copy(&b, buf);
    assert_memory_equal(buf, raw, a.raw_len);
    b = a;
    lede_span small[] = { { 0, 10 } };
    b.paragraphs = small;
    b.nparagraphs = 1;
    assert_int_equal(lede_article_pack_raw(ar, &b), 0);   /* too small to gain */
    b = a;
    b.text = raw;                                          /* clean: text is raw */
    assert_int_equal(lede_article_pack_raw(ar, &b), 0);
    lede_arena_free(ar);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_sample_folder),
        cmocka_unit_test_setup_teardown(test_nested_folder_order, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(test_bad_files, setup_tmp, teardown_tmp),
        cmocka_unit_test(test_missing_path),
        cmocka_unit_test_setup_teardown(test_unreadable_file, setup_tmp, teardown_tmp),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_jsonl_text_kept_whole),
        cmocka_unit_test(test_jsonl_bad_bytes),
        cmocka_unit_test_setup_teardown(test_jsonl_file_by_extension, setup_tmp, teardown_tmp),
        cmocka_unit_test(test_streaming),
        cmocka_unit_test(test_parallel_same_as_sequential),
        cmocka_unit_test(test_packed_raw),
        cmocka_unit_test(test_pack_raw_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
