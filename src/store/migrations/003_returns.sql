-- 003_returns: what the statutory returns ask for that the record did not hold, so that the
-- exports write what was recorded instead of blanks or guesses (issue 8):
--   child: why a UPN is unknown (UN1-UN7), whether she is a mother and her child's date of
--     birth (SSDA903 MOTHER, MC_DOB), the permanence order before care (PrevPerm);
--   cp_plan: the category of abuse the plan began with and the plans before the record
--     (CIN census InitialCategoryOfAbuse, NumberOfPreviousCPP);
--   adoption: the adopters (SSDA903 AD1 NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR);
--   cla_outcome: a child looked after's year (SSDA903 OC2), one row per child per year;
--   worker: the workforce census's personal items; worker_absence: absences.
-- Added columns come after voided (ALTER TABLE appends); entities.def.h lists them last.
-- Every added column may be blank, so existing rows need no value.

ALTER TABLE child ADD COLUMN upn_unknown TEXT;
ALTER TABLE child ADD COLUMN mother INTEGER CHECK (mother IN (0, 1));
ALTER TABLE child ADD COLUMN mc_dob TEXT;
ALTER TABLE child ADD COLUMN prev_perm TEXT;
ALTER TABLE child ADD COLUMN prev_perm_la TEXT;
ALTER TABLE child ADD COLUMN prev_perm_date TEXT;

ALTER TABLE cp_plan ADD COLUMN initial_category TEXT;
ALTER TABLE cp_plan ADD COLUMN previous_plans INTEGER CHECK (previous_plans >= 0);

ALTER TABLE adoption ADD COLUMN adopters_number INTEGER;
ALTER TABLE adoption ADD COLUMN adopters_sex TEXT;
ALTER TABLE adoption ADD COLUMN adopters_legal_status TEXT;

ALTER TABLE worker ADD COLUMN dob TEXT;
ALTER TABLE worker ADD COLUMN sex TEXT;
ALTER TABLE worker ADD COLUMN ethnicity TEXT;
ALTER TABLE worker ADD COLUMN qual_inst TEXT;
ALTER TABLE worker ADD COLUMN qual_level TEXT;
ALTER TABLE worker ADD COLUMN step_up INTEGER CHECK (step_up IN (0, 1));
ALTER TABLE worker ADD COLUMN frontline INTEGER CHECK (frontline IN (0, 1));
ALTER TABLE worker ADD COLUMN start_origin TEXT;
ALTER TABLE worker ADD COLUMN destination TEXT;
ALTER TABLE worker ADD COLUMN cfkss TEXT;

CREATE TABLE worker_absence (
    id INTEGER PRIMARY KEY,
    worker_id INTEGER NOT NULL REFERENCES worker(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    reason TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX worker_absence_worker ON worker_absence(worker_id);

CREATE TABLE cla_outcome (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    year_end TEXT NOT NULL,
    sdq_score INTEGER CHECK (sdq_score >= 0),
    sdq_reason TEXT,
    convicted INTEGER CHECK (convicted IN (0, 1)),
    health_check INTEGER CHECK (health_check IN (0, 1)),
    immunisations INTEGER CHECK (immunisations IN (0, 1)),
    teeth_check INTEGER CHECK (teeth_check IN (0, 1)),
    health_assessment INTEGER CHECK (health_assessment IN (0, 1)),
    substance_misuse INTEGER CHECK (substance_misuse IN (0, 1)),
    intervention_received INTEGER CHECK (intervention_received IN (0, 1)),
    intervention_offered INTEGER CHECK (intervention_offered IN (0, 1)),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX cla_outcome_child ON cla_outcome(child_id);
-- One year's outcomes per child: a second row for the same year is a correction of the first.
CREATE UNIQUE INDEX cla_outcome_child_year ON cla_outcome(child_id, year_end) WHERE voided = 0;
