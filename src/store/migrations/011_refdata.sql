-- 011_refdata (given the number 013; the integrator renumbers): reference data the user
-- loads once for the returns' rules that compare with something outside the return
-- (src/returns/refdata.c): Ofsted's register of providers and the ONS postcode directory.
-- Not the record: no child's data is here, so a new import replaces the whole table
-- (hearth refdata DB import ...); no entity descriptor names these tables. Dates are day
-- numbers (hdate), NULL when not given.

CREATE TABLE ref_provider (
    id INTEGER PRIMARY KEY,
    urn TEXT NOT NULL UNIQUE,
    provider_type TEXT NOT NULL,
    postcode TEXT NOT NULL,
    registered INTEGER,
    closed INTEGER
);

CREATE TABLE ref_postcode (
    id INTEGER PRIMARY KEY,
    postcode TEXT NOT NULL UNIQUE,
    district TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL
);
