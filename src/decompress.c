/*
 * decompress.c — gzip (zlib), zstd (libzstd) and xz (liblzma) input.
 *
 * Each decoder runs over the whole input in fixed chunks, so memory is the
 * output plus one chunk; concatenated members, frames or streams (as
 * `cat a.gz b.gz`, pzstd or xz -T make) are read as one file. Output is
 * capped at LEDE_Z_MAX: a small bomb cannot take the machine's memory.
 */
#include "decompress.h"
#include "lede/lede.h"

#include <limits.h>
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

int lede_compression(const char *bytes, size_t n)
{
    const unsigned char *b = (const unsigned char *)bytes;
    if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b) return LEDE_Z_GZIP;
    if (n >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd) return LEDE_Z_ZSTD;
    if (n >= 6 && !memcmp(b, "\xfd" "7zXZ\0", 6)) return LEDE_Z_XZ;
    return LEDE_Z_NONE;
}

const char *lede_compression_name(int kind)
{
    switch (kind) {
    case LEDE_Z_GZIP: return "gzip";
    case LEDE_Z_ZSTD: return "zstd";
    case LEDE_Z_XZ: return "xz";
    default: return NULL;
    }
}

/* ------------------------------------------------------------- output */

typedef struct { char *s; size_t n, cap; int oom, big; } zbuf;

static void zb_add(zbuf *b, const void *s, size_t n)
{
    if (b->oom || b->big || n == 0) return;
    if (b->n + n > LEDE_Z_MAX) { b->big = 1; return; }
    if (lede_bytes_append(&b->s, &b->n, &b->cap, s, n, 1 << 16) != 0) b->oom = 1;
}

enum { CHUNK = 1 << 16 };

/* --------------------------------------------------------------- gzip */

static int gunzip(const unsigned char *in, size_t n, zbuf *out)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return -1;
    unsigned char chunk[CHUNK];
    zs.next_in = (Bytef *)(uintptr_t)in;
    size_t left = n;
    int bad = 0;
    while (!out->oom && !out->big) {
        if (zs.avail_in == 0 && left) {
            uInt take = left > UINT_MAX ? UINT_MAX : (uInt)left;
            zs.avail_in = take;
            left -= take;
        }
        zs.next_out = chunk;
        zs.avail_out = sizeof chunk;
        int rc = inflate(&zs, Z_NO_FLUSH);
        zb_add(out, chunk, sizeof chunk - zs.avail_out);
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0 && !left) break;
            /* another member follows, or padding after the last (ignored) */
            if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
                if (inflateReset(&zs) != Z_OK) { bad = 1; break; }
                continue;
            }
            break;
        }
        if (rc != Z_OK) { bad = 1; break; }   /* Z_BUF_ERROR at the end: cut short */
    }
    inflateEnd(&zs);
    return bad;
}

/* --------------------------------------------------------------- zstd */

static int unzstd(const unsigned char *in, size_t n, zbuf *out)
{
    ZSTD_DStream *ds = ZSTD_createDStream();
    if (!ds) return -1;
    ZSTD_initDStream(ds);
    unsigned char chunk[CHUNK];
    ZSTD_inBuffer ib = {in, n, 0};
    size_t last = 0;
    int bad = 0;
    while (!out->oom && !out->big) {
        ZSTD_outBuffer ob = {chunk, sizeof chunk, 0};
        size_t rc = ZSTD_decompressStream(ds, &ob, &ib);
        if (ZSTD_isError(rc)) { bad = 1; break; }
        zb_add(out, chunk, ob.pos);
        last = rc;
        /* done when the input is used up and no output is pending */
        if (ib.pos == ib.size && ob.pos < ob.size) break;
    }
    if (!bad && last != 0) bad = 1;   /* the last frame was cut short */
    ZSTD_freeDStream(ds);
    return bad;
}

/* ----------------------------------------------------------------- xz */

static int unxz(const unsigned char *in, size_t n, zbuf *out)
{
    lzma_stream zs = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&zs, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) return -1;
    unsigned char chunk[CHUNK];
    zs.next_in = in;
    zs.avail_in = n;
    int bad = 0;
    lzma_action act = LZMA_RUN;
    while (!out->oom && !out->big) {
        if (zs.avail_in == 0) act = LZMA_FINISH;
        zs.next_out = chunk;
        zs.avail_out = sizeof chunk;
        lzma_ret rc = lzma_code(&zs, act);
        zb_add(out, chunk, sizeof chunk - zs.avail_out);
        if (rc == LZMA_STREAM_END) break;
        if (rc == LZMA_MEM_ERROR) { lzma_end(&zs); return -1; }
        if (rc != LZMA_OK) { bad = 1; break; }
    }
    lzma_end(&zs);
    return bad;
}

int lede_decompress(int kind, const char *in, size_t n, char **out, size_t *outn)
{
    zbuf b = {0};
    const unsigned char *u = (const unsigned char *)in;
    int bad = kind == LEDE_Z_GZIP ? gunzip(u, n, &b)
            : kind == LEDE_Z_ZSTD ? unzstd(u, n, &b)
            : kind == LEDE_Z_XZ ? unxz(u, n, &b) : 1;
    if (bad < 0 || b.oom || (!b.s && !(b.s = calloc(1, 1)))) {
        free(b.s);
        return -1;
    }
    *out = b.s;
    *outn = b.n;
    if (b.big) return LEDE_Z_TOO_LARGE;
    if (bad) return b.n ? LEDE_Z_DAMAGED : LEDE_Z_CORRUPT;
    return LEDE_Z_OK;
}
