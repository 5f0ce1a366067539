/*
 * annstore.h — a compact per-article store of annotations (kind, span,
 * typed attributes), kept sorted by position in C.
 *
 * Rules annotate through lib/annotate.lua's ctx:annotate, which writes
 * here (src/lua/lua_annotation.c); C code can write with lede_annstore_add
 * directly. A Lua table for an annotation is made only when a script reads
 * it. As Lua tables, the annotations of a 3 MB corpus took 33 MB of Lua
 * heap (460 bytes each), and the collector let the heap grow to three
 * times that; a record here is 24 bytes plus 8 per attribute, and an
 * article's strings are kept once each.
 *
 * Order (what article:annotations() returns): headline fields first
 * (title, then subtitle, then the body: `order` 1, 2, 3), then by start,
 * then the longer span first, then by kind name; annotations equal in all
 * four stay in the order they were added.
 *
 * Kinds and attribute names are interned in lede_names tables that a store
 * only points to (one pair per Lua state, shared by all its stores).
 */
#ifndef LEDE_ANNSTORE_H
#define LEDE_ANNSTORE_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ names */

typedef struct lede_names lede_names;

lede_names *lede_names_new(void);
void lede_names_free(lede_names *n);
/* The id (0, 1, ...) of name s[0..len), added when new; -1 when out of
 * memory or past UINT16_MAX names. */
int32_t lede_names_intern(lede_names *n, const char *s, size_t len);
/* The id of a name already interned, -1 when it is not. */
int32_t lede_names_find(const lede_names *n, const char *s, size_t len);
/* The name of id (NUL-terminated; its length in *len when len). */
const char *lede_names_name(const lede_names *n, uint32_t id, size_t *len);
size_t lede_names_count(const lede_names *n);

/* ------------------------------------------------------------ store */

enum { LEDE_AV_FALSE, LEDE_AV_TRUE, LEDE_AV_INT, LEDE_AV_NUM, LEDE_AV_STR };

/* One attribute: name (interned key id) and a typed value in 8 bytes. val
 * is an integer that fits 32 bits itself (wide = 0), else an index into
 * the store's 64-bit values (a wider integer, a float), or for a string
 * the offset of its bytes in the string buffer, where a 4-byte length
 * precedes them and a NUL ends them. */
typedef struct {
    uint16_t key;
    uint8_t type;             /* LEDE_AV_* */
    uint8_t wide;             /* LEDE_AV_INT: val indexes the 64-bit values */
    uint32_t val;
} lede_attr;

/* What a caller gives lede_annstore_add: the value of a string is s[0..len). */
typedef struct {
    uint16_t key;
    uint8_t type;
    const char *s;
    size_t len;
    int64_t i;
    double d;
} lede_attr_in;

#define LEDE_ANN_LUA_ATTRS 1u   /* attributes kept by the caller (Lua), not here */

typedef struct {
    uint32_t start, stop;     /* as given: 1-based, inclusive */
    uint32_t seq;             /* 0, 1, ... in the order added: the annotation's identity */
    uint32_t attr_first;      /* into the store's attribute array */
    uint16_t kind;            /* kind name id */
    uint16_t nattrs;
    uint8_t order;            /* 1 title, 2 subtitle, 3 body */
    uint8_t flags;            /* LEDE_ANN_* */
    uint16_t pad_;
} lede_ann;

typedef union { int64_t i; double d; } lede_wide;

typedef struct lede_annstore {
    lede_ann *v;              /* sorted by position */
    size_t n, cap;
    lede_attr *attrs;
    size_t nattrs, attrs_cap;
    lede_wide *wide;          /* 64-bit attribute values */
    size_t nwide, wide_cap;
    char *strs;               /* attribute strings: length, bytes, NUL */
    size_t nstrs, strs_cap;
    uint32_t *shash;          /* strs offsets + 1 by hash: each string once */
    size_t nshash, shash_cap;
    const lede_names *kinds;  /* kind names (not owned) */
    uint32_t next_seq;
} lede_annstore;

void lede_annstore_init(lede_annstore *st, const lede_names *kinds);
void lede_annstore_free(lede_annstore *st);

/* Add an annotation (seq and attr_first are set here) with its nattrs
 * attributes; returns its place in the sorted order (0-based), or -1 when
 * out of memory (the store is unchanged). */
long lede_annstore_add(lede_annstore *st, const lede_ann *a, const lede_attr_in *attrs,
                       size_t nattrs);
/* The place of the annotation numbered seq, -1 when there is none. */
long lede_annstore_find(const lede_annstore *st, uint32_t seq);
/* Remove the annotation at place i. */
void lede_annstore_remove(lede_annstore *st, size_t i);
/* A string attribute's bytes (NUL-terminated) and length. */
const char *lede_annstore_str(const lede_annstore *st, const lede_attr *at, size_t *len);
/* An integer or float attribute's value. */
int64_t lede_annstore_int(const lede_annstore *st, const lede_attr *at);
double lede_annstore_num(const lede_annstore *st, const lede_attr *at);
/* Give back what the arrays hold beyond their contents (once an article's
 * rules have run) and the string index, kept only while adding. */
void lede_annstore_compact(lede_annstore *st);
/* Bytes the store holds. */
size_t lede_annstore_bytes(const lede_annstore *st);

#endif
