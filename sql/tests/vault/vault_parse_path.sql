-- monay_private.vault_parse_path: hardened indexes of a path, MV003 otherwise.
BEGIN;
SELECT plan(9);

SELECT has_function('monay_private', 'vault_parse_path', ARRAY['text'], 'vault_parse_path(text) exists');
SELECT is(monay_private.vault_parse_path('m/44''/501''/7''/0''/3'''), ARRAY[44, 501, 7, 0, 3]::bigint[],
          'every level of an address path');
SELECT is(monay_private.vault_parse_path('m/2147483647'''), ARRAY[2147483647]::bigint[], 'the largest hardened index');
SELECT throws_ok($$ SELECT monay_private.vault_parse_path('m/44''/501''/0') $$, 'MV003', NULL,
                 'a level that is not hardened: MV003');
SELECT throws_ok($$ SELECT monay_private.vault_parse_path('m/44h/501h') $$, 'MV003', NULL, 'h-notation: MV003');
SELECT throws_ok($$ SELECT monay_private.vault_parse_path('m') $$, 'MV003', NULL, 'no level: MV003');
SELECT throws_ok($$ SELECT monay_private.vault_parse_path(' m/44''') $$, 'MV003', NULL, 'a leading space: MV003');
SELECT throws_ok($$ SELECT monay_private.vault_parse_path('m/2147483648''') $$, 'MV003',
                 'malformed derivation path m/2147483648'': a hardened index is at most 2147483647',
                 'an index beyond 2^31 - 1: MV003 naming the path');
SELECT throws_ok($$ SELECT monay_private.vault_parse_path(NULL) $$, 'MV003', NULL, 'NULL: MV003');

SELECT * FROM finish();
ROLLBACK;
