"""The demo's fixtures: who signs up, the tenants they own, the month that gets billed, and the
tokens an application's auth server would mint for them. Data and pure functions only: every
story module imports what it needs from here (no story imports another).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from datetime import UTC, date, datetime

DEMO_DB = os.environ.get("MONAYDB_DEMO_DB", "monay_demo")  # tests use a name of their own

USERS = [  # email, display name, user type
    ("alice@demo.monay", "Alice Doe", "individual"),
    ("bob@demo.monay", "Bob's Bikes", "business"),
    ("carol@demo.monay", "Carol Corp CFO", "business"),
    ("dan@demo.monay", "Dan Doe", "individual"),
]
TENANTS = [  # key, name, tenant type, tier, owner email
    ("alice", "Alice (personal)", "individual", "free", "alice@demo.monay"),
    ("doe", "The Doe household", "household", "free", "alice@demo.monay"),
    ("bikes", "Bob's Bikes LLC", "small_business", "small_business", "bob@demo.monay"),
    ("corp", "Carol Corp", "enterprise", "enterprise", "carol@demo.monay"),
]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_token(secret: str, user_id: str, tenant_id: str, ttl: int = 3600) -> str:
    """An HS256 JWT as the application's auth server would mint it."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps({"sub": user_id, "tenant_id": tenant_id,
                               "exp": int(time.time()) + ttl}).encode())
    sig = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(sig)}"


def previous_month(today: date | None = None) -> date:
    today = today or datetime.now(UTC).date()
    first = today.replace(day=1)
    return (first.replace(year=first.year - 1, month=12) if first.month == 1
            else first.replace(month=first.month - 1))
