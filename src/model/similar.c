/* similar: near-match of people's names (see similar.h). */
#include "model/similar.h"

#include <string.h>

#define NAME_MAX_LEN 64	/* longer names are compared on their first 64 characters */

/* The name normalised into out (NUL-terminated); its length. */
static size_t normalise(const char *s, char out[NAME_MAX_LEN + 1])
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && n < NAME_MAX_LEN; p++) {
		unsigned char c = *p;
		if (c >= 'A' && c <= 'Z') {
			out[n++] = (char)(c + 32);
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
			out[n++] = (char)c;
		}
	}
	out[n] = '\0';
	return n;
}

/* Levenshtein distance, two rows. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t prev[NAME_MAX_LEN + 1], cur[NAME_MAX_LEN + 1];
	for (size_t j = 0; j <= nb; j++) {
		prev[j] = j;
	}
	for (size_t i = 1; i <= na; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof(prev[0]) * (nb + 1));
	}
	return prev[nb];
}

bool name_similar(const char *a, const char *b)
{
	char x[NAME_MAX_LEN + 1], y[NAME_MAX_LEN + 1];
	size_t nx = normalise(a, x), ny = normalise(b, y);
	if (nx == 0 || ny == 0) {
		return false;
	}
	size_t shorter = nx < ny ? nx : ny;
	if (shorter >= 3 && strncmp(x, y, shorter) == 0) {
		return true;
	}
	size_t longer = nx > ny ? nx : ny;
	size_t allowed = longer <= 5 ? 1 : 2;
	if (longer - shorter > allowed) {
		return false;
	}
	return distance(x, nx, y, ny) <= allowed;
}

bool person_similar(const char *given_a, const char *family_a, const char *given_b, const char *family_b)
{
	return (name_similar(given_a, given_b) && name_similar(family_a, family_b)) ||
	       (name_similar(given_a, family_b) && name_similar(family_a, given_b));
}

/* Soundex of a normalised name into out[5]; false when it is too short to trust. */
static bool soundex(const char *s, char out[5])
{
	/* a b c d e f g h i j k l m n o p q r s t u v w x y z */
	static const char codes[] = "01230120022455012623010202";
	char x[NAME_MAX_LEN + 1];
	size_t n = normalise(s, x);
	if (n < 4 || x[0] < 'a' || x[0] > 'z') {
		return false;
	}
	size_t k = 0;
	out[k++] = x[0];
	char last = codes[x[0] - 'a'];
	for (size_t i = 1; i < n && k < 4; i++) {
		if (x[i] < 'a' || x[i] > 'z') {
			continue;
		}
		char c = codes[x[i] - 'a'];
		if (c != '0' && c != last) {
			out[k++] = c;
		}
		/* h and w do not separate two letters of one code; vowels do. */
		if (x[i] != 'h' && x[i] != 'w') {
			last = c;
		}
	}
	while (k < 4) {
		out[k++] = '0';
	}
	out[4] = '\0';
	return true;
}

bool name_sounds_alike(const char *a, const char *b)
{
	char x[5], y[5];
	return soundex(a, x) && soundex(b, y) && strcmp(x, y) == 0;
}
