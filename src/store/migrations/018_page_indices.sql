-- 017_page_indices (given the number 021; the migrations here must run without a gap): indices for the pages a day's work starts from (issue 15's speed section,
-- issue 18 part 3). Both are partial (WHERE ...), which SQLite and PostgreSQL read alike.
--
-- A team's scope (store/access.c scope_set_condition, and the in-tray's narrowing) asks for
-- the children with a live allocation to the team's workers: with this index that is read
-- from the index alone, by worker and kind, instead of a lookup of every allocation row the
-- team's workers ever held.
CREATE INDEX allocation_worker_live ON allocation(worker_id, kind, start_date, end_date, child_id) WHERE voided = 0;

-- The front door's queue (store_front_door_awaiting): the contacts awaiting a decision,
-- oldest first, instead of a scan of every contact ever received.
CREATE INDEX contact_awaiting ON contact(contact_date, id) WHERE voided = 0 AND decision IS NULL;
