/*
 * html.c — benchmark of HTML to clean article (issue 16: at least 30 MB of
 * HTML per second per core): lede_html_article (parse, clean, score,
 * extract, metadata) alone, on one thread, over every page given (.html
 * or .html.gz, decompressed before timing), repeated until about two
 * seconds of CPU time have passed. Prints MB/s of HTML on CPU time.
 *
 *   lede-bench-html FILE|DIR...
 */
#include "lede/lede.h"
#include "decompress.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct { char *s; size_t n; } page;

static page *pages;
static size_t npages, cap;

static void add_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return;
    size_t n = 0, c = 1 << 16;
    char *b = malloc(c);
    for (size_t got; b && (got = fread(b + n, 1, c - n, f)) > 0;) {
        n += got;
        if (n == c) b = realloc(b, c *= 2);
    }
    fclose(f);
    if (!b) return;
    int z = lede_compression(b, n);
    if (z != LEDE_Z_NONE) {
        char *u;
        size_t un;
        if (lede_decompress(z, b, n, &u, &un) != LEDE_Z_OK) {
            free(b);
            return;
        }
        free(b);
        b = u;
        n = un;
    }
    if (npages == cap) pages = realloc(pages, (cap = cap ? cap * 2 : 64) * sizeof *pages);
    pages[npages++] = (page){b, n};
}

static void add_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return;
    if (!S_ISDIR(st.st_mode)) {
        add_file(path);
        return;
    }
    char **names;
    size_t n;
    if (lede_list_dir(path, &names, &n) != 0) return;
    for (size_t i = 0; i < n; i++) {
        char *full = lede_path_join(path, names[i]);
        if (full && (strstr(names[i], ".htm") || strstr(names[i], ".xhtml"))) add_file(full);
        free(full);
    }
    lede_list_free(names, n);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) add_path(argv[i]);
    if (!npages) {
        fprintf(stderr, "usage: lede-bench-html FILE|DIR... (no HTML page found)\n");
        return 2;
    }
    size_t bytes = 0, chars = 0, rounds = 0;
    clock_t t0 = clock();
    double secs = 0;
    while (secs < 2.0) {
        for (size_t i = 0; i < npages; i++) {
            lede_corpus *c = lede_corpus_new();
            c->diag = NULL;
            lede_article *a = lede_arena_calloc(c->arena, sizeof *a);
            a->path = "bench.html";
            if (lede_html_article(c, a, pages[i].s, pages[i].n) == 0) chars += a->raw_len;
            bytes += pages[i].n;
            lede_corpus_free(c);
        }
        rounds++;
        secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    }
    printf("html to clean article: %zu pages x %zu rounds, %.1f MB of HTML in %.2f s CPU: "
           "%.1f MB/s per core (target >= 30); %.1f%% of it kept as text\n",
           npages, rounds, bytes / 1048576.0, secs, bytes / 1048576.0 / secs,
           100.0 * (double)chars / (double)bytes);
    for (size_t i = 0; i < npages; i++) free(pages[i].s);
    free(pages);
    return 0;
}
