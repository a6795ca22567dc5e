-- 005_identity (issue 20; the integrator may renumber it): one child, one record.
-- The NHS number's source and verification (appended to child: entities.def.h lists them
-- last); pairs of children a person has judged "not the same child", so the duplicate list
-- stops offering them; and merges, with every row a merge moved, so an undo can put each
-- back exactly.

ALTER TABLE child ADD COLUMN nhs_source TEXT;
ALTER TABLE child ADD COLUMN nhs_verified_date TEXT;
ALTER TABLE child ADD COLUMN nhs_verified_by INTEGER REFERENCES worker(id);

-- A pair is kept with the lower id first; one live judgement per pair (a judgement
-- withdrawn is voided, not deleted, like the record's rows).
CREATE TABLE not_duplicate (
    id INTEGER PRIMARY KEY,
    child_a INTEGER NOT NULL REFERENCES child(id),
    child_b INTEGER NOT NULL REFERENCES child(id),
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    CHECK (child_a < child_b)
);
CREATE UNIQUE INDEX not_duplicate_pair ON not_duplicate(child_a, child_b) WHERE voided = 0;

-- A merge: the rows of other_id moved to keep_id (each move a revision of its row), and
-- other_id kept, marked merged into keep_id while the merge stands (undone_at NULL). Each
-- row moved is listed with the column that pointed at other_id, so an undo moves exactly
-- those back and nothing else.
CREATE TABLE child_merge (
    id INTEGER PRIMARY KEY,
    keep_id INTEGER NOT NULL REFERENCES child(id),
    other_id INTEGER NOT NULL REFERENCES child(id),
    reason TEXT NOT NULL,
    merged_by TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    undone_by TEXT,
    undone_at TEXT,
    undo_reason TEXT,
    CHECK (keep_id <> other_id)
);
CREATE UNIQUE INDEX child_merge_other ON child_merge(other_id) WHERE undone_at IS NULL;
CREATE INDEX child_merge_keep ON child_merge(keep_id);

CREATE TABLE child_merge_row (
    id INTEGER PRIMARY KEY,
    merge_id INTEGER NOT NULL REFERENCES child_merge(id),
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    column_name TEXT NOT NULL
);
CREATE INDEX child_merge_row_merge ON child_merge_row(merge_id);
