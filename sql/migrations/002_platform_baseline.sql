-- The platform's tables as they stood before tenancy: users, wallets,
-- transactions, invoices and cards. Money in integer cents, no tenant_id yet
-- (006_add_tenant_columns retrofits them). Row-level security for these is
-- added by 003, which brings the context functions that policies read.
-- depends: 001_bootstrap

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

SET LOCAL ROLE monay_owner;

CREATE TABLE monay.users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL,
    display_name  text NOT NULL,
    user_type     text NOT NULL DEFAULT 'individual',
    status        text NOT NULL DEFAULT 'active',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' AND length(email) <= 254),
    CONSTRAINT users_display_name_not_blank CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    CONSTRAINT users_user_type_known CHECK (user_type IN ('individual', 'business')),
    CONSTRAINT users_status_known CHECK (status IN ('active', 'disabled'))
);
CREATE UNIQUE INDEX users_email_lower_key ON monay.users (lower(email));
COMMENT ON TABLE monay.users IS 'People and businesses that log in. Global (not tenant-scoped); email unique case-insensitively.';

CREATE TABLE monay.wallets (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES monay.users (id),
    currency       text NOT NULL DEFAULT 'USD',
    balance_cents  bigint NOT NULL DEFAULT 0,
    status         text NOT NULL DEFAULT 'active',
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wallets_currency_format CHECK (currency ~ '^[A-Z]{3,6}$'),
    CONSTRAINT wallets_balance_not_negative CHECK (balance_cents >= 0),
    CONSTRAINT wallets_status_known CHECK (status IN ('active', 'frozen', 'closed'))
);
CREATE INDEX wallets_user_id_idx ON monay.wallets (user_id);

CREATE TABLE monay.transactions (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    wallet_id           uuid NOT NULL REFERENCES monay.wallets (id),
    counterparty_wallet_id uuid REFERENCES monay.wallets (id),
    kind                text NOT NULL,
    amount_cents        bigint NOT NULL,
    status              text NOT NULL DEFAULT 'pending',
    description         text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT transactions_kind_known CHECK (kind IN ('deposit', 'withdrawal', 'transfer', 'payment', 'refund', 'fee')),
    CONSTRAINT transactions_amount_positive CHECK (amount_cents > 0),
    CONSTRAINT transactions_status_known CHECK (status IN ('pending', 'completed', 'failed', 'reversed'))
);
CREATE INDEX transactions_wallet_id_created_at_idx ON monay.transactions (wallet_id, created_at);
CREATE INDEX transactions_counterparty_wallet_id_idx ON monay.transactions (counterparty_wallet_id);

CREATE TABLE monay.invoices (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL REFERENCES monay.users (id),
    invoice_number   text NOT NULL UNIQUE,
    customer_name    text NOT NULL,
    amount_cents     bigint NOT NULL,
    currency         text NOT NULL DEFAULT 'USD',
    status           text NOT NULL DEFAULT 'draft',
    due_date         date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invoices_amount_not_negative CHECK (amount_cents >= 0),
    CONSTRAINT invoices_status_known CHECK (status IN ('draft', 'sent', 'paid', 'void', 'overdue'))
);
CREATE INDEX invoices_user_id_idx ON monay.invoices (user_id);

CREATE TABLE monay.cards (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid NOT NULL REFERENCES monay.users (id),
    wallet_id     uuid NOT NULL REFERENCES monay.wallets (id),
    brand         text NOT NULL,
    last4         text NOT NULL,
    expires_on    date NOT NULL,
    status        text NOT NULL DEFAULT 'active',
    spend_limit_cents bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cards_last4_format CHECK (last4 ~ '^[0-9]{4}$'),
    CONSTRAINT cards_brand_known CHECK (brand IN ('visa', 'mastercard', 'amex')),
    CONSTRAINT cards_status_known CHECK (status IN ('active', 'frozen', 'cancelled')),
    CONSTRAINT cards_spend_limit_not_negative CHECK (spend_limit_cents IS NULL OR spend_limit_cents >= 0)
);
CREATE INDEX cards_user_id_idx ON monay.cards (user_id);
CREATE INDEX cards_wallet_id_idx ON monay.cards (wallet_id);
