"""`monaydb demo`: the main job, end to end, printed.

Migration status and settings of the target, then a fresh `monay_demo`
database: users and tenants on every tier, authentication and context
switching, isolation between tenants, a month of tracked operations, the
monthly billing run, the bills (with the USDXM price) and one payment,
groups, and a vault.

Everything that decides anything happens in SQL; the story modules only call
the functions an application or a platform job would call, in the roles they
would use (`monay_app`, `monay_platform`), and print what comes back:

    demo_fixtures   users, tenants, the month billed, tokens (data only)
    demo_session    the Demo session: printing, connections, roles
    demo_tenancy    sections 1-5      demo_billing    sections 6-9
    demo_groups     sections 10-13    demo_vault      section 14

Each story imports the fixtures and the session, never another story; this
module imports them all.
"""

from __future__ import annotations

from rich.console import Console

from .database import Target
from .demo_billing import billing_story
from .demo_groups import groups_story
from .demo_session import Demo
from .demo_tenancy import tenancy_story
from .demo_vault import vault_story


def run_demo(server: Target, console: Console) -> Demo:
    """Every story, in order, against a fresh demo database beside `server`'s."""
    demo = Demo(server, console)
    tenancy_story(demo)
    billing_story(demo)
    groups_story(demo)
    vault_story(demo)
    demo.console.print()
    assert demo.target is not None
    demo.console.print(f"The demo database stays for you to explore: psql '{demo.target.conninfo}'")
    return demo
