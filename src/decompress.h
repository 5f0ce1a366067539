/*
 * decompress.h — compressed input, recognised by its magic bytes.
 */
#ifndef LEDE_DECOMPRESS_H
#define LEDE_DECOMPRESS_H

#include <stddef.h>

enum { LEDE_Z_NONE = 0, LEDE_Z_GZIP, LEDE_Z_ZSTD, LEDE_Z_XZ };

/* The most a compressed file may expand to (the cap on a file read whole). */
#define LEDE_Z_MAX ((size_t)1 << 30)

/* Which compression the bytes open with (LEDE_Z_NONE: none known). */
int lede_compression(const char *bytes, size_t n);
/* "gzip", "zstd", "xz" (NULL for LEDE_Z_NONE). */
const char *lede_compression_name(int kind);

/* Outcomes of lede_decompress. */
enum { LEDE_Z_OK = 0, LEDE_Z_DAMAGED = 1, LEDE_Z_TOO_LARGE = 2, LEDE_Z_CORRUPT = 3 };

/* Decompress all of in (gzip members, zstd frames and xz streams that
 * follow one another are read as one). *out (malloc'd, NUL-terminated,
 * never NULL on 0..2) receives what was decoded: on LEDE_Z_DAMAGED, the
 * bytes before the damage. Returns an outcome above, or -1 on OOM. */
int lede_decompress(int kind, const char *in, size_t n, char **out, size_t *outn);

#endif
