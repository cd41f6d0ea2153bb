"""Small hand-made data sets whose answers are known, for the network analyses."""

from __future__ import annotations

from itertools import combinations

from turquesa.analysis.dataset import (
    CaseRecord,
    Dataset,
    EventRecord,
    IdentifierRecord,
    LinkRecord,
    MovementRecord,
    PersonRecord,
    Scope,
)

AGENCIES = {"CO-DIJIN": "CO", "PA-SENAFRONT": "PA", "MX-FGR": "MX", "CR-OIJ": "CR"}


class Builder:
    """Adds records to one Dataset; record ids are made up from the entity and case."""

    def __init__(self) -> None:
        self.dataset = Dataset(scope=Scope(), agencies=dict(AGENCIES))
        self._links = 0

    def case(self, agency: str, case_id: str, opened: str = "2023-01-01") -> str:
        self.dataset.cases[(agency, case_id)] = CaseRecord(
            agency, case_id, f"Case {case_id}", "smuggling", (), opened, "open", "agency"
        )
        return case_id

    def person(
        self,
        agency: str,
        entity: str,
        case_id: str | None,
        role: str = "suspect",
        roles: tuple[str, ...] = ("smuggler",),
        label: str | None = None,
    ) -> str:
        rid = f"{entity}@{case_id or 'none'}:{role}"
        if case_id and (agency, case_id) not in self.dataset.cases:
            self.case(agency, case_id)
        self.dataset.persons[(agency, rid)] = PersonRecord(
            agency=agency,
            record_id=rid,
            case_id=case_id,
            role=role,
            entity_id=entity,
            perpetrator_roles=roles if role in ("suspect", "facilitator") else (),
            sex="M",
            age=30,
            nationality=("CO",),
            country="CO",
            exploitation_types=("sexual",) if role == "victim" else (),
            recruitment_method=None,
            means_of_control=(),
            label=label or f"Name of {entity}",
            date="2023-01-01",
        )
        return rid

    def link(self, agency: str, a: str, b: str, relation: str = "associate") -> None:
        self._links += 1
        self.dataset.links.append(
            LinkRecord(agency, f"L{self._links}", None, a, b, relation, "2023-02-01", None)
        )

    def identifier(self, agency: str, rid: str, kind: str, value: str) -> None:
        self.dataset.identifiers.append(IdentifierRecord(agency, rid, kind, value, None, None))

    def event(self, agency: str, rid: str, persons: tuple[str, ...], kind: str = "arrest") -> None:
        self.dataset.events.append(
            EventRecord(
                agency, rid, None, kind, "2023-03-01", None, None, None, None, None, persons,
                None, None, None, None, None,
            )
        )  # fmt: skip

    def movement(
        self, agency: str, rid: str, persons: tuple[str, ...], facilitator: str | None
    ) -> None:
        self.dataset.movements.append(
            MovementRecord(
                agency, rid, None, persons, "Turbo", "turbo", "CO", "Colón", "colon", "PA",
                "2023-04-01", "2023-04-03", "sea", None, None, facilitator, None, None,
            )
        )  # fmt: skip

    def gang(self, agency: str, prefix: str, size: int, cases: int = 3) -> list[str]:
        """A group whose members stand trial together in `cases` cases and talk to
        each other: entities PREFIX1..PREFIXn."""
        members = [f"{prefix}{i}" for i in range(1, size + 1)]
        for c in range(cases):
            case_id = f"{prefix}-case-{c}"
            for m in members:
                self.person(agency, m, case_id)
        first_case = f"{prefix}-case-0"
        for a, b in combinations(members, 2):
            self.link(
                agency, f"{a}@{first_case}:suspect", f"{b}@{first_case}:suspect", "communicated"
            )
        return members
