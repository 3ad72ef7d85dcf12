-- Scratch tables for bench/fk_cost/run.sh: a partitioned copy of monay.billing_operations
-- with and without a foreign key to a 20-row operation_costs, and a bill-shaped pair.
CREATE TABLE operation_costs (operation_type text PRIMARY KEY, computation_units bigint NOT NULL);
INSERT INTO operation_costs SELECT 'op_' || i, i FROM generate_series(1, 20) i;
CREATE TABLE ops_nofk (
    id bigint GENERATED ALWAYS AS IDENTITY, tenant_id uuid NOT NULL, operation_type text NOT NULL,
    quantity bigint NOT NULL DEFAULT 1, computation_units bigint NOT NULL, transactions bigint NOT NULL DEFAULT 0,
    cost_millicents bigint NOT NULL DEFAULT 0, occurred_at timestamptz NOT NULL DEFAULT now(),
    billing_period date NOT NULL, late boolean NOT NULL DEFAULT false, idempotency_key text,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CHECK (quantity > 0), CHECK (computation_units >= 0 AND transactions >= 0 AND cost_millicents >= 0),
    PRIMARY KEY (tenant_id, occurred_at, id)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE ops_fk (LIKE ops_nofk INCLUDING ALL) PARTITION BY RANGE (occurred_at);
ALTER TABLE ops_fk ADD FOREIGN KEY (operation_type) REFERENCES operation_costs (operation_type);
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT generate_series(date_trunc('month', now()) - interval '2 month', date_trunc('month', now()) + interval '2 month', interval '1 month')::date LOOP
    EXECUTE format('CREATE TABLE ops_nofk_%s PARTITION OF ops_nofk FOR VALUES FROM (%L) TO (%L)', to_char(m, 'YYYYMM'), m, (m + interval '1 month')::date);
    EXECUTE format('CREATE TABLE ops_fk_%s PARTITION OF ops_fk FOR VALUES FROM (%L) TO (%L)', to_char(m, 'YYYYMM'), m, (m + interval '1 month')::date);
  END LOOP;
END $$;
-- The bill-shaped pair (bills_*.sql): 1,000 rows per statement, as the monthly run writes them.
CREATE TABLE coins (symbol text PRIMARY KEY);
INSERT INTO coins VALUES ('USDXM'), ('USDC'), ('USDT');
CREATE TABLE bills_nofk (tenant_id uuid, period date, payment_method text NOT NULL DEFAULT 'USDXM',
    total bigint, PRIMARY KEY (tenant_id, period),
    CHECK (payment_method ~ '^[A-Z][A-Za-z0-9.]{3,11}$'));
CREATE TABLE bills_fk (LIKE bills_nofk INCLUDING ALL);
ALTER TABLE bills_fk ADD FOREIGN KEY (payment_method) REFERENCES coins (symbol);
