"""README.md's generated sections agree with the database (`monaydb docs --check`)."""

from __future__ import annotations

import pytest

from monaydb import docs
from monaydb.database import Target


def test_readme_sqlstate_table_is_generated_from_the_registry(db: Target) -> None:
    current = docs.README.read_text()
    assert docs.render(current, docs.sqlstate_table(db)) == current, (
        "README.md's SQLSTATE table is stale: run `monaydb docs` and commit README.md")


def test_render_refuses_a_readme_without_the_markers() -> None:
    with pytest.raises(RuntimeError, match="no generated SQLSTATE section"):
        docs.render("# a README without the section\n", "| table |")


def test_many_raisers_are_summarised_and_server_codes_named() -> None:
    names = [f"monay.f{i}" for i in range(12)]
    assert docs._raised_by("function", names).startswith("12 functions, e.g. f0, f1")
    assert docs._raised_by("server", None) == "PostgreSQL"
    assert docs._raised_by("function", ["monay.a", "writes to monay.t"]) == "a, writes to monay.t"
