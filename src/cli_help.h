/* cli_help.h — per-command help texts of the lede command line. */
#ifndef LEDE_CLI_HELP_H
#define LEDE_CLI_HELP_H

#include <stdio.h>

/* Print COMMAND's help to f: 0, or -1 when there is no such command. */
int lede_help_command(FILE *f, const char *name);

/* 1 when name is one of lede's commands. */
int lede_is_command(const char *name);

#endif
