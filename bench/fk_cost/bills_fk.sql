INSERT INTO bills_fk (tenant_id, period, total)
SELECT gen_random_uuid(), '2025-01-01', i FROM generate_series(1, 1000) i;
