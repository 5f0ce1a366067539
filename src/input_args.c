/*
 * input_args.c — the readers' command-line options (--text-column,
 * --title-column, --date-column, --date), taken out of argv before the
 * command line is parsed: they set how files are read, whatever the
 * command. --opt VALUE and --opt=VALUE; nothing after "--" is looked at.
 */
#include "lede/lede.h"

#include <stdio.h>
#include <string.h>

static const char *const names[] = {"text-column", "title-column", "date-column", "date"};

/* The option arg names (without "--"), or -1; *inline_v: its =VALUE. */
static int which(const char *arg, const char **inline_v)
{
    *inline_v = NULL;
    if (strncmp(arg, "--", 2) != 0) return -1;
    for (int i = 0; i < 4; i++) {
        size_t n = strlen(names[i]);
        if (!strncmp(arg + 2, names[i], n) && (arg[2 + n] == '\0' || arg[2 + n] == '=')) {
            if (arg[2 + n] == '=') *inline_v = arg + 3 + n;
            return i;
        }
    }
    return -1;
}

static int bad(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "lede: ");
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\nTry 'lede --help' for more information.\n");
    return 2;
}

int lede_input_args(int *argc, char **argv)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *v;
        int k = strcmp(argv[i], "--") == 0 ? -2 : which(argv[i], &v);
        if (k == -2) {                       /* the rest is the script's */
            while (i < *argc) argv[out++] = argv[i++];
            break;
        }
        if (k < 0) {
            argv[out++] = argv[i];
            continue;
        }
        if (!v) {
            if (i + 1 >= *argc) return bad("--%s needs a value%s", names[k], "");
            v = argv[++i];
        }
        if (!*v) return bad("--%s needs a value, not an empty one%s", names[k], "");
        if (k == 3) {
            lede_date d;
            if (!lede_date_parse(v, strlen(v), &d) || d.precision < LEDE_PREC_DAY)
                return bad("--date needs a calendar date (2023-10-17), not '%s'%s", v, "");
        }
        lede_input_option(names[k], v);
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}
