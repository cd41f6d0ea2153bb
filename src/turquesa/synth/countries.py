"""Country codes and names in the four working languages, for the countries the data uses.

Agencies write countries their own way (alpha-2, alpha-3, or a name in Spanish,
Portuguese, French or English). Written out here rather than looked up in Babel so the
spellings are the everyday ones an officer types (no "RAE de Hong Kong") and stay fixed
across library versions, which keeps generated files byte-identical.
"""

from __future__ import annotations

# alpha-2: (alpha-3, es, pt, fr, en)
COUNTRIES: dict[str, tuple[str, str, str, str, str]] = {
    "AF": ("AFG", "Afganistán", "Afeganistão", "Afghanistan", "Afghanistan"),
    "AO": ("AGO", "Angola", "Angola", "Angola", "Angola"),
    "AW": ("ABW", "Aruba", "Aruba", "Aruba", "Aruba"),
    "BD": ("BGD", "Bangladés", "Bangladesh", "Bangladesh", "Bangladesh"),
    "BR": ("BRA", "Brasil", "Brasil", "Brésil", "Brazil"),
    "CL": ("CHL", "Chile", "Chile", "Chili", "Chile"),
    "CM": ("CMR", "Camerún", "Camarões", "Cameroun", "Cameroon"),
    "CN": ("CHN", "China", "China", "Chine", "China"),
    "CO": ("COL", "Colombia", "Colômbia", "Colombie", "Colombia"),
    "CR": ("CRI", "Costa Rica", "Costa Rica", "Costa Rica", "Costa Rica"),
    "CU": ("CUB", "Cuba", "Cuba", "Cuba", "Cuba"),
    "CW": ("CUW", "Curazao", "Curaçao", "Curaçao", "Curaçao"),
    "DO": (
        "DOM",
        "República Dominicana",
        "República Dominicana",
        "République dominicaine",
        "Dominican Republic",
    ),
    "EC": ("ECU", "Ecuador", "Equador", "Équateur", "Ecuador"),
    "GT": ("GTM", "Guatemala", "Guatemala", "Guatemala", "Guatemala"),
    "HN": ("HND", "Honduras", "Honduras", "Honduras", "Honduras"),
    "HT": ("HTI", "Haití", "Haiti", "Haïti", "Haiti"),
    "IN": ("IND", "India", "Índia", "Inde", "India"),
    "MX": ("MEX", "México", "México", "Mexique", "Mexico"),
    "NI": ("NIC", "Nicaragua", "Nicarágua", "Nicaragua", "Nicaragua"),
    "NP": ("NPL", "Nepal", "Nepal", "Népal", "Nepal"),
    "PA": ("PAN", "Panamá", "Panamá", "Panama", "Panama"),
    "PE": ("PER", "Perú", "Peru", "Pérou", "Peru"),
    "SN": ("SEN", "Senegal", "Senegal", "Sénégal", "Senegal"),
    "SV": ("SLV", "El Salvador", "El Salvador", "Salvador", "El Salvador"),
    "TT": (
        "TTO",
        "Trinidad y Tobago",
        "Trinidad e Tobago",
        "Trinité-et-Tobago",
        "Trinidad and Tobago",
    ),
    "US": ("USA", "Estados Unidos", "Estados Unidos", "États-Unis", "United States"),
    "VE": ("VEN", "Venezuela", "Venezuela", "Venezuela", "Venezuela"),
}

_STYLE_INDEX = {"alpha3": 0, "es": 1, "pt": 2, "fr": 3, "en": 4}


def country_writer(style: str) -> dict[str, str]:
    """Map alpha-2 → how an agency with this style writes the country."""
    if style == "alpha2":
        return {code: code for code in COUNTRIES}
    i = _STYLE_INDEX[style]
    return {code: names[i] for code, names in COUNTRIES.items()}
