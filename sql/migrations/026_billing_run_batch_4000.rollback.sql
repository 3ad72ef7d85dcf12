-- Undo 026_billing_run_batch_4000: the batch is 2,000 again where it is the 4,000 that 026 set.
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

DO $$
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    UPDATE monay.settings SET value = '2000'
    WHERE key = 'BILLING_RUN_BATCH_SIZE' AND value = '4000'::jsonb;
END
$$;
