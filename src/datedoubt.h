/*
 * datedoubt.h — is an article's date contradicted by the story itself?
 */
#ifndef LEDE_DATEDOUBT_H
#define LEDE_DATEDOUBT_H

#include "lede/lede.h"

/* Check a->date (ISO) against the story's own evidence and, when it is
 * contradicted, set a->date_doubtful and a->date_evidence (a short reason
 * in the arena). updated: the date of an "Updated" line, or NULL.
 * Returns 0 or -1 (OOM). Linear in the text. */
int lede_date_doubt(lede_arena *ar, lede_article *a, const char *updated);

#endif
