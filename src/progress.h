/*
 * progress.h — one updating status line on stderr for long runs.
 *
 * A run that takes more than a second on a terminal shows, on one line that
 * is rewritten in place, what it is doing (the phase: "reading",
 * "extracting"), articles and MB so far, MB/s and, where the total is known,
 * an ETA. The line is cleared before any other message is written to stderr
 * (lede_progress_clear) and at the end, so diagnostics and the final output
 * never mix with it. It is never shown when stderr is not a terminal, unless
 * forced (--progress), and never with --no-progress or -q.
 *
 * There is one progress line per process; every call is made from the main
 * thread (worker threads hand their articles to it in order), so there is no
 * locking. All calls are cheap when progress is off.
 */
#ifndef LEDE_PROGRESS_H
#define LEDE_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { LEDE_PROGRESS_AUTO = 0, LEDE_PROGRESS_ON = 1, LEDE_PROGRESS_OFF = 2 };

/* Decide once, from --progress / --no-progress (mode) and whether fd 2 is a
 * terminal. */
void lede_progress_setup(int mode);
int lede_progress_enabled(void);

/* Start a phase: its name and, when known (0 = unknown), the total of
 * articles or bytes it will go through; the ETA comes from whichever is
 * given (bytes first). Counters restart; the clock of "more than a second"
 * runs from the first phase. */
void lede_progress_phase(const char *name, size_t total_articles, uint64_t total_bytes);
/* `articles` more articles and `bytes` more bytes done in this phase. */
void lede_progress_add(size_t articles, uint64_t bytes);
/* Erase the line (if one is shown) before other output to stderr. */
void lede_progress_clear(void);
/* End of the run: clear the line and stop showing it. */
void lede_progress_done(void);

/* The bytes of the regular files under paths (0 when progress is off or
 * the total cannot be known, as for stdin): the total of the reading phase. */
uint64_t lede_progress_input_size(char **paths, int npaths);

/* For tests: a clock in seconds and the stream written to (default: a
 * monotonic clock and stderr; NULL restores the default). */
void lede_progress_test_hooks(double (*clock)(void), FILE *out, int enabled);
/* The line as it would be shown now (for tests), into buf. */
size_t lede_progress_format(char *buf, size_t size);

#endif
