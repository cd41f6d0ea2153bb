"""Docs that cannot drift: the model reference is the generated one."""

from __future__ import annotations

from pathlib import Path

from turquesa.model import load_model
from turquesa.model.reference import model_reference

ROOT = Path(__file__).resolve().parents[1]


def test_model_reference_is_up_to_date() -> None:
    expected = model_reference(load_model())
    assert (ROOT / "docs" / "model.md").read_text("utf-8") == expected, (
        "docs/model.md is stale: run `turquesa model --output docs/model.md`"
    )


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    first_block = readme.split("```", 2)[1]
    assert first_block.split() == ["make", "demo", "make", "test"]
