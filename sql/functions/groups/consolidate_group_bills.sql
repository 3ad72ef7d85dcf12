-- sql/functions/groups/consolidate_group_bills.sql
CREATE OR REPLACE FUNCTION monay.consolidate_group_bills(
    p_period date
)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The monthly run's group step, callable by the platform: the month's
   consolidated bills of the root groups whose consolidation is on
   (HOUSEHOLD_BILLING_AGGREGATION, a group's consolidated_billing), over their
   members' finalized, unpaid bills (monay_private.group_billing_consolidate).
   monay.process_monthly_billing calls it after its last batch; idempotent, so a
   rerun (or a platform job) makes only what is missing. Returns how many
   consolidated bills it made. Raises 42501 (not the platform context), 22023
   (NULL period). */
BEGIN
    PERFORM monay_private.require_platform('consolidate_group_bills');
    RETURN monay_private.group_billing_consolidate(p_period);
END;
$$;

COMMENT ON FUNCTION monay.consolidate_group_bills(date) IS
    'Monthly run step (platform): the month''s consolidated group bills; idempotent.';
REVOKE ALL ON FUNCTION monay.consolidate_group_bills(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.consolidate_group_bills(date) TO monay_platform;
