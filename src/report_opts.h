/*
 * report_opts.h — options a report declares in its header, so the command
 * line can parse them, `lede report NAME --help` and shell completion can
 * list them, and the report reads them typed, defaults filled, from the
 * global table `options`.
 *
 * A declaration is one comment line of the report's leading comment block:
 *
 *   -- @option --top=N          number  20  rows per section
 *   -- @option --speaker=NAME   string  -   only quotes by this speaker
 *   -- @option --since=DATE     date    -   only articles dated on or after DATE
 *   -- @option --all            flag    -   show every row
 *
 * columns: the option (with its metavar after '=', none for a flag), its
 * type (number, string, date or flag), its default ('-' for none) and the
 * help text. In `options` the key is the name without dashes, '-' -> '_'
 * (--min-weight -> options.min_weight); a number is a Lua number (an
 * integer when whole), a date the string as given (YYYY-MM-DD, YYYY-MM or
 * YYYY, checked), a flag true or false, a missing value without default nil.
 */
#ifndef LEDE_REPORT_OPTS_H
#define LEDE_REPORT_OPTS_H

#include <lua.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { ROPT_NUMBER, ROPT_STRING, ROPT_DATE, ROPT_FLAG } ropt_type;

typedef struct {
    char *name;       /* "top" for --top */
    char *metavar;    /* "N"; "" for a flag */
    ropt_type type;
    char *def;        /* the default as written, NULL for '-' */
    char *help;
    const char *value; /* given on the command line (points into argv), or NULL */
    int given;
} ropt;

typedef struct {
    ropt *v;
    int n;
    char desc[256];   /* the header's first line: what the report shows */
} ropts;

/* Read the declarations of the script at path. Returns 0, or -1 with
 * "PATH:LINE: why" in err (a malformed declaration). A file that cannot be
 * opened has no options (the run reports that itself). */
int lede_ropts_load(const char *path, ropts *o, char *err, size_t errsz);
void lede_ropts_free(ropts *o);

/* The declared option --name, or NULL. */
ropt *lede_ropts_find(const ropts *o, const char *name);

/* Check value for r's type; 0 or -1 with a one-line reason in err. */
int lede_ropts_check(const ropt *r, const char *value, char *err, size_t errsz);

/* Push the `options` table: given values, else defaults, typed. */
void lede_ropts_push(lua_State *L, const ropts *o);

/* `lede report NAME --help` (cmd "report", "merge" or "run"): usage,
 * description, options. */
void lede_ropts_help(FILE *f, const char *cmd, const char *name, const ropts *o);

/* The options alone under "heading:" (nothing when there are none). */
void lede_ropts_list(FILE *f, const char *heading, const ropts *o);

#endif
