/*
 * keyscan.c — stretches of a text around key words (see keyscan.h).
 *
 * The trie's nodes are an array; a node's children are indexed by symbol
 * (a-z, 0-9, '-', '.', '/', '\'') and a separate child for '#' (any digit),
 * so a digit may follow two edges: the walk keeps a small stack.
 */
#include "keyscan.h"

#include <stdlib.h>
#include <string.h>

#define NSYM 40          /* 26 letters, 10 digits, - . / ' */
#define WILD NSYM        /* the '#' child */
#define MAX_KEY 64

typedef struct {
    int child[NSYM + 1];  /* 0: none (node 0 is the root, never a child) */
    unsigned long groups; /* the groups of the keys ending here (0: none) */
    size_t before, after; /* the widest reach of the keys ending here */
} node;

struct lede_keyscan {
    node *nodes;
    size_t n, cap;
};

/* symbol of a byte (letters folded), -1 when not in the alphabet */
static int sym(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '0' && c <= '9') return 26 + (c - '0');
    switch (c) {
    case '-': return 36;
    case '.': return 37;
    case '/': return 38;
    case '\'': return 39;
    default: return -1;
    }
}

static int is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Does a word go on before s[i]? A UTF-8 space (no-break U+00A0, U+2000 to
 * U+200A, narrow no-break U+202F, U+205F, ideographic U+3000) ends a word
 * as an ASCII one does: "13\u00a0June" has a word start at June. */
static int word_before(const unsigned char *s, size_t i)
{
    if (i == 0) return 0;
    unsigned char c = s[i - 1];
    if (c < 0x80) return is_word(c);
    if (i >= 2 && s[i - 2] == 0xC2 && c == 0xA0) return 0;
    if (i >= 3 && s[i - 3] == 0xE2 && s[i - 2] == 0x80 && (c <= 0x8A || c == 0xAF)) return 0;
    if (i >= 3 && s[i - 3] == 0xE2 && s[i - 2] == 0x81 && c == 0x9F) return 0;
    if (i >= 3 && s[i - 3] == 0xE3 && s[i - 2] == 0x80 && c == 0x80) return 0;
    return 1;
}

static int new_node(lede_keyscan *k)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 64;
        node *p = realloc(k->nodes, cap * sizeof *p);
        if (!p) return -1;
        k->nodes = p;
        k->cap = cap;
    }
    memset(&k->nodes[k->n], 0, sizeof k->nodes[k->n]);
    return (int)k->n++;
}

lede_keyscan *lede_keyscan_new(void)
{
    lede_keyscan *k = calloc(1, sizeof *k);
    if (!k) return NULL;
    if (new_node(k) < 0) {
        free(k);
        return NULL;
    }
    return k;
}

void lede_keyscan_free(lede_keyscan *k)
{
    if (!k) return;
    free(k->nodes);
    free(k);
}

int lede_keyscan_add(lede_keyscan *k, const char *word, size_t before, size_t after,
                     unsigned long groups)
{
    size_t len = word ? strlen(word) : 0;
    groups &= (1ul << (LEDE_KEYSCAN_GROUPS - 1) << 1) - 1;
    if (len == 0 || len > MAX_KEY || groups == 0) return -1;
    for (size_t i = 0; i < len; i++)
        if (word[i] != '#' && sym((unsigned char)word[i]) < 0) return -1;
    int at = 0;
    for (size_t i = 0; i < len; i++) {
        int s = word[i] == '#' ? WILD : sym((unsigned char)word[i]);
        int next = k->nodes[at].child[s];
        if (!next) {
            next = new_node(k);      /* may move k->nodes */
            if (next < 0) return -1;
            k->nodes[at].child[s] = next;
        }
        at = next;
    }
    node *e = &k->nodes[at];
    e->groups |= groups;
    if (before > e->before) e->before = before;
    if (after > e->after) e->after = after;
    return 0;
}

/* The keys that start at s[i]: for each group g of them, the widest reach
 * lo[g], hi[g] (exclusive); the mask of those groups (0: none). */
static unsigned long hits_at(const lede_keyscan *k, const char *s, size_t n, size_t i, size_t *lo,
                             size_t *hi)
{
    int stack_node[2 * MAX_KEY + 2];
    size_t stack_pos[2 * MAX_KEY + 2];
    int top = 0;
    unsigned long found = 0;
    stack_node[top] = 0;
    stack_pos[top++] = i;
    while (top > 0) {
        top--;
        int at = stack_node[top];
        size_t p = stack_pos[top];
        const node *nd = &k->nodes[at];
        if (nd->groups) {
            size_t a = i > nd->before ? i - nd->before : 0;
            size_t b = p + nd->after < n ? p + nd->after : n;
            for (int g = 0; g < LEDE_KEYSCAN_GROUPS; g++) {
                if (!(nd->groups >> g & 1)) continue;
                if (!(found >> g & 1) || a < lo[g]) lo[g] = a;
                if (!(found >> g & 1) || b > hi[g]) hi[g] = b;
            }
            found |= nd->groups;
        }
        if (p >= n || top + 2 > (int)(sizeof stack_node / sizeof *stack_node)) continue;
        unsigned char c = (unsigned char)s[p];
        int sy = sym(c);
        if (sy >= 0 && nd->child[sy]) {
            stack_node[top] = nd->child[sy];
            stack_pos[top++] = p + 1;
        }
        if (c >= '0' && c <= '9' && nd->child[WILD]) {
            stack_node[top] = nd->child[WILD];
            stack_pos[top++] = p + 1;
        }
    }
    return found;
}

static int push(lede_stretches *st, size_t a, size_t b)
{
    if (2 * st->count + 2 > st->cap) {
        size_t c = st->cap ? 2 * st->cap : 16;
        size_t *p = realloc(st->v, c * sizeof *p);
        if (!p) return -1;
        st->v = p;
        st->cap = c;
    }
    st->v[2 * st->count] = a;
    st->v[2 * st->count + 1] = b;
    st->count++;
    return 0;
}

void lede_stretches_free(lede_stretches *st)
{
    if (!st) return;
    free(st->v);
    st->v = NULL;
    st->count = st->cap = 0;
}

/* widened to whole words (a stretch never starts or ends inside one), and
 * the ones that then overlap joined */
static void whole_words(lede_stretches *st, const char *s, size_t n)
{
    size_t m = 0;
    for (size_t j = 0; j < st->count; j++) {
        size_t a = st->v[2 * j], b = st->v[2 * j + 1];
        while (a > 0 && word_before((const unsigned char *)s, a) && is_word((unsigned char)s[a])) a--;
        while (b < n && b > 0 && is_word((unsigned char)s[b - 1]) && is_word((unsigned char)s[b])) b++;
        if (m > 0 && a <= st->v[2 * m - 1]) {
            if (b > st->v[2 * m - 1]) st->v[2 * m - 1] = b;
            continue;
        }
        st->v[2 * m] = a;
        st->v[2 * m + 1] = b;
        m++;
    }
    st->count = m;
}

int lede_keyscan_run(const lede_keyscan *k, const char *s, size_t n, lede_stretches *out,
                     int ngroups)
{
    size_t lo[LEDE_KEYSCAN_GROUPS], hi[LEDE_KEYSCAN_GROUPS];
    size_t a[LEDE_KEYSCAN_GROUPS], b[LEDE_KEYSCAN_GROUPS];
    unsigned long open = 0;
    if (ngroups > LEDE_KEYSCAN_GROUPS) ngroups = LEDE_KEYSCAN_GROUPS;
    for (int g = 0; g < ngroups; g++) memset(&out[g], 0, sizeof out[g]);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || !is_word(c) || word_before((const unsigned char *)s, i)) continue;
        unsigned long found = hits_at(k, s, n, i, lo, hi);
        for (int g = 0; found && g < ngroups; g++) {
            if (!(found >> g & 1)) continue;
            if (open >> g & 1 && lo[g] <= b[g]) {
                if (hi[g] > b[g]) b[g] = hi[g];
                continue;
            }
            if (open >> g & 1 && push(&out[g], a[g], b[g]) != 0) goto oom;
            a[g] = lo[g];
            b[g] = hi[g];
            open |= 1ul << g;
        }
    }
    for (int g = 0; g < ngroups; g++) {
        if (open >> g & 1 && push(&out[g], a[g], b[g]) != 0) goto oom;
        whole_words(&out[g], s, n);
    }
    return 0;
oom:
    for (int g = 0; g < ngroups; g++) lede_stretches_free(&out[g]);
    return -1;
}
