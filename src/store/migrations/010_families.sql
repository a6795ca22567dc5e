-- 005_families (issue 19; written as 009 in the brief, renumbered by the integrator as
-- needed: embed-sql wants no gaps): pre-proceedings with the FGDM offer and meeting
-- (s.31ZA Children Act 1989, the CIN census PreProceedingsandFGDM block), each
-- pre-proceedings meeting, kinship arrangements with the kinship local offer (s.22H) and
-- deprivation of liberty orders (the SSDA903 DoLo table from 2026-27). Columns in the order
-- of their lists in model/entities.def.h.

CREATE TABLE pre_proceedings (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    start_date TEXT NOT NULL,
    lbp_sent TEXT,
    lbp_fgdm_offer INTEGER CHECK (lbp_fgdm_offer IN (0, 1)),
    fgdm_offered TEXT,
    fgdm_offered_to TEXT,
    fgdm_exempt INTEGER NOT NULL CHECK (fgdm_exempt IN (0, 1)),
    fgdm_exempt_reason TEXT,
    fgdm_accepted_by TEXT,
    fgdm_held TEXT,
    fgdm_attendees TEXT,
    child_attended INTEGER CHECK (child_attended IN (0, 1)),
    family_plan TEXT,
    step_decision_date TEXT,
    outcome TEXT,
    court_app_date TEXT,
    letter_init_cp_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX pre_proceedings_child ON pre_proceedings(child_id);

CREATE TABLE pp_meeting (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    pre_proceedings_id INTEGER NOT NULL REFERENCES pre_proceedings(id),
    meeting_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX pp_meeting_child ON pp_meeting(child_id);

CREATE TABLE kinship (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    kind TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    carer_id INTEGER REFERENCES person(id),
    carer_relationship TEXT,
    allowance INTEGER CHECK (allowance IN (0, 1)),
    support_package INTEGER CHECK (support_package IN (0, 1)),
    offer_version TEXT,
    offer_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX kinship_child ON kinship(child_id);

CREATE TABLE dolo (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    court TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX dolo_child ON dolo(child_id);

-- The inspection framework each inspection used (ILACS 2023; April 2026, which has no
-- overall effectiveness grade; the renewed 2027 framework).
ALTER TABLE inspection ADD COLUMN framework TEXT;
