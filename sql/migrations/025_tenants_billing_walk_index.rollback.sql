-- Undo 025_tenants_billing_walk_index: the index goes (the walk reads the heap again).
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

DROP INDEX monay.tenants_billing_walk_idx;
