/* similar: whether two people's names are close enough to be the same person, for the
 * possible-duplicate check before a new child is recorded.
 *
 * Pure and allocation-free. Names are compared normalised: ASCII letters lower-cased,
 * everything but letters and digits dropped ("O'Brien" = "obrien", "Anne-Marie" =
 * "annemarie"); non-ASCII bytes are kept as they are. Two names are similar when their
 * normalised forms are within a small edit distance (Levenshtein: 1 for names of up to 5
 * characters, 2 for longer ones), or one is a prefix of the other of at least 3 characters
 * ("Sam" and "Samantha"). A person is similar when both the given and the family names
 * are, or the two are swapped (a form filled in the wrong way round). */
#ifndef HEARTH_MODEL_SIMILAR_H
#define HEARTH_MODEL_SIMILAR_H

#include <stdbool.h>

/* Whether two single names are similar (see above). NULL or empty is never similar. */
bool name_similar(const char *a, const char *b);
/* Whether two names sound alike: the same Soundex code (the first letter, then the
 * consonant groups b f p v / c g j k q s x z / d t / l / m n / r, repeats and vowels
 * dropped, to three digits), for names of 4 letters or more after normalising (shorter
 * ones share codes too easily: "Amy" and "Ann"). */
bool name_sounds_alike(const char *a, const char *b);
/* Whether two people (given and family name each) are similar (see above). */
bool person_similar(const char *given_a, const char *family_a, const char *given_b, const char *family_b);

#endif
