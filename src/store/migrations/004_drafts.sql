-- 004_drafts: forms in progress, kept so that nothing a person types is lost to a time-out.
-- A draft is not part of the record: no entity descriptor names this table, so no measure,
-- clock, return, chronology, export or record check reads it. One per person and form (the
-- form page's path, e.g. /children/123/visits/new); its fields are the form's own
-- name=value pairs, url-encoded, as typed. Deleted when the form is saved or the person
-- discards it: drafts are working copies, not history, so they are neither revised nor
-- voided (the audit trail says a draft was saved or discarded, never what it held).

CREATE TABLE draft (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    child_id INTEGER REFERENCES child(id),
    fields TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, path)
);
