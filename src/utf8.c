/*
 * utf8.c — UTF-8 decoding, validation, repair, character classes and the
 * punctuation/case folds used for matching.
 *
 * Character classes are exact for ASCII, Latin-1 Supplement, Latin
 * Extended-A/B, IPA extensions, Latin Extended Additional, Greek and
 * Cyrillic (checked against Unicode 14 data), and block-level
 * approximations for the other scripts that turn up in news text (Armenian,
 * Hebrew, Arabic, Indic, Thai, Georgian, kana, CJK, Hangul): every code
 * point of those blocks counts as a caseless letter, which is what the
 * tokenizer needs to keep such words together.
 */
#include "lede/lede.h"
#include "utf16.h"

#include <stdint.h>
#include <stdlib.h>

#include <string.h>

/* ---------------------------------------------------------------- decode */

size_t lede_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n == 0) {
        *cp = LEDE_REPLACEMENT;
        return 0;
    }
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2) goto bad;               /* continuation or overlong lead */
    if (c < 0xE0) {
        if (n < 2 || (p[1] & 0xC0) != 0x80) goto bad;
        *cp = ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) goto bad;
        if (c == 0xE0 && p[1] < 0xA0) goto bad;      /* overlong */
        if (c == 0xED && p[1] >= 0xA0) goto bad;     /* surrogate */
        *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
              (p[2] & 0x3F);
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            goto bad;
        if (c == 0xF0 && p[1] < 0x90) goto bad;      /* overlong */
        if (c == 0xF4 && p[1] >= 0x90) goto bad;     /* > U+10FFFF */
        *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
              ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        return 4;
    }
bad:
    *cp = LEDE_REPLACEMENT;
    return 1;
}

size_t lede_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = LEDE_REPLACEMENT;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the ASCII prefix of s[i..n), eight bytes at a time. */
static size_t skip_ascii(const char *s, size_t i, size_t n)
{
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080)) break;
        i += 8;
    }
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    return i;
}

/* One step of decoding: returns the length and sets *bad when the byte at
 * s[0] starts no valid sequence (a literal U+FFFD in the input is valid). */
static size_t step(const char *s, size_t n, int *bad)
{
    uint32_t cp;
    size_t len = lede_utf8_decode(s, n, &cp);
    *bad = (cp == LEDE_REPLACEMENT && len == 1);
    return len;
}

int lede_utf8_valid(const char *s, size_t n, size_t *first_bad)
{
    size_t i = 0;
    for (;;) {
        i = skip_ascii(s, i, n);
        if (i >= n) return 1;
        int bad;
        size_t len = step(s + i, n - i, &bad);
        if (bad) {
            if (first_bad) *first_bad = i;
            return 0;
        }
        i += len;
    }
}

char *lede_utf8_repair(lede_arena *a, const char *s, size_t n, size_t *out_len,
                       size_t *nbad, size_t *first_bad)
{
    /* Pass 1: count bad bytes to size the output exactly. */
    size_t bad_count = 0, first = n, i = 0;
    for (;;) {
        i = skip_ascii(s, i, n);
        if (i >= n) break;
        int bad;
        size_t len = step(s + i, n - i, &bad);
        if (bad) {
            if (!bad_count) first = i;
            bad_count++;
        }
        i += len;
    }
    if (nbad) *nbad = bad_count;
    if (first_bad) *first_bad = first;
    size_t total = n + 2 * bad_count;   /* 1 bad byte -> 3-byte U+FFFD */
    char *out = lede_arena_alloc(a, total + 1);
    if (!out) return NULL;
    if (!bad_count) {
        memcpy(out, s, n);
    } else {
        /* Pass 2: copy, replacing. */
        size_t o = 0;
        i = 0;
        while (i < n) {
            size_t j = skip_ascii(s, i, n);
            memcpy(out + o, s + i, j - i);
            o += j - i;
            i = j;
            if (i >= n) break;
            int bad;
            size_t len = step(s + i, n - i, &bad);
            if (bad) {
                o += lede_utf8_encode(LEDE_REPLACEMENT, out + o);
            } else {
                memcpy(out + o, s + i, len);
                o += len;
            }
            i += len;
        }
    }
    out[total] = '\0';
    if (out_len) *out_len = total;
    return out;
}

/* ------------------------------------------------------ character classes */

/*
 * Latin letters U+00C0..U+024F and U+1E00..U+1EFF, one character per code
 * point:
 *   'a'..'z'  lowercase letter whose base letter is that ASCII letter
 *   'A'..'Z'  uppercase letter whose base letter is the lowercase of it
 *   '+'       uppercase letter with no ASCII base (Æ, Þ, Ŋ, Ə ...)
 *   '-'       lowercase letter with no ASCII base (ß, æ, þ, ŋ ...)
 *   '#'       caseless letter
 *   ' '       not a letter (× ÷)
 * The base letter comes from the Unicode name ("LATIN SMALL LETTER D WITH
 * STROKE" -> d), so letters without a canonical decomposition (đ ø ł ħ)
 * still fold to ASCII; ı (dotless i) folds to i.
 */
static const char latin_00c0[] =
    "AAAAAA+CEEEEIIII+NOOOOO OUUUUY+-aaaaaa-ceeeeiiii-nooooo ouuuuy-y"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi+-JjKk-LlLlLlL"
    "lLlNnNnNn-+-OoOoOo+-RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz-"
    "bBBb+-+Cc+DDd-+++FfG+-+IKkl-+NnOOo+-Pp++-+-tTtTUu+VYyZz++--#+---"
    "####+D-+L-+N-AaIiOoUuUuUuUuUu-AaAa+-GgGgKkOoOo+-j+D-Gg++NnAa+-Oo"
    "AaAaEeEeIiIiOoOoRrRrUuUuSsTt+-HhNd+-ZzAaEeOoOoOoOoYylnt---ACcLTs"
    "z+-B++EeJj+qRrYy";
static const char latin_1e00[] =
    "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm"
    "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv"
    "WwWwWwWwWwXxXxYyZzZzZzhtwya---+-AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe"
    "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy+-+-Yy";

_Static_assert(sizeof latin_00c0 - 1 == 0x250 - 0xC0, "latin_00c0 size");
_Static_assert(sizeof latin_1e00 - 1 == 0x100, "latin_1e00 size");

/* Table code for a Latin code point, 0 when outside the tables. */
static int latin_code(uint32_t cp)
{
    if (cp >= 0xC0 && cp < 0x250) return latin_00c0[cp - 0xC0];
    if (cp >= 0x1E00 && cp < 0x1F00) return latin_1e00[cp - 0x1E00];
    return 0;
}

/* Lowercase of a '+' Latin letter (uppercase without an ASCII base). */
static uint32_t latin_plus_lower(uint32_t cp)
{
    if (cp < 0x100) return cp + 0x20;
    switch (cp) {
    case 0x186: return 0x254;
    case 0x189: return 0x256;
    case 0x18E: return 0x1DD;
    case 0x18F: return 0x259;
    case 0x190: return 0x25B;
    case 0x194: return 0x263;
    case 0x196: return 0x269;
    case 0x19C: return 0x26F;
    case 0x1A6: return 0x280;
    case 0x1A9: return 0x283;
    case 0x1B1: return 0x28A;
    case 0x1B7: return 0x292;
    case 0x1C4: case 0x1C7: case 0x1CA: case 0x1F1: return cp + 2;
    case 0x1F6: return 0x195;
    case 0x1F7: return 0x1BF;
    case 0x244: return 0x289;
    case 0x245: return 0x28C;
    case 0x1E9E: return 0xDF;
    default: return cp + 1;
    }
}

enum { CASE_NONE = 0, CASE_UPPER = 1, CASE_LOWER = 2, CASE_NOALPHA = 3 };

static int greek_case(uint32_t cp)
{
    if (cp == 0x370 || cp == 0x372 || cp == 0x376 || cp == 0x37F ||
        cp == 0x386 || (cp >= 0x388 && cp <= 0x38A) || cp == 0x38C ||
        cp == 0x38E || cp == 0x38F || (cp >= 0x391 && cp <= 0x3AB) ||
        cp == 0x3CF || (cp >= 0x3D2 && cp <= 0x3D4) || cp == 0x3F4 ||
        cp == 0x3F7 || cp == 0x3F9 || cp == 0x3FA || cp >= 0x3FD) {
        return cp == 0x3A2 ? CASE_NOALPHA : CASE_UPPER;
    }
    if (cp >= 0x3D8 && cp <= 0x3EF) return (cp & 1) ? CASE_LOWER : CASE_UPPER;
    if (cp == 0x371 || cp == 0x373 || cp == 0x377 ||
        (cp >= 0x37B && cp <= 0x37D) || cp == 0x390 ||
        (cp >= 0x3AC && cp <= 0x3CE) || cp == 0x3D0 || cp == 0x3D1 ||
        (cp >= 0x3D5 && cp <= 0x3D7) || (cp >= 0x3F0 && cp <= 0x3F3) ||
        cp == 0x3F5 || cp == 0x3F8 || cp == 0x3FB || cp == 0x3FC)
        return CASE_LOWER;
    if (cp == 0x37A) return CASE_NONE;   /* ypogegrammeni: a letter */
    return CASE_NOALPHA;
}

static uint32_t greek_lower(uint32_t cp)
{
    if (cp >= 0x391 && cp <= 0x3AB) return cp + 0x20;
    if (cp == 0x386) return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (cp == 0x38E || cp == 0x38F) return cp + 63;
    if (cp == 0x370 || cp == 0x372 || cp == 0x376) return cp + 1;
    if (cp == 0x37F) return 0x3F3;
    if (cp == 0x3CF) return 0x3D7;
    if (cp >= 0x3D8 && cp <= 0x3EF && !(cp & 1)) return cp + 1;
    if (cp == 0x3F4) return 0x3B8;
    if (cp == 0x3F7 || cp == 0x3FA) return cp + 1;
    if (cp == 0x3F9) return 0x3F2;
    if (cp >= 0x3FD && cp <= 0x3FF) return cp - 130;
    return cp;
}

static int cyrillic_case(uint32_t cp)
{
    if (cp <= 0x42F) return CASE_UPPER;
    if (cp <= 0x45F) return CASE_LOWER;
    if (cp <= 0x481) return (cp & 1) ? CASE_LOWER : CASE_UPPER;
    if (cp < 0x48A) return CASE_NOALPHA;      /* ҂ and combining marks */
    if (cp <= 0x4BF) return (cp & 1) ? CASE_LOWER : CASE_UPPER;
    if (cp == 0x4C0) return CASE_UPPER;
    if (cp <= 0x4CE) return (cp & 1) ? CASE_UPPER : CASE_LOWER;
    if (cp == 0x4CF) return CASE_LOWER;
    return (cp & 1) ? CASE_LOWER : CASE_UPPER; /* 04D0..052F */
}

static uint32_t cyrillic_lower(uint32_t cp)
{
    if (cp < 0x410) return cp + 0x50;
    if (cp < 0x430) return cp + 0x20;
    if (cp == 0x4C0) return 0x4CF;
    return cp + 1;
}

/* Scripts approximated per block: every code point counts as a caseless
 * letter (Armenian has case and is handled exactly). */
static int other_script_letter(uint32_t cp)
{
    return (cp >= 0x5D0 && cp <= 0x5EA) ||            /* Hebrew */
           (cp >= 0x620 && cp <= 0x64A) ||            /* Arabic */
           (cp >= 0x66E && cp <= 0x6D3) ||
           (cp >= 0x6FA && cp <= 0x6FF) ||
           (cp >= 0x900 && cp <= 0x963) ||            /* Indic */
           (cp >= 0x966 && cp <= 0xDFF) ||
           (cp >= 0xE01 && cp <= 0xE4E) ||            /* Thai */
           (cp >= 0x10A0 && cp <= 0x10FF) ||          /* Georgian */
           (cp >= 0x1100 && cp <= 0x11FF) ||          /* Hangul jamo */
           (cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB) || /* kana */
           (cp >= 0x3400 && cp <= 0x4DBF) ||          /* CJK */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) ||          /* Hangul */
           (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3134F);
}

/* Case class of any code point. */
static int cp_case(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return CASE_UPPER;
        if (cp >= 'a' && cp <= 'z') return CASE_LOWER;
        return CASE_NOALPHA;
    }
    if (cp < 0xC0) {
        return (cp == 0xAA || cp == 0xB5 || cp == 0xBA) ? CASE_LOWER
                                                        : CASE_NOALPHA;
    }
    int c = latin_code(cp);
    if (c) {
        if ((c >= 'A' && c <= 'Z') || c == '+') return CASE_UPPER;
        if ((c >= 'a' && c <= 'z') || c == '-') return CASE_LOWER;
        return c == '#' ? CASE_NONE : CASE_NOALPHA;
    }
    if (cp < 0x2B0) return CASE_LOWER;                /* IPA extensions */
    if (cp < 0x300) {
        return ((cp <= 0x2C1 && cp != 0x2BC) || (cp >= 0x2C6 && cp <= 0x2D1) ||
                (cp >= 0x2E0 && cp <= 0x2E4) || cp == 0x2EC || cp == 0x2EE)
                   ? CASE_NONE : CASE_NOALPHA;
    }
    if (cp < 0x370) return CASE_NOALPHA;              /* combining marks */
    if (cp < 0x400) return greek_case(cp);
    if (cp < 0x530) return cyrillic_case(cp);
    if (cp >= 0x531 && cp <= 0x556) return CASE_UPPER; /* Armenian */
    if (cp >= 0x560 && cp <= 0x588) return CASE_LOWER;
    return other_script_letter(cp) ? CASE_NONE : CASE_NOALPHA;
}

int lede_cp_is_alpha(uint32_t cp)
{
    if (cp < 0x80) return ((cp | 0x20) - 'a') < 26u;
    return cp_case(cp) != CASE_NOALPHA;
}

int lede_cp_is_upper(uint32_t cp)
{
    if (cp < 0x80) return (cp - 'A') < 26u;
    return cp_case(cp) == CASE_UPPER;
}

int lede_cp_is_lower(uint32_t cp)
{
    if (cp < 0x80) return (cp - 'a') < 26u;
    return cp_case(cp) == CASE_LOWER;
}

int lede_cp_is_digit(uint32_t cp)
{
    return (cp - '0') < 10u;
}

int lede_cp_is_space(uint32_t cp)
{
    if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* ----------------------------------------------------------------- folds */

uint32_t lede_cp_fold_punct(uint32_t cp)
{
    if (cp < 0xA0) return cp;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x2039: case 0x203A: case 0x02BC: case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        return '"';
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: case 0x2E3A:
    case 0x2E3B:
        return '-';
    default:
        break;
    }
    if (cp >= 0x2010 && cp <= 0x2015) return '-';
    if (lede_cp_is_space(cp)) return ' ';
    return cp;
}

uint32_t lede_cp_fold_case(uint32_t cp)
{
    if (cp < 0x80) return (cp - 'A') < 26u ? cp + 0x20 : cp;
    if (cp < 0xC0) return cp;
    int c = latin_code(cp);
    if (c) {
        if (c >= 'a' && c <= 'z') return (uint32_t)c;
        if (c >= 'A' && c <= 'Z') return (uint32_t)(c + 0x20);
        if (c == '+') return latin_plus_lower(cp);
        return cp;
    }
    if (cp >= 0x370 && cp < 0x400)
        return greek_case(cp) == CASE_UPPER ? greek_lower(cp) : cp;
    if (cp >= 0x400 && cp < 0x530)
        return cyrillic_case(cp) == CASE_UPPER ? cyrillic_lower(cp) : cp;
    if (cp >= 0x531 && cp <= 0x556) return cp + 0x30;
    return cp;
}

/* ------------------------------------------------------------- normalize */

char *lede_normalize(lede_arena *a, const char *s, size_t n, size_t *out_len,
                     uint32_t **map)
{
    /* Every fold maps to ASCII, so the output is never longer than s. */
    char *out = lede_arena_alloc(a, n + 1);
    if (!out) return NULL;
    uint32_t *m = NULL;
    if (map) {
        m = lede_arena_alloc(a, (n + 1) * sizeof *m);
        if (!m) return NULL;
    }
    size_t i = 0, o = 0;
    while (i < n) {
        size_t j = skip_ascii(s, i, n);
        if (j > i) {                    /* ASCII run: copied as is */
            memcpy(out + o, s + i, j - i);
            if (m) {
                uint32_t base = (uint32_t)i;
                uint32_t *mo = m + o;
                for (size_t k = 0; k < j - i; k++) mo[k] = base + (uint32_t)k;
            }
            o += j - i;
            i = j;
            if (i >= n) break;
        }
        uint32_t cp;
        size_t len = lede_utf8_decode(s + i, n - i, &cp);
        uint32_t f = (cp == LEDE_REPLACEMENT && len == 1) ? cp
                                                          : lede_cp_fold_punct(cp);
        if (f != cp) {
            if (m) m[o] = (uint32_t)i;
            out[o++] = (char)f;                 /* folds are ASCII */
        } else {
            for (size_t k = 0; k < len; k++) {
                if (m) m[o] = (uint32_t)(i + k);
                out[o++] = s[i + k];
            }
        }
        i += len;
    }
    if (m) m[o] = (uint32_t)n;
    out[o] = '\0';
    if (out_len) *out_len = o;
    if (map) *map = m;
    return out;
}

/* ----------------------------------------------------------------- UTF-16 */

int lede_utf16_bom(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n < 2) return 0;
    if (p[0] == 0xFF && p[1] == 0xFE) return 1;
    if (p[0] == 0xFE && p[1] == 0xFF) return 2;
    return 0;
}

char *lede_utf16_to_utf8(const char *s, size_t n, int big_endian, size_t *out_len,
                         size_t *nbad, size_t *first_bad)
{
    const unsigned char *p = (const unsigned char *)s;
    *nbad = 0;
    *first_bad = 0;
    /* a unit gives at most 3 bytes, a pair (two units) 4 */
    size_t units = n / 2;
    if (units > (SIZE_MAX - 8) / 3) return NULL;
    char *out = malloc(units * 3 + 8);
    if (!out) return NULL;
    size_t o = 0, i = 0;
#define UNIT(k) (big_endian ? (uint32_t)p[k] << 8 | p[(k) + 1] : (uint32_t)p[(k) + 1] << 8 | p[k])
    while (i + 1 < n) {
        uint32_t u = UNIT(i), cp;
        size_t at = i;
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n && UNIT(i) >= 0xDC00 && UNIT(i) <= 0xDFFF) {
            cp = 0x10000 + ((u - 0xD800) << 10) + (UNIT(i) - 0xDC00);
            i += 2;
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            cp = LEDE_REPLACEMENT;           /* an unpaired surrogate */
            if ((*nbad)++ == 0) *first_bad = at;
        } else {
            cp = u;
        }
        o += lede_utf8_encode(cp, out + o);
    }
#undef UNIT
    if (i < n) {                             /* an odd last byte */
        if ((*nbad)++ == 0) *first_bad = i;
        o += lede_utf8_encode(LEDE_REPLACEMENT, out + o);
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}
