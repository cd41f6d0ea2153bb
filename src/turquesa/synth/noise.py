"""Per-copy corruption: how one agency writes down one true person, errors included.

Every call draws each kind of error independently at its NoiseConfig rate, then applies
the agency's fixed habits (capitals, no accents, split or full names, its date and
phone formats). The result is what a records clerk would have typed: right most of the
time, wrong in the ways real extracts are wrong.
"""

from __future__ import annotations

import random
import unicodedata

from . import documents, names, phones
from .agencies import Agency
from .config import NoiseConfig
from .countries import country_writer
from .people import TruePerson

_STRIP: dict[str, str] = {}
_NEAR = "qwertyuiopasdfghjklzxcvbnm"


def strip_accents(s: str) -> str:
    """Drop accents and tildes (ñ → n) as ASCII-only systems do."""
    out = _STRIP.get(s)
    if out is None:
        out = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        if len(_STRIP) > 200_000:  # typos make new strings: keep the cache bounded
            _STRIP.clear()
        _STRIP[s] = out
    return out


def typo(s: str, rng: random.Random) -> str:
    """One character edit inside a name: substitution, deletion, transposition or doubling."""
    if len(s) < 3:
        return s
    i = rng.randrange(1, len(s) - 1)
    op = rng.randrange(4)
    if op == 0:
        c = _NEAR[rng.randrange(26)]
        if c == s[i].lower():
            c = "x" if c != "x" else "z"
        return s[:i] + c + s[i + 1 :]
    if op == 1:
        return s[:i] + s[i + 1 :]
    if op == 2 and s[i] != s[i + 1]:
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    return s[:i] + s[i] + s[i:]


class Renderer:
    """Writes true persons as one agency does, with per-copy noise."""

    def __init__(self, agency: Agency, noise: NoiseConfig) -> None:
        self.a = agency
        self.n = noise
        self.countries = country_writer(agency.country_style)
        self.dmy = agency.dates == "dmy"
        self.styles = tuple(s for s in phones.PHONE_STYLES if s != agency.phone_style)

    # -- small pieces -------------------------------------------------------------------
    def country(self, code: str) -> str:
        return self.countries.get(code, code)

    def date(self, iso: str) -> str:
        """ISO date (or partial) in the agency's format."""
        if self.dmy and len(iso) == 10:
            return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"
        return iso

    def phone(self, ph: tuple[str, str], rng: random.Random) -> str:
        style = self.a.phone_style
        if rng.random() < self.n.phone_format:
            style = self.styles[rng.randrange(len(self.styles))]
        return phones.format_phone(ph, style, self.a.country)

    def case(self, s: str) -> str:
        if self.a.ascii_only:
            s = strip_accents(s)
        return s.upper() if self.a.upper else s

    # -- names ----------------------------------------------------------------------------
    def names(self, p: TruePerson, rng: random.Random) -> tuple[str, str, str, str]:
        """(given_names, surnames, full_name, aliases) as written on this copy."""
        n, r = self.n, rng.random
        alias = p.aliases[0] if p.aliases else ""
        if alias and r() < n.alias_only:
            return "", "", self.case(f"alias {alias}"), self.case(alias)
        given = list(p.given)
        sur = list(p.surnames)
        if n.transliteration and r() < n.transliteration:
            for lst in (given, sur):
                for i, tok in enumerate(lst):
                    group = names.VARIANT_OF.get(tok)
                    if group:
                        lst[i] = group[rng.randrange(len(group))]
        if len(given) > 1 and r() < n.middle_name_dropped:
            del given[1:]
        if given and given[0] in names.NICKNAMES and r() < n.nickname:
            given[0] = names.NICKNAMES[given[0]]
        if len(sur) == 2 and r() < n.one_surname:
            del sur[1:]
        if sur and r() < n.missing_field * 0.3:
            sur = []  # partial record: given name only
        if r() < n.typo:
            pool = given + sur
            if pool:
                k = rng.randrange(len(pool))
                if k < len(given):
                    given[k] = typo(given[k], rng)
                else:
                    sur[k - len(given)] = typo(sur[k - len(given)], rng)
        g, s = " ".join(given), " ".join(sur)
        if self.a.ascii_only or r() < n.accents_dropped:
            g, s = strip_accents(g), strip_accents(s)
        if self.a.upper:
            g, s = g.upper(), s.upper()
        swapped = r() < n.order_swapped
        aliases = "" if not alias or r() < n.missing_field else self.case(alias)
        if self.a.split:
            if swapped:
                g, s = s, g
            return g, s, "", aliases
        family_first = p.trad in names.FAMILY_FIRST
        if swapped:
            full = f"{s}, {g}" if s and r() < 0.6 else (f"{g} {s}" if family_first else f"{s} {g}")
        else:
            full = f"{s} {g}" if family_first else f"{g} {s}"
        full = full.strip(" ,")
        if alias and r() < n.alias_in_name:
            full += " " + self.case(f"alias {alias}")
        return "", "", full, aliases

    # -- birth date, documents, contacts --------------------------------------------------
    def birth(self, p: TruePerson, rng: random.Random, year: int) -> tuple[str, str]:
        """(birth_date, age) as written; at most one of them filled."""
        n, r = self.n, rng.random
        if r() < n.missing_field:
            return "", ""
        if r() < n.age_only:
            return "", str(max(0, year - int(p.birth[:4])))
        y, m, d = int(p.birth[:4]), p.birth[5:7], p.birth[8:10]
        if r() < n.birth_year_off:
            y += 1 if r() < 0.5 else -1
            if m == "02" and d == "29":
                d = "28"
        if r() < n.missing_field * 0.2:
            return str(y), ""
        if int(d) <= 12 and d != m and r() < n.day_month_swapped:
            m, d = d, m
        return self.date(f"{y:04d}-{m}-{d}"), ""

    def document(self, p: TruePerson, rng: random.Random) -> tuple[str, str, str]:
        if p.doc is None or rng.random() < self.n.missing_field:
            return "", "", ""
        kind, number, issuer = p.doc
        if rng.random() < self.n.document_format:
            number = documents.variant(number, rng)
        return kind, number, self.country(issuer)

    def contacts(
        self, p: TruePerson, rng: random.Random
    ) -> tuple[str, str, str, list[tuple[str, str, str, str]]]:
        """(phones, emails, handles, extra identifier rows)."""
        n, r = self.n, rng.random
        extra: list[tuple[str, str, str, str]] = []
        ph = ""
        if p.phones and r() >= n.missing_field:
            ph = self.phone(p.phones[0], rng)
            if len(p.phones) > 1:
                second = self.phone(p.phones[1], rng)
                if r() < 0.5:
                    ph += ";" + second
                else:
                    extra.append(("phone", second, self.country(p.phones[1][0]), ""))
        em = p.email if p.email and r() >= n.missing_field else ""
        hd = [h for h in p.handles if r() >= n.missing_field]
        if p.phones and r() < 0.4:
            wa = phones.e164(p.phones[0])
            if r() < 0.5:
                hd.append("whatsapp:" + wa)
            else:  # the extraction report lists it apart, with the platform
                extra.append(("handle", wa, "", "whatsapp"))
        for kind, value, country, platform in p.extra:
            if r() >= n.missing_field:
                extra.append((kind, value, self.country(country) if country else "", platform))
        return ph, em, ";".join(hd), extra
