"""Migration 020 (the idempotency claim): its data steps. Up backfills the usage path's mirror of
tenants.created_at; down gives every operation key stored without a response the response
track_operation returned before 020, rebuilt from its event (the rollback restores data, not
only the schema)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from psycopg.types.json import Jsonb

from monaydb.database import Target, scratch_database
from monaydb.migrations import migrate_down, migrate_up

TENANT = "00000000-0000-4000-8000-000000000020"


@pytest.fixture
def db(server: Target) -> Iterator[Target]:
    with scratch_database(server, "monaydb_m020test") as target:
        yield target


def test_020_backfills_the_mirror_and_its_rollback_restores_the_responses(db: Target) -> None:
    migrate_up(db, to="017_treasury_wallet_links")
    with db.connect() as conn:  # the superuser (no RLS); the function files are not applied here,
        # so the mirror row is written as the sync trigger wrote it before 020
        conn.execute("INSERT INTO monay.tenants (id, name, tenant_type, billing_tier, gross_margin_percent, "
                     "created_at) VALUES (%s, 'm020', 'enterprise', 'enterprise', 70, '2026-01-05 10:00+00')",
                     [TENANT])
        conn.execute("INSERT INTO monay_private.billing_tenant_state (tenant_id, status, billing_tier) "
                     "VALUES (%s, 'active', 'enterprise') ON CONFLICT (tenant_id) DO NOTHING", [TENANT])
    assert migrate_up(db, to="020_idempotency_claim")[-1] == "020_idempotency_claim"
    with db.connect() as conn:
        created = conn.execute("SELECT created_at::text FROM monay_private.billing_tenant_state WHERE tenant_id = %s",
                               [TENANT]).fetchone()
        assert created == ("2026-01-05 10:00:00+00",), "020 backfills created_at into the mirror"
        # One key as track_operation stores it since 020 (id and time, no response), and one
        # stored before 020 (its response).
        conn.execute("INSERT INTO monay.billing_operations (id, tenant_id, operation_type, quantity, "
                     "computation_units, transactions, cost_millicents, occurred_at, billing_period, late, "
                     "idempotency_key) VALUES "
                     "(9001, %s, 'transfer', 2, 2, 2, 200, '2026-02-03 04:05:06+00', '2026-02-01', false, 'new-key')",
                     [TENANT])
        conn.execute("INSERT INTO monay_private.billing_idempotency_keys (tenant_id, scope, idempotency_key, "
                     "fingerprint, operation_id, occurred_at) VALUES (%s, 'operation', 'new-key', 'transfer|2', 9001, "
                     "'2026-02-03 04:05:06+00')", [TENANT])
        conn.execute("INSERT INTO monay_private.billing_idempotency_keys (tenant_id, scope, idempotency_key, "
                     "fingerprint, response) VALUES (%s, 'operation', 'old-key', 'api_call|1', %s)",
                     [TENANT, Jsonb({"operation_id": 7, "duplicate": False})])
    assert migrate_down(db) == ["020_idempotency_claim"]
    with db.connect() as conn:
        rows = dict(conn.execute("SELECT idempotency_key, response FROM monay_private.billing_idempotency_keys "
                                 "WHERE tenant_id = %s", [TENANT]).fetchall())
        columns = {f"{r[0]}.{r[1]}" for r in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'monay_private' "
            "AND table_name IN ('billing_idempotency_keys', 'billing_tenant_state')").fetchall()}
    assert rows["new-key"] == {
        "operation_id": 9001, "tenant_id": TENANT, "operation_type": "transfer", "quantity": 2,
        "computation_units": 2, "transactions": 2, "occurred_at": "2026-02-03T04:05:06+00:00",
        "billing_period": "2026-02-01", "late": False, "duplicate": False}, "the response is rebuilt from the event"
    assert rows["old-key"] == {"operation_id": 7, "duplicate": False}, "a stored response stays as it was"
    assert not columns & {"billing_idempotency_keys.operation_id", "billing_idempotency_keys.occurred_at",
                          "billing_tenant_state.created_at"}, "the columns of 020 are gone"
    assert migrate_up(db, to="020_idempotency_claim")[-1] == "020_idempotency_claim", "020 applies again"
