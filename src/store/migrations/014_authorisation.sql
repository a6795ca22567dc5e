-- 014_authorisation: managers' authorisation as data (issue 15, part 2). A save that needs a
-- manager's authorisation (which saves, and which role, are local settings: model/authorise.c)
-- asks for it with a row here: the record asked about, who asked and when, and the
-- decision (awaiting, authorised, returned with a reason). The row is revisioned like any
-- other: asking, authorising, returning and resubmitting are each a revision naming who.

CREATE TABLE authorisation (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    point TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    asked_date TEXT NOT NULL,
    asked_by INTEGER REFERENCES worker(id),
    state TEXT NOT NULL CHECK (state IN ('awaiting', 'authorised', 'returned')),
    decided_date TEXT,
    decided_by INTEGER REFERENCES worker(id),
    reason TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX authorisation_child ON authorisation(child_id);
CREATE INDEX authorisation_record ON authorisation(record_kind, record_id);
CREATE INDEX authorisation_awaiting ON authorisation(asked_date) WHERE voided = 0 AND state = 'awaiting';
