-- 006_lado: the LADO's allegation as a case of its own (issue 15): the adult it is about
-- (name, role, employer; the sector was already a column), how it came in, the police's and
-- the employer's investigations, the employer's action, referrals to the DBS or a regulator,
-- and the LADO's written analysis of risk with the decision and its rationale; every child
-- it involves (lado_involved: any number, each linked to their record when known, else
-- named); and the allegation management meetings (lado_meeting).
-- Added columns come after voided (ALTER TABLE appends); entities.def.h lists them last.

ALTER TABLE lado ADD COLUMN adult_name TEXT;
ALTER TABLE lado ADD COLUMN adult_role TEXT;
ALTER TABLE lado ADD COLUMN employer TEXT;
ALTER TABLE lado ADD COLUMN received_by TEXT;
ALTER TABLE lado ADD COLUMN police_investigation TEXT;
ALTER TABLE lado ADD COLUMN employer_investigation TEXT;
ALTER TABLE lado ADD COLUMN employer_action TEXT;
ALTER TABLE lado ADD COLUMN dbs_referral TEXT;
ALTER TABLE lado ADD COLUMN regulator_referral TEXT;
ALTER TABLE lado ADD COLUMN risk_analysis TEXT;
ALTER TABLE lado ADD COLUMN risk_decision TEXT;
ALTER TABLE lado ADD COLUMN risk_rationale TEXT;

CREATE TABLE lado_involved (
    id INTEGER PRIMARY KEY,
    lado_id INTEGER NOT NULL REFERENCES lado(id),
    linked_child_id INTEGER REFERENCES child(id),
    name TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX lado_involved_lado ON lado_involved(lado_id);
CREATE INDEX lado_involved_child ON lado_involved(linked_child_id);

CREATE TABLE lado_meeting (
    id INTEGER PRIMARY KEY,
    lado_id INTEGER NOT NULL REFERENCES lado(id),
    meeting_date TEXT NOT NULL,
    attendees TEXT NOT NULL,
    actions TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX lado_meeting_lado ON lado_meeting(lado_id);
