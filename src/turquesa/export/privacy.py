"""What an export may say about a victim.

Victim identity is the most protected data in Turquesa: exports leave it out unless
the person exporting asks for it explicitly. A victim record then keeps its
category, sex, age group and nationality (what statistics and analysis need) and
gets a stable pseudonym instead of a name, so rows can still be told apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

PROTECTED_ROLES = frozenset({"victim"})
#: Data fields that identify a person; dropped from a protected record.
IDENTIFYING = (
    "given_names",
    "surnames",
    "full_name",
    "aliases",
    "name_keys",
    "document",
    "phones",
    "emails",
    "handles",
    "address",
    "notes",
    "birth_date",
    "extra",
)


def pseudonym(agency: str, record_id: str) -> str:
    digest = hashlib.sha256(f"{agency}:{record_id}".encode()).hexdigest()[:8].upper()
    return f"V-{digest}"


def age_group(data: dict[str, Any], today: dt.date | None = None) -> str | None:
    """child (under 18) or adult, from the age or the birth year."""
    age = data.get("age")
    if age is None and data.get("birth_date"):
        year = int(str(data["birth_date"])[:4])
        age = (today or dt.date.today()).year - year
    if age is None:
        return None
    return "child" if int(age) < 18 else "adult"


def protect(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of `record` fit to leave the agency: victims pseudonymised."""
    if record.get("role") not in PROTECTED_ROLES:
        return record
    data = dict(record.get("data") or {})
    group = age_group(data)
    for key in IDENTIFYING:
        data.pop(key, None)
    data.pop("age", None)
    if group:
        data["age_group"] = group
    out = dict(record)
    out["data"] = data
    out["raw"] = {}
    out["label"] = pseudonym(record["agency"], record["record_id"])
    out["protected"] = True
    return out
