-- 015_family_help (issue 19). A Family Help episode (Families First: targeted
-- early help and child in need under s.17 as one kind of involvement) with its lead
-- practitioner, who may work for a partner agency, and the lead child protection
-- practitioner; a worker's organisation (a partner agency's practitioner). Columns in the
-- order of their lists in model/entities.def.h.

CREATE TABLE family_help (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    start_date TEXT NOT NULL,
    level TEXT NOT NULL,
    referral_id INTEGER REFERENCES referral(id),
    lead_worker_id INTEGER REFERENCES worker(id),
    lead_agency TEXT NOT NULL,
    lead_cp_worker_id INTEGER REFERENCES worker(id),
    assessment_date TEXT,
    plan_date TEXT,
    family_plan TEXT,
    end_date TEXT,
    end_reason TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX family_help_child ON family_help(child_id);
CREATE INDEX family_help_lead ON family_help(lead_worker_id);

ALTER TABLE worker ADD COLUMN organisation TEXT;

-- Multi-agency child protection teams (new s.16EA Children Act 2004): members by agency and
-- role; the MACPT responsible for each s.47 enquiry and CP plan.
CREATE TABLE macpt (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    area TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE UNIQUE INDEX macpt_name ON macpt(name) WHERE voided = 0;

CREATE TABLE macpt_member (
    id INTEGER PRIMARY KEY,
    macpt_id INTEGER NOT NULL REFERENCES macpt(id),
    agency TEXT NOT NULL,
    role TEXT NOT NULL,
    worker_id INTEGER REFERENCES worker(id),
    name TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX macpt_member_team ON macpt_member(macpt_id);

ALTER TABLE s47 ADD COLUMN macpt_id INTEGER REFERENCES macpt(id);
ALTER TABLE cp_plan ADD COLUMN macpt_id INTEGER REFERENCES macpt(id);
