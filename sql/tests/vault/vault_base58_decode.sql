-- monay_private.vault_base58_decode: bytes of a base58 string, NULL when invalid.
BEGIN;
SELECT plan(9);

SELECT has_function('monay_private', 'vault_base58_decode', ARRAY['text'], 'vault_base58_decode(text) exists');
SELECT is(monay_private.vault_base58_decode('11111111111111111111111111111111'), decode(repeat('00', 32), 'hex'),
          'thirty-two 1s are 32 zero bytes (the system program address)');
SELECT is(length(monay_private.vault_base58_decode('HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk')), 32,
          'a Solana address is 32 bytes');
SELECT is(monay_private.vault_base58_decode(tests.base58('\x00ff10'::bytea)), '\x00ff10'::bytea,
          'decode inverts encode, leading zero byte included');
SELECT is(monay_private.vault_base58_decode(tests.vault_address('x')), sha256(convert_to('address:x', 'UTF8')),
          'a 32-byte value round-trips');
SELECT is(monay_private.vault_base58_decode('0OIl'), NULL, '0, O, I and l are not base58');
SELECT is(monay_private.vault_base58_decode('abc def'), NULL, 'a space is not base58');
SELECT is(monay_private.vault_base58_decode(repeat('2', 101)), NULL, 'over 100 characters: refused without work');
SELECT is(monay_private.vault_base58_decode(''), ''::bytea, 'the empty string is no bytes');

SELECT * FROM finish();
ROLLBACK;
