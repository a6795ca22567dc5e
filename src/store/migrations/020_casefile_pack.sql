-- 020_casefile_pack (issue 18, part 1): each live child's casefile packed into one row
-- (store/pack.h), so reading every child is one sequential read instead of a cursor per
-- table. Derived state, not record: no revisions or audit rows of its own; every save
-- rebuilds the packs of the children it touched in its own transaction, and `hearth check`
-- compares each pack with the one its rows give.
--
-- casefile_pack_state holds one row, the pack format, when every live child's pack is
-- current in that format; no row, and readers use the rows. A record with children when it
-- reaches 020 has no packs yet: the first open for writing builds them all (store.c), and
-- says so here. A new record (no children) starts complete.
--
-- A pack's id is its child's id (every Hearth table has an integer key named id; SQLite
-- keeps the packs in its order, so reading them in child order is one sequential read).
CREATE TABLE casefile_pack (
    id INTEGER PRIMARY KEY,
    format INTEGER NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE casefile_pack_state (
    id INTEGER PRIMARY KEY,
    complete_format INTEGER NOT NULL
);
INSERT INTO casefile_pack_state (id, complete_format) SELECT 1, 1 WHERE NOT EXISTS (SELECT 1 FROM child);
