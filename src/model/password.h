/* password: what a new password must be, as the NCSC advises (Password policy: updating
 * your approach): long enough, not one everyone tries first, and no complexity rules (no
 * required digits or symbols, no forced expiry).
 *
 * The rules: at least a minimum number of characters (the password_min_length setting,
 * 12 by default), at most PASSWORD_MAX_BYTES bytes (longer is refused loudly, never cut),
 * and not on the deny-list (password.c: common passwords and their roots, keyboard runs,
 * repeats, the username and "hearth"). Pure; no I/O. */
#ifndef HEARTH_MODEL_PASSWORD_H
#define HEARTH_MODEL_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define PASSWORD_MAX_BYTES 1024

extern const char *const password_deny_list[];	/* sorted (strcmp), lower case */
extern const size_t password_deny_count;

/* True when password is too easily guessed: listed (whole, or its core without the digits
 * and symbols around it and with letter swaps undone), a keyboard or alphabet run, one
 * short unit repeated, or the username or "hearth" so decorated. */
bool password_denied(const char *password, const char *username);

/* Characters (UTF-8 code points) in s. */
size_t password_chars(const char *s);

/* 0, or HERR_INVALID naming field "password" and the rule: "password_length" (too short,
 * or over PASSWORD_MAX_BYTES), "text" (a NUL within len) or "common". len is the bytes
 * read, so a NUL inside the input is caught. */
int password_check(const char *password, size_t len, const char *username, int min_chars, struct hearth_error *err);

#endif
