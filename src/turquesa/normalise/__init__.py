"""Pure normalisers ("cleaners") used by ingest and entity resolution.

Each cleaner returns the clean value or raises :class:`turquesa.errors.InvalidValue`
with a reason a person can act on; none drops a value silently.
"""

from turquesa.normalise.contacts import (
    Email,
    Handle,
    parse_email,
    parse_emails,
    parse_handle,
    parse_handles,
)
from turquesa.normalise.countries import country_name, parse_countries, parse_country
from turquesa.normalise.dates import PartialDate, is_swappable, parse_date
from turquesa.normalise.documents import (
    DOCUMENT_TYPES,
    Document,
    parse_document,
    parse_document_type,
)
from turquesa.normalise.names import PersonName, name_key, parse_person_name
from turquesa.normalise.phones import Phone, parse_phone, parse_phones
from turquesa.normalise.text import clean_text, fold

__all__ = [
    "DOCUMENT_TYPES",
    "Document",
    "Email",
    "Handle",
    "PartialDate",
    "PersonName",
    "Phone",
    "clean_text",
    "country_name",
    "fold",
    "is_swappable",
    "name_key",
    "parse_countries",
    "parse_country",
    "parse_date",
    "parse_document",
    "parse_document_type",
    "parse_email",
    "parse_emails",
    "parse_handle",
    "parse_handles",
    "parse_person_name",
    "parse_phone",
    "parse_phones",
]
