"""Free text in the agency's language: case titles, event descriptions, person notes.

Short, formulaic sentences like the ones in real case-management systems, in Spanish,
Portuguese, French or English, so that the text extraction and the multilingual user
interface are exercised on the language each agency actually writes.
"""

from __future__ import annotations

CASE_TITLE: dict[str, dict[str, str]] = {
    "es": {
        "smuggling": "Tráfico ilícito de migrantes — {place} {year}",
        "trafficking": "Trata de personas con fines de {expl} — {place}",
        "both": "Trata y tráfico — red {name}",
        "interception": "Intercepción de migrantes en {place}",
    },
    "pt": {
        "smuggling": "Contrabando de migrantes — {place} {year}",
        "trafficking": "Tráfico de pessoas para fins de {expl} — {place}",
        "both": "Tráfico de pessoas e contrabando de migrantes — rede {name}",
        "interception": "Abordagem de migrantes em {place}",
    },
    "fr": {
        "smuggling": "Trafic illicite de migrants — {place} {year}",
        "trafficking": "Traite des personnes aux fins de {expl} — {place}",
        "both": "Traite et trafic — réseau {name}",
        "interception": "Interception de migrants à {place}",
    },
    "en": {
        "smuggling": "Migrant smuggling — {place} {year}",
        "trafficking": "Trafficking in persons for {expl} — {place}",
        "both": "Trafficking and smuggling — {name} network",
        "interception": "Migrants intercepted at {place}",
    },
}

EXPLOITATION_WORD: dict[str, dict[str, str]] = {
    "es": {
        "sexual": "explotación sexual",
        "forced_labour": "trabajo forzoso",
        "forced_criminality": "criminalidad forzada",
        "begging": "mendicidad",
        "forced_marriage": "matrimonio servil",
        "organ_removal": "extracción de órganos",
        "other": "explotación",
    },
    "pt": {
        "sexual": "exploração sexual",
        "forced_labour": "trabalho forçado",
        "forced_criminality": "criminalidade forçada",
        "begging": "mendicância",
        "forced_marriage": "casamento servil",
        "organ_removal": "remoção de órgãos",
        "other": "exploração",
    },
    "fr": {
        "sexual": "exploitation sexuelle",
        "forced_labour": "travail forcé",
        "forced_criminality": "criminalité forcée",
        "begging": "mendicité",
        "forced_marriage": "mariage forcé",
        "organ_removal": "prélèvement d'organes",
        "other": "exploitation",
    },
    "en": {
        "sexual": "sexual exploitation",
        "forced_labour": "forced labour",
        "forced_criminality": "forced criminality",
        "begging": "forced begging",
        "forced_marriage": "forced marriage",
        "organ_removal": "organ removal",
        "other": "exploitation",
    },
}

EVENT: dict[str, dict[str, str]] = {
    "es": {
        "interception": "Grupo de {n} migrantes interceptado en {place}",
        "border_crossing": "Registro de {n} migrantes en {place}",
        "arrest": "Captura en {place} por tráfico de migrantes",
        "payment": "Pago de {amount} {currency} al facilitador",
        "communication": "Comunicación entre integrantes de la red",
        "recruitment": "Captación mediante {method} en {place}",
        "exploitation": "Víctima sometida a {expl} en {place}",
        "rescue": "Rescate de víctima en {place}",
        "transport": "Traslado en {mode} hacia {place}",
        "death": "Fallecimiento durante la travesía en {place}",
        "disappearance": "Persona desaparecida en la selva cerca de {place}",
    },
    "pt": {
        "interception": "Grupo de {n} migrantes abordado em {place}",
        "border_crossing": "Registro de {n} migrantes em {place}",
        "arrest": "Prisão em {place} por contrabando de migrantes",
        "payment": "Pagamento de {amount} {currency} ao facilitador",
        "communication": "Comunicação entre membros da rede",
        "recruitment": "Aliciamento por {method} em {place}",
        "exploitation": "Vítima submetida a {expl} em {place}",
        "rescue": "Resgate de vítima em {place}",
        "transport": "Transporte por {mode} para {place}",
        "death": "Óbito durante a travessia em {place}",
        "disappearance": "Pessoa desaparecida perto de {place}",
    },
    "fr": {
        "interception": "Groupe de {n} migrants intercepté à {place}",
        "border_crossing": "Enregistrement de {n} migrants à {place}",
        "arrest": "Arrestation à {place} pour trafic de migrants",
        "payment": "Paiement de {amount} {currency} au passeur",
        "communication": "Communication entre membres du réseau",
        "recruitment": "Recrutement par {method} à {place}",
        "exploitation": "Victime soumise à {expl} à {place}",
        "rescue": "Victime secourue à {place}",
        "transport": "Transport par {mode} vers {place}",
        "death": "Décès pendant la traversée à {place}",
        "disappearance": "Personne disparue près de {place}",
    },
    "en": {
        "interception": "Group of {n} migrants intercepted at {place}",
        "border_crossing": "{n} migrants registered at {place}",
        "arrest": "Arrest at {place} for migrant smuggling",
        "payment": "Payment of {amount} {currency} to the facilitator",
        "communication": "Communication between members of the network",
        "recruitment": "Recruited through {method} at {place}",
        "exploitation": "Victim subjected to {expl} at {place}",
        "rescue": "Victim rescued at {place}",
        "transport": "Moved by {mode} to {place}",
        "death": "Died during the crossing at {place}",
        "disappearance": "Person missing near {place}",
    },
}

NOTE: dict[str, tuple[str, ...]] = {
    "es": (
        "Viajaba con documento presuntamente falso",
        "Manifiesta destino Estados Unidos",
        "Presenta signos de agotamiento",
        "Refiere haber pagado a un guía",
        "Sin documentos de identidad",
    ),
    "pt": (
        "Portava documento supostamente falso",
        "Declara destino Manaus",
        "Apresenta sinais de exaustão",
        "Relata ter pago a um guia",
        "Sem documentos de identidade",
    ),
    "fr": (
        "Voyageait avec un document présumé faux",
        "Déclare vouloir rejoindre la République dominicaine",
        "Présente des signes d'épuisement",
        "Dit avoir payé un passeur",
        "Sans pièce d'identité",
    ),
    "en": (
        "Travelling on a suspected false document",
        "States destination Port of Spain",
        "Shows signs of exhaustion",
        "Says a guide was paid",
        "No identity documents",
    ),
}
