"""Tokens minted with PyJWT: standard HS256 JWTs are accepted; expired, not yet
valid, wrongly signed, alg-none and tampered ones are refused with their
SQLSTATE; and every refusal is recorded durably, surviving the caller's rollback."""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid

import jwt
import psycopg
import pytest

from conftest import TEST_JWT_SECRET
from monaydb.database import Target


@pytest.fixture
def tenant(db: Target) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """(tenant a, its owner, tenant b) created through our functions."""
    with db.connect() as conn:
        conn.execute("SELECT monay.set_platform_context()")
        owner = conn.execute("SELECT id FROM monay.create_user('ann@example.test', 'Ann')").fetchone()[0]  # type: ignore[index]
        a = conn.execute("SELECT id FROM monay.create_tenant('a', 'household', NULL, %s)", [owner]).fetchone()[0]  # type: ignore[index]
        other = conn.execute("SELECT id FROM monay.create_user('bob@example.test', 'Bob')").fetchone()[0]  # type: ignore[index]
        b = conn.execute("SELECT id FROM monay.create_tenant('b', 'household', NULL, %s)", [other]).fetchone()[0]  # type: ignore[index]
        conn.commit()
    return a, owner, b


def _claims(user: uuid.UUID, tenant: uuid.UUID, **extra: object) -> dict[str, object]:
    return {"sub": str(user), "tenant_id": str(tenant), "exp": int(time.time()) + 3600, **extra}


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _app(db: Target, app_login: str) -> psycopg.Connection:
    return psycopg.connect(db.conninfo + f" user={app_login}")


def _events(db: Target, token: str) -> int:
    """Durable auth_refused rows for this token (superuser: no RLS)."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    with db.connect() as conn:
        row = conn.execute("SELECT count(*) FROM monay.audit_log WHERE action = 'auth_refused' "
                           "AND detail ->> 'token_sha256' = %s", [digest]).fetchone()
    assert row is not None
    return int(row[0])


def test_a_pyjwt_token_is_accepted(db: Target, app_login: str, tenant: tuple[uuid.UUID, uuid.UUID, uuid.UUID]) -> None:
    a, owner, _ = tenant
    token = jwt.encode(_claims(owner, a, iat=int(time.time()), iss="monay-tests", nbf=int(time.time()) - 5),
                       TEST_JWT_SECRET, algorithm="HS256", headers={"kid": "k1"})
    with _app(db, app_login) as conn:
        result = conn.execute("SELECT monay.authenticate(%s)", [token]).fetchone()[0]  # type: ignore[index]
        assert result["tenant_id"] == str(a) and result["user_id"] == str(owner) and result["role"] == "owner"
        assert conn.execute("SELECT monay.current_tenant_id()").fetchone() == (a,)
    assert _events(db, token) == 0


def _tampered(owner: uuid.UUID, a: uuid.UUID, b: uuid.UUID) -> str:
    header, _, sig = jwt.encode(_claims(owner, a), TEST_JWT_SECRET, algorithm="HS256").split(".")
    return f"{header}.{_b64(_claims(owner, b))}.{sig}"


REFUSED = {
    "expired": ("MT202", lambda o, a, b: jwt.encode(_claims(o, a, exp=int(time.time()) - 10), TEST_JWT_SECRET,
                                                    algorithm="HS256")),
    "not yet valid": ("MT203", lambda o, a, b: jwt.encode(_claims(o, a, nbf=int(time.time()) + 600), TEST_JWT_SECRET,
                                                          algorithm="HS256")),
    "wrong secret": ("MT201", lambda o, a, b: jwt.encode(_claims(o, a), "x" * 40, algorithm="HS256")),
    "alg none": ("MT201", lambda o, a, b: jwt.encode(_claims(o, a), None, algorithm="none")),
    "HS512": ("MT201", lambda o, a, b: jwt.encode(_claims(o, a), TEST_JWT_SECRET * 2,
                                                  algorithm="HS512")),
    "tampered payload": ("MT201", _tampered),
    "other tenant": ("MT204", lambda o, a, b: jwt.encode(_claims(o, b), TEST_JWT_SECRET, algorithm="HS256")),
    "not a jwt": ("MT201", lambda o, a, b: "eyJhbGciOiJIUzI1NiJ9.garbage"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_token_is_refused_and_recorded_after_rollback(
        db: Target, app_login: str, tenant: tuple[uuid.UUID, uuid.UUID, uuid.UUID], case: str) -> None:
    a, owner, b = tenant
    sqlstate, make = REFUSED[case]
    token = make(owner, a, b)
    with _app(db, app_login) as conn:
        with pytest.raises(psycopg.Error) as err:
            conn.execute("SELECT monay.authenticate(%s)", [token])
        assert err.value.sqlstate == sqlstate, err.value
        conn.rollback()  # the caller's whole transaction is gone...
        assert conn.execute("SELECT monay.current_tenant_id()").fetchone() == (None,)
        conn.rollback()
    assert _events(db, token) == 1  # ...the security event is not


def test_the_app_cannot_read_refusals_about_no_tenant(
        db: Target, app_login: str, tenant: tuple[uuid.UUID, uuid.UUID, uuid.UUID]) -> None:
    a, owner, _ = tenant
    bad = jwt.encode(_claims(owner, a), "y" * 40, algorithm="HS256")  # refused before the claims count
    with _app(db, app_login) as conn:
        with pytest.raises(psycopg.Error):
            conn.execute("SELECT monay.authenticate(%s)", [bad])
        conn.rollback()
        good = jwt.encode(_claims(owner, a), TEST_JWT_SECRET, algorithm="HS256")
        conn.execute("SELECT monay.authenticate(%s)", [good])
        n = conn.execute("SELECT count(*) FROM monay.audit_log WHERE action = 'auth_refused'").fetchone()
        assert n == (0,), "a refusal with no trusted tenant is visible to the platform only"
    assert _events(db, bad) == 1
