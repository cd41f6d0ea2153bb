"""The model is defined once, checked on load, and matches the exchange templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from turquesa.model import RECORD_KINDS, ModelError, load_model
from turquesa.model.schema import parse_model

EXCHANGE = Path(__file__).resolve().parents[2] / "shared" / "exchange" / "README.md"


def test_every_record_kind_has_a_template() -> None:
    model = load_model()
    assert {t.record_kind for t in model.templates.values()} >= set(RECORD_KINDS)


def test_entity_kinds_are_those_of_the_product() -> None:
    assert set(load_model().entity_kinds) == {
        "Person",
        "Organization",
        "Phone",
        "Email",
        "OnlineAccount",
        "IdentityDocument",
        "Place",
        "Vehicle",
        "BankAccount",
        "Case",
        "Event",
        "Movement",
        "Link",
        "Agency",
        "Network",
    }


@pytest.mark.skipif(not EXCHANGE.exists(), reason=f"{EXCHANGE} not beside the project")
def test_every_exchange_column_is_in_the_model() -> None:
    model = load_model()
    text = EXCHANGE.read_text("utf-8")
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        name = section.split(".csv", 1)[0].strip()
        if name not in model.templates:
            continue
        for line in section.splitlines():
            match = re.match(r"^\| ([a-z_, ]+) \|", line)
            if match and match[1].strip() != "column":
                for column in match[1].split(","):
                    known = set(model.templates[name].fields) | set(model.common_fields)
                    assert column.strip() in known, (name, column)


def test_a_broken_model_file_fails_on_load() -> None:
    model = {
        "version": 1,
        "vocabularies": {"role": ["a"]},
        "entity_kinds": {},
        "templates": {
            "x": {"record_kind": None, "fields": {"y": {"type": "enum", "vocabulary": "nope"}}}
        },
    }
    with pytest.raises(ModelError, match="vocabulary 'nope'"):
        parse_model(model)
