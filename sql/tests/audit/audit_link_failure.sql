-- monay_private.audit_link_failure: closes the failed connection, returns one line with the DETAIL.
BEGIN;
SELECT plan(4);

SELECT is(monay_private.audit_link_failure('alf_none', E'could not establish\n connection',
                                           E'connection to server failed:  Peer authentication failed\n'),
          'could not establish connection: connection to server failed: Peer authentication failed',
          'message and detail in one line, whitespace folded');
SELECT is(monay_private.audit_link_failure('alf_none', 'boom', NULL), 'boom', 'no detail: the message alone');
SELECT monay_private.dblink_connect_u('alf_open', (SELECT dsn FROM monay_private.audit_link));
SELECT is(monay_private.audit_link_failure('alf_open', 'x', ''), 'x', 'an empty detail adds nothing');
SELECT ok(NOT ('alf_open' = ANY (coalesce(monay_private.dblink_get_connections(), '{}'))),
          'the open connection is closed');

SELECT * FROM finish();
ROLLBACK;
