\set op random(1, 20)
\set t random(1, 1000)
INSERT INTO ops_nofk (tenant_id, operation_type, computation_units, billing_period)
VALUES (('00000000-0000-0000-0000-' || lpad(:t::text, 12, '0'))::uuid, 'op_' || :op, 10, date_trunc('month', now())::date);
