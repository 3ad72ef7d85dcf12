-- monay_private.base64url_decode: base64url without padding (JWT segments) to bytea.
-- Internal (only monay_owner may execute it): called as the test superuser.
BEGIN;
SELECT plan(9);

SELECT has_function('monay_private', 'base64url_decode', ARRAY['text'], 'base64url_decode(text) exists');
SELECT isnt_definer('monay_private', 'base64url_decode', ARRAY['text'], 'base64url_decode is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.base64url_decode(text)', 'EXECUTE'),
          'monay_app cannot execute base64url_decode');

SELECT is(monay_private.base64url_decode('aGVsbG8'), convert_to('hello', 'UTF8'), 'decodes a segment missing one "="');
SELECT is(monay_private.base64url_decode('aGk'), convert_to('hi', 'UTF8'), 'decodes a segment missing two "="');
SELECT is(monay_private.base64url_decode('-_8'), '\xfbff'::bytea, '"-" and "_" are the URL alphabet for "+" and "/"');
SELECT is(monay_private.base64url_decode(monay_private.base64url_encode(b)), b,
          'round trip with base64url_encode on 257 random bytes')
FROM (SELECT gen_random_bytes(257) AS b) x;
SELECT throws_ok($$ SELECT monay_private.base64url_decode('ab*d') $$, '22023', NULL,
                 'a character outside the alphabet raises 22023');
SELECT throws_ok($$ SELECT monay_private.base64url_decode('abcde') $$, '22023', NULL,
                 'a length of 1 mod 4 (no valid encoding) raises 22023');

SELECT * FROM finish();
ROLLBACK;
