-- 005_front_door: the front door's decision on a contact as the record keeps it (issue 15):
-- who decided and why, the checks made with partner agencies (police, health, education,
-- another) each with its date and what was shared, and whether the family was told and
-- consented. The decision and its date were already columns (001).
-- Added columns come after voided (ALTER TABLE appends); entities.def.h lists them last.
-- Every added column may be blank, so contacts recorded before keep their meaning.

ALTER TABLE contact ADD COLUMN decided_by INTEGER REFERENCES worker(id);
ALTER TABLE contact ADD COLUMN decision_reason TEXT;
ALTER TABLE contact ADD COLUMN police_date TEXT;
ALTER TABLE contact ADD COLUMN police_shared TEXT;
ALTER TABLE contact ADD COLUMN health_date TEXT;
ALTER TABLE contact ADD COLUMN health_shared TEXT;
ALTER TABLE contact ADD COLUMN education_date TEXT;
ALTER TABLE contact ADD COLUMN education_shared TEXT;
ALTER TABLE contact ADD COLUMN other_date TEXT;
ALTER TABLE contact ADD COLUMN other_shared TEXT;
ALTER TABLE contact ADD COLUMN family_told INTEGER CHECK (family_told IN (0, 1));
ALTER TABLE contact ADD COLUMN consent INTEGER CHECK (consent IN (0, 1));
