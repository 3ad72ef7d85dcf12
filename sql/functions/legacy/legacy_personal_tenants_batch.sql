-- sql/functions/legacy/legacy_personal_tenants_batch.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_personal_tenants_batch(
    p_limit integer
)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Step personal_tenants, one batch: the next p_limit users (at most 1,000: each
   costs a create_tenant, and a batch holds its tenants' rows until it commits;
   by id, after the
   step's cursor) get their personal tenant through
   monay_private.legacy_personal_tenant (monay.create_tenant's rules), when they
   own a wallet, card or invoice or belong to no tenant yet. Returns the users
   looked at, 0 when every user is done. Runs in the platform context.
   Raises what create_tenant raises (MT302 disabled owner, MT303 too many tenants). */
DECLARE
    v_cursor uuid;
    v_user   record;
    v_n      bigint := 0;
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    v_cursor := coalesce(monay_private.legacy_step_cursor('migrate', 'personal_tenants'),
                         '00000000-0000-0000-0000-000000000000')::uuid;
    FOR v_user IN
        SELECT u.id FROM monay.users u WHERE u.id > v_cursor ORDER BY u.id LIMIT least(p_limit, 1000)
    LOOP
        IF EXISTS (SELECT FROM monay.wallets w WHERE w.user_id = v_user.id)
           OR EXISTS (SELECT FROM monay.cards c WHERE c.user_id = v_user.id)
           OR EXISTS (SELECT FROM monay.invoices i WHERE i.user_id = v_user.id)
           OR NOT EXISTS (SELECT FROM monay.tenant_users tu WHERE tu.user_id = v_user.id AND tu.status = 'active') THEN
            PERFORM monay_private.legacy_personal_tenant(v_user.id);
        END IF;
        v_cursor := v_user.id;
        v_n := v_n + 1;
    END LOOP;
    IF v_n > 0 THEN
        PERFORM monay_private.legacy_step_advance('migrate', 'personal_tenants', v_cursor::text, v_n);
    END IF;
    RETURN v_n;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_personal_tenants_batch(integer) IS
    'Retrofit step personal_tenants: one committed batch of users (0 when done).';
REVOKE ALL ON FUNCTION monay_private.legacy_personal_tenants_batch(integer) FROM PUBLIC;
