-- 005_tasks: case supervision and tasks (issue 15, parts 5 and 6). A supervision records a
-- manager's reflection and decisions on one child; each action from it, and any task a
-- manager sets, is a task: a worker, a due date and, once done, the date it was done.
-- Both are records like any other: revisioned, audited, retracted by voiding.

CREATE TABLE supervision (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    supervision_date TEXT NOT NULL,
    supervisor_id INTEGER REFERENCES worker(id),
    worker_id INTEGER REFERENCES worker(id),
    reflection TEXT NOT NULL,
    decisions TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX supervision_child ON supervision(child_id);

CREATE TABLE task (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    set_date TEXT NOT NULL,
    worker_id INTEGER NOT NULL REFERENCES worker(id),
    what TEXT NOT NULL,
    due_date TEXT NOT NULL,
    done_date TEXT,
    set_by INTEGER REFERENCES worker(id),
    supervision_id INTEGER REFERENCES supervision(id),
    done_by_visit TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX task_child ON task(child_id);
CREATE INDEX task_worker ON task(worker_id) WHERE voided = 0 AND done_date IS NULL;
