/*
 * utf16.h — UTF-16 input (a file or stdin that starts with a UTF-16 byte
 * order mark) converted to UTF-8 before it is read (utf8.c).
 */
#ifndef LEDE_UTF16_H
#define LEDE_UTF16_H

#include <stddef.h>

/* 1 (little-endian) or 2 (big-endian) when s starts with a UTF-16 BOM
 * (FF FE / FE FF), else 0. */
int lede_utf16_bom(const char *s, size_t n);

/* Convert UTF-16 (after its BOM) to a malloc'd, NUL-terminated UTF-8
 * string (*out_len bytes). Surrogate pairs become one code point; an
 * unpaired surrogate, or an odd last byte, becomes U+FFFD, counted in *nbad
 * with the byte offset in s of the first in *first_bad. NULL when memory
 * runs out. */
char *lede_utf16_to_utf8(const char *s, size_t n, int big_endian, size_t *out_len,
                         size_t *nbad, size_t *first_bad);

#endif
