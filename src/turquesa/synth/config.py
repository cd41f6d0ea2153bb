"""Settings and result of one synthetic generation run.

The noise rates are per *record copy*: every time an agency writes down a true person,
each kind of error is drawn independently at its rate. The defaults come from what
analysts see in real multi-agency extracts (one in three records without accents, one in
seven with a single surname, half the phones written another way), so entity resolution
is tested on data that is as messy as the real thing, not cleaner.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Literal

NoiseKind = Literal[
    "typo",
    "one_surname",
    "order_swapped",
    "accents_dropped",
    "alias_only",
    "phone_format",
    "day_month_swapped",
    "missing_field",
    "nickname",
    "transliteration",
    "middle_name_dropped",
    "age_only",
    "birth_year_off",
    "document_format",
    "alias_in_name",
]
"""The name of one NoiseConfig rate, as truth/persons.csv lists the noise of a record.

Spelled out rather than derived from the fields so that a misspelt kind in the renderer
is a type error; a test checks that it lists exactly the fields of NoiseConfig.
"""


@dataclass(frozen=True)
class NoiseConfig:
    """Probability of each kind of error, per record copy (0 turns it off).

    The field names are also the kinds listed, per record, in the ``noise`` column of
    truth/persons.csv (only the kinds that changed that copy).
    """

    typo: float = 0.08
    """One character edit (substitution, deletion, transposition, doubling) in a name."""
    one_surname: float = 0.15
    """Only the first of two surnames written."""
    order_swapped: float = 0.10
    """Written "SURNAMES, GIVEN" or surnames first, or the two name fields swapped."""
    accents_dropped: float = 0.30
    """Accents and tildes dropped (on top of agencies whose systems never keep them)."""
    alias_only: float = 0.03
    """Only "alias X" given, for persons who have an alias."""
    phone_format: float = 0.5
    """Another format of the same phone (local, +57 300..., 0057..., dots, spaces)."""
    day_month_swapped: float = 0.03
    """Day and month of a date swapped, only where both readings are valid dates."""
    missing_field: float = 0.10
    """Each optional field left empty."""
    nickname: float = 0.04
    """A given name written as its usual short form (José → Pepe, Francisco → Pancho)."""
    transliteration: float = 0.35
    """Another spelling of a name that has several (Mohammed/Muhammad, Jhon/John, Chen/Chan)."""
    middle_name_dropped: float = 0.20
    """Only the first of two given names written."""
    age_only: float = 0.06
    """An age in years instead of the birth date."""
    birth_year_off: float = 0.02
    """Birth year off by one (a declared date, a slip of the keyboard)."""
    document_format: float = 0.30
    """Document number written another way (V-12345678 / V12345678 / 12.345.678)."""
    alias_in_name: float = 0.25
    """For persons with an alias, "Given Surname alias X" written in full_name."""

    def as_dict(self) -> dict[str, float]:
        """The rates as a plain dict (for truth/noise.json)."""
        return asdict(self)

    @classmethod
    def zero(cls) -> NoiseConfig:
        """No errors at all: every copy as the agency's habits write it."""
        return cls(**{k: 0.0 for k in asdict(cls())})


NOISE_KINDS: frozenset[str] = frozenset(f.name for f in fields(NoiseConfig))
"""Every kind of noise, one per NoiseConfig rate."""


@dataclass(frozen=True)
class SynthSummary:
    """What one run wrote."""

    out_dir: Path
    persons: int
    records: dict[str, int] = field(default_factory=dict)
    agencies: list[str] = field(default_factory=list)
    seconds: float = 0.0
