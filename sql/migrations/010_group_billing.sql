-- Group billing: consolidated bills of groups (paid by the group's owner
-- tenant) and their member lines, each line one member tenant's own monthly
-- bill (monay.billing_metrics) at most once per month, so nobody pays twice.
-- Made by monay_private.group_billing_consolidate(period) after the monthly
-- run, paid by monay.process_group_payment (sql/functions/groups/).
-- Rules: docs/groups.md, "Consolidated billing".
-- depends: 005_billing_infrastructure 004_groups_management

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

SET LOCAL ROLE monay_owner;

-- One consolidated bill per group and month; tenant_id is the payer (the
-- group's owner tenant).
CREATE TABLE monay.group_bills (
    tenant_id                    uuid NOT NULL,
    group_id                     uuid NOT NULL,
    period                       date NOT NULL,
    status                       text NOT NULL DEFAULT 'open',
    members                      bigint NOT NULL,
    total_before_discount_cents  bigint NOT NULL,
    usdxm_discount_cents         bigint NOT NULL,
    total_cents                  bigint NOT NULL,
    bill                         jsonb NOT NULL,
    payment_method               text,
    discount_applied_cents       bigint,
    final_amount_cents           bigint,
    payment                      jsonb,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    paid_at                      timestamptz,
    PRIMARY KEY (tenant_id, group_id, period),
    FOREIGN KEY (tenant_id, group_id) REFERENCES monay.groups (tenant_id, id),
    CONSTRAINT group_bills_period_month_start CHECK (period = date_trunc('month', period)::date),
    CONSTRAINT group_bills_status_known CHECK (status IN ('open', 'paid')),
    CONSTRAINT group_bills_amounts CHECK (
        members > 0 AND total_before_discount_cents >= 0 AND usdxm_discount_cents >= 0
        AND total_cents = total_before_discount_cents - usdxm_discount_cents),
    CONSTRAINT group_bills_payment_method_stablecoin CHECK (payment_method IN ('USDXM', 'USDC', 'USDT')),
    CONSTRAINT group_bills_paid_whole CHECK (
        (status = 'paid') = (paid_at IS NOT NULL)
        AND (status = 'paid') = (payment_method IS NOT NULL)
        AND (discount_applied_cents IS NULL
             OR final_amount_cents = total_before_discount_cents - discount_applied_cents))
);
CREATE INDEX group_bills_period_idx ON monay.group_bills (period, tenant_id);
COMMENT ON TABLE monay.group_bills IS
    'Consolidated monthly bills of groups: member lines summed, one USDXM discount, paid by the owner tenant.';

-- A member's bill carried by a consolidated bill. tenant_id is the member
-- tenant (its own bill, which it sees consolidated); the primary key makes a
-- member's month consolidated at most once.
CREATE TABLE monay.group_bill_lines (
    tenant_id                    uuid NOT NULL,
    period                       date NOT NULL,
    payer_tenant_id              uuid NOT NULL,
    group_id                     uuid NOT NULL,
    total_before_discount_cents  bigint NOT NULL,
    discount_share_cents         bigint,
    paid_cents                   bigint NOT NULL DEFAULT 0,
    payment_id                   bigint,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, period),
    FOREIGN KEY (tenant_id, period) REFERENCES monay.billing_metrics (tenant_id, period),
    FOREIGN KEY (payer_tenant_id, group_id, period) REFERENCES monay.group_bills (tenant_id, group_id, period),
    FOREIGN KEY (tenant_id, payment_id) REFERENCES monay.payments (tenant_id, id),
    CONSTRAINT group_bill_lines_amounts CHECK (
        total_before_discount_cents >= 0 AND paid_cents >= 0 AND discount_share_cents >= 0)
);
CREATE INDEX group_bill_lines_bill_idx ON monay.group_bill_lines (payer_tenant_id, group_id, period);
COMMENT ON TABLE monay.group_bill_lines IS
    'Member bills carried by a consolidated bill (one per member and month), and what the group payment settled.';

ALTER TABLE monay.group_bills ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.group_bills FORCE ROW LEVEL SECURITY;
CREATE POLICY group_bills_select ON monay.group_bills FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY group_bills_insert ON monay.group_bills FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY group_bills_update ON monay.group_bills FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY group_bills_delete ON monay.group_bills FOR DELETE USING (false);

-- A line: the member (its own bill) and the payer.
ALTER TABLE monay.group_bill_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.group_bill_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY group_bill_lines_select ON monay.group_bill_lines FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR payer_tenant_id = (SELECT monay.current_tenant_id()));
CREATE POLICY group_bill_lines_insert ON monay.group_bill_lines FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY group_bill_lines_update ON monay.group_bill_lines FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY group_bill_lines_delete ON monay.group_bill_lines FOR DELETE USING (false);

GRANT SELECT ON monay.group_bills, monay.group_bill_lines TO monay_app, monay_platform, monay_readonly;

-- Accounting: the closed-tenant purge keeps them.
INSERT INTO monay_private.purge_retained_tables (table_name, reason) VALUES
    ('group_bills', 'consolidated bills: accounting records'),
    ('group_bill_lines', 'member bills carried by consolidated bills: accounting records');
