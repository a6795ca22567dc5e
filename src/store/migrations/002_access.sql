-- 002_access: people who sign in, their sessions, explicit grants to restricted records,
-- and the audit trail. The audit trail is hash-chained: each row's hash covers its own
-- values and the previous row's hash, so an edited or removed row breaks the chain.

CREATE TABLE user_account (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    team_id INTEGER REFERENCES team(id),
    worker_id INTEGER REFERENCES worker(id),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

CREATE TABLE user_session (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    ended_at INTEGER
);
CREATE INDEX user_session_user ON user_session(user_id);

CREATE TABLE access_grant (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    child_id INTEGER NOT NULL REFERENCES child(id),
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX access_grant_user ON access_grant(user_id, child_id);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    child_id INTEGER,
    section TEXT,
    route TEXT,
    address TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_child ON audit(child_id);
CREATE INDEX audit_actor ON audit(actor);
