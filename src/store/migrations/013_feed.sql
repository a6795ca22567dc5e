-- 013_feed (issue 20 part 4): the DfE children's social care API feed (hearth feed).
-- Each run is a submission; each child it delivered (sent and answered 2xx, or written to a
-- file) is an item with the SHA-256 of the child's canonical JSON and that JSON, so the next
-- run sends only children whose payload changed, and purge stubs for what vanished since.
-- A child that was never delivered has no item. Items are only added, never changed: a
-- child's latest item is what the DfE last received about it.

CREATE TABLE feed_submission (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    mode TEXT NOT NULL CHECK (mode IN ('file', 'send')),
    target TEXT NOT NULL,
    actor TEXT NOT NULL,
    n_new INTEGER NOT NULL,
    n_updated INTEGER NOT NULL,
    n_purged INTEGER NOT NULL,
    n_unchanged INTEGER NOT NULL,
    n_delivered INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL CHECK (outcome IN ('running', 'sent', 'written', 'nothing', 'partial', 'error')),
    http_status INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    message TEXT
);

CREATE TABLE feed_item (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES feed_submission(id),
    child_id INTEGER NOT NULL REFERENCES child(id),
    la_child_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('new', 'updated', 'purged')),
    hash TEXT,
    payload TEXT,
    response_id TEXT
);
CREATE INDEX feed_item_child ON feed_item(child_id, id);
CREATE INDEX feed_item_submission ON feed_item(submission_id);
