/*
 * cli_help.c — `lede help COMMAND` (and `lede COMMAND --help`): what one
 * command does and the options that apply to it. The overview of every
 * command is main.c's usage text; the man page (docs/lede.1) has it all.
 */
#include "cli_help.h"

#include <string.h>

typedef struct {
    const char *name;
    const char *text;
} command_help;

/* Options most commands share, listed once at the end of each text. */
static const char common[] =
    "\nOptions of every command: -q/--quiet, -j/--jobs N, --shard I/N, --rules PATH,\n"
    "--no-default-rules, --sandbox/--no-sandbox, --max-memory MB, --max-instructions N,\n"
    "--color=auto|always|never (see 'lede --help').\n";

static const command_help commands[] = {
    {"run",
     "usage: lede run SCRIPT.lua [OPTIONS] [CORPUS...] [-- ARGS...]\n\n"
     "Run a Lua script with the corpus loaded: it sees the globals `corpus`, `arg`\n"
     "(the words after --) and `options` (the options its header declares with\n"
     "'-- @option' lines, as for a report).\n\n"
     "  -o, --output FORMAT   passed to the script as lede.options.output\n"
     "      --stream          read the corpus one article at a time\n"},
    {"report",
     "usage: lede report NAME [OPTIONS] CORPUS...\n"
     "       lede report --list\n"
     "       lede report NAME --help\n\n"
     "Run a report (scripts/reports/NAME.lua, or a path to a .lua file) over the\n"
     "corpus. A report declares its own options in its header; 'lede report NAME\n"
     "--help' lists them.\n\n"
     "  -o, --output FORMAT   text (default), json, csv, md, html; dot for graphs\n"
     "      --section NAME    CSV: the section to write (default the first; 'all'\n"
     "                        puts every section in one table with a leading\n"
     "                        \"section\" column)\n"
     "      --output-dir DIR  CSV: write each section to DIR/SECTION.csv\n"
     "  -l, --list            list the reports and what they show\n"
     "      --stream          read the corpus one article at a time\n"},
    {"repl",
     "usage: lede repl [OPTIONS] [CORPUS...]\n\n"
     "An interactive Lua prompt with `corpus` loaded (:help inside for its commands).\n"},
    {"stats",
     "usage: lede stats [OPTIONS] CORPUS...\n\n"
     "Articles, paragraphs, sentences, tokens, words, bytes, warnings and errors of\n"
     "the corpus, read one article at a time.\n\n"
     "  -o, --output FORMAT   text (default), json, csv, md\n"},
    {"rules",
     "usage: lede rules [OPTIONS] [CORPUS...]\n\n"
     "List the extraction rules that would run (with --rules and --no-default-rules);\n"
     "with a corpus, the time each takes on it and the annotations it makes.\n\n"
     "  -o, --output FORMAT   text (default), json, csv, md\n"},
    {"extract",
     "usage: lede extract [OPTIONS] CORPUS...\n\n"
     "One JSON line per article: metadata, clean text and annotations, then an end\n"
     "record; with --shard I/N, a part that 'lede merge' reads back.\n"},
    {"merge",
     "usage: lede merge NAME [OPTIONS] PART...\n\n"
     "The report NAME over extract outputs (the parts of a sharded run), as one run\n"
     "over the whole corpus would give it; the report's own options apply.\n\n"
     "      --skip-bad        warn about bad lines (naming file:line) and go on\n"
     "  -o, --output FORMAT   as for report; --section and --output-dir too\n"},
    {"eval",
     "usage: lede eval [OPTIONS] GOLD CORPUS...\n"
     "       lede eval --format conll|pages|brat|timeml FILE-OR-DIR...\n\n"
     "Precision, recall and F1 of the rules against hand annotations: a folder of\n"
     "gold JSON files, CoNLL files (conll), HTML pages with their ground truth\n"
     "(pages), brat attributions (brat) or TimeML files (timeml).\n\n"
     "      --format FORMAT   the gold's format (default: lede's gold JSON)\n"
     "  -o, --output FORMAT   text (default), json, csv, md\n"},
    {"train",
     "usage: lede train --model OUT [--dev FILE] [OPTIONS] FILE...\n\n"
     "Train an entity tagger model on CoNLL files or lede's JSON Lines; every word\n"
     "after 'train' is the trainer's ('lede train --help' lists its options).\n"},
    {"help",
     "usage: lede help [COMMAND]\n"
     "       lede help report NAME\n\n"
     "The overview of lede, what COMMAND does and its options, or a report's\n"
     "options.\n"},
};

int lede_help_command(FILE *f, const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(commands[i].name, name) != 0) continue;
        fputs(commands[i].text, f);
        if (strcmp(name, "train") != 0 && strcmp(name, "help") != 0) fputs(common, f);
        return 0;
    }
    return -1;
}

int lede_is_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(commands[i].name, name)) return 1;
    return 0;
}
