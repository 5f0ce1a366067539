/*
 * fuzz_common.h — shared helpers for the libFuzzer harnesses in tests/fuzz.
 *
 * Every harness defines LLVMFuzzerTestOneInput; it is built either with
 * clang -fsanitize=fuzzer (tests/fuzz/run.sh) or with the normal compiler
 * plus replay.c (the fuzz/<target> ctests). Invariant violations abort().
 */
#ifndef LEDE_FUZZ_COMMON_H
#define LEDE_FUZZ_COMMON_H

#include "lede/lede.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__,      \
                    __LINE__, #cond);                                         \
            abort();                                                          \
        }                                                                     \
    } while (0)

static inline void fuzz_nodiag(void *ud, int level, const char *path, long line,
                               long offset, const char *msg)
{
    (void)ud; (void)level; (void)path; (void)line; (void)offset; (void)msg;
}

/* Offset o of text[0..n) is on a code point boundary. */
static inline int fuzz_boundary(const char *text, size_t n, size_t o)
{
    return o == n || ((unsigned char)text[o] & 0xC0) != 0x80;
}

/* Tokens inside [lo, hi), non-empty, sorted, non-overlapping, kinds known,
 * on code point boundaries. */
static inline void fuzz_check_tokens(const char *text, size_t n, size_t lo, size_t hi,
                                     const lede_token *t, size_t nt)
{
    size_t prev = lo;
    for (size_t i = 0; i < nt; i++) {
        FUZZ_CHECK(t[i].start < t[i].stop);
        FUZZ_CHECK(t[i].start >= prev);
        FUZZ_CHECK(t[i].stop <= hi);
        FUZZ_CHECK(t[i].kind <= LEDE_TOK_SYMBOL);
        FUZZ_CHECK(fuzz_boundary(text, n, t[i].start));
        FUZZ_CHECK(fuzz_boundary(text, n, t[i].stop));
        prev = t[i].stop;
    }
}

/* Sentences sorted, non-overlapping, inside [lo, hi); each one's tokens
 * inside it; token ranges ascending and within ntoks. */
static inline void fuzz_check_sentences(const char *text, size_t n, size_t lo, size_t hi,
                                        const lede_sentence *s, size_t ns,
                                        const lede_token *t, size_t nt)
{
    size_t prev = lo, prevtok = 0;
    for (size_t i = 0; i < ns; i++) {
        FUZZ_CHECK(s[i].start <= s[i].stop);
        FUZZ_CHECK(s[i].start >= prev);
        FUZZ_CHECK(s[i].stop <= hi);
        FUZZ_CHECK(fuzz_boundary(text, n, s[i].start));
        FUZZ_CHECK(fuzz_boundary(text, n, s[i].stop));
        FUZZ_CHECK(s[i].tok_first >= prevtok);
        FUZZ_CHECK((size_t)s[i].tok_first + s[i].tok_count <= nt);
        for (uint32_t k = 0; k < s[i].tok_count; k++) {
            const lede_token *tk = &t[s[i].tok_first + k];
            FUZZ_CHECK(tk->start >= s[i].start && tk->stop <= s[i].stop);
        }
        prev = s[i].stop;
        prevtok = (size_t)s[i].tok_first + s[i].tok_count;
    }
}

static inline void fuzz_check_str(const char *s)
{
    if (s) FUZZ_CHECK(lede_utf8_valid(s, strlen(s), NULL));
}

/* raw is there, whole or packed (rebuilt: valid UTF-8, as long as said). */
static inline void fuzz_check_raw(const lede_article *a)
{
    FUZZ_CHECK(a->raw || a->raw_rest);
    char *buf = malloc(a->raw_len + 1);
    FUZZ_CHECK(buf != NULL);
    lede_article_raw_copy(a, buf);
    FUZZ_CHECK(lede_utf8_valid(buf, a->raw_len, NULL));
    if (a->raw) FUZZ_CHECK(memcmp(buf, a->raw, a->raw_len) == 0);
    free(buf);
}

/* Everything lede_recover + lede_segment_article promise about an article. */
static inline void fuzz_check_article(const lede_article *a)
{
    fuzz_check_str(a->title);
    fuzz_check_str(a->subtitle);
    fuzz_check_str(a->date);
    fuzz_check_str(a->source);
    fuzz_check_str(a->url);
    fuzz_check_str(a->byline);
    fuzz_check_str(a->dateline);
    fuzz_check_str(a->agency);
    for (size_t i = 0; i < a->ncategories; i++) {
        FUZZ_CHECK(a->categories[i] != NULL);
        fuzz_check_str(a->categories[i]);
    }
    for (size_t i = 0; i < a->nboilerplate; i++) {
        FUZZ_CHECK(a->boilerplate[i] != NULL);
        fuzz_check_str(a->boilerplate[i]);
    }
    if (a->date) {
        lede_date d;
        FUZZ_CHECK(lede_date_parse(a->date, strlen(a->date), &d));
    }
    const char *text = a->text ? a->text : "";
    size_t n = a->text ? a->text_len : 0;
    FUZZ_CHECK(a->text || (a->nparagraphs == 0 && a->nsentences == 0 && a->ntokens == 0));
    FUZZ_CHECK(lede_utf8_valid(text, n, NULL));
    FUZZ_CHECK(text[n] == '\0');
    size_t prev = 0;
    for (size_t i = 0; i < a->nparagraphs; i++) {
        const lede_span *p = &a->paragraphs[i];
        FUZZ_CHECK(p->start <= p->stop && p->start >= prev && p->stop <= n);
        FUZZ_CHECK(fuzz_boundary(text, n, p->start) && fuzz_boundary(text, n, p->stop));
        prev = p->stop;
    }
    const lede_token *toks = lede_article_tokens(a);
    FUZZ_CHECK(toks || a->ntokens == 0);
    fuzz_check_tokens(text, n, 0, n, toks, a->ntokens);
    fuzz_check_sentences(text, n, 0, n, a->sentences, a->nsentences, toks, a->ntokens);
    for (size_t i = 0; i < a->nsentences; i++) {
        const lede_sentence *s = &a->sentences[i];
        FUZZ_CHECK(s->para < a->nparagraphs);
        const lede_span *p = &a->paragraphs[s->para];
        FUZZ_CHECK(s->start >= p->start && s->stop <= p->stop);
        if (i) FUZZ_CHECK(s->para >= a->sentences[i - 1].para);
    }
}

#endif
