/*
 * reader.h — what the format readers (feed.c, warc.c, csvin.c, pdf.c,
 * export splitting in unwrap.c) share with corpus.c: making an article of
 * a file, filling it and handing it on.
 */
#ifndef LEDE_READER_H
#define LEDE_READER_H

#include "lede/lede.h"

/* A new article read from path by the named reader, or NULL: *skip is 1
 * when another shard takes it (nothing to do), 0 on OOM (reported). Its
 * id is the file's base name, with ":N" when nth > 0 (the Nth article of
 * a file that holds several). */
lede_article *lede_article_begin(lede_corpus *c, const char *path, const char *format,
                                 long nth, int *skip);
/* Set a->raw from bytes (checked UTF-8, repaired with a warning naming
 * the line base_line + the line in bytes; NFC-normalised). 0 or -1 (OOM). */
int lede_article_set_raw(lede_corpus *c, lede_article *a, long base_line,
                         const char *bytes, size_t n);
/* Recover metadata, segment and deliver a. own_date: a->date came with the
 * record (a feed's, a CSV column), so no --date or sidecar replaces it.
 * 0 or -1 (OOM, reported). */
int lede_article_end(lede_corpus *c, lede_article *a, int own_date);

/* s[0..n) as a metadata string in the arena, valid UTF-8 (bad bytes
 * become U+FFFD: a field is no place for a warning per byte). NULL: OOM. */
const char *lede_meta(lede_arena *ar, const char *s, size_t n);

/* A plain date string (RFC 822, RFC 3339, or any date lede_date_parse
 * reads) as ISO YYYY-MM-DD in the arena, or NULL. */
const char *lede_iso_date(lede_arena *ar, const char *s, size_t n);

/* The readers. Each adds its articles to c and returns the number added,
 * 0 when it found none (warned), -1 on OOM. */
int lede_read_feed(lede_corpus *c, const char *path, const char *bytes, size_t n);
int lede_read_warc(lede_corpus *c, const char *path, const char *bytes, size_t n);
int lede_read_csv(lede_corpus *c, const char *path, const char *bytes, size_t n, char sep);
int lede_read_pdf(lede_corpus *c, const char *path, const char *bytes, size_t n);
/* Plain text: a Factiva or LexisNexis export is split into its articles,
 * hard-wrapped lines are joined into paragraphs. */
int lede_read_text(lede_corpus *c, const char *path, const char *bytes, size_t n);
/* A Factiva or LexisNexis export split into its articles (src/export.c);
 * -1 when the text is no such export. */
int lede_read_export(lede_corpus *c, const char *path, const char *s, size_t n);

#endif
