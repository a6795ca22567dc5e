-- 019_provider_sector (issue 16, part 6): the Sector of each provider on Ofsted's register
-- (Local Authority, Health Authority, Private, Voluntary), which SSDA903 rule 224 compares
-- with PLACE_PROVIDER. NULL when the register imported had no Sector column (224 is then
-- "not run: needs the Sector"); '' when it had the column and this provider's was blank.
ALTER TABLE ref_provider ADD COLUMN sector TEXT;
