"""What each value of the model's vocabularies is called in a report.

The values (`forced_labour`, `debt_bondage`...) come from `model.yaml`; their English
labels are written here as `N_()` literals so that extraction puts them in the
catalogues, and are translated only when shown. A vocabulary value the model gains
later without a label here still shows (as its words), and a test names it.

"Other" is never a bare label: Spanish, Portuguese and French agree it with the noun
("otra forma", "otro método"), so each vocabulary says what kind of "other" it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from turquesa.i18n.catalogues import N_, Gettext, identity
from turquesa.model import load_model

VOCABULARY_LABELS: Mapping[str, Mapping[str, str]] = {
    "role": {
        "suspect": N_("Suspect"),
        "victim": N_("Victim"),
        "witness": N_("Witness"),
        "smuggled_migrant": N_("Smuggled migrant"),
        "facilitator": N_("Facilitator"),
        "unknown": N_("Role not recorded"),
    },
    "perpetrator_role": {
        "leader": N_("Leader"),
        "recruiter": N_("Recruiter"),
        "transporter": N_("Transporter"),
        "guide": N_("Guide"),
        "harbourer": N_("Harbourer"),
        "document_forger": N_("Document forger"),
        "money_handler": N_("Money handler"),
        "exploiter": N_("Exploiter"),
        "smuggler": N_("Smuggler"),
        "lookout": N_("Lookout"),
        "corrupt_official": N_("Corrupt official"),
        "other": N_("Other criminal role"),
    },
    "exploitation_type": {
        "sexual": N_("Sexual exploitation"),
        "forced_labour": N_("Forced labour"),
        "forced_criminality": N_("Forced criminality"),
        "begging": N_("Forced begging"),
        "forced_marriage": N_("Forced marriage"),
        "organ_removal": N_("Organ removal"),
        "other": N_("Other form of exploitation"),
    },
    "recruitment_method": {
        "job_offer": N_("False job offer"),
        "romance": N_("Romantic relationship"),
        "family": N_("Through family"),
        "online": N_("Online"),
        "debt": N_("Debt"),
        "abduction": N_("Abduction"),
        "other": N_("Other recruitment method"),
    },
    "means_of_control": {
        "physical_threats": N_("Threats of violence"),
        "threats_law_enforcement": N_("Threats of denunciation to the authorities"),
        "threats_family": N_("Threats against the family"),
        "debt_bondage": N_("Debt bondage"),
        "false_promises": N_("False promises"),
        "physical_abuse": N_("Physical abuse"),
        "sexual_abuse": N_("Sexual abuse"),
        "takes_earnings": N_("Takes earnings"),
        "withholds_documents": N_("Withholds identity documents"),
        "restricts_movement": N_("Restricts movement"),
        "psychoactive_substances": N_("Psychoactive substances"),
        "excessive_hours": N_("Excessive working hours"),
        "other": N_("Other means of control"),
    },
    "crime_type": {
        "trafficking": N_("Trafficking in persons"),
        "smuggling": N_("Smuggling of migrants"),
        "both": N_("Trafficking and smuggling"),
        "other": N_("Other crime"),
    },
    "case_status": {
        "open": N_("Open"),
        "closed": N_("Closed"),
        "prosecuted": N_("Prosecuted"),
        "convicted": N_("Convicted"),
        "dismissed": N_("Dismissed"),
    },
    "org_type": {
        "criminal_group": N_("Criminal group"),
        "company": N_("Company"),
        "ngo": N_("Non-governmental organization"),
        "agency": N_("Public agency"),
        "other": N_("Other organization"),
    },
    "event_type": {
        "recruitment": N_("Recruitment"),
        "transport": N_("Transport"),
        "border_crossing": N_("Border crossing"),
        "interception": N_("Interception"),
        "rescue": N_("Rescue"),
        "arrest": N_("Arrest"),
        "exploitation": N_("Exploitation"),
        "payment": N_("Payment"),
        "communication": N_("Communication"),
        "death": N_("Death"),
        "disappearance": N_("Disappearance"),
        "other": N_("Other event"),
    },
    "mode": {
        "land": N_("Land"),
        "sea": N_("Sea"),
        "air": N_("Air"),
        "river": N_("River"),
    },
    "relation": {
        "associate": N_("Associate"),
        "family": N_("Family"),
        "partner": N_("Partner"),
        "employer": N_("Employer"),
        "recruited": N_("Recruited"),
        "smuggled": N_("Smuggled"),
        "exploited": N_("Exploited"),
        "controls": N_("Controls"),
        "member_of": N_("Member of"),
        "owns": N_("Owns"),
        "paid": N_("Paid"),
        "communicated": N_("Communicated with"),
        "other": N_("Other relation"),
    },
    "identifier_kind": {
        "passport": N_("Passport"),
        "national_id": N_("National identity card"),
        "residence_permit": N_("Residence permit"),
        "driving_licence": N_("Driving licence"),
        "phone": N_("Telephone"),
        "email": N_("E-mail address"),
        "handle": N_("Online account"),
        "vehicle_plate": N_("Vehicle plate"),
        "bank_account": N_("Bank account"),
        "iban": N_("IBAN"),
        "other": N_("Other identifier"),
    },
    # Not vocabularies of model.yaml: the sex field's codes (F, M, X) and the age
    # groups that statistics are broken down by (GLOTIP's children and adults).
    "sex": {
        "F": N_("Female"),
        "M": N_("Male"),
        "X": N_("Other sex"),
        "unknown": N_("Sex not recorded"),
    },
    "age_group": {
        "child": N_("Children (under 18)"),
        "adult": N_("Adults (18 and over)"),
        "unknown": N_("Age not recorded"),
    },
    # Sex and age together, as GLOTIP reports detected victims.
    "sex_age": {
        "girl": N_("Girls"),
        "boy": N_("Boys"),
        "woman": N_("Women"),
        "man": N_("Men"),
        "unknown": N_("Sex or age not recorded"),
    },
}

# What a vocabulary is, for column headings and legends.
VOCABULARY_TITLES: Mapping[str, str] = {
    "role": N_("Role"),
    "perpetrator_role": N_("Criminal role"),
    "exploitation_type": N_("Form of exploitation"),
    "recruitment_method": N_("Recruitment method"),
    "means_of_control": N_("Means of control"),
    "crime_type": N_("Crime"),
    "case_status": N_("Case status"),
    "org_type": N_("Type of organization"),
    "event_type": N_("Event"),
    "mode": N_("Mode of transport"),
    "relation": N_("Relation"),
    "identifier_kind": N_("Identifier"),
    "sex": N_("Sex"),
    "age_group": N_("Age group"),
    "sex_age": N_("Sex and age"),
}


def model_vocabularies() -> dict[str, tuple[str, ...]]:
    """The vocabularies the data model defines, with the two the field types imply."""
    vocabularies = dict(load_model().vocabularies)
    vocabularies["sex"] = ("F", "M", "X", "unknown")
    vocabularies["age_group"] = tuple(VOCABULARY_LABELS["age_group"])
    vocabularies["sex_age"] = tuple(VOCABULARY_LABELS["sex_age"])
    return vocabularies


def label(vocabulary: str, value: str | None, _: Gettext = identity) -> str:
    """The label of one value, e.g. `label("mode", "sea", _)` is "Mar" in Spanish.

    A missing value reads as "not recorded" where the vocabulary has such a label.
    """
    labels = VOCABULARY_LABELS.get(vocabulary, {})
    if value is None or value == "":
        value = "unknown"
    text = labels.get(value)
    if text is None:
        return value.replace("_", " ").capitalize()
    return _(text)


def title(vocabulary: str, _: Gettext = identity) -> str:
    """The name of the vocabulary itself ("Form of exploitation")."""
    text = VOCABULARY_TITLES.get(vocabulary)
    return _(text) if text else vocabulary.replace("_", " ").capitalize()


def age_band(low: int | None, high: int | None, _: Gettext = identity) -> str:
    """A finer age band: "12–17 years", "60 years and over", "Under 12 years"."""
    if low is None and high is None:
        return _("Age not recorded")
    if low is None or low == 0:
        return _("Under %(age)s years") % {"age": (high or 0) + 1}
    if high is None:
        return _("%(age)s years and over") % {"age": low}
    return _("%(low)s–%(high)s years") % {"low": low, "high": high}


def sex_age_group(sex: str | None, age: int | None) -> str:
    """The `sex_age` value of one person: girl, boy, woman, man or unknown."""
    if sex not in ("F", "M") or age is None:
        return "unknown"
    if age < 18:
        return "girl" if sex == "F" else "boy"
    return "woman" if sex == "F" else "man"


def age_group(age: int | None) -> str:
    """The `age_group` value: child under 18, adult from 18 (the Palermo Protocol's line)."""
    if age is None:
        return "unknown"
    return "child" if age < 18 else "adult"
