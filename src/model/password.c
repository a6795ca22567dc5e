/* password: the rules a new password must meet; see password.h.
 *
 * The deny-list is written for Hearth, not downloaded: the roots of the passwords people
 * most often choose (words, names, teams, keyboard runs), and a few whole ones long enough
 * to pass the length rule. A password is compared whole and by its core: lower-cased,
 * with the digits and symbols around it taken off and common letter swaps undone
 * ("P@ssw0rd2024!" has the core "password"), so the usual decorations do not make a
 * listed password new. Kept sorted: password_denied finds by binary search (the unit test
 * checks the order). */
#include "model/password.h"

#include <stdlib.h>
#include <string.h>

const char *const password_deny_list[] = {
	"000000000000", "111111111111", "121212121212", "123123123123", "123456123456", "123456789012",
	"1234567890123", "12345678901234", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "1qaz2wsx3edc",
	"1qaz2wsx3edc4rfv", "987654321098", "a1b2c3d4e5f6", "aa123456789a", "abc", "abc123", "abc123abc123",
	"abcd", "abcde", "abcdef", "abcdef123456", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghij",
	"abcdefghijk", "abcdefghijkl", "access", "accessdenied", "admin", "admin123", "administrator",
	"administrator1", "agent", "alexander", "amelia", "america", "andrew", "android", "angel", "angels",
	"anthony", "apple", "april", "arsenal", "asdf", "asdf123", "asdfgh", "asdfghjkl", "ashley", "august",
	"autumn", "baby", "babyboy", "babygirl", "banana", "baseball", "basketball", "batman", "battery",
	"beach", "bear", "benjamin", "black", "blue", "bond007", "britain", "brother", "burger", "business",
	"buster", "butterfly", "candy", "carer", "casework", "caseworker", "cash", "cat", "celtic", "change",
	"changeme", "charlie", "charlotte", "cheese", "chelsea", "childcare", "children", "childrens",
	"chocolate", "christ", "coffee", "company", "computer", "cookie", "cookies", "correct",
	"correcthorsebatterystaple", "council", "cricket", "daddy", "daniel", "december", "default", "demo",
	"diamond", "dog", "dollar", "dollars", "dolphin", "dragon", "eagle", "edc", "elizabeth", "emily",
	"employee", "england", "europe", "everton", "example", "facebook", "falcon", "family", "father",
	"february", "ferrari", "flower", "flowers", "football", "fox", "freedom", "friday", "friend",
	"friends", "friendship", "game", "gamer", "games", "george", "ginger", "god", "gold", "golden",
	"golf", "google", "green", "guest", "harley", "harry", "heaven", "hello", "helloworld", "hero", "hi",
	"hockey", "honey", "honeybee", "horse", "hunter", "iloveu", "iloveyou", "iloveyou123",
	"iloveyou1234", "iloveyou123456", "internet", "iphone", "ireland", "ironman", "island", "jack",
	"james", "james007", "january", "jennifer", "jessica", "jesus", "jordan", "joshua", "july", "june",
	"justice", "killer", "kitten", "kitty", "leeds", "legend", "letmein", "letmein123", "letmein12345",
	"letmeinplease", "liberty", "lightning", "linkedin", "lion", "liverpool", "login", "logon", "london",
	"love", "lovely", "lover", "loveyou", "lucky", "management", "manager", "manchester", "manutd",
	"march", "master", "matrix", "matthew", "mercedes", "michael", "michelle", "microsoft", "millions",
	"mommy", "monday", "money", "monkey", "mother", "mummy", "mustang", "mypassword", "newcastle",
	"newpassword", "ninja", "nothing", "november", "ocean", "october", "office", "office365",
	"oldpassword", "oliver", "olivia", "onetwothree", "onetwothreefour", "open", "opensesame", "orange",
	"p4ssw0rd1234", "paradise", "pass", "pass123", "passw", "passw0rd1234", "passwd", "password",
	"password123", "password1234", "password12345", "password123456", "passwordpassword", "peace",
	"pepper", "phoenix", "pikachu", "pizza", "player", "pokemon", "porsche", "princess", "puppy",
	"purple", "q1w2e3r4t5y6", "qazwsx", "qazxsw", "qwe123qwe123", "qwert", "qwerty", "qwerty123",
	"qwerty123456", "qwerty12345678", "qwertyu", "qwertyuiop", "qwertyuiop123", "rainbow", "ranger",
	"rangers", "red", "rfv", "rich", "robert", "root", "rugby", "sample", "samsung", "samuel", "samurai",
	"saturday", "scotland", "secret", "secret007", "secretpassword", "september", "sesame", "shadow",
	"shark", "silver", "sister", "soccer", "socialcare", "socialwork", "socialworker", "something",
	"sophie", "spiderman", "spring", "staff", "staple", "starwars", "storm", "sugar", "summer", "sunday",
	"sunshine", "superman", "temp", "temporary", "tennis", "test", "test123", "tester", "testing",
	"thomas", "thunder", "thursday", "tiger", "tigger", "tottenham", "trustno", "trustno1trustno1",
	"trustnoone", "tuesday", "twitter", "united", "user", "vampire", "victoria", "wales", "warrior",
	"wednesday", "weekend", "welcome", "welcome123", "welcome12345", "welcomeback", "westham",
	"whatever", "white", "william", "windows", "winner", "winter", "wolf", "word", "work", "workplace",
	"wsx", "yahoo", "yamaha", "yellow", "yourpassword", "zaq", "zaq12wsxcde3", "zaqxsw", "zombie",
	"zxcvbn", "zxcvbnm",
};
const size_t password_deny_count = sizeof(password_deny_list) / sizeof(password_deny_list[0]);

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool listed(const char *s)
{
	return bsearch(s, password_deny_list, password_deny_count, sizeof(password_deny_list[0]), cmp) != NULL;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool letter(char c)
{
	return (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
}

static char unswap(char c)
{
	static const char from[] = "0134578@$!|+", to[] = "oieastbasilt";
	const char *p = strchr(from, c);
	return c && p ? to[p - from] : c;
}

/* True when s (n bytes) is one unit of at most 4 bytes said again and again. */
static bool repeats(const char *s, size_t n)
{
	for (size_t unit = 1; unit <= 4 && unit < n; unit++) {
		size_t i = unit;
		while (i < n && s[i] == s[i - unit]) {
			i++;
		}
		if (i == n) {
			return true;
		}
	}
	return false;
}

/* True when s is a run along a keyboard row, the alphabet or the digits (either way). */
static bool keyboard_run(const char *s, size_t n)
{
	static const char *const runs[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz",
					   "01234567890", "poiuytrewq", "lkjhgfdsa", "mnbvcxz",
					   "zyxwvutsrqponmlkjihgfedcba", "09876543210"};
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		if (n >= 4 && memmem(runs[i], strlen(runs[i]), s, n)) {
			return true;
		}
	}
	return false;
}

bool password_denied(const char *password, const char *username)
{
	char whole[PASSWORD_MAX_BYTES + 1], core[PASSWORD_MAX_BYTES + 1];
	size_t n = strlen(password);
	if (n > PASSWORD_MAX_BYTES) {
		return false; /* the length rule refuses it */
	}
	for (size_t i = 0; i <= n; i++) {
		whole[i] = lower(password[i]);
	}
	size_t start = 0, end = n;
	while (start < end && !letter(whole[start])) {
		start++;
	}
	while (end > start && !letter(whole[end - 1])) {
		end--;
	}
	size_t k = 0;
	for (size_t i = start; i < end; i++) {
		core[k++] = unswap(whole[i]);
	}
	core[k] = '\0';
	char name[PASSWORD_MAX_BYTES + 1];
	size_t un = username ? strlen(username) : 0;
	if (un > PASSWORD_MAX_BYTES) {
		un = PASSWORD_MAX_BYTES;
	}
	for (size_t i = 0; i < un; i++) {
		name[i] = lower(username[i]);
	}
	name[un] = '\0';
	return k == 0 || listed(whole) || listed(core) || repeats(whole, n) || repeats(core, k) ||
	       keyboard_run(whole, n) || keyboard_run(core, k) || strcmp(core, "hearth") == 0 ||
	       (un > 0 && (strcmp(whole, name) == 0 || strcmp(core, name) == 0));
}

size_t password_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		n += ((unsigned char)*s & 0xC0) != 0x80; /* each UTF-8 lead byte starts a character */
	}
	return n;
}

int password_check(const char *password, size_t len, const char *username, int min_chars, struct hearth_error *err)
{
	if (len > PASSWORD_MAX_BYTES) {
		return herr_set(err, HERR_INVALID, "password", "password_length",
				"at most %d bytes (this one has %zu); nothing was changed", PASSWORD_MAX_BYTES, len);
	}
	if (strlen(password) != len) {
		return herr_set(err, HERR_INVALID, "password", "text", "must not contain a NUL byte");
	}
	if (password_chars(password) < (size_t)min_chars) {
		return herr_set(err, HERR_INVALID, "password", "password_length", "must be at least %d characters",
				min_chars);
	}
	if (password_denied(password, username)) {
		return herr_set(err, HERR_INVALID, "password", "common",
				"is too easily guessed (a common password, a keyboard run, a repeat, the username or "
				"\"hearth\", however decorated); a few unrelated words make a strong one");
	}
	return 0;
}
