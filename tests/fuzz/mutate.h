/*
 * mutate.h — a small input mutator for replay.c's --smoke mode: fuzzing
 * without libFuzzer, so a gcc (and ASan/UBSan) build can fuzz each harness
 * for a few seconds in every ctest run. Not coverage-guided: it mutates
 * the seed inputs (the regressions and the sample corpus) at random, with
 * the usual byte-level moves (bit flips, interesting bytes, inserted runs,
 * erased and duplicated ranges, splices of two inputs) and tokens that
 * matter to lede's readers (JSON punctuation, quote marks, UTF-8 lead and
 * continuation bytes, numbers at their limits). The long coverage-guided
 * runs stay with libFuzzer (tests/fuzz/run.sh).
 */
#ifndef LEDE_FUZZ_MUTATE_H
#define LEDE_FUZZ_MUTATE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t s;
} fuzz_rng;

static uint64_t rng_next(fuzz_rng *r)
{
    /* xorshift64*: enough for picking mutations */
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static size_t rng_below(fuzz_rng *r, size_t n)
{
    return n ? (size_t)(rng_next(r) % n) : 0;
}

static const char *const fuzz_tokens[] = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "-1",
    "0", "1e308", "18446744073709551616", "4294967296", "\n", "\r\n", "\n\n", " ", "\t",
    "\xE2\x80\x9C", "\xE2\x80\x9D", "'", "\xE2\x80\x99", "\xC2\xA0", "\xEF\xBB\xBF", "\x80",
    "\xC0", "\xF4\x90\x80\x80", "said", "Mr.", "NATO", "\"start\":", "\"stop\":",
    "\"field\":\"title\"", "\"annotations\":[", "\"clean\":true", "\"index\":",
    "{\"articles\":1,\"lede_extract_end\":true}\n", "http://", "2023-06-13", "13 June",
};

/* Mutate buf (len bytes, room for cap) in place; other is a second input
 * to splice from. Returns the new length (<= cap). */
static size_t fuzz_mutate(fuzz_rng *r, uint8_t *buf, size_t len, size_t cap,
                          const uint8_t *other, size_t olen)
{
    int moves = 1 + (int)rng_below(r, 6);
    for (int m = 0; m < moves; m++) {
        size_t at = rng_below(r, len + 1);
        switch (rng_below(r, 8)) {
        case 0:                                  /* flip a bit */
            if (len) buf[rng_below(r, len)] ^= (uint8_t)(1u << rng_below(r, 8));
            break;
        case 1: {                                /* an interesting byte */
            static const uint8_t b[] = { 0, 0xFF, 0x7F, 0x80, 0xBF, 0xC2, 0xE2, 0xF0,
                                         '\n', '"', '{', '.', ' ', '0', '9', 'A' };
            if (len) buf[rng_below(r, len)] = b[rng_below(r, sizeof b)];
            break;
        }
        case 2: {                                /* a token */
            const char *t = fuzz_tokens[rng_below(r, sizeof fuzz_tokens / sizeof *fuzz_tokens)];
            size_t tn = strlen(t);
            if (len + tn > cap) break;
            memmove(buf + at + tn, buf + at, len - at);
            memcpy(buf + at, t, tn);
            len += tn;
            break;
        }
        case 3: {                                /* erase a range */
            if (!len) break;
            size_t n = 1 + rng_below(r, len < 64 ? len : 64);
            size_t from = rng_below(r, len - n + 1);
            memmove(buf + from, buf + from + n, len - from - n);
            len -= n;
            break;
        }
        case 4: {                                /* duplicate a range */
            if (!len) break;
            size_t n = 1 + rng_below(r, len < 256 ? len : 256);
            size_t from = rng_below(r, len - n + 1);
            if (len + n > cap) break;
            uint8_t tmp[256];
            memcpy(tmp, buf + from, n);
            memmove(buf + at + n, buf + at, len - at);
            memcpy(buf + at, tmp, n);
            len += n;
            break;
        }
        case 5: {                                /* a run of one byte */
            size_t n = 1 + rng_below(r, 64);
            if (len + n > cap) break;
            memmove(buf + at + n, buf + at, len - at);
            memset(buf + at, (int)rng_below(r, 256), n);
            len += n;
            break;
        }
        case 6: {                                /* splice: the other's tail */
            if (!olen) break;
            size_t from = rng_below(r, olen);
            size_t n = olen - from;
            if (at + n > cap) n = cap - at;
            memcpy(buf + at, other + from, n);
            len = at + n;
            break;
        }
        default:                                 /* cut short */
            len = at;
            break;
        }
    }
    return len;
}

#endif
