-- monay_private.create_default_groups: households from legacy cards on other users' wallets; idempotent, batched.
BEGIN;
SELECT plan(11);

-- Legacy data, as the baseline tables hold it: A owns wallets; B and C hold cards on A's wallet (C with a limit);
-- D holds a card on E's wallet but E has no personal tenant; F's card is on F's own wallet.
SELECT tests.make_tenant('cdg_a');
SELECT tests.make_tenant('cdg_d');
SELECT tests.make_user('cdg_b'); SELECT tests.make_user('cdg_c'); SELECT tests.make_user('cdg_e'); SELECT tests.make_user('cdg_f');
SELECT tests.make_tenant('cdg_shared', 'free', 'individual');
SELECT tests.add_member('cdg_shared', 'cdg_e', 'owner');
SELECT tests.make_tenant('cdg_g');
SELECT tests.groups_card('cdg_b', tests.groups_wallet('cdg_a_owner'), '1111');
SELECT tests.groups_card('cdg_c', tests.groups_wallet('cdg_a_owner'), '2222', 2500);
SELECT tests.groups_card('cdg_d_owner', tests.groups_wallet('cdg_e'), '3333');
SELECT tests.groups_card('cdg_f', tests.groups_wallet('cdg_f'), '4444');
SELECT tests.groups_card('cdg_b', tests.groups_wallet('cdg_g_owner'), '5555', NULL, 'amex');

SELECT is_definer('monay_private', 'create_default_groups', ARRAY['integer'], 'create_default_groups is SECURITY DEFINER');

SELECT tests.act_as_platform();
SELECT tests.as_superuser();  -- the legacy pipeline runs as the migrating role, in a platform context
SELECT is(monay_private.create_default_groups(1), 1, 'a batch of one makes one household');
SELECT is(monay_private.create_default_groups(10), 1, 'the next batch makes the other');
SELECT is(monay_private.create_default_groups(10), 0, 'then nothing is left: 0');
SELECT is((SELECT count(*) FROM monay.groups WHERE idempotency_key LIKE 'legacy-household:%'), 2::bigint,
          'two households (E, the shared tenant''s co-owner, has no personal tenant; F shares with nobody)');
SELECT is((SELECT array_agg(u.display_name || ':' || m.role || ':' || coalesce(m.allowance_cents::text, '-') ORDER BY u.display_name)
           FROM monay.groups g JOIN monay.group_members m ON m.group_id = g.id JOIN monay.users u ON u.id = m.member_user_id
           WHERE g.tenant_id = tests.id('cdg_a')),
          ARRAY['cdg_a_owner:head:-', 'cdg_b:adult:-', 'cdg_c:dependent:2500'],
          'A heads it; B an adult, C a dependent with the card''s limit as allowance');
SELECT is((SELECT g.tenant_id FROM monay.groups g JOIN monay.group_members m ON m.group_id = g.id
           WHERE m.member_user_id = tests.user_id('cdg_g_owner')), tests.id('cdg_g'),
          'the household is owned by the head''s personal tenant');

-- a new card later: the rerun completes the existing household
SELECT tests.groups_card('cdg_f', tests.groups_wallet('cdg_a_owner'), '6666');
SELECT is(monay_private.create_default_groups(10), 1, 'a new card: one household completed');
SELECT is((SELECT member_count FROM monay.groups WHERE tenant_id = tests.id('cdg_a')), 4::bigint, 'with its new member');
SELECT is(monay_private.create_default_groups(10), 0, 'idempotent');

SELECT tests.act_as('cdg_a');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.create_default_groups(10) $$, '42501', NULL, 'outside the platform context: 42501');

SELECT * FROM finish();
ROLLBACK;
