"""What only the whole submission can tell: repeated ids, references, versions.

The loader keeps one `SubmissionState` per load: the ids this submission has given so
far and the agency's records already in the database, so that a reference can be
checked against both without a query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from turquesa.ingest.rows import CleanRow

Problem = tuple[str | None, str | None, str]


@dataclass
class SubmissionState:
    """What the loader knows across rows: ids seen, records already in the database."""

    agency: str
    existing: dict[str, tuple[str, int]]
    cases: dict[str, tuple[int, str]]
    seen: dict[str, str] = field(default_factory=dict)  # record_id -> kind (this submission)
    seen_cases: dict[str, str] = field(default_factory=dict)  # case_id -> sharing
    bad: set[str] = field(default_factory=set)  # ids of rows refused (skip mode)
    failed: bool = False

    def kind_of(self, record_id: str) -> str | None:
        if record_id in self.seen:
            return self.seen[record_id]
        if record_id in self.existing:
            return self.existing[record_id][0]
        return None

    def resolve(self, ref: str, kinds: tuple[str, ...]) -> str | None:
        """The kind of the record `ref` names, among records and (if allowed) cases."""
        if kinds != ("case",):
            kind = self.kind_of(ref)
            if kind is not None:
                return kind
        if "case" in kinds and (ref in self.seen_cases or ref in self.cases):
            return "case"
        return None

    def forget(self, ref: str, is_case: bool) -> None:
        """A retracted record can no longer be referred to."""
        if is_case:
            self.seen_cases.pop(ref, None)
            self.cases.pop(ref, None)
        else:
            self.seen.pop(ref, None)
            self.existing.pop(ref, None)

    def case_sharing(self, case_id: str | None) -> str | None:
        if not case_id:
            return None
        if case_id in self.seen_cases:
            return self.seen_cases[case_id]
        if case_id in self.cases:
            return self.cases[case_id][1]
        return None


ANY_KIND = ("person", "organization", "event", "movement", "link", "case")


def cross_row_errors(clean: CleanRow, state: SubmissionState) -> list[Problem]:
    """What only the whole submission can tell: repeated ids, dangling references."""
    errors: list[Problem] = []
    if clean.errors:
        return errors
    if clean.record_id is not None:
        is_case = clean.template == "cases"
        column = "case_id" if is_case else "record_id"
        if clean.record_id in (state.seen_cases if is_case else state.seen):
            errors.append((column, clean.record_id, "this id appears twice in the submission"))
        elif not is_case and clean.record_id in state.existing:
            before = state.existing[clean.record_id][0]
            if before != clean.kind:
                errors.append(
                    (
                        column,
                        clean.record_id,
                        f"record {clean.record_id} is a {before}; "
                        f"a new version cannot change its kind to {clean.kind}",
                    )
                )
    for column, ref, kinds in clean.refs:
        kind = state.resolve(ref, kinds)
        if kind is None:
            what = "case" if kinds == ("case",) else "record"
            reason = (
                f"{what} {ref} was refused in this submission"
                if ref in state.bad
                else f"{what} {ref} was never submitted by {state.agency}"
            )
            errors.append((column, ref, reason))
        elif kind not in kinds:
            errors.append((column, ref, f"record {ref} is a {kind}, not a {' or '.join(kinds)}"))
    return errors
