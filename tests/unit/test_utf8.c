/* test_utf8.c — decoding, validation, repair, classes and folds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "lede/lede.h"

static size_t dec(const char *s, size_t n, uint32_t *cp)
{
    return lede_utf8_decode(s, n, cp);
}

static void test_decode_valid(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(dec("\xC3\xAB", 2, &cp), 2);          /* ë */
    assert_int_equal(cp, 0xEB);
    assert_int_equal(dec("\xE2\x80\x99", 3, &cp), 3);      /* ’ */
    assert_int_equal(cp, 0x2019);
    assert_int_equal(dec("\xF0\x9F\x98\x80", 4, &cp), 4);  /* U+1F600 */
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4);  /* U+10FFFF */
    assert_int_equal(cp, 0x10FFFF);
    assert_int_equal(dec("\xEF\xBF\xBD", 3, &cp), 3);      /* real U+FFFD */
    assert_int_equal(cp, LEDE_REPLACEMENT);
    assert_int_equal(dec("", 0, &cp), 0);
}

static void test_decode_invalid(void **state)
{
    (void)state;
    static const struct { const char *s; size_t n; } bad[] = {
        { "\x80", 1 },                 /* lone continuation */
        { "\xBF", 1 },
        { "\xC0\xAF", 2 },             /* overlong '/' */
        { "\xC1\xBF", 2 },
        { "\xE0\x80\xAF", 3 },         /* overlong 3-byte */
        { "\xF0\x80\x80\xAF", 4 },     /* overlong 4-byte */
        { "\xED\xA0\x80", 3 },         /* surrogate D800 */
        { "\xED\xBF\xBF", 3 },         /* surrogate DFFF */
        { "\xF4\x90\x80\x80", 4 },     /* U+110000 */
        { "\xF5\x80\x80\x80", 4 },
        { "\xFF", 1 },
        { "\xC3", 1 },                 /* truncated */
        { "\xE2\x80", 2 },
        { "\xF0\x9F\x98", 3 },
        { "\xC3\x41", 2 },             /* bad continuation */
        { "\xE2\x41\x99", 3 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t cp = 0;
        assert_int_equal(dec(bad[i].s, bad[i].n, &cp), 1);
        assert_int_equal(cp, LEDE_REPLACEMENT);
        size_t fb = 99;
        assert_int_equal(lede_utf8_valid(bad[i].s, bad[i].n, &fb), 0);
        assert_int_equal(fb, 0);
    }
}

static void test_valid(void **state)
{
    (void)state;
    const char *ok = "Banjskë — NATO’s “KFOR” Geoană 😀 plain ascii text ok";
    assert_int_equal(lede_utf8_valid(ok, strlen(ok), NULL), 1);
    assert_int_equal(lede_utf8_valid("", 0, NULL), 1);
    size_t fb = 0;
    const char *s = "abcdefghijklmnop\xE2\x80x";  /* truncated after 16 ASCII */
    assert_int_equal(lede_utf8_valid(s, strlen(s), &fb), 0);
    assert_int_equal(fb, 16);
    s = "caf\xC3\xA9 \xED\xA0\x80";                   /* surrogate at 6 */
    assert_int_equal(lede_utf8_valid(s, strlen(s), &fb), 0);
    assert_int_equal(fb, 6);
    /* truncated at the very end */
    s = "ok \xF0\x9F\x98";
    assert_int_equal(lede_utf8_valid(s, strlen(s), &fb), 0);
    assert_int_equal(fb, 3);
}

static void test_repair(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    size_t len = 0, nbad = 99, first = 99;
    const char *good = "Pristina ë";
    char *r = lede_utf8_repair(a, good, strlen(good), &len, &nbad, &first);
    assert_non_null(r);
    assert_string_equal(r, good);
    assert_int_equal(len, strlen(good));
    assert_int_equal(nbad, 0);

    /* Latin-1 bytes: "caf\xE9 na\xEFve" -> two replacements */
    const char *l1 = "caf\xE9 na\xEFve";
    r = lede_utf8_repair(a, l1, strlen(l1), &len, &nbad, &first);
    assert_string_equal(r, "caf\xEF\xBF\xBD na\xEF\xBF\xBDve");
    assert_int_equal(len, strlen(r));
    assert_int_equal(nbad, 2);
    assert_int_equal(first, 3);
    assert_int_equal(lede_utf8_valid(r, len, NULL), 1);

    /* a truncated 3-byte sequence counts one per byte; a real U+FFFD is
     * not a repair */
    const char *t = "\xEF\xBF\xBDx\xE2\x80";
    r = lede_utf8_repair(a, t, strlen(t), &len, &nbad, &first);
    assert_string_equal(r, "\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(nbad, 2);
    assert_int_equal(first, 4);

    /* NUL bytes are valid and kept */
    r = lede_utf8_repair(a, "a\0b", 3, &len, &nbad, &first);
    assert_int_equal(len, 3);
    assert_int_equal(nbad, 0);
    assert_memory_equal(r, "a\0b", 3);
    lede_arena_free(a);
}

static void test_encode_roundtrip(void **state)
{
    (void)state;
    static const uint32_t cps[] = { 0, 'a', 0x7F, 0x80, 0xEB, 0x7FF, 0x800,
                                    0x2019, 0xFFFD, 0xFFFF, 0x10000,
                                    0x1F600, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        size_t n = lede_utf8_encode(cps[i], buf);
        uint32_t back;
        assert_int_equal(lede_utf8_decode(buf, n, &back), n);
        assert_int_equal(back, cps[i]);
        assert_int_equal(lede_utf8_valid(buf, n, NULL), 1);
    }
    char buf[4];
    assert_int_equal(lede_utf8_encode(0xD800, buf), 3);   /* -> U+FFFD */
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
    assert_int_equal(lede_utf8_encode(0x110000, buf), 3);
    /* every BMP non-surrogate code point survives */
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        uint32_t back;
        size_t n = lede_utf8_encode(cp, buf);
        assert_int_equal(lede_utf8_decode(buf, n, &back), n);
        assert_int_equal(back, cp);
    }
}

static void test_classes(void **state)
{
    (void)state;
    /* ASCII */
    assert_true(lede_cp_is_alpha('a') && lede_cp_is_alpha('Z'));
    assert_false(lede_cp_is_alpha('1') || lede_cp_is_alpha('-'));
    assert_true(lede_cp_is_upper('Q') && !lede_cp_is_upper('q'));
    assert_true(lede_cp_is_lower('q') && !lede_cp_is_lower('Q'));
    assert_true(lede_cp_is_digit('0') && lede_cp_is_digit('9'));
    assert_false(lede_cp_is_digit('a') || lede_cp_is_digit(0x663));
    /* Latin-1, Extended-A/B, Additional */
    assert_true(lede_cp_is_upper(0xC9) && lede_cp_is_lower(0xE9));    /* É é */
    assert_false(lede_cp_is_alpha(0xD7) || lede_cp_is_alpha(0xF7));   /* × ÷ */
    assert_true(lede_cp_is_lower(0xDF));                              /* ß */
    assert_true(lede_cp_is_upper(0x160) && lede_cp_is_lower(0x161));  /* Š š */
    assert_true(lede_cp_is_upper(0x110) && lede_cp_is_lower(0x111));  /* Đ đ */
    assert_true(lede_cp_is_upper(0x102) && lede_cp_is_lower(0x103));  /* Ă ă */
    assert_true(lede_cp_is_upper(0x218) && lede_cp_is_lower(0x219));  /* Ș ș */
    assert_true(lede_cp_is_upper(0x1EA0) && lede_cp_is_lower(0x1EA1));/* Ạ ạ */
    assert_true(lede_cp_is_upper(0x1E9E));                            /* ẞ */
    /* Greek, Cyrillic */
    assert_true(lede_cp_is_upper(0x391) && lede_cp_is_lower(0x3B1));  /* Α α */
    assert_true(lede_cp_is_lower(0x3C2));                             /* ς */
    assert_true(lede_cp_is_upper(0x410) && lede_cp_is_lower(0x430));  /* А а */
    assert_true(lede_cp_is_upper(0x402) && lede_cp_is_lower(0x452));  /* Ђ ђ */
    assert_true(lede_cp_is_upper(0x408) && lede_cp_is_lower(0x458));  /* Ј ј */
    /* caseless scripts are letters */
    assert_true(lede_cp_is_alpha(0x4E2D));                            /* 中 */
    assert_false(lede_cp_is_upper(0x4E2D) || lede_cp_is_lower(0x4E2D));
    /* punctuation and symbols are not letters */
    assert_false(lede_cp_is_alpha(0x2019) || lede_cp_is_alpha(0x2014) ||
                 lede_cp_is_alpha(0x20AC) || lede_cp_is_alpha(0xFFFD) ||
                 lede_cp_is_alpha(0x301));
    /* spaces */
    static const uint32_t sp[] = { ' ', '\t', '\n', '\r', '\f', '\v', 0xA0,
                                   0x2000, 0x2005, 0x2009, 0x200A, 0x202F,
                                   0x205F, 0x3000 };
    for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++)
        assert_true(lede_cp_is_space(sp[i]));
    assert_false(lede_cp_is_space('x') || lede_cp_is_space(0x200B) ||
                 lede_cp_is_space('_'));
}

static void test_fold_punct(void **state)
{
    (void)state;
    static const uint32_t apos[] = { 0x2018, 0x2019, 0x201A, 0x201B, 0x2032 };
    static const uint32_t quot[] = { 0x201C, 0x201D, 0x201E, 0x201F, 0x2033,
                                     0xAB, 0xBB };
    for (size_t i = 0; i < sizeof apos / sizeof apos[0]; i++)
        assert_int_equal(lede_cp_fold_punct(apos[i]), '\'');
    for (size_t i = 0; i < sizeof quot / sizeof quot[0]; i++)
        assert_int_equal(lede_cp_fold_punct(quot[i]), '"');
    for (uint32_t cp = 0x2010; cp <= 0x2015; cp++)
        assert_int_equal(lede_cp_fold_punct(cp), '-');
    assert_int_equal(lede_cp_fold_punct(0x2212), '-');
    assert_int_equal(lede_cp_fold_punct(0xA0), ' ');
    assert_int_equal(lede_cp_fold_punct(0x202F), ' ');
    assert_int_equal(lede_cp_fold_punct(0x3000), ' ');
    assert_int_equal(lede_cp_fold_punct(0x2026), 0x2026);   /* … stays */
    assert_int_equal(lede_cp_fold_punct('a'), 'a');
    assert_int_equal(lede_cp_fold_punct('\n'), '\n');
    assert_int_equal(lede_cp_fold_punct(0xEB), 0xEB);
}

/* Fold a UTF-8 string code point by code point into buf. */
static const char *fold_str(const char *s, char *buf)
{
    size_t n = strlen(s), i = 0, o = 0;
    while (i < n) {
        uint32_t cp;
        i += lede_utf8_decode(s + i, n - i, &cp);
        o += lede_utf8_encode(lede_cp_fold_case(cp), buf + o);
    }
    buf[o] = '\0';
    return buf;
}

static void test_fold_case(void **state)
{
    (void)state;
    char buf[256];
    assert_string_equal(fold_str("Geoană", buf), "geoana");
    assert_string_equal(fold_str("Banjskë", buf), "banjske");
    assert_string_equal(fold_str("ŠĐČĆŽ", buf), "sdccz");
    assert_string_equal(fold_str("šđčćž", buf), "sdccz");
    assert_string_equal(fold_str("Türkiye Øresund Łódź", buf),
                        "turkiye oresund lodz");
    assert_string_equal(fold_str("Prishtinë Mitrovicë Vučić", buf),
                        "prishtine mitrovice vucic");
    assert_string_equal(fold_str("Ștefan Țara Ğ İ ı", buf),
                        "stefan tara g i i");
    assert_string_equal(fold_str("Nguyễn Ẩ", buf), "nguyen a");
    assert_string_equal(fold_str("Straße ẞ Æ", buf), "straße ß æ");
    assert_string_equal(fold_str("ΑΘΗΝΑ Ωμέγα", buf), "αθηνα ωμέγα");
    assert_string_equal(fold_str("ВУЧИЋ Београд ЉЊЏ", buf),
                        "вучић београд љњџ");
    assert_string_equal(fold_str("NATO 2023 ’", buf), "nato 2023 ’");
}

static void test_normalize(void **state)
{
    (void)state;
    lede_arena *a = lede_arena_new();
    /* “ ’ — NBSP … ë */
    const char *in = "\xE2\x80\x9CNATO\xE2\x80\x99s\xE2\x80\x9D \xE2\x80\x94"
                     "a\xC2\xA0" "b\xE2\x80\xA6\xC3\xAB";
    size_t n = strlen(in), olen = 0;
    uint32_t *map = NULL;
    char *out = lede_normalize(a, in, n, &olen, &map);
    assert_non_null(out);
    assert_string_equal(out, "\"NATO's\" -a b\xE2\x80\xA6\xC3\xAB");
    assert_int_equal(olen, strlen(out));
    assert_non_null(map);
    /* "  N A T O '  s "     -  a  ' ' b  …(3)    ë(2)  end */
    static const uint32_t want[] = { 0, 3, 4, 5, 6, 7, 10, 11, 14, 15,
                                     18, 19, 21, 22, 23, 24, 25, 26, 27 };
    assert_int_equal(olen + 1, sizeof want / sizeof want[0]);
    for (size_t i = 0; i <= olen; i++) assert_int_equal(map[i], want[i]);
    assert_int_equal(map[olen], n);

    /* pure ASCII is unchanged with the identity map */
    const char *ascii = "He said \"no\" - twice.";
    out = lede_normalize(a, ascii, strlen(ascii), &olen, &map);
    assert_string_equal(out, ascii);
    for (size_t i = 0; i <= olen; i++) assert_int_equal(map[i], i);

    /* no map requested; empty input */
    out = lede_normalize(a, "", 0, &olen, NULL);
    assert_string_equal(out, "");
    assert_int_equal(olen, 0);
    lede_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_valid),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_repair),
        cmocka_unit_test(test_encode_roundtrip),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_fold_punct),
        cmocka_unit_test(test_fold_case),
        cmocka_unit_test(test_normalize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
