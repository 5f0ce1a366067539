/*
 * nfc.h — Unicode normalisation (NFC) of article text (utf8proc).
 */
#ifndef LEDE_NFC_H
#define LEDE_NFC_H

#include "lede/lede.h"

/* Normalise a->raw to NFC in the arena. When that changes it, the text as
 * read stays in a->original (offsets into it: lede_nfc_offset). 0 or -1. */
int lede_nfc_article(lede_arena *ar, lede_article *a);
/* s[0..n) in NFC, malloc'd (NUL-terminated), or NULL on OOM; *changed
 * says whether it differs from s. */
char *lede_nfc(const char *s, size_t n, size_t *outn, int *changed);
/* The byte offset in orig[0..on) of the character that starts at byte
 * off of its NFC form (both from lede_nfc_article): the original offset
 * of a span found in the normalised text. Linear in on. */
size_t lede_nfc_offset(const char *orig, size_t on, size_t off);

#endif
