-- 004_signin: the sign-in throttle's state and the browsers known to have signed in, kept
-- in the record so a restart forgets neither (issue 17).
--   signin_throttle: one row per thing that failed to sign in: an account from one
--     address ('p:' username '|' address), an account from one known device ('d:' device
--     id) or an address for any account ('a:' address). No try from it is checked before
--     until_at; failures counts the wrong passwords since the last success or long quiet.
--     username and address are kept apart so an admin can unlock an account or address.
--   signin_device: a browser that signed in as a person: its cookie's SHA-256 only. Its
--     own failures are counted apart from its address's, so others' wrong passwords from
--     the same office or proxy never hold that person back.

CREATE TABLE signin_throttle (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    username TEXT,
    address TEXT,
    failures INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    until_at INTEGER NOT NULL
);
CREATE INDEX signin_throttle_username ON signin_throttle(username);
CREATE INDEX signin_throttle_address ON signin_throttle(address);

CREATE TABLE signin_device (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    created_at INTEGER NOT NULL,
    seen_at INTEGER NOT NULL
);
CREATE INDEX signin_device_user ON signin_device(user_id);
