-- sql/functions/groups/group_billing_consolidate.sql
CREATE OR REPLACE FUNCTION monay_private.group_billing_consolidate(
    p_period date
)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The monthly run's group step (after every tenant's bill of p_period is
   finalized): one consolidated bill (monay.group_bills) per root group
   whose consolidation is on -- a household when HOUSEHOLD_BILLING_AGGREGATION
   and its config consolidated_billing say so, a holding company when its
   config consolidated_billing does -- carrying, as lines
   (monay.group_bill_lines), the finalized, unpaid bills of the member
   tenants of its subtree (monay_private.group_billed_members). A member's
   month is carried at most once (the lines' primary key): a tenant in two
   groups is carried by the first in group id order, a bill already paid by
   its tenant stays its own. Totals from each bill's total_before_discount
   (the same figure monay.calculate_tenant_billing reports), the USDXM
   discount once on the total (floor(total * discount_percent / 100)).
   Idempotent: a group billed for the month is skipped, so a rerun makes
   only what is missing. Returns how many consolidated bills it made.
   Platform context only (the monthly run).
   Raises 42501 (not the platform), 22023 (NULL period). */
DECLARE
    v_period date;
    v_pct    bigint;
    v_group  monay.groups;
    v_total  bigint;
    v_count  bigint;
    v_lines  jsonb;
    v_made   integer := 0;
BEGIN
    PERFORM monay_private.require_platform('group_billing_consolidate');
    PERFORM monay_private.require_not_null(p_period, 'p_period', 'group_billing_consolidate');
    v_period := date_trunc('month', p_period)::date;
    SELECT coalesce(max(s.discount_percent), 0) INTO v_pct FROM monay.stablecoin_payment_config s WHERE s.symbol = 'USDXM';
    FOR v_group IN
        SELECT g.* FROM monay.groups g
        WHERE g.parent_id IS NULL
          AND coalesce((g.config ->> 'consolidated_billing')::boolean, true)
          AND (g.kind <> 'household'
               OR coalesce((monay.get_setting('HOUSEHOLD_BILLING_AGGREGATION') #>> '{}')::boolean, false))
          AND NOT EXISTS (SELECT 1 FROM monay.group_bills b
                          WHERE b.tenant_id = g.tenant_id AND b.group_id = g.id AND b.period = v_period)
        ORDER BY g.id
    LOOP
        SELECT coalesce(jsonb_agg(jsonb_build_object('tenant_id', b.member_tenant_id,
                   'total_before_discount_cents', (x.bill #>> '{costs,total_before_discount_cents}')::bigint,
                   'status', x.bill ->> 'status') ORDER BY b.member_tenant_id), '[]'::jsonb)
        INTO v_lines
        FROM monay_private.group_billed_members(v_group.id) b
        JOIN monay.billing_metrics m ON m.tenant_id = b.member_tenant_id AND m.period = v_period AND m.status = 'finalized'
        CROSS JOIN LATERAL (SELECT monay.calculate_tenant_billing(b.member_tenant_id, v_period) AS bill) x
        WHERE NOT EXISTS (SELECT 1 FROM monay.group_bill_lines l
                          WHERE l.tenant_id = b.member_tenant_id AND l.period = v_period);
        v_count := jsonb_array_length(v_lines);
        CONTINUE WHEN v_count = 0;
        SELECT sum((e ->> 'total_before_discount_cents')::bigint) INTO v_total FROM jsonb_array_elements(v_lines) e;
        INSERT INTO monay.group_bills (tenant_id, group_id, period, members, total_before_discount_cents,
                                       usdxm_discount_cents, total_cents, bill)
        VALUES (v_group.tenant_id, v_group.id, v_period, v_count, v_total, v_total * v_pct / 100,
                v_total - v_total * v_pct / 100,
                jsonb_build_object('group_id', v_group.id, 'kind', v_group.kind, 'name', v_group.name,
                    'period', v_period, 'payer_tenant_id', v_group.tenant_id, 'lines', v_lines));
        INSERT INTO monay.group_bill_lines (tenant_id, period, payer_tenant_id, group_id, total_before_discount_cents)
        SELECT (e ->> 'tenant_id')::uuid, v_period, v_group.tenant_id, v_group.id, (e ->> 'total_before_discount_cents')::bigint
        FROM jsonb_array_elements(v_lines) e;
        v_made := v_made + 1;
    END LOOP;
    RETURN v_made;
END;
$$;

COMMENT ON FUNCTION monay_private.group_billing_consolidate(date) IS
    'Monthly run step: consolidated bills of root groups over their members'' finalized bills; idempotent.';
REVOKE ALL ON FUNCTION monay_private.group_billing_consolidate(date) FROM PUBLIC;
