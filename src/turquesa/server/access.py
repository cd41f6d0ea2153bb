"""Who may see what: the one visibility rule every query of the server goes through.

An agency's records are seen by the agency itself and by whom its sharing rule names
(`agencies:CODE;CODE`, `network:NAME`, `all`), and by an agency it disclosed a record
to, one record at a time. A judge sees only what was disclosed for a case. Hit/no-hit
search is the one deliberate exception (see `search.py`): it learns that an invisible
record exists, and says no more than "hit — ask agency X".

Victim records carry a second rule: identity is shown only to the owner agency's
investigators, prosecutors and victim-support staff; everyone else sees a pseudonym,
the category, sex and age group (`export.privacy.protect`).

Every endpoint takes its records through `visible()` or `scope_for()`, so none can
forget the rule; the authorisation tests check each endpoint against each role and
each sharing rule.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, literal, or_, select

from turquesa.analysis.dataset import Scope
from turquesa.export.privacy import protect
from turquesa.server.accounts import Viewer
from turquesa.storage.tables import disclosures, records

#: Roles of the owner agency that may see a victim's identity.
VICTIM_IDENTITY_ROLES = frozenset({"investigator", "prosecutor", "victim_support"})
#: Roles that may learn that a victim record exists elsewhere (a hit on one).
KNOWS_OF_VICTIMS = VICTIM_IDENTITY_ROLES


def _disclosed(viewer: Viewer, for_case: bool) -> ColumnElement[bool]:
    condition = and_(
        disclosures.c.to_agency == viewer.agency,
        disclosures.c.owner_agency == records.c.agency,
        disclosures.c.record_id == records.c.record_id,
    )
    if for_case:
        condition = and_(condition, disclosures.c.case_ref.is_not(None))
    return exists(select(literal(1)).where(condition))


def judge_only(viewer: Viewer) -> bool:
    return viewer.roles == frozenset({"judge"})


def visible(viewer: Viewer) -> ColumnElement[bool]:
    """The SQL condition over `records` of what `viewer` may see (current versions are
    the caller's filter: history is visible under the same rule)."""
    if judge_only(viewer):
        return _disclosed(viewer, for_case=True)
    listed = literal(";") + records.c.sharing + literal(";")
    named = and_(
        records.c.sharing.like("agencies:%"),
        listed.like(f"%;{viewer.agency};%") | listed.like(f"%:{viewer.agency};%"),
    )
    networks = (
        records.c.sharing.in_(sorted(f"network:{n}" for n in viewer.networks))
        if viewer.networks
        else false()
    )
    return or_(
        records.c.agency == viewer.agency,
        records.c.sharing == "all",
        networks,
        named,
        _disclosed(viewer, for_case=False),
    )


def scope_for(viewer: Viewer) -> Scope:
    """The analysis scope of what `viewer` may see. Its name keys cached results and
    group ids: viewers who see the same records share it."""
    name = f"judge:{viewer.agency}" if judge_only(viewer) else f"agency:{viewer.agency}"
    return Scope(name=name, where=lambda: visible(viewer))


def sees_victim_identity(viewer: Viewer, owner_agency: str) -> bool:
    return owner_agency == viewer.agency and viewer.has(*VICTIM_IDENTITY_ROLES)


def present(record: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
    """A visible record as this viewer may read it: victims pseudonymised unless the
    viewer may see their identity."""
    if record.get("role") == "victim" and not sees_victim_identity(viewer, record["agency"]):
        return protect(record)
    return record
