/*
 * keyscan.h — find the stretches of a text around key words, in one pass.
 *
 * A rule set whose every match contains one of its key words (the date
 * grammar: "quarter", "ago", month names, "19##") need only be run where
 * those words are. A keyscan holds the words in a trie, compiled once, and
 * walks it at every word start of a text: O(length of the text) whatever
 * the number of words.
 *
 * A key is lower-case ASCII matched case-insensitively as a word prefix
 * ("year" is found in "Years" and "year-earlier"); '#' stands for any
 * digit ("19##"). A word starts at a letter or digit that does not follow
 * another one or a non-ASCII character (so after a space, a UTF-8 space such
 * as U+00A0, a hyphen, an apostrophe).
 * Each key reaches `before` bytes before its start and `after` bytes past
 * its end; the reaches of all hits are joined into stretches when they
 * overlap or touch, widened to whole words.
 *
 * Keys belong to groups (a bit mask, up to 32 groups): each group gets its
 * own stretches, around its own keys, from the same single pass.
 */
#ifndef LEDE_KEYSCAN_H
#define LEDE_KEYSCAN_H

#include <stddef.h>

typedef struct lede_keyscan lede_keyscan;

/* NULL when out of memory. */
lede_keyscan *lede_keyscan_new(void);
void lede_keyscan_free(lede_keyscan *k);

#define LEDE_KEYSCAN_GROUPS 32

/* Add a key of the groups in the mask `groups`: 0, or -1 when the word is
 * empty, longer than 64 bytes, holds a byte other than a-z, 0-9, '#', '-',
 * '.', '/', '\'' (upper case is folded), the mask is 0, or memory runs out. */
int lede_keyscan_add(lede_keyscan *k, const char *word, size_t before, size_t after,
                     unsigned long groups);

/* The stretches of group g of a text: pairs start, end (0-based, end
 * exclusive), 2 * count values. */
typedef struct {
    size_t *v;
    size_t count, cap;
} lede_stretches;

/* The stretches of s[0..n) for groups 0..ngroups-1 in out[0..ngroups)
 * (each freed with lede_stretches_free). 0, or -1 when out of memory
 * (out then holds nothing). */
int lede_keyscan_run(const lede_keyscan *k, const char *s, size_t n, lede_stretches *out,
                     int ngroups);
void lede_stretches_free(lede_stretches *st);

#endif
