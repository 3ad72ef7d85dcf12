-- monay_private.billing_price (the money rules, over a set of tenant-months) and
-- monay_private.billing_store_bills (the monthly run's set-based INSERT): issue 13.
BEGIN;
SELECT plan(19);

SELECT has_function('monay_private', 'billing_price', ARRAY['uuid[]', 'date', 'text', 'bigint', 'bigint', 'bigint'],
                    'billing_price(uuid[], date, text, bigint, bigint, bigint) exists');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_price(uuid[], date, text, bigint, bigint, bigint)',
                                     'EXECUTE'), 'monay_app cannot execute billing_price');
SELECT is_definer('monay_private', 'billing_store_bills', ARRAY['uuid[]', 'date', 'bigint'],
                  'billing_store_bills is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_platform', 'monay_private.billing_store_bills(uuid[], date, bigint)', 'EXECUTE'),
          'monay_platform cannot execute billing_store_bills (only the run''s functions do)');

SELECT tests.billing_tenant('bp_free', 'free', '2023-05-01');
SELECT tests.billing_tenant('bp_sb', 'small_business', '2023-05-01');
SELECT tests.billing_tenant('bp_ent', 'enterprise', '2023-06-10');   -- prorated: from day 10
SELECT tests.billing_tenant('bp_big', 'small_business', '2023-05-01');
SELECT tests.billing_tenant('bp_nohist', 'enterprise', '2023-05-01');
DELETE FROM monay.tenant_tier_history WHERE tenant_id = tests.id('bp_nohist');  -- its tier since created_at
INSERT INTO monay_private.billing_usage_counters (tenant_id, period, tier, slot, transactions, computation_units,
                                                  operations, cost_millicents, late_transactions, late_computation_units)
VALUES (tests.id('bp_sb'), '2023-06-01', 'small_business', 0, 12000, 345678, 12000, 2500000, 0, 0),
       (tests.id('bp_sb'), '2023-06-01', 'small_business', 1, 3000, 1000, 3000, 100000, 2, 10),
       (tests.id('bp_ent'), '2023-06-01', 'enterprise', 0, 70, 5000, 70, 1000, 0, 0),
       (tests.id('bp_big'), '2023-06-01', 'small_business', 0, 0, 9000000000000000000, 10000, 90000000000000000, 0, 0);

-- The draft document of a billing_price row, as billing_compute builds it.
CREATE FUNCTION tests.bp_doc(p record) RETURNS jsonb LANGUAGE plpgsql AS $f$
BEGIN
    RETURN monay_private.billing_bill_json(p.tenant_id, '2023-06-01', p.tier, 'draft', 'USDXM', p.days_in_period,
        p.transactions_included, p.transactions_used, p.computation_units_included, p.computation_units_used,
        p.late_transactions, p.late_computation_units, p.base_fee_cents, p.overage_transactions_cents,
        p.overage_computation_units_cents, p.total_before_discount::bigint, p.usdxm_discount_cents, p.cost_cents,
        p.gross_margin_percent, p.target_gross_margin_percent, p.lines, true);
END $f$;
GRANT EXECUTE ON FUNCTION tests.bp_doc(record) TO monay_owner;

-- One statement for the set gives each tenant the bill it gets alone.
SELECT tests.act_as_platform();
CREATE TEMP TABLE bp_alone ON COMMIT DROP AS
SELECT t.id, monay.calculate_tenant_billing(t.id, '2023-06-01') AS bill
FROM unnest(ARRAY[tests.id('bp_free'), tests.id('bp_sb'), tests.id('bp_ent')]) AS t(id);
GRANT SELECT ON bp_alone TO monay_owner;
SELECT tests.as_superuser();
SET LOCAL ROLE monay_owner;
SELECT monay.set_platform_context();
SELECT is((SELECT count(*) FROM monay_private.billing_price(
              ARRAY[tests.id('bp_free'), tests.id('bp_sb'), tests.id('bp_ent'), tests.id('bp_sb')], '2023-06-01')),
          3::bigint, 'one row per tenant (a tenant named twice is priced once)');
SELECT is((SELECT jsonb_object_agg(p.tenant_id, tests.bp_doc(p)) FROM monay_private.billing_price(
              ARRAY[tests.id('bp_free'), tests.id('bp_sb'), tests.id('bp_ent')], '2023-06-01') p),
          (SELECT jsonb_object_agg(a.id, a.bill) FROM bp_alone a),
          'priced together, each tenant gets exactly the bill calculate_tenant_billing gives it alone');
SELECT is((SELECT (p.base_fee_cents, p.total_cents, p.transactions_used, p.days_in_period)::text
           FROM monay_private.billing_price(ARRAY[tests.id('bp_sb')], '2023-06-01') p),
          (SELECT ((a.bill #>> '{costs,base_fee_cents}')::bigint, (a.bill #>> '{costs,total_cents}')::bigint,
                   (a.bill #>> '{usage,transactions,used}')::bigint, 30)::text FROM bp_alone a WHERE a.id = tests.id('bp_sb')),
          'the columns carry the figures of the bill');
SELECT is((SELECT (p.lines[1]).tier || ' ' || (p.lines[1]).days || ' ' || (p.lines[1]).transactions_used
                  || ' ' || cardinality(p.lines)
           FROM monay_private.billing_price(ARRAY[tests.id('bp_sb')], '2023-06-01') p),
          'small_business 30 15000 1', 'the tier lines come as monay.billing_bill_line values, no JSON');
SELECT is((SELECT count(*) FROM monay_private.billing_price(ARRAY['00000000-0000-0000-0000-0000000000bb'::uuid],
                                                            '2023-06-01')), 0::bigint, 'a tenant that does not exist has no row');
SELECT is((SELECT (p.total_cents IS NULL AND p.total_before_discount > 1000000000000000)
           FROM monay_private.billing_price(ARRAY[tests.id('bp_big')], '2023-06-01') p), true,
          'a bill beyond 10^15 cents: no money columns, its total in numeric (never an overflow error)');

SELECT is((SELECT (p.lines[1]).tier || ' ' || (p.lines[1]).days
           FROM monay_private.billing_price(ARRAY[tests.id('bp_sb'), tests.id('bp_nohist')], '2023-06-01') p
           WHERE p.tenant_id = tests.id('bp_nohist')),
          'enterprise 30', 'a tenant without tier history, priced with one that has it: its tier since its creation');
SELECT is((SELECT count(*) FROM monay_private.billing_price(ARRAY[tests.id('bp_sb'), tests.id('bp_ent')], '2023-06-01') p),
          2::bigint, 'tenants that all have history: priced without reading tenants');

-- What another tenant sees: under tenant bp_sb's context, bp_free is not priced.
SELECT tests.as_superuser();
SELECT monay.set_tenant_context(tests.id('bp_sb'));
SET LOCAL ROLE monay_owner;
SELECT is((SELECT array_agg(p.tenant_id) FROM monay_private.billing_price(
              ARRAY[tests.id('bp_free'), tests.id('bp_sb')], '2023-06-01') p),
          ARRAY[tests.id('bp_sb')], 'in one tenant''s context, only that tenant is priced (RLS)');

-- billing_store_bills: stores what it can, once.
SELECT tests.as_superuser();
SET LOCAL ROLE monay_owner;
SELECT monay.set_platform_context();
SELECT is((SELECT array_agg(s.tenant_id ORDER BY s.tenant_id) FROM monay_private.billing_store_bills(
              ARRAY[tests.id('bp_free'), tests.id('bp_sb'), tests.id('bp_big')], '2023-06-01', NULL) s),
          (SELECT array_agg(x ORDER BY x) FROM unnest(ARRAY[tests.id('bp_free'), tests.id('bp_sb')]) x),
          'billing_store_bills stores the bills that fit and passes over the one beyond 10^15 cents');
SELECT is((SELECT status || ' ' || total_before_discount_cents FROM monay.billing_metrics
           WHERE tenant_id = tests.id('bp_free') AND period = '2023-06-01'),
          'paid 0', 'a bill of 0 is stored paid');
SELECT is((SELECT (monay_private.billing_stored_bill(m.tenant_id, m.period)
                   - ARRAY['status', 'finalized_at', 'paid_at', 'run_id', 'adjustments_cents', 'paid_cents',
                           'balance_due_cents']) = (a.bill - 'status')
                  AND m.status = 'finalized' AND m.bill IS NULL
                  AND m.total_cents = (a.bill #>> '{costs,total_cents}')::bigint
           FROM monay.billing_metrics m JOIN bp_alone a ON a.id = m.tenant_id
           WHERE m.tenant_id = tests.id('bp_sb') AND m.period = '2023-06-01'), true,
          'the stored bill is the computed one, finalized: stored as figures, the same document on read');
SELECT is((SELECT count(*) FROM monay_private.billing_store_bills(
              ARRAY[tests.id('bp_free'), tests.id('bp_sb')], '2023-06-01', NULL)), 0::bigint,
          'a month billed already is passed over: nobody is billed twice');
SELECT is((SELECT count(*) FROM monay.billing_metrics WHERE period = '2023-06-01'
           AND tenant_id IN (tests.id('bp_free'), tests.id('bp_sb'), tests.id('bp_big'))), 2::bigint,
          'two bills in all');
-- Bills have no foreign key to tenants (migration 023): the pricing is what refuses a tenant
-- that does not exist (and tenants are never deleted: tenants_never_deleted.sql).
SELECT is((SELECT count(*) FROM monay_private.billing_store_bills(
              ARRAY[md5('bp: no such tenant')::uuid], '2023-06-01', NULL)), 0::bigint,
          'a tenant that does not exist gets no bill');

SELECT * FROM finish();
ROLLBACK;
