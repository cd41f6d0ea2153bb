"""Identity documents: type, number and issuing country.

A passport or national-ID number is the surest link between two records, but only if
it is written the same way. Numbers arrive as ``AB 123.456``, ``ab-123456`` or
``AB123456``; the number is reduced to upper-case letters and digits without
separators. Letters are never turned into digits (O vs 0, I vs 1): such confusions
are a fuzzy-matching question for entity resolution, not something to rewrite here.

Document types arrive under their national names (cédula, DNI, DUI, RG, carte de
séjour, CNH...); they are mapped to the five types of the exchange templates.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from turquesa.errors import InvalidValue
from turquesa.normalise.countries import parse_country
from turquesa.normalise.text import fold

__all__ = ["DOCUMENT_TYPES", "Document", "parse_document", "parse_document_type"]

DOCUMENT_TYPES = ("passport", "national_id", "residence_permit", "driving_licence", "other")

# Written as the forms agencies use; folded when the table is built.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "passport": (
        "passport",
        "pasaporte",
        "passeport",
        "passaporte",
        "pasaport",
        "pass",
        "pp",
        "psp",
        "pasaporte ordinario",
        "passaporte comum",
        "travel passport",
        "pasaporte diplomatico",
        "pasaporte oficial",
        "passeport diplomatique",
    ),
    "national_id": (
        "national_id",
        "national id",
        "national identity card",
        "id card",
        "identity card",
        "id",
        "nid",
        "cedula",
        "cédula",
        "cedula de identidad",
        "cédula de identidad",
        "cedula de ciudadania",
        "cédula de ciudadanía",
        "cedula de identidad personal",
        "cedula de identidad y electoral",
        "cie",
        "cc",
        "ci",
        "cip",
        "dni",
        "documento nacional de identidad",
        "documento de identidad",
        "documento de identificacion",
        "documento unico de identidad",
        "documento único de identidad",
        "dui",
        "dpi",
        "documento personal de identificacion",
        "cui",
        "tarjeta de identidad",
        "ti",
        "identidad",
        "rg",
        "registro geral",
        "carteira de identidade",
        "cartão de cidadão",
        "bilhete de identidade",
        "bi",
        "ine",
        "ife",
        "credencial para votar",
        "credencial de elector",
        "carte nationale d identite",
        "carte d identite",
        "cni",
        "cin",
        "nin",
        "run",
        "rut",
        "rol unico nacional",
        "cedula de identidad electoral",
        "voter id",
        "electoral card",
        "carte electorale",
        "nif haiti",
    ),
    "residence_permit": (
        "residence_permit",
        "residence permit",
        "residence card",
        "permanent resident card",
        "green card",
        "permiso de residencia",
        "permiso de residencia temporal",
        "permiso de permanencia",
        "permiso especial de permanencia",
        "pep",
        "permiso por proteccion temporal",
        "ppt",
        "carnet de extranjeria",
        "carné de extranjería",
        "cedula de extranjeria",
        "cédula de extranjería",
        "ce",
        "tarjeta de residencia",
        "tarjeta de residente",
        "tarjeta de residente temporal",
        "tarjeta de residente permanente",
        "residencia",
        "residente",
        "dimex",
        "fm2",
        "fm3",
        "carte de sejour",
        "carte de séjour",
        "titre de sejour",
        "titre de séjour",
        "autorizacao de residencia",
        "autorização de residência",
        "rnm",
        "crnm",
        "rne",
        "carteira de registro nacional migratorio",
        "nie",
        "tie",
        "carnet de refugiado",
        "refugee id",
        "carnet de solicitante de refugio",
    ),
    "driving_licence": (
        "driving_licence",
        "driving licence",
        "driving license",
        "driver license",
        "driver s license",
        "drivers license",
        "driver licence",
        "dl",
        "licencia de conducir",
        "licencia de conduccion",
        "licencia de manejo",
        "licencia",
        "brevete",
        "pase",
        "pase de conduccion",
        "permis de conduire",
        "permis",
        "carteira de motorista",
        "carteira nacional de habilitacao",
        "cnh",
        "carta de conducao",
    ),
    "other": (
        "other",
        "otro",
        "otra",
        "outro",
        "autre",
        "cpf",
        "curp",
        "rfc",
        "nit",
        "rif",
        "cuil",
        "cuit",
        "ruc",
        "nif",
        "ssn",
        "social security number",
        "tax id",
        "tax number",
        "visa",
        "visado",
        "visto",
        "birth certificate",
        "partida de nacimiento",
        "acta de nacimiento",
        "certidao de nascimento",
        "certidão de nascimento",
        "acte de naissance",
        "libreta militar",
        "salvoconducto",
        "laissez passer",
        "documento de viaje",
        "travel document",
        "seaman book",
        "libreta de mar",
        "titulo de eleitor",
        "título de eleitor",
        "carteira de trabalho",
        "ctps",
    ),
}


@functools.cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, forms in _SYNONYMS.items():
        for form in forms:
            table.setdefault(fold(form), code)
    return table


@functools.lru_cache(maxsize=4096)
def parse_document_type(value: str) -> str:
    """Map a document type as written ("Cédula de ciudadanía", "DNI", "passeport",
    "CNH") to one of :data:`DOCUMENT_TYPES`."""
    key = fold(value)
    table = _table()
    code = table.get(key)
    if code is not None:
        return code
    # "Pasaporte N°", "cédula de extranjería venezolana": the longest known start.
    words = key.split(" ")
    for n in range(len(words) - 1, 0, -1):
        code = table.get(" ".join(words[:n]))
        if code is not None:
            return code
    raise InvalidValue(
        f"{value.strip()[:60] or 'empty'} is not a document type Turquesa knows; use one of "
        + ", ".join(DOCUMENT_TYPES)
    )


@dataclass(frozen=True, slots=True)
class Document:
    """An identity document. ``key`` is what entity resolution compares."""

    type: str
    number: str
    country: str | None
    original: str

    @property
    def key(self) -> str:
        return f"{self.type}:{self.country or '??'}:{self.number}"


# Separators people put inside document numbers; removing them never loses a letter
# or digit.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212./\\_·,]+")


def normalise_number(number: str) -> str:
    """Upper case, compatibility forms folded (full-width digits), separators removed."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", number).upper())
    if text.isascii():
        return text
    # Removing a separator can bring a letter and a mark together: compose again.
    return unicodedata.normalize("NFKC", text)


def parse_document(doc_type: str | None, number: str, country: str | None) -> Document:
    """Read one document: type (None means "other"), number and issuing country."""
    kind = "other" if doc_type is None or not doc_type.strip() else parse_document_type(doc_type)
    clean = normalise_number(number)
    if not clean:
        raise InvalidValue("empty: no document number given")
    code = parse_country(country) if country and country.strip() else None
    return Document(kind, clean, code, number)
