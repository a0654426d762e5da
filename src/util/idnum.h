/* idnum.h — citizen id numbers (公民身份号码, GB 11643-1999).
 *
 * 18 characters: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male), and a
 * check character from ISO 7064 MOD 11-2 ('0'-'9' or 'X'). Legacy 15-digit numbers (yymmdd
 * birth date, no check) are widened to 18 by inserting "19" and computing the check.
 * Depends on date. */
#ifndef ZX_UTIL_IDNUM_H
#define ZX_UTIL_IDNUM_H

#include <stddef.h>

enum zx_idnum_status {
    ZX_IDNUM_OK = 0,
    ZX_IDNUM_CONVERTED = 1, /* a 15-digit number was widened to 18: a warning */
    ZX_IDNUM_BAD_CHECK = 2, /* well formed but the check character is wrong: a warning */
    ZX_IDNUM_INVALID = -1,  /* wrong length, characters or birth date: not an id number */
};

/* The check character for the first 17 digits of an 18-character number. */
char zx_idnum_check_char(const char *digits17);

/* Validate s[0..len) and write the normalised 18-character form, NUL-terminated, into
 * out[19] (a lowercase 'x' becomes 'X'). Returns a zx_idnum_status. out is written whenever
 * the result is not ZX_IDNUM_INVALID. */
int zx_idnum_normalise(const char *s, size_t len, char out[19]);

/* Mask the middle of an 18-character number for roles that may not see it:
 * 110105********1234. Writes 19 bytes into out. */
void zx_idnum_mask(const char *id18, char out[19]);

#endif
