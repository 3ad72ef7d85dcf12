-- monay_private.vault_allocations_append_only: the account ledger never changes or shrinks.
BEGIN;
SELECT plan(6);

SELECT tests.make_tenant('vledger_a');

SELECT has_trigger('monay_private', 'vault_account_allocations', 'vault_account_allocations_append_only',
                   'the ledger has its append-only trigger');
SELECT throws_ok($$ UPDATE monay_private.vault_account_allocations SET account_index = account_index + 1000000
                    WHERE tenant_id = tests.id('vledger_a') $$, 'MV009', NULL, 'UPDATE is refused (MV009)');
SELECT throws_ok($$ DELETE FROM monay_private.vault_account_allocations WHERE tenant_id = tests.id('vledger_a') $$,
                 'MV009', NULL, 'DELETE is refused (MV009)');
SELECT throws_ok($$ TRUNCATE monay_private.vault_account_allocations CASCADE $$, 'MV009', NULL,
                 'TRUNCATE is refused (MV009)');
SET LOCAL ROLE monay_owner;
SELECT throws_ok($$ DELETE FROM monay_private.vault_account_allocations $$, 'MV009', NULL,
                 'also for the owner role');
RESET ROLE;
SET LOCAL ROLE monay_app;
SELECT throws_ok($$ SELECT 1 FROM monay_private.vault_account_allocations $$, '42501', NULL,
                 'the application cannot even read it');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
