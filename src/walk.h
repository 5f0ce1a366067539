/*
 * walk.h — what a folder walk needs to know of an entry (corpus.c's
 * sequential and streaming walks and parallel.c's task list use it, so
 * every loader reads the same files in the same order).
 *
 * A walk never follows a symbolic link to a folder (one link to "." made
 * 41 copies of every article, two made the walk exponential, /proc/self
 * was walked); a link to a file is read like the file. A folder met twice
 * in one walk (the same device and inode: a bind mount, a folder given
 * directly as a link) is skipped, so no walk loops.
 */
#ifndef LEDE_WALK_H
#define LEDE_WALK_H

#include "lede/lede.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

enum { WALK_SKIP, WALK_FILE, WALK_DIR, WALK_LINKED_DIR, WALK_ERROR, WALK_OTHER };

/* What the entry full of a folder is: WALK_ERROR sets errno. *st is the
 * entry's target (stat). */
static inline int walk_kind(const char *full, struct stat *st)
{
    struct stat lst;
    if (lstat(full, &lst) != 0) return WALK_ERROR;
    if (stat(full, st) != 0) return WALK_ERROR;
    if (S_ISDIR(st->st_mode)) return S_ISLNK(lst.st_mode) ? WALK_LINKED_DIR : WALK_DIR;
    if (S_ISREG(st->st_mode)) return WALK_FILE;
    return WALK_OTHER;   /* devices, FIFOs, sockets: never read inside a folder */
}

/* The folders of one walk, by (device, inode). */
typedef struct walk_seen {
    dev_t *dev;
    ino_t *ino;
    size_t n, cap;
} walk_seen;

/* 1 if the folder was seen already in this walk, else records it and
 * returns 0 (also when memory runs out: the depth limit still ends a walk). */
static inline int walk_seen_before(walk_seen *w, const struct stat *st)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino) return 1;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        dev_t *nd = realloc(w->dev, cap * sizeof *nd);
        if (!nd) return 0;
        w->dev = nd;
        ino_t *ni = realloc(w->ino, cap * sizeof *ni);
        if (!ni) return 0;
        w->ino = ni;
        w->cap = cap;
    }
    w->dev[w->n] = st->st_dev;
    w->ino[w->n] = st->st_ino;
    w->n++;
    return 0;
}

static inline void walk_seen_free(walk_seen *w)
{
    free(w->dev);
    free(w->ino);
    w->dev = NULL;
    w->ino = NULL;
    w->n = w->cap = 0;
}

#endif
