/*
 * unwrap.h — hard-wrapped text (pdftotext, html2text, e-mail, Factiva and
 * LexisNexis exports) joined back into paragraphs.
 */
#ifndef LEDE_UNWRAP_H
#define LEDE_UNWRAP_H

#include <stddef.h>

/* Does s[0..n) look hard-wrapped: many lines of about the same length
 * (at most 100 characters), a good share of them broken inside a
 * sentence? Paragraph-per-line text never does. */
int lede_is_wrapped(const char *s, size_t n);

/* s with its wrapped lines joined: one paragraph per line, blank lines
 * kept. A paragraph ends at a blank line, at a line the next line's first
 * word would have fitted on (the wrapper broke it on purpose: a heading,
 * a byline, a list item), or at a line that ends a sentence and is much
 * shorter than the wrap width. dehyphen: a word hyphenated at a line end
 * before a lower-case letter is joined without its hyphen (PDF text);
 * else the hyphen stays and no space is put in ("well-\nknown").
 * Malloc'd, NUL-terminated, or NULL on OOM. Linear in n. */
char *lede_unwrap(const char *s, size_t n, int dehyphen, size_t *outn);

#endif
