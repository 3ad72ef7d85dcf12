-- The monthly run's walk over the tenants reads an index only (issue 13, fourth round). Each
-- batch of monay.billing_run_batch takes the next tenants in id order that the month bills:
-- created before its end, not closed before its start, in the part's buckets. Those columns
-- were in the heap only, so every tenant walked cost a heap fetch, at a random page (the heap
-- is in creation order, the walk in id order), and with two parts each part walks every
-- tenant and keeps half. Measured at 1,000,000 tenants, two parts: the walk took 29.5 ms of a
-- batch of 2,000 (pg_stat_statements), the run 37.6-39.7 s without this index and 31.2-31.4 s
-- with it (same database, back to back). With the columns in the index, the walk is an
-- index-only scan wherever the visibility map says the page is all-visible (tenant rows
-- change rarely, so nearly everywhere once vacuumed); billing_run_start's count uses it too.
-- Lock: CREATE INDEX holds SHARE on monay.tenants while it builds, which blocks writes to
-- tenants (creating, closing, changing a tier), not reads and not usage (track_operation does
-- not write tenants). Measured: 1.1 s for 1,000,000 tenants (CREATE INDEX plus ANALYZE). The
-- migration takes the lock within lock_timeout (2 s) or fails without changing anything; on a
-- much larger table, build the same index CONCURRENTLY beforehand under this name and this
-- migration only records it (IF NOT EXISTS).
-- depends: 024_billing_run_billed_before

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

-- squawk-ignore require-concurrent-index-creation
CREATE INDEX IF NOT EXISTS tenants_billing_walk_idx ON monay.tenants (id)
    INCLUDE (created_at, status, status_changed_at);
COMMENT ON INDEX monay.tenants_billing_walk_idx IS
    'The monthly run''s walk (billing_run_batch, billing_run_start): tenants in id order with what decides '
    'whether a month bills them, read from the index alone (migration 025).';
