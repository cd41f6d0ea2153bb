"""The agencies that submit data, each with the habits of its records system.

Habits (what each agency's files really look like):

=============  ==========  =====  =====  =====  ======  ============  =======  ====  ======
agency         encoding    delim  dates  names  split   phones        country  text  grades
=============  ==========  =====  =====  =====  ======  ============  =======  ====  ======
CO-DIJIN       UTF-8       ,      d/m/y  UPPER  split   local         es name  es    yes
PA-SENAFRONT   UTF-8 BOM   ,      ISO    Proper full    +507 spaced   alpha-3  es    no
CR-OIJ         cp1252      ;      d/m/y  Proper split   local         es name  es    yes
GT-PNC         UTF-8       tab    d/m/y  UPPER* full    local         alpha-2  es    no
MX-FGR         UTF-8       ,      ISO    Proper split   +52 spaced    es name  es    no
EC-PN          cp1252      ;      d/m/y  UPPER* split   local 09x     es name  es    yes
PE-PNP         UTF-8       ,      d/m/y  UPPER  full    E.164         alpha-3  es    no
DO-PGR         UTF-8       ,      ISO    Proper split   local 809-    es name  es    yes
BR-PF          UTF-8 BOM   ;      d/m/y  Proper full    local (95)    pt name  pt    no
HN-DPI         UTF-8       ,      ISO    UPPER  split   local         alpha-2  es    no
TT-TTPS        UTF-8       ,      d/m/y  Proper full    local 868-    en name  en    yes
HT-DCPJ        UTF-8       ,      d/m/y  UPPER  split   +509 spaced   fr name  fr    no
CW-KWCARIB     UTF-8       ,      ISO    Proper full    E.164         en name  en    yes
=============  ==========  =====  =====  =====  ======  ============  =======  ====  ======

``*`` upper case without accents (older systems that only take ASCII capitals). GT-PNC
writes its header row in capitals (column names are case-insensitive). Record ids and
case references follow each agency's own numbering. ``encounter`` is the chance that
the agency records a migrant party passing through its country (Panama registers almost
everyone leaving the Darién at its reception stations; others intercept a share), and
``sharing`` the weights of the sharing values it puts on cases. ``covers`` lists the
countries an agency records beyond its own (the Dutch Caribbean Coast Guard, based in
Curaçao, patrols the waters of Aruba too).
"""

from __future__ import annotations

from typing import NamedTuple


class Agency(NamedTuple):
    code: str
    country: str
    name: str
    encoding: str
    delimiter: str
    dates: str  # "iso" or "dmy"
    upper: bool
    ascii_only: bool
    split: bool
    phone_style: str
    country_style: str
    lang: str
    grades: bool
    header_upper: bool
    id_fmt: str
    case_fmt: str
    encounter: float
    sharing: tuple[tuple[str, float], ...]
    covers: tuple[str, ...] = ()


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "CO-DIJIN",
        "CO",
        "Dirección de Investigación Criminal e INTERPOL — Policía Nacional de Colombia",
        "utf-8",
        ",",
        "dmy",
        True,
        False,
        True,
        "national",
        "es",
        "es",
        True,
        False,
        "DIJIN-{k}-{n:07d}",
        "SPOA-11001600{y}{n:06d}",
        0.30,
        (
            ("network:ISON", 0.4),
            ("network:HTEG", 0.2),
            ("agency", 0.25),
            ("agencies:CO-DIJIN;PA-SENAFRONT;EC-PN", 0.15),
        ),
    ),
    Agency(
        "PA-SENAFRONT",
        "PA",
        "Servicio Nacional de Fronteras de Panamá",
        "utf-8-sig",
        ",",
        "iso",
        False,
        False,
        False,
        "intl",
        "alpha3",
        "es",
        False,
        False,
        "SNF{k}{n:08d}",
        "SF-DAR-{y}-{n:05d}",
        0.85,
        (("network:ISON", 0.5), ("all", 0.2), ("agencies:PA-SENAFRONT;CO-DIJIN;CR-OIJ", 0.3)),
    ),
    Agency(
        "CR-OIJ",
        "CR",
        "Organismo de Investigación Judicial de Costa Rica",
        "cp1252",
        ";",
        "dmy",
        False,
        False,
        True,
        "national",
        "es",
        "es",
        True,
        False,
        "OIJ-{k}{n:06d}",
        "{yy}-{n:06d}-0042-PE",
        0.35,
        (("agency", 0.4), ("network:ISON", 0.3), ("network:REDTRAM", 0.3)),
    ),
    Agency(
        "GT-PNC",
        "GT",
        "Policía Nacional Civil de Guatemala — División de Investigación Criminal",
        "utf-8",
        "\t",
        "dmy",
        True,
        True,
        False,
        "national",
        "alpha2",
        "es",
        False,
        True,
        "PNC{k}{n:07d}",
        "MP001-{y}-{n:05d}",
        0.25,
        (("agency", 0.5), ("network:ISON", 0.3), ("all", 0.2)),
    ),
    Agency(
        "MX-FGR",
        "MX",
        "Fiscalía General de la República (México)",
        "utf-8",
        ",",
        "iso",
        False,
        False,
        True,
        "intl",
        "es",
        "es",
        False,
        False,
        "FGR-{k}-{n:07d}",
        "FED/FEVIMTRA/{n:07d}/{y}",
        0.35,
        (("network:REDTRAM", 0.5), ("agency", 0.3), ("agencies:MX-FGR;GT-PNC;HN-DPI", 0.2)),
    ),
    Agency(
        "EC-PN",
        "EC",
        "Policía Nacional del Ecuador — Unidad contra la Trata de Personas y Tráfico de Migrantes",
        "cp1252",
        ";",
        "dmy",
        True,
        True,
        True,
        "national",
        "es",
        "es",
        True,
        False,
        "UCTPTM{k}{n:06d}",
        "NDD-{y}-{n:06d}",
        0.35,
        (("network:ISON", 0.4), ("agency", 0.4), ("network:HTEG", 0.2)),
    ),
    Agency(
        "PE-PNP",
        "PE",
        "Policía Nacional del Perú — DIRCTPTIM",
        "utf-8",
        ",",
        "dmy",
        True,
        False,
        False,
        "e164",
        "alpha3",
        "es",
        False,
        False,
        "PNP{k}{n:07d}",
        "{n:05d}-{y}-DIRCTPTIM",
        0.35,
        (("network:REDTRAM", 0.4), ("agency", 0.4), ("all", 0.2)),
    ),
    Agency(
        "DO-PGR",
        "DO",
        "Procuraduría General de la República Dominicana — PETT",
        "utf-8",
        ",",
        "iso",
        False,
        False,
        True,
        "national",
        "es",
        "es",
        True,
        False,
        "PGR-{k}{n:06d}",
        "PGR-PETT-{y}-{n:05d}",
        0.40,
        (("network:REDTRAM", 0.5), ("agency", 0.5)),
    ),
    Agency(
        "BR-PF",
        "BR",
        "Polícia Federal do Brasil",
        "utf-8-sig",
        ";",
        "dmy",
        False,
        False,
        False,
        "national",
        "pt",
        "pt",
        False,
        False,
        "PF{k}{n:08d}",
        "IPL {n:05d}/{y}-SR/PF/RR",
        0.45,
        (("agency", 0.5), ("network:HTEG", 0.3), ("all", 0.2)),
    ),
    Agency(
        "HN-DPI",
        "HN",
        "Dirección Policial de Investigaciones de Honduras",
        "utf-8",
        ",",
        "iso",
        True,
        False,
        True,
        "national",
        "alpha2",
        "es",
        False,
        False,
        "DPI-{k}-{n:06d}",
        "DPI-{y}-{n:05d}",
        0.30,
        (("network:ISON", 0.4), ("agency", 0.4), ("agencies:HN-DPI;GT-PNC;MX-FGR", 0.2)),
    ),
    Agency(
        "TT-TTPS",
        "TT",
        "Trinidad and Tobago Police Service — Counter Trafficking Unit",
        "utf-8",
        ",",
        "dmy",
        False,
        False,
        False,
        "national",
        "en",
        "en",
        True,
        False,
        "CTU{k}{n:06d}",
        "CTU/{y}/{n:05d}",
        0.45,
        (("network:HTEG", 0.5), ("agency", 0.5)),
    ),
    Agency(
        "HT-DCPJ",
        "HT",
        "Direction Centrale de la Police Judiciaire (Haïti)",
        "utf-8",
        ",",
        "dmy",
        True,
        False,
        True,
        "intl",
        "fr",
        "fr",
        False,
        False,
        "DCPJ-{k}{n:06d}",
        "DCPJ-{y}-{n:05d}",
        0.30,
        (("agency", 0.6), ("network:HTEG", 0.4)),
    ),
    Agency(
        "CW-KWCARIB",
        "CW",
        "Kustwacht Caribisch Gebied (Dutch Caribbean Coast Guard)",
        "utf-8",
        ",",
        "iso",
        False,
        False,
        False,
        "e164",
        "en",
        "en",
        True,
        False,
        "KW{k}{n:06d}",
        "KWC-{y}-{n:04d}",
        0.45,
        (("network:ISON", 0.5), ("agency", 0.5)),
        ("CW", "AW"),
    ),
)

BY_COUNTRY: dict[str, Agency] = {c: a for a in AGENCIES for c in (a.covers or (a.country,))}
BY_CODE: dict[str, Agency] = {a.code: a for a in AGENCIES}
