-- 016_close_proposal: a worker's proposal to close a case or step it down (issue 15, part 3),
-- held on its request for authorisation until a manager authorises it. The proposal's date
-- and CIN census reason (RC1-RC9) cannot stand on the referral while it awaits (the clock,
-- the measures and the returns would read the case as closed), so the request carries
-- them; authorising closes the case with them, in the same transaction. Blank for every
-- other request.
ALTER TABLE authorisation ADD COLUMN proposed_date TEXT;
ALTER TABLE authorisation ADD COLUMN proposed_reason TEXT;
