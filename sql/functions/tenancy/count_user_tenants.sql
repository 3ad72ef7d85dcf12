-- sql/functions/tenancy/count_user_tenants.sql
CREATE OR REPLACE FUNCTION monay_private.count_user_tenants()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER INSERT OR UPDATE OR DELETE on monay.tenant_users: keeps
   monay_private.user_tenant_counts (active memberships per user) and enforces
   MAX_TENANTS_PER_USER. Every membership that becomes active (insert,
   re-activation, a move to another user) increments its user's counter with
   INSERT ... ON CONFLICT DO UPDATE, which takes the counter row's lock: two
   concurrent joins of one user are serialised there, and the second sees the
   first's count once it commits (READ COMMITTED re-reads the locked row), so
   they cannot both pass. Every membership that stops being active decrements.
   Because this is a trigger, raw inserts (fixtures, migrations) count too.
   Raises:
     MT303 the user would exceed MAX_TENANTS_PER_USER (message names the user,
           the limit and the count of active memberships they already have)
   Under REPEATABLE READ or SERIALIZABLE a concurrent join surfaces as 40001
   (serialization_failure): retry the transaction. SECURITY DEFINER because
   the counter lives in monay_private, which no application role can reach. */
DECLARE
    v_old_active boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active';
    v_new_active boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active';
    v_count      bigint;
    v_limit      bigint;
BEGIN
    IF v_old_active AND v_new_active AND OLD.user_id = NEW.user_id THEN
        RETURN NULL;
    END IF;
    IF v_old_active THEN
        UPDATE monay_private.user_tenant_counts c SET active_tenants = c.active_tenants - 1
        WHERE c.user_id = OLD.user_id;
    END IF;
    IF v_new_active THEN
        INSERT INTO monay_private.user_tenant_counts AS c (user_id, active_tenants)
        VALUES (NEW.user_id, 1)
        ON CONFLICT (user_id) DO UPDATE SET active_tenants = c.active_tenants + 1
        RETURNING c.active_tenants INTO v_count;
        v_limit := (monay.get_setting('MAX_TENANTS_PER_USER') #>> '{}')::bigint;
        IF v_count > v_limit THEN
            RAISE EXCEPTION 'user % already belongs to % tenants, the most MAX_TENANTS_PER_USER (%) allows; cannot join tenant %',
                NEW.user_id, v_count - 1, v_limit, NEW.tenant_id
                USING ERRCODE = 'MT303',
                      HINT = 'Leave another tenant first, or ask the platform to raise MAX_TENANTS_PER_USER.';
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.count_user_tenants() IS
    'Trigger: maintains user_tenant_counts and enforces MAX_TENANTS_PER_USER under concurrency (MT303).';
REVOKE ALL ON FUNCTION monay_private.count_user_tenants() FROM PUBLIC;

CREATE OR REPLACE TRIGGER tenant_users_700_count_user_tenants
    AFTER INSERT OR UPDATE OF status, user_id OR DELETE ON monay.tenant_users
    FOR EACH ROW EXECUTE FUNCTION monay_private.count_user_tenants();
