/* secret: passwords, tokens and hashes, on libsodium's vetted primitives.
 *
 * Passwords are hashed with argon2id (the "interactive" limits: about 90 ms a hash here);
 * tokens are 256 bits from the system's CSPRNG, shown to the client as 64 hex characters
 * and stored only as their SHA-256; comparisons of secrets are constant-time. */
#ifndef HEARTH_BASE_SECRET_H
#define HEARTH_BASE_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_HASH_SIZE 128	/* an argon2id string hash and its NUL */
#define SECRET_TOKEN_HEX 65	/* 32 random bytes in hex and a NUL */
#define SECRET_SHA256_HEX 65

/* Must be called once before any other function here (idempotent, thread-safe). */
int secret_init(void);
/* Hashes a password into out (SECRET_HASH_SIZE bytes). -1 when memory for argon2 fails. */
int secret_password_hash(const char *password, char out[SECRET_HASH_SIZE]);
/* True when password matches the stored hash. */
bool secret_password_verify(const char *hash, const char *password);
/* 32 random bytes as 64 lowercase hex characters. */
void secret_token(char out[SECRET_TOKEN_HEX]);
/* SHA-256 of data as 64 lowercase hex characters. */
void secret_sha256_hex(const void *data, size_t n, char out[SECRET_SHA256_HEX]);
/* Constant-time equality of two NUL-terminated strings of the same length. */
bool secret_equal(const char *a, const char *b);

#endif
