-- 001_record: the whole child's journey, one table per kind of record.
-- Every table has id and voided (nothing is deleted: a retraction marks the row).
-- Dates are TEXT 'YYYY-MM-DD', instants TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC),
-- booleans INTEGER 0/1. Column order matches src/model/entities.def.h.

CREATE TABLE team (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    service TEXT NOT NULL,
    opened TEXT NOT NULL,
    closed TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE UNIQUE INDEX team_name ON team(name) WHERE voided = 0;

CREATE TABLE worker (
    id INTEGER PRIMARY KEY,
    staff_id TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    role TEXT NOT NULL,
    team_id INTEGER REFERENCES team(id),
    fte REAL NOT NULL,
    agency INTEGER NOT NULL CHECK (agency IN (0, 1)),
    swe_number TEXT,
    case_holder INTEGER NOT NULL CHECK (case_holder IN (0, 1)),
    start_date TEXT NOT NULL,
    end_date TEXT,
    leaving_reason TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE UNIQUE INDEX worker_staff_id ON worker(staff_id) WHERE voided = 0;

CREATE TABLE child (
    id INTEGER PRIMARY KEY,
    la_child_id TEXT NOT NULL,
    upn TEXT,
    former_upn TEXT,
    nhs_number TEXT,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    dob TEXT,
    expected_dob TEXT,
    sex TEXT NOT NULL,
    ethnicity TEXT,
    uasc INTEGER NOT NULL CHECK (uasc IN (0, 1)),
    uasc_ceased TEXT,
    death_date TEXT,
    postcode TEXT,
    restricted INTEGER NOT NULL CHECK (restricted IN (0, 1)),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE UNIQUE INDEX child_la_child_id ON child(la_child_id) WHERE voided = 0;

CREATE TABLE child_disability (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    code TEXT NOT NULL,
    recorded TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX child_disability_child ON child_disability(child_id);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    dob TEXT,
    sex TEXT,
    address TEXT,
    phone TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);

CREATE TABLE relationship (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    person_id INTEGER REFERENCES person(id),
    other_child_id INTEGER REFERENCES child(id),
    kind TEXT NOT NULL,
    parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
    start_date TEXT,
    end_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX relationship_child ON relationship(child_id);

CREATE TABLE allocation (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    worker_id INTEGER NOT NULL REFERENCES worker(id),
    kind TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    reason TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX allocation_child ON allocation(child_id);

CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    contact_date TEXT NOT NULL,
    source TEXT NOT NULL,
    decision_date TEXT,
    decision TEXT,
    summary TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX contact_child ON contact(child_id);

CREATE TABLE early_help (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    end_reason TEXT,
    step_down INTEGER NOT NULL CHECK (step_down IN (0, 1)),
    lead TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX early_help_child ON early_help(child_id);

CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    referral_date TEXT NOT NULL,
    source TEXT NOT NULL,
    primary_need TEXT,
    nfa INTEGER NOT NULL CHECK (nfa IN (0, 1)),
    closure_date TEXT,
    closure_reason TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX referral_child ON referral(child_id);

CREATE TABLE assessment (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    referral_id INTEGER NOT NULL REFERENCES referral(id),
    start_date TEXT NOT NULL,
    authorised_date TEXT,
    factors TEXT,
    outcome TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX assessment_child ON assessment(child_id);

CREATE TABLE s47 (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    referral_id INTEGER NOT NULL REFERENCES referral(id),
    strategy_date TEXT NOT NULL,
    start_date TEXT,
    icpc_date TEXT,
    icpc_not_required INTEGER NOT NULL CHECK (icpc_not_required IN (0, 1)),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX s47_child ON s47(child_id);

CREATE TABLE cin_plan (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    referral_id INTEGER NOT NULL REFERENCES referral(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX cin_plan_child ON cin_plan(child_id);

CREATE TABLE cp_plan (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    referral_id INTEGER NOT NULL REFERENCES referral(id),
    start_date TEXT NOT NULL,
    category TEXT NOT NULL,
    end_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX cp_plan_child ON cp_plan(child_id);

CREATE TABLE cp_review (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    cp_plan_id INTEGER NOT NULL REFERENCES cp_plan(id),
    review_date TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX cp_review_child ON cp_review(child_id);

CREATE TABLE core_group (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    cp_plan_id INTEGER NOT NULL REFERENCES cp_plan(id),
    meeting_date TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX core_group_child ON core_group(child_id);

CREATE TABLE cla_episode (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    decom TEXT NOT NULL,
    rne TEXT NOT NULL,
    ls TEXT NOT NULL,
    cin TEXT NOT NULL,
    place TEXT NOT NULL,
    place_provider TEXT,
    dec TEXT,
    rec TEXT,
    reason_place_change TEXT,
    home_post TEXT,
    pl_post TEXT,
    urn TEXT,
    long_term INTEGER NOT NULL CHECK (long_term IN (0, 1)),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX cla_episode_child ON cla_episode(child_id);

CREATE TABLE cla_review (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    review_date TEXT NOT NULL,
    participation TEXT NOT NULL,
    iro_id INTEGER REFERENCES worker(id),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX cla_review_child ON cla_review(child_id);

CREATE TABLE visit (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    visit_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    worker_id INTEGER REFERENCES worker(id),
    seen INTEGER NOT NULL CHECK (seen IN (0, 1)),
    seen_alone INTEGER NOT NULL CHECK (seen_alone IN (0, 1)),
    child_said TEXT,
    summary TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX visit_child ON visit(child_id);

CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    note_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    worker_id INTEGER REFERENCES worker(id),
    child_voice INTEGER NOT NULL CHECK (child_voice IN (0, 1)),
    body TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX note_child ON note(child_id);

CREATE TABLE health (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    kind TEXT NOT NULL,
    done_date TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX health_child ON health(child_id);

CREATE TABLE education (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    school_urn TEXT,
    school_name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    sen TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX education_child ON education(child_id);

CREATE TABLE pep (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    pep_date TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX pep_child ON pep(child_id);

CREATE TABLE missing (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    start_at TEXT NOT NULL,
    end_at TEXT,
    away INTEGER NOT NULL CHECK (away IN (0, 1)),
    rhi_offered_at TEXT,
    rhi_accepted INTEGER NOT NULL CHECK (rhi_accepted IN (0, 1)),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX missing_child ON missing(child_id);

CREATE TABLE proceedings (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    issue_date TEXT NOT NULL,
    final_order_date TEXT,
    final_order TEXT,
    extension_weeks INTEGER,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX proceedings_child ON proceedings(child_id);

CREATE TABLE permanence (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    decided_date TEXT NOT NULL,
    plan TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX permanence_child ON permanence(child_id);

CREATE TABLE adoption (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    decision_date TEXT NOT NULL,
    placement_order_date TEXT,
    matched_date TEXT,
    placed_date TEXT,
    adoption_order_date TEXT,
    ceased_date TEXT,
    ceased_reason TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX adoption_child ON adoption(child_id);

CREATE TABLE leaver_contact (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    contact_date TEXT NOT NULL,
    in_touch TEXT NOT NULL,
    accommodation TEXT,
    suitable INTEGER CHECK (suitable IN (0, 1)),
    activity TEXT,
    entitlements_explained INTEGER NOT NULL CHECK (entitlements_explained IN (0, 1)),
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX leaver_contact_child ON leaver_contact(child_id);

CREATE TABLE pathway_plan (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES child(id),
    review_date TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX pathway_plan_child ON pathway_plan(child_id);

CREATE TABLE lado (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    child_id INTEGER REFERENCES child(id),
    received_date TEXT NOT NULL,
    considered_date TEXT,
    category TEXT NOT NULL,
    sector TEXT NOT NULL,
    outcome TEXT,
    resolved_date TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX lado_child ON lado(child_id);
CREATE UNIQUE INDEX lado_reference ON lado(reference) WHERE voided = 0;

CREATE TABLE inspection (
    id INTEGER PRIMARY KEY,
    start_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    grade_leaders TEXT,
    grade_help_protection TEXT,
    grade_in_care TEXT,
    grade_care_leavers TEXT,
    grade_overall TEXT,
    findings TEXT,
    priority_actions TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);

CREATE TABLE participation (
    id INTEGER PRIMARY KEY,
    child_id INTEGER REFERENCES child(id),
    event_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE INDEX participation_child ON participation(child_id);

CREATE TABLE setting (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
CREATE UNIQUE INDEX setting_key ON setting(key) WHERE voided = 0;

CREATE INDEX allocation_worker ON allocation(worker_id);

-- The revision log: every insert, update and retraction, in the same transaction.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'void')),
    before TEXT,
    after TEXT,
    reason TEXT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX revision_row ON revision(tbl, row_id);
