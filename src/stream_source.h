/*
 * stream_source.h — the hooks -j N uses to read a stream ahead
 * (src/stream_ahead.c). Not part of the public API: lede_stream_next and
 * lede_stream_counts behave as documented in lede.h whoever feeds them.
 */
#ifndef LEDE_STREAM_SOURCE_H
#define LEDE_STREAM_SOURCE_H

#include "lede/lede.h"

/* From now on lede_stream_next(s) returns next(ud); fin(ud) runs first
 * thing in lede_stream_free (it must let go of every article it holds). */
void lede_stream_set_source(lede_stream *s, lede_corpus *(*next)(void *ud),
                            void (*fin)(void *ud), void *ud);

/* The next article read here and now (what lede_stream_next does without
 * a source). */
lede_corpus *lede_stream_read(lede_stream *s);

/* The counts (articles, bytes, warnings, errors: lede_stream_counts's
 * order) of what has been read so far, whatever counts shows. */
void lede_stream_read_counts(const lede_stream *s, size_t v[4]);

/* Make lede_stream_counts show v (a copy) instead of what has been read:
 * a source that reads ahead shows the counts as of the article it last
 * handed out, as a stream read one article at a time would. */
void lede_stream_show_counts(lede_stream *s, const size_t v[4]);

/* Send the stream's diagnostics to diag(ud) from now on; *old and *old_ud
 * get the callback in use until now. */
void lede_stream_set_diag(lede_stream *s, lede_diag_fn diag, void *ud,
                          lede_diag_fn *old, void **old_ud);

#endif
