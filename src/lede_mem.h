/*
 * lede_mem.h — memory held outside Lua's heap, for --max-memory.
 *
 * Corpus arenas (arena.c) and the buffers a whole file is read into
 * (corpus.c) add their bytes to one process-wide counter. When a limit is
 * set (the host sets it from --max-memory), an arena block or file buffer
 * that would take the counted bytes past it is refused, and the refusal is
 * remembered (lede_mem_take_hit) so the host can name the limit. The Lua
 * allocator (host.c) adds the counted bytes to the state's own heap.
 *
 * Memory taken while lede_mem_exempt(1) is in force (the host loading the
 * command line's corpus, before any script runs) is not counted: the limit
 * is the script's, and the corpus it was given is not its doing.
 */
#ifndef LEDE_MEM_H
#define LEDE_MEM_H

#include <stddef.h>

/* The largest file read whole (a text article, or JSON Lines outside
 * --stream): byte offsets are 32-bit, and a bigger one is not an article. */
#define LEDE_MAX_FILE ((size_t)1024 << 20)

size_t lede_mem_counted(void);          /* bytes counted now */
void lede_mem_set_limit(size_t bytes);  /* 0: none */
size_t lede_mem_limit(void);
/* Add n bytes (returns 0), or refuse when over the limit (returns -1 and
 * records a hit). Exempt memory always succeeds and is not counted; the
 * return tells the caller whether it was counted (*counted). */
int lede_mem_charge(size_t n, int *counted);
void lede_mem_discharge(size_t n);
int lede_mem_take_hit(void);            /* a refusal since the last call? */
void lede_mem_exempt(int on);
int lede_mem_is_exempt(void);

#endif
