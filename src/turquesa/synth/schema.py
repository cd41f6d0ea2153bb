"""Columns and vocabularies of the exchange templates (exchange/README.md, version 1).

Kept here once so the writers and the tests agree on what a valid file is.
"""

from __future__ import annotations

COLUMNS: dict[str, tuple[str, ...]] = {
    "agency": ("agency", "country", "name"),
    "cases": (
        "case_id",
        "title",
        "crime_type",
        "exploitation_types",
        "opened",
        "status",
        "sharing",
    ),
    "persons": (
        "record_id",
        "case_id",
        "role",
        "perpetrator_roles",
        "exploitation_types",
        "recruitment_method",
        "means_of_control",
        "given_names",
        "surnames",
        "full_name",
        "aliases",
        "sex",
        "birth_date",
        "age",
        "nationality",
        "document_type",
        "document_number",
        "document_country",
        "phones",
        "emails",
        "handles",
        "address",
        "city",
        "country",
        "notes",
    ),
    "identifiers": ("owner_record_id", "kind", "value", "country", "platform"),
    "organizations": ("record_id", "case_id", "name", "org_type", "country", "registration_number"),
    "events": (
        "record_id",
        "case_id",
        "event_type",
        "date",
        "place",
        "country",
        "lat",
        "lon",
        "persons",
        "exploitation_type",
        "smuggling_mode",
        "recruitment_method",
        "amount",
        "currency",
        "description",
    ),
    "movements": (
        "record_id",
        "case_id",
        "person_record_id",
        "persons",
        "from_place",
        "from_country",
        "to_place",
        "to_country",
        "departure",
        "arrival",
        "mode",
        "crossing_point",
        "facilitator_record_id",
        "amount",
        "currency",
    ),
    "links": (
        "record_id",
        "from_record_id",
        "to_record_id",
        "relation",
        "start",
        "end",
        "case_id",
        "notes",
    ),
}
GRADED = ("persons", "events", "movements", "links", "organizations")
GRADE_COLUMNS = ("source_grade", "information_grade")

ROLES = ("suspect", "victim", "witness", "smuggled_migrant", "facilitator", "unknown")
PERPETRATOR_ROLES = (
    "leader",
    "recruiter",
    "transporter",
    "guide",
    "harbourer",
    "document_forger",
    "money_handler",
    "exploiter",
    "smuggler",
    "lookout",
    "corrupt_official",
    "other",
)
EXPLOITATION_TYPES = (
    "sexual",
    "forced_labour",
    "forced_criminality",
    "begging",
    "forced_marriage",
    "organ_removal",
    "other",
)
RECRUITMENT_METHODS = ("job_offer", "romance", "family", "online", "debt", "abduction", "other")
MEANS_OF_CONTROL = (
    "physical_threats",
    "threats_law_enforcement",
    "threats_family",
    "debt_bondage",
    "false_promises",
    "physical_abuse",
    "sexual_abuse",
    "takes_earnings",
    "withholds_documents",
    "restricts_movement",
    "psychoactive_substances",
    "excessive_hours",
    "other",
)
EVENT_TYPES = (
    "recruitment",
    "transport",
    "border_crossing",
    "interception",
    "rescue",
    "arrest",
    "exploitation",
    "payment",
    "communication",
    "death",
    "disappearance",
    "other",
)
MODES = ("land", "sea", "air", "river")
RELATIONS = (
    "associate",
    "family",
    "partner",
    "employer",
    "recruited",
    "smuggled",
    "exploited",
    "controls",
    "member_of",
    "owns",
    "paid",
    "communicated",
    "other",
)
CRIME_TYPES = ("trafficking", "smuggling", "both", "other")
STATUSES = ("open", "closed", "prosecuted", "convicted", "dismissed")
SEXES = ("F", "M", "X")
DOCUMENT_TYPES = ("passport", "national_id", "residence_permit", "driving_licence", "other")
IDENTIFIER_KINDS = (
    "passport",
    "national_id",
    "residence_permit",
    "driving_licence",
    "phone",
    "email",
    "handle",
    "vehicle_plate",
    "bank_account",
    "iban",
    "other",
)
ORG_TYPES = ("criminal_group", "company", "ngo", "agency", "other")
