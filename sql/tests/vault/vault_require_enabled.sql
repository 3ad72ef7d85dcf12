-- monay_private.vault_require_enabled: MV001 when HD_WALLET_ENABLED is off.
BEGIN;
SELECT plan(4);

SELECT is(monay.get_setting('HD_WALLET_ENABLED'), 'true'::jsonb, 'HD wallets are enabled by default');
SELECT lives_ok($$ SELECT monay_private.vault_require_enabled('x') $$, 'enabled: passes');
UPDATE monay.settings SET value = 'false' WHERE key = 'HD_WALLET_ENABLED';
SELECT throws_ok($$ SELECT monay_private.vault_require_enabled('get_wallet_path') $$, 'MV001',
                 'get_wallet_path: HD wallet derivation is disabled (setting HD_WALLET_ENABLED is false)',
                 'disabled: MV001 naming the operation and the setting');
SELECT is(monay.get_setting('HSM_INTEGRATION'), 'false'::jsonb, 'HSM_INTEGRATION is a setting, off by default');

SELECT * FROM finish();
ROLLBACK;
