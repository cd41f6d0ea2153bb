"""Identity documents, bank accounts and vehicle plates in each country's own format.

National ids follow the real structure where it is public and simple: Colombian cédula
digits, Venezuelan "V-" numbers, Ecuadorian cédulas with their check digit, Mexican CURP
built from name and birth date, Honduran DNI with the birth year, Brazilian CPF with its
two check digits, IBANs with valid ISO 7064 check digits. Document numbers are the
strongest link between agencies, so their written variants must look like real ones.
"""

from __future__ import annotations

import random
import unicodedata

_L = "ABCDEFGHJKLMNPRSTUVWXYZ"

# country: (prefix choices, digits) for passports
PASSPORT: dict[str, tuple[tuple[str, ...], int]] = {
    "CO": (("AO", "AP", "AQ", "AR", "AS", "AT", "AV"), 6),
    "VE": (("1",), 8),
    "EC": (("A",), 7),
    "PE": (("12",), 7),
    "PA": (("PA",), 7),
    "CR": (("1",), 8),
    "GT": (("2",), 8),
    "MX": (("G", "N"), 8),
    "HN": (("E",), 6),
    "SV": (("A",), 8),
    "NI": (("C",), 7),
    "DO": (("SC", "RD"), 7),
    "HT": (("RK", "RL"), 7),
    "CU": (("K", "I"), 6),
    "BR": (("FZ", "GA", "GB", "FX"), 6),
    "CN": (("E", "EA", "EG"), 8),
    "IN": (("K", "M", "N", "P", "T"), 7),
    "AF": (("P0",), 7),
    "NP": (("0", "1"), 7),
    "BD": (("BH", "BW", "EB"), 7),
    "CM": (("AA", "1"), 7),
    "SN": (("A0",), 7),
    "AO": (("N",), 7),
    "TT": (("TA", "TB"), 6),
    "US": (("5", "6"), 8),
    "CL": (("P",), 8),
}


def _digits(rng: random.Random, n: int) -> str:
    return f"{rng.randrange(10**n):0{n}d}"


def passport(rng: random.Random, country: str) -> str:
    prefixes, n = PASSPORT.get(country, (("P",), 7))
    return prefixes[rng.randrange(len(prefixes))] + _digits(rng, n)


def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().upper()


def _curp(
    given: tuple[str, ...], surnames: tuple[str, ...], birth: str, sex: str, rng: random.Random
) -> str:
    s1 = _ascii(surnames[0]) if surnames else "X"
    s2 = _ascii(surnames[1]) if len(surnames) > 1 else "X"
    g = _ascii(given[0]) if given else "X"
    vowel = next((c for c in s1[1:] if c in "AEIOU"), "X")
    cons = [next((c for c in w[1:] if c.isalpha() and c not in "AEIOU"), "X") for w in (s1, s2, g)]
    state = ("DF", "JC", "NL", "CS", "TC", "VZ", "OC", "GR")[rng.randrange(8)]
    head = (s1[:1] + vowel + s2[:1] + g[:1]).replace(" ", "X")
    born = birth[2:4] + birth[5:7] + birth[8:10]
    return f"{head}{born}{'M' if sex == 'F' else 'H'}{state}{''.join(cons)}0{rng.randrange(10)}"


def _ec_cedula(rng: random.Random) -> str:
    body = f"{rng.randint(1, 24):02d}" + str(rng.randrange(6)) + _digits(rng, 6)
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return body + str((10 - total % 10) % 10)


def _cpf(rng: random.Random) -> str:
    nums = [rng.randrange(10) for _ in range(9)]
    for _ in range(2):
        s = sum(v * w for v, w in zip(nums, range(len(nums) + 1, 1, -1), strict=True))
        nums.append(0 if s % 11 < 2 else 11 - s % 11)
    d = "".join(map(str, nums))
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"


def national_id(
    rng: random.Random,
    country: str,
    given: tuple[str, ...],
    surnames: tuple[str, ...],
    birth: str,
    sex: str,
) -> str | None:
    """The national identity number as issued, or None where it is rarely recorded."""
    year = int(birth[:4])
    if country == "CO":
        return (
            ("10" + _digits(rng, 8)) if year >= 1985 else str(rng.randint(10_000_000, 99_999_999))
        )
    if country == "VE":
        return f"V-{rng.randint(4_000_000, 11_000_000) + max(0, year - 1960) * 420_000}"
    if country == "EC":
        return _ec_cedula(rng)
    if country == "PE":
        return _digits(rng, 8)
    if country == "PA":
        return f"{rng.randint(1, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    if country == "CR":
        return f"{rng.randint(1, 7)}-{rng.randint(1000, 1999):04d}-{rng.randint(0, 9999):04d}"
    if country == "GT":
        place = f"{rng.randint(1, 22):02d}{rng.randint(1, 30):02d}"  # department, municipality
        return f"{rng.randint(1000, 3999)} {_digits(rng, 5)} {place}"
    if country == "MX":
        return _curp(given, surnames, birth, sex, rng)
    if country == "HN":
        return f"{rng.choice(('0801', '0501', '0101', '1801'))}-{year}-{_digits(rng, 5)}"
    if country == "NI":
        return f"001-{birth[8:10]}{birth[5:7]}{birth[2:4]}-{_digits(rng, 4)}{_L[rng.randrange(23)]}"
    if country == "DO":
        return f"{rng.choice(('001', '402', '031', '223'))}-{_digits(rng, 7)}-{rng.randrange(10)}"
    if country == "CU":
        return f"{birth[2:4]}{birth[5:7]}{birth[8:10]}{_digits(rng, 5)}"
    if country == "BR":
        return _cpf(rng)
    if country == "HT":
        return f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}-{rng.randrange(10)}"
    return None


def variant(number: str, rng: random.Random) -> str:
    """Another way of writing the same number (separators, the V- prefix, dotted thousands)."""
    plain = number.replace("-", "").replace(" ", "").replace(".", "")
    if number.startswith("V-"):
        digits = number[2:]
        forms = (
            f"V{digits}",
            digits,
            f"{int(digits):,}".replace(",", "."),
            f"V-{int(digits):,}".replace(",", "."),
        )
        return forms[rng.randrange(4)]
    if plain != number:
        return plain
    if plain.isdigit() and len(plain) >= 8:
        return f"{int(plain):,}".replace(",", ".")
    return number.lower() if rng.random() < 0.2 else " ".join((number[:2], number[2:]))


def _iban(country: str, bban: str) -> str:
    def num(s: str) -> str:
        return "".join(str(int(c, 36)) for c in s)

    check = 98 - int(num(bban + country) + "00") % 97
    return f"{country}{check:02d}{bban}"


def bank_account(rng: random.Random, country: str) -> tuple[str, str]:
    """(kind, value): an IBAN where the country has them, else a local account number."""
    if country == "CR":
        return "iban", _iban(
            "CR", "0" + f"{rng.choice((15, 151, 152, 102, 104)):03d}" + _digits(rng, 14)
        )
    if country == "DO":
        return "iban", _iban("DO", rng.choice(("BAGR", "BRRD", "BCBH", "BPDO")) + _digits(rng, 20))
    if country == "GT":
        return "iban", _iban(
            "GT", rng.choice(("TRAJ", "BRRL", "AGRO", "INDL")) + "0101" + _digits(rng, 16)
        )
    if country == "MX":  # CLABE with its weighted check digit
        body = rng.choice(("002", "012", "014", "072")) + _digits(rng, 14)
        s = sum(int(c) * (3, 7, 1)[i % 3] % 10 for i, c in enumerate(body))
        return "bank_account", body + str((10 - s % 10) % 10)
    if country == "CO":
        return "bank_account", f"{_digits(rng, 3)}-{_digits(rng, 6)}-{_digits(rng, 2)}"
    if country == "PA":
        return "bank_account", f"04-{_digits(rng, 2)}-{_digits(rng, 2)}-{_digits(rng, 6)}"
    return "bank_account", _digits(rng, 12)


def vehicle_plate(rng: random.Random, country: str) -> str:
    """A plate in the country's current format."""

    def letters(n: int) -> str:
        return "".join(_L[rng.randrange(23)] for _ in range(n))

    forms = {
        "CO": lambda: letters(3) + _digits(rng, 3),
        "PA": lambda: letters(2) + _digits(rng, 4),
        "CR": lambda: letters(3) + _digits(rng, 3),
        "GT": lambda: "P " + _digits(rng, 3) + letters(3),
        "HN": lambda: "H" + letters(2) + " " + _digits(rng, 4),
        "MX": lambda: letters(3) + "-" + _digits(rng, 3) + "-" + letters(1),
        "EC": lambda: letters(3) + "-" + _digits(rng, 4),
        "PE": lambda: letters(1) + _digits(rng, 1) + letters(1) + "-" + _digits(rng, 3),
        "DO": lambda: letters(1) + _digits(rng, 6),
        "BR": lambda: letters(3) + _digits(rng, 1) + letters(1) + _digits(rng, 2),
        "NI": lambda: "M " + _digits(rng, 3) + "-" + _digits(rng, 3),
    }
    return forms.get(country, lambda: letters(3) + _digits(rng, 4))()
