-- Platform tables become tenant-scoped (wallets, cards, invoices, transactions),
-- part 1 of 2: the quick, online part. It adds nullable tenant_id columns with
-- NOT VALID checks and foreign keys, the triggers that give every write of the
-- running platform its tenant (dual-write), the hash-partitioned shell of the
-- new transactions table, and the list of the long steps as data
-- (monay_private.legacy_steps). Part 2 is `monaydb legacy migrate`: committed,
-- resumable batches (personal tenants, backfill, moving transactions), VALIDATE,
-- indexes CONCURRENTLY, then a short swap (docs/platform.md).
-- On a database whose four tables are empty (a fresh install), this migration
-- runs every step itself, inline: it ends in the final, tenant-scoped shape.
-- depends: 005_billing_infrastructure

-- Hot tables: queue behind nobody for long (the DBA retries).
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '15min';

-- Are the four tables empty? Read as the migrating superuser (FORCE RLS hides
-- every row from the owner without a context).
DO $$
BEGIN
    PERFORM set_config('monay.legacy_fresh', (NOT EXISTS (SELECT FROM monay.wallets)
        AND NOT EXISTS (SELECT FROM monay.transactions) AND NOT EXISTS (SELECT FROM monay.cards)
        AND NOT EXISTS (SELECT FROM monay.invoices))::text, true);
END
$$;

SET LOCAL ROLE monay_owner;

-- Every lock up front, in the order the platform's writes take them (an INSERT
-- into transactions, then its wallet's foreign key): waiting for one while
-- holding another the platform needs would be a deadlock.
LOCK TABLE monay.transactions, monay.wallets, monay.cards, monay.invoices IN ACCESS EXCLUSIVE MODE;

-- ---------------------------------------------------------------------------
-- Tables and columns
-- ---------------------------------------------------------------------------

-- NOT NULL comes from a CHECK NOT VALID, validated online by a later step;
-- SET NOT NULL at the swap then needs no scan (it trusts the validated check).
ALTER TABLE monay.wallets ADD COLUMN tenant_id uuid,
    ADD CONSTRAINT wallets_tenant_id_not_null CHECK (tenant_id IS NOT NULL) NOT VALID,
    ADD CONSTRAINT wallets_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants (id) NOT VALID;
ALTER TABLE monay.cards ADD COLUMN tenant_id uuid,
    ADD CONSTRAINT cards_tenant_id_not_null CHECK (tenant_id IS NOT NULL) NOT VALID,
    ADD CONSTRAINT cards_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants (id) NOT VALID;
ALTER TABLE monay.invoices ADD COLUMN tenant_id uuid,
    ADD CONSTRAINT invoices_tenant_id_not_null CHECK (tenant_id IS NOT NULL) NOT VALID,
    ADD CONSTRAINT invoices_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants (id) NOT VALID;

-- The new transactions: the original columns (same ids and values), the row's
-- tenant (its wallet's), the counterparty wallet's tenant, and mirror_of: a
-- transfer between two tenants is the sender's row plus a mirrored row in the
-- recipient's tenant (docs/platform.md, "Cross-tenant transfers"). It lives in
-- monay_private until the swap renames it monay.transactions; the old table then
-- becomes monay_private.transactions_pre_tenancy, kept in sync for the rollback.
CREATE TABLE monay_private.transactions_tenant (
    id                      uuid NOT NULL DEFAULT gen_random_uuid(),
    wallet_id               uuid NOT NULL,
    counterparty_wallet_id  uuid,
    kind                    text NOT NULL,
    amount_cents            bigint NOT NULL,
    status                  text NOT NULL DEFAULT 'pending',
    description             text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    tenant_id               uuid NOT NULL,
    counterparty_tenant_id  uuid,
    mirror_of               uuid,
    idempotency_key         text,
    CONSTRAINT transactions_tenant_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT transactions_kind_known CHECK (kind IN ('deposit', 'withdrawal', 'transfer', 'payment', 'refund', 'fee')),
    CONSTRAINT transactions_amount_positive CHECK (amount_cents > 0),
    CONSTRAINT transactions_status_known CHECK (status IN ('pending', 'completed', 'failed', 'reversed')),
    CONSTRAINT transactions_counterparty_pair CHECK ((counterparty_wallet_id IS NULL) = (counterparty_tenant_id IS NULL)),
    CONSTRAINT transactions_mirror_crosses_tenants CHECK (mirror_of IS NULL OR counterparty_tenant_id <> tenant_id),
    CONSTRAINT transactions_idempotency_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 200)
) PARTITION BY HASH (tenant_id);
-- 16 partitions: README "Platform tables" says why.
DO $$
BEGIN
    FOR i IN 0..15 LOOP
        EXECUTE format('CREATE TABLE monay_private.%I PARTITION OF monay_private.transactions_tenant '
                       'FOR VALUES WITH (MODULUS 16, REMAINDER %s)', 'transactions_tenant_p' || lpad(i::text, 2, '0'), i);
    END LOOP;
END
$$;
COMMENT ON TABLE monay_private.transactions_tenant IS
    'Tenant-scoped transactions (hash-partitioned by tenant_id); monay.transactions after the swap.';

-- The long steps, in order, as data. kind: batch (body: SELECT that does one
-- committed batch of at most $1 rows and returns how many it did, 0 when
-- finished), ddl (body: one statement; CONCURRENTLY is dropped when run inline),
-- ddl_list (body: a SELECT returning statements, each run on its own), hook
-- (body NULL: a step a later migration fills in).
CREATE TABLE monay_private.legacy_steps (
    direction    text NOT NULL CHECK (direction IN ('migrate', 'rollback')),
    ord          bigint NOT NULL,
    name         text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('batch', 'ddl', 'ddl_list', 'hook')),
    body         text CHECK ((body IS NULL) = (kind = 'hook')),
    description  text NOT NULL,
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
    cursor       text,
    rows_done    bigint NOT NULL DEFAULT 0,
    batches      bigint NOT NULL DEFAULT 0,
    started_at   timestamptz,
    finished_at  timestamptz,
    PRIMARY KEY (direction, ord),
    UNIQUE (direction, name)
);
COMMENT ON TABLE monay_private.legacy_steps IS
    'The tenant_id retrofit''s steps and their progress (resumable): run by `monaydb legacy migrate|rollback`.';

-- The platform tables' pre-tenancy policies, saved by the swap, restored by the rollback.
CREATE TABLE monay_private.legacy_saved_policies (
    table_name   text NOT NULL,
    policy_name  text NOT NULL,
    command      text NOT NULL,
    using_expr   text,
    check_expr   text,
    PRIMARY KEY (table_name, policy_name)
);

-- ---------------------------------------------------------------------------
-- Dual-write: every write of the running platform gets its tenant
-- ---------------------------------------------------------------------------

CREATE FUNCTION monay_private.legacy_fill_tenant()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE INSERT/UPDATE of wallets, cards, invoices without a tenant_id (a raw
   write of the pre-tenancy platform): the owner's personal tenant, created
   through monay.create_tenant when missing (monay_private.legacy_personal_tenant). */
BEGIN
    NEW.tenant_id := monay_private.legacy_personal_tenant(NEW.user_id);
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_fill_tenant() FROM PUBLIC;

CREATE TRIGGER legacy_500_fill_tenant BEFORE INSERT OR UPDATE ON monay.wallets
    FOR EACH ROW WHEN (NEW.tenant_id IS NULL) EXECUTE FUNCTION monay_private.legacy_fill_tenant();
CREATE TRIGGER legacy_500_fill_tenant BEFORE INSERT OR UPDATE ON monay.cards
    FOR EACH ROW WHEN (NEW.tenant_id IS NULL) EXECUTE FUNCTION monay_private.legacy_fill_tenant();
CREATE TRIGGER legacy_500_fill_tenant BEFORE INSERT OR UPDATE ON monay.invoices
    FOR EACH ROW WHEN (NEW.tenant_id IS NULL) EXECUTE FUNCTION monay_private.legacy_fill_tenant();

CREATE FUNCTION monay_private.legacy_transactions_sync()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER INSERT/UPDATE/DELETE of a pre-tenancy transaction row (the running
   platform's raw write): the same change in the tenant-scoped table, with its
   mirror row when the counterparty is in another tenant
   (monay_private.legacy_sync_transaction). Fires only for writes made outside
   triggers (WHEN pg_trigger_depth() = 0), so the reverse sync after the swap
   never echoes back. */
BEGIN
    PERFORM monay_private.legacy_sync_transaction(
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_transactions_sync() FROM PUBLIC;

CREATE TRIGGER legacy_500_sync AFTER INSERT OR UPDATE OR DELETE ON monay.transactions
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION monay_private.legacy_transactions_sync();

CREATE FUNCTION monay_private.legacy_transactions_sync_back()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* After the swap, AFTER INSERT/UPDATE/DELETE of monay.transactions: the same
   change to the original columns of the kept pre-tenancy table (mirror rows
   are not copied), so a rollback keeps the rows written under tenancy. */
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.mirror_of IS NULL THEN
            DELETE FROM monay_private.transactions_pre_tenancy WHERE id = OLD.id;
        END IF;
        RETURN NULL;
    END IF;
    IF NEW.mirror_of IS NULL THEN
        INSERT INTO monay_private.transactions_pre_tenancy AS o (id, wallet_id, counterparty_wallet_id, kind,
            amount_cents, status, description, created_at)
        VALUES (NEW.id, NEW.wallet_id, NEW.counterparty_wallet_id, NEW.kind, NEW.amount_cents, NEW.status,
                NEW.description, NEW.created_at)
        ON CONFLICT (id) DO UPDATE SET wallet_id = EXCLUDED.wallet_id,
            counterparty_wallet_id = EXCLUDED.counterparty_wallet_id, kind = EXCLUDED.kind,
            amount_cents = EXCLUDED.amount_cents, status = EXCLUDED.status,
            description = EXCLUDED.description, created_at = EXCLUDED.created_at;
    END IF;
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_transactions_sync_back() FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- The swap (the last step; short: catalog changes under ACCESS EXCLUSIVE)
-- ---------------------------------------------------------------------------

CREATE FUNCTION monay_private.legacy_tenant_policies(
    p_table text
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
AS $$
/* The standard tenant policies on monay.<p_table>: one per command, the
   tenant_id range of the verified context (DESIGN.md 13). */
DECLARE
    v_range text := 'tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())';
BEGIN
    EXECUTE format('ALTER TABLE monay.%I ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('ALTER TABLE monay.%I FORCE ROW LEVEL SECURITY', p_table);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR SELECT USING (%s)', p_table || '_select', p_table, v_range);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR INSERT WITH CHECK (%s)', p_table || '_insert', p_table, v_range);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR UPDATE USING (%s) WITH CHECK (%s)',
                   p_table || '_update', p_table, v_range, v_range);
    EXECUTE format('CREATE POLICY %I ON monay.%I FOR DELETE USING (%s)', p_table || '_delete', p_table, v_range);
END;
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_tenant_policies(text) FROM PUBLIC;

CREATE FUNCTION monay_private.legacy_swap()
    RETURNS void
    LANGUAGE plpgsql VOLATILE
AS $$
/* The final step: the tenant-scoped shape takes over, in one short transaction
   (catalog changes only: every scan and index build was done online before).
   Idempotent: does nothing once swapped. */
DECLARE
    v_table text;
BEGIN
    IF to_regclass('monay_private.transactions_tenant') IS NULL THEN
        RETURN;
    END IF;
    -- In the order the platform's writes take them (see migration 006).
    LOCK TABLE monay.transactions, monay_private.transactions_tenant, monay.wallets, monay.cards,
        monay.invoices IN ACCESS EXCLUSIVE MODE;

    -- Foreign keys that hang on the wallets' old primary key.
    ALTER TABLE monay.transactions DROP CONSTRAINT transactions_wallet_id_fkey,
        DROP CONSTRAINT transactions_counterparty_wallet_id_fkey;
    ALTER TABLE monay.cards DROP CONSTRAINT cards_wallet_id_fkey;

    -- transactions: the old table is kept (in sync) for the rollback.
    ALTER TABLE monay.transactions SET SCHEMA monay_private;
    ALTER TABLE monay_private.transactions RENAME TO transactions_pre_tenancy;
    DROP TRIGGER legacy_500_sync ON monay_private.transactions_pre_tenancy;
    -- written only by the sync-back trigger; no application role reaches monay_private
    ALTER TABLE monay_private.transactions_pre_tenancy NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy DISABLE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_tenant SET SCHEMA monay;
    ALTER TABLE monay.transactions_tenant RENAME TO transactions;
    CREATE TRIGGER legacy_500_sync_back AFTER INSERT OR UPDATE OR DELETE ON monay.transactions
        FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION monay_private.legacy_transactions_sync_back();

    -- wallets, cards, invoices: NOT NULL (trusting the validated checks) and
    -- keys with tenant_id (indexes built concurrently by earlier steps).
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        EXECUTE format('ALTER TABLE monay.%I ALTER COLUMN tenant_id SET NOT NULL', v_table);
        EXECUTE format('ALTER TABLE monay.%I DROP CONSTRAINT %I', v_table, v_table || '_tenant_id_not_null');
        EXECUTE format('ALTER TABLE monay.%I DROP CONSTRAINT %I, ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                       v_table, v_table || '_pkey', v_table || '_pkey', v_table || '_tenant_id_id_key');
    END LOOP;
    ALTER TABLE monay.invoices DROP CONSTRAINT invoices_invoice_number_key,
        ADD CONSTRAINT invoices_tenant_id_invoice_number_key UNIQUE USING INDEX invoices_tenant_id_invoice_number_key;

    -- Row-level security by tenant (the old policies are saved for the rollback).
    INSERT INTO monay_private.legacy_saved_policies
    SELECT p.tablename, p.policyname, p.cmd, p.qual, p.with_check FROM pg_catalog.pg_policies p
    WHERE p.schemaname = 'monay' AND p.tablename IN ('wallets', 'cards', 'invoices')
    ON CONFLICT DO NOTHING;
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_select', v_table);
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_insert', v_table);
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_update', v_table);
        EXECUTE format('DROP POLICY %I ON monay.%I', v_table || '_delete', v_table);
    END LOOP;
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices', 'transactions'] LOOP
        PERFORM monay_private.legacy_tenant_policies(v_table);
    END LOOP;

    -- Written only through functions from now on (the UPDATE grant also let
    -- any application LOCK these tables IN ACCESS EXCLUSIVE MODE).
    REVOKE INSERT, UPDATE ON monay.wallets, monay.cards, monay.invoices FROM monay_app;
    GRANT SELECT ON monay.transactions TO monay_app, monay_platform, monay_readonly;
END;
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_swap() FROM PUBLIC;

-- The rollback's own steps live here too (not in sql/functions): 006's rollback runs them
-- inline on a database whose function files were never applied, as the swap above is.
CREATE FUNCTION monay_private.legacy_pre_tenancy_key_statements()
    RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Rollback step pre_tenancy_keys: the unique indexes the pre-tenancy keys need
   (id of wallets, cards, invoices; invoice_number across everyone), built
   CONCURRENTLY before the swap back; none when the retrofit was never swapped.
   Fails with 23505, naming the number, when two tenants have used the same
   invoice number since the swap (the global key cannot come back then). */
    SELECT v.stmt FROM (VALUES
        (1, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS wallets_pre_tenancy_pkey ON monay.wallets (id)'),
        (2, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS cards_pre_tenancy_pkey ON monay.cards (id)'),
        (3, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_pre_tenancy_pkey ON monay.invoices (id)'),
        (4, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_pre_tenancy_number_key ON monay.invoices (invoice_number)')
    ) v (o, stmt)
    WHERE to_regclass('monay_private.transactions_pre_tenancy') IS NOT NULL
    ORDER BY v.o
$$;

COMMENT ON FUNCTION monay_private.legacy_pre_tenancy_key_statements() IS
    'Rollback step pre_tenancy_keys: CREATE UNIQUE INDEX CONCURRENTLY statements for the pre-tenancy keys.';
REVOKE ALL ON FUNCTION monay_private.legacy_pre_tenancy_key_statements() FROM PUBLIC;

CREATE FUNCTION monay_private.legacy_unswap()
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Rollback step unswap: the pre-tenancy shape takes over again, in one short
   transaction (catalog changes; the unique indexes were built by step
   pre_tenancy_keys, the foreign keys come back NOT VALID and are validated by
   the next step). The kept pre-tenancy transactions hold every original row,
   and every row written under tenancy (trigger legacy_500_sync_back); mirror
   rows exist only in the tenant-scoped table, which the migration's rollback
   then drops. Idempotent: does nothing when not swapped. */
DECLARE
    v_table text;
    v_pol   record;
BEGIN
    IF to_regclass('monay_private.transactions_pre_tenancy') IS NULL THEN
        RETURN;
    END IF;
    -- In the order the platform's writes take them (see migration 006).
    LOCK TABLE monay.transactions, monay_private.transactions_pre_tenancy, monay.wallets, monay.cards,
        monay.invoices IN ACCESS EXCLUSIVE MODE;

    DROP TRIGGER legacy_500_sync_back ON monay.transactions;
    ALTER TABLE monay.transactions SET SCHEMA monay_private;
    ALTER TABLE monay_private.transactions RENAME TO transactions_tenant;
    ALTER TABLE monay_private.transactions_pre_tenancy ENABLE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy FORCE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy SET SCHEMA monay;
    ALTER TABLE monay.transactions_pre_tenancy RENAME TO transactions;
    CREATE TRIGGER legacy_500_sync AFTER INSERT OR UPDATE OR DELETE ON monay.transactions
        FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION monay_private.legacy_transactions_sync();

    -- Keys by id again (CASCADE: the composite foreign keys to wallets go).
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        EXECUTE format('ALTER TABLE monay.%I DROP CONSTRAINT %I CASCADE', v_table, v_table || '_pkey');
        EXECUTE format('ALTER TABLE monay.%I ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                       v_table, v_table || '_pkey', v_table || '_pre_tenancy_pkey');
        EXECUTE format('ALTER TABLE monay.%I ALTER COLUMN tenant_id DROP NOT NULL', v_table);
    END LOOP;
    ALTER TABLE monay.invoices DROP CONSTRAINT invoices_tenant_id_invoice_number_key,
        ADD CONSTRAINT invoices_invoice_number_key UNIQUE USING INDEX invoices_pre_tenancy_number_key;
    ALTER TABLE monay.transactions
        ADD CONSTRAINT transactions_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets (id) NOT VALID,
        ADD CONSTRAINT transactions_counterparty_wallet_id_fkey FOREIGN KEY (counterparty_wallet_id)
            REFERENCES monay.wallets (id) NOT VALID;
    ALTER TABLE monay.cards
        ADD CONSTRAINT cards_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets (id) NOT VALID;

    -- The pre-tenancy policies, as the swap saved them.
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        FOR v_pol IN SELECT p.policyname FROM pg_catalog.pg_policies p
                     WHERE p.schemaname = 'monay' AND p.tablename = v_table LOOP
            EXECUTE format('DROP POLICY %I ON monay.%I', v_pol.policyname, v_table);
        END LOOP;
    END LOOP;
    FOR v_pol IN SELECT * FROM monay_private.legacy_saved_policies s ORDER BY s.table_name, s.policy_name LOOP
        EXECUTE format('CREATE POLICY %I ON monay.%I FOR %s', v_pol.policy_name, v_pol.table_name, v_pol.command)
            || coalesce(' USING (' || v_pol.using_expr || ')', '')
            || coalesce(' WITH CHECK (' || v_pol.check_expr || ')', '');
    END LOOP;
    DELETE FROM monay_private.legacy_saved_policies;
    GRANT INSERT, UPDATE ON monay.wallets, monay.cards, monay.invoices TO monay_app;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_unswap() IS
    'Rollback step unswap: the pre-tenancy transactions, keys, policies and grants come back (short).';
REVOKE ALL ON FUNCTION monay_private.legacy_unswap() FROM PUBLIC;

CREATE FUNCTION monay_private.legacy_run_inline(
    p_direction text
    , p_batches boolean
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
AS $$
/* Runs every pending step of p_direction inside the current transaction, on a
   database small enough for that (a fresh install; the migration's rollback):
   ddl without CONCURRENTLY, batches until they return 0 (or, p_batches false,
   marked done: a fresh database has nothing to move), hooks skipped. */
DECLARE
    v_step record;
    v_stmt text;
    v_n    bigint;
BEGIN
    FOR v_step IN SELECT * FROM monay_private.legacy_steps s
                  WHERE s.direction = p_direction AND s.status <> 'done' ORDER BY s.ord LOOP
        IF v_step.kind = 'batch' AND p_batches THEN
            LOOP
                EXECUTE v_step.body INTO v_n USING 100000;
                EXIT WHEN coalesce(v_n, 0) = 0;
            END LOOP;
        ELSIF v_step.kind = 'ddl' THEN
            EXECUTE replace(v_step.body, ' CONCURRENTLY', '');
        ELSIF v_step.kind = 'ddl_list' THEN
            FOR v_stmt IN EXECUTE v_step.body LOOP
                EXECUTE replace(v_stmt, ' CONCURRENTLY', '');
            END LOOP;
        END IF;
        UPDATE monay_private.legacy_steps SET status = 'done', finished_at = clock_timestamp()
        WHERE direction = v_step.direction AND ord = v_step.ord;
    END LOOP;
END;
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_run_inline(text, boolean) FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- The steps (data). Batch functions live in sql/functions/legacy/.
-- ---------------------------------------------------------------------------

INSERT INTO monay_private.legacy_steps (direction, ord, name, kind, body, description) VALUES
('migrate', 10, 'personal_tenants', 'batch', 'SELECT monay_private.legacy_personal_tenants_batch($1)',
 'every user with platform rows gets a personal tenant (monay.create_tenant: individual, free, owner)'),
('migrate', 20, 'wallets_tenant_id', 'batch', 'SELECT monay_private.legacy_backfill_batch(''wallets'', $1)',
 'wallets.tenant_id := the owner''s personal tenant'),
('migrate', 30, 'cards_tenant_id', 'batch', 'SELECT monay_private.legacy_backfill_batch(''cards'', $1)',
 'cards.tenant_id := the owner''s personal tenant'),
('migrate', 40, 'invoices_tenant_id', 'batch', 'SELECT monay_private.legacy_backfill_batch(''invoices'', $1)',
 'invoices.tenant_id := the owner''s personal tenant'),
('migrate', 50, 'validate_tenant_ids', 'ddl_list', $s$SELECT format('ALTER TABLE monay.%I VALIDATE CONSTRAINT %I', t, t || c) FROM unnest(ARRAY['wallets', 'cards', 'invoices']) t, unnest(ARRAY['_tenant_id_not_null', '_tenant_id_fkey']) c$s$,
 'VALIDATE the NOT NULL checks and tenant foreign keys (SHARE UPDATE EXCLUSIVE: writes go on)'),
('migrate', 60, 'wallets_tenant_key', 'ddl', 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS wallets_tenant_id_id_key ON monay.wallets (tenant_id, id)',
 'unique (tenant_id, id) on wallets, for the composite foreign keys'),
('migrate', 80, 'transactions_move', 'batch', 'SELECT monay_private.legacy_move_transactions_batch($1)',
 'copy transactions into the partitioned table in block ranges, with their tenant and mirror rows'),
('migrate', 85, 'transactions_fkeys', 'ddl_list', 'SELECT monay_private.legacy_transactions_fkey_statements()',
 'composite foreign keys of the new transactions to (tenant_id, id) of wallets: per partition NOT VALID, VALIDATE, then the parent''s (attached, no scan)'),
('migrate', 90, 'cards_tenant_key', 'ddl', 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS cards_tenant_id_id_key ON monay.cards (tenant_id, id)',
 'unique (tenant_id, id) on cards'),
('migrate', 100, 'invoices_tenant_key', 'ddl', 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_tenant_id_id_key ON monay.invoices (tenant_id, id)',
 'unique (tenant_id, id) on invoices'),
('migrate', 110, 'invoices_number_key', 'ddl', 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_tenant_id_invoice_number_key ON monay.invoices (tenant_id, invoice_number)',
 'invoice numbers unique per tenant'),
('migrate', 120, 'cards_wallet_fkey', 'ddl_list', $s$SELECT 'ALTER TABLE monay.cards ADD CONSTRAINT cards_wallet_fkey FOREIGN KEY (tenant_id, wallet_id) REFERENCES monay.wallets (tenant_id, id) NOT VALID' WHERE NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'cards_wallet_fkey') UNION ALL SELECT 'ALTER TABLE monay.cards VALIDATE CONSTRAINT cards_wallet_fkey'$s$,
 'a card''s wallet is in the card''s tenant: composite foreign key, NOT VALID then VALIDATE'),
('migrate', 130, 'transactions_indexes', 'ddl_list', 'SELECT monay_private.legacy_transactions_index_statements()',
 'secondary indexes of the new transactions, per partition CONCURRENTLY, then attached to the parent'),
('migrate', 140, 'default_groups', 'batch', 'SELECT monay_private.groups_default_groups_batch($1)',
 'default households from legacy cards on another user''s wallet (groups, monay_private.create_default_groups)'),
('migrate', 150, 'swap', 'ddl', 'SELECT monay_private.legacy_swap()',
 'the short swap: new transactions take the name, keys with tenant_id, tenant RLS, writes only through functions'),
('rollback', 10, 'pre_tenancy_keys', 'ddl_list', 'SELECT monay_private.legacy_pre_tenancy_key_statements()',
 'unique indexes for the pre-tenancy keys (id; global invoice_number), CONCURRENTLY'),
('rollback', 20, 'unswap', 'ddl', 'SELECT monay_private.legacy_unswap()',
 'the short swap back: the kept pre-tenancy transactions, keys, policies and grants'),
('rollback', 30, 'validate_pre_tenancy_fkeys', 'ddl_list', $s$SELECT format('ALTER TABLE %s VALIDATE CONSTRAINT %I', c.conrelid::regclass, c.conname) FROM pg_constraint c WHERE c.contype = 'f' AND NOT c.convalidated AND c.conname IN ('transactions_wallet_id_fkey', 'transactions_counterparty_wallet_id_fkey', 'cards_wallet_id_fkey')$s$,
 'VALIDATE the restored foreign keys');

-- The foreign keys of the new transactions (statements for step transactions_fkeys).
-- Added after the move, so that its batches skip a row-locking check per row.
-- PostgreSQL 15 refuses NOT VALID on a partitioned table: each partition gets
-- its own, validated online (SHARE UPDATE EXCLUSIVE), then the parent's key
-- attaches them without a scan.
CREATE FUNCTION monay_private.legacy_transactions_fkey_statements()
    RETURNS SETOF text
    LANGUAGE sql STABLE
AS $$
    WITH fk (suffix, cols) AS (VALUES
        ('wallet_fkey', '(tenant_id, wallet_id)'),
        ('counterparty_fkey', '(counterparty_tenant_id, counterparty_wallet_id)')),
    parts AS (
        SELECT c.relname::text AS part FROM pg_catalog.pg_inherits i
        JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'monay_private.transactions_tenant'::regclass)
    SELECT stmt FROM (
        SELECT 1 AS o, fk.suffix, p.part,
               format('ALTER TABLE monay_private.%I ADD CONSTRAINT %I FOREIGN KEY %s REFERENCES monay.wallets (tenant_id, id) NOT VALID',
                      p.part, p.part || '_' || fk.suffix, fk.cols) AS stmt
        FROM fk CROSS JOIN parts p
        WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conname = p.part || '_' || fk.suffix)
        UNION ALL
        SELECT 2, fk.suffix, p.part, format('ALTER TABLE monay_private.%I VALIDATE CONSTRAINT %I', p.part, p.part || '_' || fk.suffix)
        FROM fk CROSS JOIN parts p
        UNION ALL
        SELECT 3, fk.suffix, '', format('ALTER TABLE monay_private.transactions_tenant ADD CONSTRAINT %I FOREIGN KEY %s REFERENCES monay.wallets (tenant_id, id)',
                                        'transactions_tenant_' || fk.suffix, fk.cols)
        FROM fk WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conname = 'transactions_tenant_' || fk.suffix)) s
    ORDER BY o, suffix, part
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_transactions_fkey_statements() FROM PUBLIC;

-- The secondary indexes of the new transactions (statements for step transactions_indexes).
CREATE FUNCTION monay_private.legacy_transactions_index_statements()
    RETURNS SETOF text
    LANGUAGE sql STABLE
AS $$
/* Per partition: CREATE INDEX CONCURRENTLY IF NOT EXISTS, then the parent's
   index ON ONLY and ATTACH PARTITION (so the parent is never scanned). */
    WITH ix (suffix, cols, uniq) AS (VALUES
        ('wallet_idx', '(tenant_id, wallet_id, created_at, id)', ''),
        ('counterparty_idx', '(tenant_id, counterparty_wallet_id)', ''),
        ('idempotency_key', '(tenant_id, idempotency_key)', 'UNIQUE ')),
    parts AS (
        SELECT c.relname::text AS part FROM pg_catalog.pg_inherits i
        JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'monay_private.transactions_tenant'::regclass)
    SELECT stmt FROM (
        SELECT 1 AS o, ix.suffix, p.part,
               format('CREATE %sINDEX CONCURRENTLY IF NOT EXISTS %I ON monay_private.%I %s',
                      ix.uniq, p.part || '_' || ix.suffix, p.part, ix.cols) AS stmt
        FROM ix CROSS JOIN parts p
        UNION ALL
        SELECT 2, ix.suffix, '', format('CREATE %sINDEX IF NOT EXISTS %I ON ONLY monay_private.transactions_tenant %s',
                                        ix.uniq, 'transactions_tenant_' || ix.suffix, ix.cols)
        FROM ix
        UNION ALL
        SELECT 3, ix.suffix, p.part, format('ALTER INDEX monay_private.%I ATTACH PARTITION monay_private.%I',
                                            'transactions_tenant_' || ix.suffix, p.part || '_' || ix.suffix)
        FROM ix CROSS JOIN parts p) s
    ORDER BY o, suffix, part
$$;
REVOKE ALL ON FUNCTION monay_private.legacy_transactions_index_statements() FROM PUBLIC;

-- A fresh database (the four tables empty): every step now, inline.
DO $$
BEGIN
    IF current_setting('monay.legacy_fresh')::boolean THEN
        PERFORM monay_private.legacy_run_inline('migrate', false);
    END IF;
END
$$;

RESET ROLE;
