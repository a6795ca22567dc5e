-- 012_establishment (issue 15 part 8). The establishment of posts per team:
-- the FTE of social work posts the team is funded for, so that WF1.vacancy can be counted
-- as the DfE's workforce census does (vacant FTE over establishment FTE). A team's row is
-- revisioned like any other, so each change of establishment is a revision.
-- Added columns come after voided (ALTER TABLE appends); entities.def.h lists them last.
ALTER TABLE team ADD COLUMN establishment REAL;
