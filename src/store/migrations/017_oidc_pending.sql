-- Sign-ins begun at the council's identity provider and not yet back (src/web/http/oidc.c),
-- kept in the record rather than one server's memory: they survive a restart, and any
-- server process may finish one. The state is kept as its SHA-256 (as a session's token
-- is); the nonce and the PKCE verifier are needed as they are to finish the sign-in. A
-- callback takes its row (deletes it: a state is good once); expired rows are refused and
-- swept when the next sign-in begins. Not part of the record: `hearth copy` leaves them.
CREATE TABLE oidc_pending (
    id INTEGER PRIMARY KEY,
    state_hash TEXT NOT NULL UNIQUE,
    nonce TEXT NOT NULL,
    verifier TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX oidc_pending_expires ON oidc_pending(expires_at);
