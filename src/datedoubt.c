/*
 * datedoubt.c — a page date the story's own evidence contradicts.
 *
 * Scraped pages often carry the date they were saved, not published
 * ("Date:2025-04-26 08:23:02" on an AP story of October 2023). The date is
 * marked doubtful, not changed, when:
 *
 *   updated   an "Updated" line gives a date before it (a story is not
 *             updated before it appears);
 *   dateline  the dateline carries a date more than 2 days from it
 *             ("BELGRADE, Oct. 17, 2023 (AP) —");
 *   office    the story calls someone by an office they held only long
 *             before or after it ("NATO Secretary General Jens
 *             Stoltenberg said Tuesday" on a page dated 2025: he left
 *             that office on 2024-10-01). "former", "then-", "ex-",
 *             "Vice" or "Deputy" before the title do not count.
 *
 * The office table below is data: long-serving holders of offices the
 * news names every day, with their terms.
 */
#include "datedoubt.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *name;       /* as the news writes it */
    const char *titles;     /* titles that precede the name, '|'-separated */
    const char *office;     /* for the evidence string */
    const char *from, *to;  /* the term, ISO; to NULL: still in office */
} office_t;

static const office_t OFFICES[] = {
    {"Jens Stoltenberg", "Secretary General|Secretary-General|NATO chief", "NATO Secretary General",
     "2014-10-01", "2024-10-01"},
    {"Mark Rutte", "Secretary General|Secretary-General|NATO chief", "NATO Secretary General",
     "2024-10-01", NULL},
    {"Anders Fogh Rasmussen", "Secretary General|Secretary-General", "NATO Secretary General",
     "2009-08-01", "2014-10-01"},
    {"Ban Ki-moon", "Secretary-General|Secretary General", "UN Secretary-General",
     "2007-01-01", "2016-12-31"},
    {"Antonio Guterres", "Secretary-General|Secretary General", "UN Secretary-General",
     "2017-01-01", NULL},
    {"Ant\xC3\xB3nio Guterres", "Secretary-General|Secretary General", "UN Secretary-General",
     "2017-01-01", NULL},
    {"Barack Obama", "President", "US President", "2009-01-20", "2017-01-20"},
    {"Joe Biden", "President", "US President", "2021-01-20", "2025-01-20"},
    {"Angela Merkel", "Chancellor", "German Chancellor", "2005-11-22", "2021-12-08"},
    {"Olaf Scholz", "Chancellor", "German Chancellor", "2021-12-08", "2025-05-06"},
    {"Friedrich Merz", "Chancellor", "German Chancellor", "2025-05-06", NULL},
    {"Jean-Claude Juncker", "Commission President|President", "European Commission President",
     "2014-11-01", "2019-12-01"},
    {"Ursula von der Leyen", "Commission President|President",
     "European Commission President", "2019-12-01", NULL},
    {"Federica Mogherini", "foreign policy chief|High Representative", "EU foreign policy chief",
     "2014-11-01", "2019-12-01"},
    {"Josep Borrell", "foreign policy chief|High Representative", "EU foreign policy chief",
     "2019-12-01", "2024-12-01"},
    {"Kaja Kallas", "foreign policy chief|High Representative", "EU foreign policy chief",
     "2024-12-01", NULL},
    {"Boris Johnson", "Prime Minister", "UK Prime Minister", "2019-07-24", "2022-09-06"},
    {"Rishi Sunak", "Prime Minister", "UK Prime Minister", "2022-10-25", "2024-07-05"},
    {"Keir Starmer", "Prime Minister", "UK Prime Minister", "2024-07-05", NULL},
    {"Aleksandar Vucic", "President", "President of Serbia", "2017-05-31", NULL},
    {"Aleksandar Vu\xC4\x8Di\xC4\x87", "President", "President of Serbia", "2017-05-31", NULL},
    {"Vjosa Osmani", "President", "President of Kosovo", "2021-04-04", NULL},
    {"Hashim Thaci", "President", "President of Kosovo", "2016-04-07", "2020-11-05"},
    {"Hashim Tha\xC3\xA7i", "President", "President of Kosovo", "2016-04-07", "2020-11-05"},
};

/* Days since 1970-01-01 of an ISO date (YYYY-MM-DD...), or -1. */
static long days_of(const char *iso)
{
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1) return -1;
    /* days from civil (Howard Hinnant's algorithm) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int doubt(lede_arena *ar, lede_article *a, const char *why)
{
    a->date_doubtful = 1;
    a->date_evidence = lede_arena_strdup(ar, why);
    return a->date_evidence ? 0 : -1;
}

/* Does text[0..at) end with one of titles (word-bounded), not itself led
 * by a word that makes it past or another office? */
static int titled(const char *text, size_t at, const char *titles)
{
    while (at > 0 && text[at - 1] == ' ') at--;
    for (const char *t = titles; *t;) {
        const char *bar = strchr(t, '|');
        size_t tn = bar ? (size_t)(bar - t) : strlen(t);
        if (at >= tn && !strncmp(text + at - tn, t, tn)) {
            size_t b = at - tn;
            if (b == 0 || text[b - 1] == ' ' || text[b - 1] == '\n') {
                /* the word before the title */
                size_t e = b;
                while (e > 0 && text[e - 1] == ' ') e--;
                size_t w = e;
                while (w > 0 && text[w - 1] != ' ' && text[w - 1] != '\n') w--;
                static const char *const not_now[] = {"former", "Former", "then", "then-", "ex",
                                                      "ex-", "Vice", "vice", "Deputy", "deputy",
                                                      "late", "outgoing", "Outgoing", NULL};
                int past = 0;
                for (int k = 0; not_now[k]; k++)
                    if (e - w == strlen(not_now[k]) && !strncmp(text + w, not_now[k], e - w))
                        past = 1;
                if (b >= 5 && !strncmp(text + b - 5, "then-", 5)) past = 1;
                if (b >= 3 && !strncmp(text + b - 3, "ex-", 3)) past = 1;
                if (!past) return 1;
            }
        }
        if (!bar) break;
        t = bar + 1;
    }
    return 0;
}

/* The first occurrence of needle in s[0..n), or NULL. */
static const char *find(const char *s, size_t n, const char *needle, size_t m)
{
    for (const char *p = s, *end = s + n; (size_t)(end - p) >= m;) {
        p = memchr(p, needle[0], (size_t)(end - p) - m + 1);
        if (!p) return NULL;
        if (!memcmp(p, needle, m)) return p;
        p++;
    }
    return NULL;
}

#define N_OFFICES (sizeof OFFICES / sizeof OFFICES[0])

/* The terms as day numbers, computed once (parsing threads share them). */
static long term_from[N_OFFICES], term_to[N_OFFICES];
static pthread_once_t terms_once = PTHREAD_ONCE_INIT;

static void compute_terms(void)
{
    for (size_t i = 0; i < N_OFFICES; i++) {
        term_from[i] = days_of(OFFICES[i].from);
        term_to[i] = OFFICES[i].to ? days_of(OFFICES[i].to) : -1;
    }
}

static int office_doubt(lede_arena *ar, lede_article *a, long day)
{
    const char *text = a->text;
    size_t n = a->text_len;
    pthread_once(&terms_once, compute_terms);
    for (size_t i = 0; i < N_OFFICES; i++) {
        const office_t *o = &OFFICES[i];
        long from = term_from[i], to = term_to[i];
        int before = day < from - 30, after = to >= 0 && day > to + 30;
        if (!before && !after) continue;
        size_t nl = strlen(o->name);
        for (const char *p = text; p && (size_t)(p - text) + nl <= n;) {
            p = find(p, n - (size_t)(p - text), o->name, nl);
            if (!p) break;
            if (titled(text, (size_t)(p - text), o->titles)) {
                char why[200];
                if (after)
                    snprintf(why, sizeof why, "%s is called %s, an office left on %s", o->name,
                             o->office, o->to);
                else
                    snprintf(why, sizeof why, "%s is called %s, an office taken on %s", o->name,
                             o->office, o->from);
                return doubt(ar, a, why);
            }
            p += nl;
        }
    }
    return 0;
}

/* A date in the dateline: the first paragraph up to its dash. */
static int dateline_doubt(lede_arena *ar, lede_article *a, long day)
{
    if (!a->nparagraphs) return 0;
    const char *s = a->text + a->paragraphs[0].start;
    size_t n = a->paragraphs[0].stop - a->paragraphs[0].start, lim = n < 100 ? n : 100;
    size_t dash = lim;
    for (size_t i = 0; i + 3 <= lim; i++)
        if (!memcmp(s + i, "\xE2\x80\x94", 3) || !memcmp(s + i, " - ", 3) || !memcmp(s + i, "--", 2)) {
            dash = i;
            break;
        }
    if (dash == lim) return 0;
    lede_date d;
    size_t at, len;
    char iso[32];
    if (!lede_date_find(s, dash, &d, &at, &len) || d.precision < LEDE_PREC_DAY ||
        lede_date_iso(&d, iso, sizeof iso) <= 0)
        return 0;
    long dd = days_of(iso);
    if (dd < 0 || labs(dd - day) <= 2) return 0;
    char why[120];
    snprintf(why, sizeof why, "the dateline says %s", iso);
    return doubt(ar, a, why);
}

int lede_date_doubt(lede_arena *ar, lede_article *a, const char *updated)
{
    long day = days_of(a->date);
    if (day < 0 || a->date_doubtful) return 0;
    long up = days_of(updated);
    if (up >= 0 && up + 2 < day) {
        char why[120];
        snprintf(why, sizeof why, "an Updated line says %.10s, before it", updated);
        return doubt(ar, a, why);
    }
    if (dateline_doubt(ar, a, day) != 0) return -1;
    if (a->date_doubtful) return 0;
    return office_doubt(ar, a, day);
}
