/*
 * test_formats.c — the readers of issue 16 at the C level: decompression
 * (src/decompress.c), format sniffing (src/format.c), unwrapping
 * (src/unwrap.c), NFC and its offsets (src/nfc.c), dates of records
 * (src/isodate.c), CSV records, exports, date doubt (src/datedoubt.c) and
 * a multi-article file streamed one article at a time, each kept alive
 * after the next is read (corpus.c). Every input is made here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "lede/lede.h"
#include "decompress.h"
#include "nfc.h"
#include "reader.h"
#include "unwrap.h"

#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "diag_capture.h"

static const char TEXT[] = "Talks resume\n\nPrime Minister Albin Kurti said talks would resume.\n";

static void test_decompress(void **state)
{
    (void)state;
    unsigned char gz[512], zs[512];
    uint8_t xz[512];
    /* gzip: two members */
    size_t ng = 0;
    for (int k = 0; k < 2; k++) {
        z_stream s;
        memset(&s, 0, sizeof s);
        assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
        s.next_in = (Bytef *)TEXT;
        s.avail_in = (uInt)strlen(TEXT);
        s.next_out = gz + ng;
        s.avail_out = (uInt)(sizeof gz - ng);
        assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
        ng += s.total_out;
        deflateEnd(&s);
    }
    assert_int_equal(lede_compression((char *)gz, ng), LEDE_Z_GZIP);
    char *out;
    size_t n;
    assert_int_equal(lede_decompress(LEDE_Z_GZIP, (char *)gz, ng, &out, &n), LEDE_Z_OK);
    assert_int_equal(n, 2 * strlen(TEXT));
    assert_memory_equal(out + strlen(TEXT), TEXT, strlen(TEXT));
    free(out);
    /* cut: damaged, what came before kept */
    assert_int_equal(lede_decompress(LEDE_Z_GZIP, (char *)gz, ng - 5, &out, &n), LEDE_Z_DAMAGED);
    free(out);
    /* zstd, two frames */
    size_t z1 = ZSTD_compress(zs, sizeof zs, TEXT, strlen(TEXT), 3);
    assert_false(ZSTD_isError(z1));
    size_t z2 = ZSTD_compress(zs + z1, sizeof zs - z1, TEXT, strlen(TEXT), 3);
    assert_int_equal(lede_compression((char *)zs, z1), LEDE_Z_ZSTD);
    assert_int_equal(lede_decompress(LEDE_Z_ZSTD, (char *)zs, z1 + z2, &out, &n), LEDE_Z_OK);
    assert_int_equal(n, 2 * strlen(TEXT));
    free(out);
    assert_int_not_equal(lede_decompress(LEDE_Z_ZSTD, (char *)zs, z1 - 3, &out, &n), LEDE_Z_OK);
    free(out);
    /* xz */
    size_t nx = 0;
    assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, (const uint8_t *)TEXT,
                                             strlen(TEXT), xz, &nx, sizeof xz), LZMA_OK);
    assert_int_equal(lede_compression((char *)xz, nx), LEDE_Z_XZ);
    assert_int_equal(lede_decompress(LEDE_Z_XZ, (char *)xz, nx, &out, &n), LEDE_Z_OK);
    assert_string_equal(out, TEXT);
    free(out);
    /* garbage after a valid magic: corrupt, nothing */
    const char bad[] = "\xfd" "7zXZ\0garbage garbage garbage";
    assert_int_equal(lede_decompress(LEDE_Z_XZ, bad, sizeof bad - 1, &out, &n), LEDE_Z_CORRUPT);
    assert_int_equal(n, 0);
    free(out);
}

static void test_sniffing(void **state)
{
    (void)state;
    assert_int_equal(lede_input_format("a", "%PDF-1.4\n", 9), LEDE_FMT_PDF);
    assert_int_equal(lede_input_format("a.txt", "see %PDF-1.4", 12), LEDE_FMT_TEXT);
    assert_int_equal(lede_input_format("a", "WARC/1.0\r\n", 10), LEDE_FMT_WARC);
    assert_int_equal(lede_input_format("a.xml", "<?xml version=\"1.0\"?><rss>", 26), LEDE_FMT_FEED);
    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
    assert_int_equal(lede_input_format("a", atom, strlen(atom)), LEDE_FMT_FEED);
    assert_int_equal(lede_input_format("a.csv", "x;y\n1;2\n", 8), LEDE_FMT_CSV);
    assert_int_equal(lede_input_format("a.tsv.gz", "x", 1), LEDE_FMT_TSV);
    assert_int_equal(lede_input_format("a", "id,text\n1,hi\n", 13), LEDE_FMT_CSV);
    assert_int_equal(lede_input_format("a", "id\ttitle\tbody\n", 14), LEDE_FMT_TSV);
    /* prose with commas is no CSV header, even when it opens with "Text," */
    const char *headline = "Text, images and video\n\nA story.\n";
    assert_int_equal(lede_input_format("a", headline, strlen(headline)), LEDE_FMT_TEXT);
    const char *prose = "Kurti, the prime minister, said text would follow.\nMore.\n";
    assert_int_equal(lede_input_format("a", prose, strlen(prose)), LEDE_FMT_TEXT);
    assert_int_equal(lede_input_format("a", "\x28\xb5\x2f\xfd", 4), LEDE_FMT_ZSTD);
    assert_int_equal(lede_name_len("a.html.zst"), 6);
    assert_string_equal(lede_format_name(LEDE_FMT_WARC), "warc");
}

static const char WRAPPED[] =
    "Kosovo talks to resume\n"
    "\n"
    "PRISTINA, Kosovo (AP) -- Kosovo's Prime Minister Albin Kurti said on\n"
    "Tuesday that talks with Serbia would resume in Brussels next week, after\n"
    "months of tension in the north and a long dispute over the govern-\n"
    "ment's plans. \"We are ready to talk,\" Kurti told reporters, adding that\n"
    "the European Union had invited both delegations to the meeting.\n"
    "The envoy Miroslav Lajcak said the meeting would focus on the past deals\n"
    "and on the plans for the north, which both sides had signed last year.\n";

static void test_unwrap(void **state)
{
    (void)state;
    assert_true(lede_is_wrapped(WRAPPED, strlen(WRAPPED)));
    size_t n;
    char *u = lede_unwrap(WRAPPED, strlen(WRAPPED), 1, &n);
    assert_non_null(u);
    assert_non_null(strstr(u, "Kurti said on Tuesday that"));
    assert_non_null(strstr(u, "over the government's plans."));
    /* a sentence end much shorter than the width ends the paragraph */
    assert_non_null(strstr(u, "to the meeting.\nThe envoy"));
    assert_non_null(strncmp(u, "Kosovo talks to resume\n\nPRISTINA", 32) == 0 ? u : NULL);
    free(u);
    /* without dehyphenation the hyphen stays, joined without a space */
    u = lede_unwrap(WRAPPED, strlen(WRAPPED), 0, &n);
    assert_non_null(strstr(u, "the govern-ment's"));
    free(u);
    /* one paragraph per line is not wrapped text */
    const char *paras =
        "Stoltenberg said the recent violent outbreaks in Kosovo were unacceptable and perpetrators must be brought to justice.\n"
        "He said during a visit to Belgrade that both sides had to reduce tensions.\n"
        "Serbia and Kosovo witnessed a spike in tension following two violent incidents in May and September as the war raged in Ukraine.\n"
        "In May, Serb demonstrators in northern Kosovo clashed with NATO peacekeeping troops.\n"
        "The two incidents have prompted NATO to beef up its peacekeeping presence in Kosovo, and Stoltenberg said more troops could follow.\n"
        "Both Serbia and Kosovo have been previously warned.\n";
    assert_false(lede_is_wrapped(paras, strlen(paras)));
    assert_false(lede_is_wrapped("one line\n", 9));
}

static void test_nfc(void **state)
{
    (void)state;
    const char *nfd = "Mircea Geoa\xCC\x86 said. Later";   /* a + combining breve */
    size_t n;
    int changed;
    char *c = lede_nfc(nfd, strlen(nfd), &n, &changed);
    assert_true(changed);
    assert_string_equal(c, "Mircea Geo\xC4\x83 said. Later");
    /* "Later" in the NFC text maps back to "Later" in the original */
    size_t at = (size_t)(strstr(c, "Later") - c);
    size_t o = lede_nfc_offset(nfd, strlen(nfd), at);
    assert_int_equal(strncmp(nfd + o, "Later", 5), 0);
    free(c);
    c = lede_nfc("plain ASCII", 11, &n, &changed);
    assert_false(changed);
    assert_string_equal(c, "plain ASCII");
    free(c);
    /* a canonical singleton (U+212B ANGSTROM SIGN) becomes U+00C5 */
    c = lede_nfc("\xE2\x84\xAB", 3, &n, &changed);
    assert_true(changed);
    assert_string_equal(c, "\xC3\x85");
    free(c);
}

static void test_iso_date(void **state)
{
    (void)state;
    lede_arena *ar = lede_arena_new();
    const char *d = lede_iso_date(ar, "Tue, 17 Oct 2023 09:30:00 GMT", 29);
    assert_non_null(d);
    assert_string_equal(d, "2023-10-17");
    assert_string_equal(lede_iso_date(ar, "2023-10-19T08:15:00Z", 20), "2023-10-19");
    assert_string_equal(lede_iso_date(ar, " 2023-10-21T07:00:00+01:00 ", 27), "2023-10-21");
    assert_null(lede_iso_date(ar, "someday", 7));
    assert_null(lede_iso_date(ar, "October 2023", 12));   /* not a day */
    lede_arena_free(ar);
}

static void test_csv(void **state)
{
    (void)state;
    diags d;
    lede_corpus *c = corpus(&d);
    const char *csv = "title,text,date\r\n"
                      "\"A, b\",\"line one\nline \"\"two\"\"\",2023-10-17\r\n"
                      "Only title,,\r\n"
                      "T3,Third text.,bad date\r\n";
    lede_corpus_add_text(c, "x.csv", csv, strlen(csv));
    assert_int_equal(c->narticles, 2);
    const lede_article *a = c->articles[0];
    assert_string_equal(a->title, "A, b");
    assert_string_equal(a->date, "2023-10-17");
    assert_string_equal(a->format, "csv");
    assert_string_equal(a->id, "x:2");
    assert_non_null(strstr(a->text, "line \"two\""));
    assert_int_equal(a->nparagraphs, 2);
    assert_null(c->articles[1]->date);
    assert_int_equal(d.n, 2);   /* the empty row, the bad date */
    /* no text column: rejected (exit 2) */
    lede_corpus_add_text(c, "y.csv", "a,b\n1,2\n", 8);
    assert_int_equal(c->nrejected, 1);
    lede_corpus_free(c);
}

static void test_export(void **state)
{
    (void)state;
    diags d;
    lede_corpus *c = corpus(&d);
    const char *fx = "First title\n200 words\n17 October 2023\nReuters News\nLBA\nEnglish\n\n"
                     "Body one is a long enough sentence to read as the start of the story itself.\n\n"
                     "Document LBA0000020231017ejah00001\n\n"
                     "Second title\n18 October 2023\nThe Times\n\n"
                     "Body two is also a sentence that is long enough to be the story's start.\n\n"
                     "Document LBA0000020231018ejah00002\n";
    lede_corpus_add_text(c, "fx.txt", fx, strlen(fx));
    assert_int_equal(c->narticles, 2);
    assert_string_equal(c->articles[0]->title, "First title");
    assert_string_equal(c->articles[0]->date, "2023-10-17");
    assert_string_equal(c->articles[0]->source, "Reuters News");
    assert_string_equal(c->articles[1]->source, "The Times");
    assert_null(strstr(c->articles[0]->text, "words"));
    assert_null(strstr(c->articles[0]->text, "Document"));
    lede_corpus_free(c);
}

static void test_date_doubt(void **state)
{
    (void)state;
    diags d;
    lede_corpus *c = corpus(&d);
    const char *t = "NATO head speaks\nDate: 2025-04-26\n\n"
                    "NATO Secretary General Jens Stoltenberg said on Tuesday that the violence was unacceptable.\n";
    lede_corpus_add_text(c, "a.txt", t, strlen(t));
    assert_int_equal(c->narticles, 1);
    assert_true(c->articles[0]->date_doubtful);
    assert_non_null(strstr(c->articles[0]->date_evidence, "2024-10-01"));
    /* in his term: no doubt */
    const char *t2 = "NATO head speaks\nDate: 2023-10-10\n\n"
                     "NATO Secretary General Jens Stoltenberg said on Tuesday that the violence was unacceptable.\n";
    lede_corpus_add_text(c, "b.txt", t2, strlen(t2));
    assert_false(c->articles[1]->date_doubtful);
    assert_null(c->articles[1]->date_evidence);
    /* Deputy Secretary General is another office */
    const char *t3 = "NATO deputy speaks\nDate: 2025-04-26\n\n"
                     "The Deputy Secretary General Jens Stoltenberg said on Tuesday that nothing changed.\n";
    lede_corpus_add_text(c, "c.txt", t3, strlen(t3));
    assert_false(c->articles[2]->date_doubtful);
    lede_corpus_free(c);
}

/* A feed streamed: each item its own corpus; an article read earlier
 * stays valid after the later ones (the file's arena is shared). */
static void test_stream_multi(void **state)
{
    (void)state;
    char path[] = "/tmp/lede-feed-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *feed = "<rss><channel><title>W</title>"
                       "<item><title>One</title><description>First item text.</description></item>"
                       "<item><title>Two</title><description>Second item text.</description></item>"
                       "<item><title>Three</title><description>Third item text.</description></item>"
                       "</channel></rss>";
    assert_int_equal(write(fd, feed, strlen(feed)), (ssize_t)strlen(feed));
    close(fd);
    lede_stream *s = lede_stream_new(NULL, NULL);
    assert_int_equal(lede_stream_add_path(s, path), 0);
    lede_corpus *got[4] = {0};
    int k = 0;
    while (k < 4 && (got[k] = lede_stream_next(s)) != NULL) k++;
    assert_int_equal(k, 3);
    assert_string_equal(got[0]->articles[0]->title, "One");
    assert_string_equal(got[2]->articles[0]->title, "Three");
    assert_int_equal(got[1]->articles[0]->index, 2);
    lede_corpus_free(got[1]);                  /* freed out of order */
    lede_stream_free(s);
    assert_string_equal(got[0]->articles[0]->text, "First item text.");
    lede_corpus_free(got[0]);
    assert_string_equal(got[2]->articles[0]->text, "Third item text.");
    lede_corpus_free(got[2]);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decompress), cmocka_unit_test(test_sniffing),
        cmocka_unit_test(test_unwrap),     cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_iso_date),   cmocka_unit_test(test_csv),
        cmocka_unit_test(test_export),     cmocka_unit_test(test_date_doubt),
        cmocka_unit_test(test_stream_multi),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
