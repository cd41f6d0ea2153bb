"""Nationality adjectives (demonyms) that agencies write in a nationality column.

Written by hand for Turquesa: English, Spanish, Portuguese and French, masculine and
feminine. Forms are compared after :func:`turquesa.normalise.text.fold`, so accents and
case do not matter here; plurals ("venezolanos") are tried by the caller.

Coverage: every country of the Americas and the Caribbean, plus the countries whose
nationals most often travel through the region's smuggling routes (Darién, Central
America, the Caribbean crossings) and a few European ones.
"""

from __future__ import annotations

# ISO 3166-1 alpha-2 -> comma-separated forms.
DEMONYMS: dict[str, str] = {
    # --- South America
    "AR": "argentine, argentinian, argentino, argentina, argentin, argentine",
    "BO": "bolivian, boliviano, boliviana, bolivien, bolivienne",
    "BR": "brazilian, brasileño, brasileña, brasilero, brasilera, brasileiro, brasileira, "
    "brésilien, brésilienne",
    "CL": "chilean, chileno, chilena, chilien, chilienne",
    "CO": "colombian, colombiano, colombiana, colombien, colombienne",
    "EC": "ecuadorian, ecuadorean, ecuatoriano, ecuatoriana, equatoriano, equatoriana, "
    "équatorien, équatorienne",
    "GY": "guyanese, guyanés, guyanesa, guianense, guianês, guianesa, guyanien, guyanienne",
    "PY": "paraguayan, paraguayo, paraguaya, paraguaio, paraguaia, paraguayen, paraguayenne",
    "PE": "peruvian, peruano, peruana, péruvien, péruvienne",
    "SR": "surinamese, surinamés, surinamesa, surinamês, surinamais, surinamaise, "
    "surinamien, surinamienne",
    "UY": "uruguayan, uruguayo, uruguaya, uruguaio, uruguaia, uruguayen, uruguayenne",
    "VE": "venezuelan, venezolano, venezolana, venezuelano, venezuelana, vénézuélien, "
    "vénézuélienne",
    "GF": "french guianese, guayanés francés, guayanesa francesa, guianense francês, "
    "guyanais, guyanaise",
    # --- Central America and Mexico
    "BZ": "belizean, beliceño, beliceña, belizenho, belizenha, bélizien, bélizienne",
    "CR": "costa rican, costarricense, costarriqueño, costarriqueña, costarriquenho, "
    "costarriquenha, costa-riquenho, costa-riquenha, costaricien, costaricienne, "
    "costaricain, costaricaine",
    "SV": "salvadoran, salvadorean, salvadoreño, salvadoreña, salvadorenho, salvadorenha, "
    "salvadorien, salvadorienne",
    "GT": "guatemalan, guatemalteco, guatemalteca, guatémaltèque",
    "HN": "honduran, hondureño, hondureña, hondurenho, hondurenha, hondurien, hondurienne",
    "MX": "mexican, mexicano, mexicana, mexicain, mexicaine",
    "NI": "nicaraguan, nicaragüense, nicaraguense, nicaraguayen, nicaraguayenne",
    "PA": "panamanian, panameño, panameña, panamenho, panamenha, panaméen, panaméenne",
    # --- North America
    "CA": "canadian, canadiense, canadense, canadiano, canadiana, canadien, canadienne",
    "US": "american, us american, estadounidense, norteamericano, norteamericana, americano, "
    "americana, estadunidense, norte-americano, norte-americana, américain, américaine, "
    "étatsunien, étatsunienne",
    # --- Caribbean
    "AG": "antiguan, barbudan, antiguano, antiguana, antiguense, antiguais, antiguaise",
    "BS": "bahamian, bahameño, bahameña, bahamense, bahamiano, bahamiana, bahaméen, "
    "bahaméenne, bahamien, bahamienne",
    "BB": "barbadian, bajan, barbadense, barbadiano, barbadiana, barbadien, barbadienne",
    "CU": "cuban, cubano, cubana, cubain, cubaine",
    "DM": "dominiqués, dominiquesa, dominiquense, dominiquais, dominiquaise",
    "DO": "dominican, dominicano, dominicana, dominicain, dominicaine, quisqueyano, quisqueyana",
    "GD": "grenadian, granadino, granadina, granadense, grenadien, grenadienne",
    "HT": "haitian, haitiano, haitiana, haïtien, haïtienne, ayisyen",
    "JM": "jamaican, jamaicano, jamaicana, jamaiquino, jamaiquina, jamaicain, jamaicaine, "
    "jamaïcain, jamaïcaine",
    "KN": "kittitian, nevisian, sancristobaleño, sancristobaleña, são-cristovense, kittitien, "
    "kittitienne",
    "LC": "saint lucian, santalucense, santa-lucense, saint-lucien, saint-lucienne",
    "VC": "vincentian, sanvicentino, sanvicentina, são-vicentino, são-vicentina, vincentais, "
    "vincentaise",
    "TT": "trinidadian, tobagonian, trinitense, trinitario, trinitaria, trinitário, "
    "trinitária, trinidadien, trinidadienne",
    "PR": "puerto rican, puertorriqueño, puertorriqueña, boricua, porto-riquenho, "
    "porto-riquenha, portorriquenho, portorriquenha, portoricain, portoricaine",
    "AW": "aruban, arubeño, arubeña, arubano, arubana, arubais, arubaise",
    "CW": "curaçaoan, curazoleño, curazoleña, curaçauense, curacien, curacienne",
    "GP": "guadeloupean, guadalupense, guadeloupéen, guadeloupéenne",
    "MQ": "martinican, martiniqués, martiniquesa, martinicano, martinicana, martiniquais, "
    "martiniquaise",
    "TC": "turks and caicos islander",
    "KY": "caymanian, caimanés, caimanesa",
    # --- Asia
    "CN": "chinese, chino, china, chinês, chinesa, chinois, chinoise",
    "IN": "indian, indio, india, hindú, hindu, indiano, indiana, indien, indienne",
    "AF": "afghan, afghani, afgano, afgana, afgão, afegão, afegã, afegane, afghane",
    "NP": "nepalese, nepali, nepalí, nepalés, nepalesa, nepalês, nepalense, népalais, népalaise",
    "BD": "bangladeshi, bangladesí, bangladeshí, bangladesí, bangladeshiano, bangladeshiana, "
    "bengalês, bengalesa, bangladais, bangladaise",
    "PK": "pakistani, paquistaní, pakistaní, paquistanês, paquistanesa, paquistanense, "
    "pakistanais, pakistanaise",
    "UZ": "uzbek, uzbeko, uzbeka, uzbeque, ouzbek, ouzbèke, ouzbeke",
    "LK": "sri lankan, ceilanés, ceilanesa, esrilanqués, esrilanquesa, cingalês, cingalesa, "
    "srilankais, srilankaise, sri-lankais, sri-lankaise",
    "VN": "vietnamese, vietnamita, vietnamien, vietnamienne",
    "SY": "syrian, sirio, siria, sírio, síria, syrien, syrienne",
    "IQ": "iraqi, iraquí, iraquiano, iraquiana, irakien, irakienne",
    "IR": "iranian, iraní, iraniano, iraniana, iranien, iranienne",
    "TR": "turkish, turco, turca, turc, turque",
    "PH": "filipino, filipina, philippin, philippine",
    "YE": "yemeni, yemení, iemenita, yéménite",
    "KR": "south korean, surcoreano, surcoreana, sul-coreano, sul-coreana, sud-coréen, "
    "sud-coréenne",
    "JP": "japanese, japonés, japonesa, japonês, japonais, japonaise",
    # --- Africa
    "CM": "cameroonian, camerunés, camerunesa, camaronês, camaronesa, camaronense, "
    "camerounais, camerounaise",
    "SN": "senegalese, senegalés, senegalesa, senegalês, sénégalais, sénégalaise",
    "SO": "somali, somalian, somalí, somaliano, somaliana, somalien, somalienne",
    "ER": "eritrean, eritreo, eritrea, eritreu, eritreia, érythréen, érythréenne",
    "ET": "ethiopian, etíope, etiope, éthiopien, éthiopienne",
    "GH": "ghanaian, ghanés, ghanesa, ghaneano, ghaneana, ganês, ganesa, ganense, "
    "ghanéen, ghanéenne",
    "NG": "nigerian, nigeriano, nigeriana, nigérian, nigériane",
    "NE": "nigerien, nigerino, nigerina, nigerense, nigérien, nigérienne",
    "AO": "angolan, angoleño, angoleña, angolano, angolana, angolense, angolais, angolaise",
    "GN": "guinean, guineano, guineana, guineense, guinéen, guinéenne",
    "GW": "bissau-guinean, bisauguineano, bisauguineana, guineense-bissau, bissaoguinéen, "
    "bissau-guinéen, bissau-guinéenne",
    "GQ": "equatoguinean, equatorial guinean, ecuatoguineano, ecuatoguineana, "
    "equato-guineense, équatoguinéen, équatoguinéenne",
    "MR": "mauritanian, mauritano, mauritana, mauritanien, mauritanienne",
    "ML": "malian, maliense, malí, malinés, malinesa, malien, malienne",
    "BF": "burkinabe, burkinabé, burkinés, burkinesa",
    "CI": "ivorian, marfileño, marfileña, marfinense, ivoirien, ivoirienne",
    "SL": "sierra leonean, sierraleonés, sierraleonesa, serra-leonês, serra-leonesa, "
    "sierra-léonais, sierra-léonaise",
    "GM": "gambian, gambiano, gambiana, gambien, gambienne",
    "TG": "togolese, togolés, togolesa, togolês, togolais, togolaise",
    "BJ": "beninese, beninés, beninesa, beninense, béninois, béninoise",
    "KE": "kenyan, keniano, keniana, queniano, queniana, kényan, kényane",
    "SD": "sudanese, sudanés, sudanesa, sudanês, soudanais, soudanaise",
    "EG": "egyptian, egipcio, egipcia, egípcio, egípcia, égyptien, égyptienne",
    "MA": "moroccan, marroquí, marroquino, marroquina, marocain, marocaine",
    "UG": "ugandan, ugandés, ugandesa, ugandense, ougandais, ougandaise",
    # --- Europe
    "RU": "russian, ruso, rusa, russo, russa, russe",
    "UA": "ukrainian, ucraniano, ucraniana, ukrainien, ukrainienne",
    "ES": "spanish, spaniard, español, española, espanhol, espanhola, espagnol, espagnole",
    "PT": "portuguese, portugués, portuguesa, português, portugais, portugaise",
    "FR": "french, francés, francesa, francês, français, française",
    "IT": "italian, italiano, italiana, italien, italienne",
    "DE": "german, alemán, alemana, alemão, alemã, allemand, allemande",
    "GB": "british, briton, británico, británica, britânico, britânica, britannique",
    "NL": "dutch, holandés, holandesa, neerlandés, neerlandesa, holandês, neerlandês, "
    "néerlandais, néerlandaise, hollandais, hollandaise",
}

# Forms shared by two countries: refused with a reason rather than guessed, because a
# wrong nationality would merge or split people in entity resolution.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "congolese": ("CG", "CD"),
    "congoleño": ("CG", "CD"),
    "congoleña": ("CG", "CD"),
    "congolés": ("CG", "CD"),
    "congolesa": ("CG", "CD"),
    "congolês": ("CG", "CD"),
    "congolais": ("CG", "CD"),
    "congolaise": ("CG", "CD"),
    "congo": ("CG", "CD"),
}

# Unambiguous forms naming one of the two Congos.
CONGO_FORMS: dict[str, str] = {
    "CD": "drc, rdc, dr congo, rd congo, congo rdc, congo drc, congo kinshasa, "
    "république démocratique du congo, republica democratica do congo, "
    "congolese drc, congolais rdc, congoleño rdc, congolés rdc, congolês rdc, kinois",
    "CG": "congo brazzaville, république du congo, republic of the congo, "
    "república del congo, república do congo, congolese brazzaville, congolais brazzaville",
}
