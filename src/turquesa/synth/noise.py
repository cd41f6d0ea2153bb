"""Per-copy corruption: how one agency writes down one true person, errors included.

Every call draws each kind of error independently at its NoiseConfig rate, then applies
the agency's fixed habits (capitals, no accents, split or full names, its date and
phone formats). The result is what a records clerk would have typed: right most of the
time, wrong in the ways real extracts are wrong.

Each call also adds to ``applied`` the kinds of error that left a mark on the copy, so
that truth/persons.csv can say which noise each record carries and entity resolution can
be scored per kind. A kind drawn but without effect is not noted (no accent to drop, a
typo undone by the agency's own accent habit, a second surname dropped from a record
whose surnames were left out anyway): a record noted as noisy really differs from the
true person in that way. The agency's habits are never noise.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterator

from . import documents, names, phones
from .agencies import Agency
from .config import NoiseConfig, NoiseKind
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


def _noted(applied: set[NoiseKind], kind: NoiseKind, usual: str, written: str) -> str:
    """``written``, noting ``kind`` only if it differs from what would have been written."""
    if written != usual:
        applied.add(kind)
    return written


class _Tokens:
    """The tokens of one name field on their way into a copy, with the edits each went through.

    Noise only ever cuts tokens off the end, so a surviving token keeps its index in the
    true name. Whether an edit shows depends on what is decided after it (accents dropped,
    capitals, a later edit over it), so edits are logged here and judged once the copy
    is finished, by ``shown``.
    """

    __slots__ = ("cut", "edits", "original", "tokens")

    def __init__(self, original: tuple[str, ...]) -> None:
        self.original = original
        self.tokens = list(original)
        self.edits: dict[int, list[tuple[NoiseKind, str, str]]] = {}
        self.cut: NoiseKind | None = None

    def __len__(self) -> int:
        return len(self.tokens)

    def edit(self, i: int, value: str, kind: NoiseKind, *, overwrite: bool = False) -> None:
        """Write token ``i`` another way; ``overwrite`` when the new value hides earlier edits."""
        log = self.edits.setdefault(i, [])
        if overwrite:
            log.clear()
        log.append((kind, self.tokens[i], value))
        self.tokens[i] = value

    def keep(self, n: int, kind: NoiseKind) -> None:
        """Keep the first ``n`` tokens; a later, shorter cut hides this one."""
        del self.tokens[n:]
        for i in [i for i in self.edits if i >= n]:
            del self.edits[i]
        self.cut = kind

    def shown(self, written: Callable[[str], str]) -> Iterator[NoiseKind]:
        """The kinds still visible once every token is written as ``written`` writes it.

        An edit shows if it changed the token as written and the token as finally
        written is not the true one (a typo may swap back a variant spelling).
        """
        if self.cut is not None:
            yield self.cut
        for i, log in self.edits.items():
            if written(self.tokens[i]) != written(self.original[i]):
                yield from (kind for kind, old, new in log if written(old) != written(new))


class Renderer:
    """Writes true persons as one agency does, with per-copy noise.

    The rendering methods draw from ``rng`` in a fixed order (the bytes of a run depend on
    it) and add the kinds of noise that changed the copy to the ``applied`` set passed in.
    """

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

    def phone(self, ph: tuple[str, str], rng: random.Random, applied: set[NoiseKind]) -> str:
        own = self.a.phone_style
        if rng.random() >= self.n.phone_format:
            return phones.format_phone(ph, own, self.a.country)
        style = self.styles[rng.randrange(len(self.styles))]
        # another style can still give the same text (no local form for a foreign number)
        return _noted(
            applied,
            "phone_format",
            phones.format_phone(ph, own, self.a.country),
            phones.format_phone(ph, style, self.a.country),
        )

    def case(self, s: str) -> str:
        if self.a.ascii_only:
            s = strip_accents(s)
        return s.upper() if self.a.upper else s

    def kept(self, rng: random.Random, applied: set[NoiseKind], share: float = 1.0) -> bool:
        """Whether a field that has a value is written on this copy (``share`` of the rate).

        Call it only for fields that have a value, so that missing_field is noted only
        when something was left out.
        """
        if rng.random() < self.n.missing_field * share:
            applied.add("missing_field")
            return False
        return True

    # -- names ----------------------------------------------------------------------------
    def names(
        self, p: TruePerson, rng: random.Random, applied: set[NoiseKind]
    ) -> tuple[str, str, str, str]:
        """(given_names, surnames, full_name, aliases) as written on this copy."""
        n, r = self.n, rng.random
        alias = p.aliases[0] if p.aliases else ""
        if alias and r() < n.alias_only:
            applied.add("alias_only")
            return "", "", self.case(f"alias {alias}"), self.case(alias)
        g, s = self.name_fields(p, rng, applied)
        swapped = r() < n.order_swapped
        aliases = self.case(alias) if alias and self.kept(rng, applied) else ""
        if self.a.split:
            if not swapped:
                return g, s, "", aliases
            if g != s:
                applied.add("order_swapped")
            return s, g, "", aliases
        full = self.full_name(p, g, s, swapped, rng, applied)
        if alias and r() < n.alias_in_name:
            applied.add("alias_in_name")
            full += " " + self.case(f"alias {alias}")
        return "", "", full, aliases

    def name_fields(
        self, p: TruePerson, rng: random.Random, applied: set[NoiseKind]
    ) -> tuple[str, str]:
        """(given names, surnames) after token noise and the agency's accent and case habits."""
        given, sur = self.name_tokens(p, rng)
        g, s = " ".join(given.tokens), " ".join(sur.tokens)
        strip = self.a.ascii_only
        if strip:
            g, s = strip_accents(g), strip_accents(s)
        elif rng.random() < self.n.accents_dropped:
            strip = True
            g = _noted(applied, "accents_dropped", g, strip_accents(g))
            s = _noted(applied, "accents_dropped", s, strip_accents(s))
        upper = self.a.upper
        if upper:
            g, s = g.upper(), s.upper()

        def written(token: str) -> str:
            token = strip_accents(token) if strip else token
            return token.upper() if upper else token

        applied.update(given.shown(written))
        applied.update(sur.shown(written))
        return g, s

    def name_tokens(self, p: TruePerson, rng: random.Random) -> tuple[_Tokens, _Tokens]:
        """Given names and surnames, token by token, with the name noise of this copy."""
        n, r = self.n, rng.random
        given, sur = _Tokens(p.given), _Tokens(p.surnames)
        if n.transliteration and r() < n.transliteration:
            for toks in (given, sur):
                for i, tok in enumerate(toks.tokens):
                    group = names.VARIANT_OF.get(tok)
                    if group:
                        toks.edit(i, group[rng.randrange(len(group))], "transliteration")
        if len(given) > 1 and r() < n.middle_name_dropped:
            given.keep(1, "middle_name_dropped")
        if given and given.tokens[0] in names.NICKNAMES and r() < n.nickname:
            given.edit(0, names.NICKNAMES[given.tokens[0]], "nickname", overwrite=True)
        if len(sur) == 2 and r() < n.one_surname:
            sur.keep(1, "one_surname")
        if sur and r() < n.missing_field * 0.3:
            sur.keep(0, "missing_field")  # partial record: given name only
        if r() < n.typo:
            pool = len(given) + len(sur)
            if pool:
                k = rng.randrange(pool)
                toks, i = (given, k) if k < len(given) else (sur, k - len(given))
                toks.edit(i, typo(toks.tokens[i], rng), "typo")
        return given, sur

    def full_name(
        self,
        p: TruePerson,
        g: str,
        s: str,
        swapped: bool,
        rng: random.Random,
        applied: set[NoiseKind],
    ) -> str:
        """Both names in one field, in the order of the person's tradition unless swapped."""
        family_first = p.trad in names.FAMILY_FIRST
        usual = (f"{s} {g}" if family_first else f"{g} {s}").strip(" ,")
        if not swapped:
            return usual
        if s and rng.random() < 0.6:
            full = f"{s}, {g}"
        else:
            full = f"{g} {s}" if family_first else f"{s} {g}"
        # a single name reads the same both ways round
        return _noted(applied, "order_swapped", usual, full.strip(" ,"))

    # -- birth date, documents, contacts --------------------------------------------------
    def birth(
        self, p: TruePerson, rng: random.Random, year: int, applied: set[NoiseKind]
    ) -> tuple[str, str]:
        """(birth_date, age) as written; at most one of them filled."""
        n, r = self.n, rng.random
        if not self.kept(rng, applied):
            return "", ""
        if r() < n.age_only:
            applied.add("age_only")
            return "", str(max(0, year - int(p.birth[:4])))
        y, m, d = int(p.birth[:4]), p.birth[5:7], p.birth[8:10]
        if r() < n.birth_year_off:
            applied.add("birth_year_off")
            y += 1 if r() < 0.5 else -1
            if m == "02" and d == "29":
                d = "28"
        if not self.kept(rng, applied, 0.2):  # the year only
            return str(y), ""
        if int(d) <= 12 and d != m and r() < n.day_month_swapped:
            applied.add("day_month_swapped")
            m, d = d, m
        return self.date(f"{y:04d}-{m}-{d}"), ""

    def document(
        self, p: TruePerson, rng: random.Random, applied: set[NoiseKind]
    ) -> tuple[str, str, str]:
        if p.doc is None or not self.kept(rng, applied):
            return "", "", ""
        kind, number, issuer = p.doc
        if rng.random() < self.n.document_format:
            number = _noted(applied, "document_format", number, documents.variant(number, rng))
        return kind, number, self.country(issuer)

    def contacts(
        self, p: TruePerson, rng: random.Random, applied: set[NoiseKind]
    ) -> tuple[str, str, str, list[tuple[str, str, str, str]]]:
        """(phones, emails, handles, extra identifier rows)."""
        r = rng.random
        extra: list[tuple[str, str, str, str]] = []
        ph = ""
        if p.phones and self.kept(rng, applied):
            ph = self.phone(p.phones[0], rng, applied)
            if len(p.phones) > 1:
                second = self.phone(p.phones[1], rng, applied)
                if r() < 0.5:
                    ph += ";" + second
                else:
                    extra.append(("phone", second, self.country(p.phones[1][0]), ""))
        em = p.email if p.email and self.kept(rng, applied) else ""
        hd = [h for h in p.handles if self.kept(rng, applied)]
        if p.phones and r() < 0.4:
            wa = phones.e164(p.phones[0])
            if r() < 0.5:
                hd.append("whatsapp:" + wa)
            else:  # the extraction report lists it apart, with the platform
                extra.append(("handle", wa, "", "whatsapp"))
        for kind, value, country, platform in p.extra:
            if self.kept(rng, applied):
                extra.append((kind, value, self.country(country) if country else "", platform))
        return ph, em, ";".join(hd), extra
