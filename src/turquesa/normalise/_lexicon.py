"""Word lists for splitting a full name into given names and surnames.

Written for Turquesa from general knowledge of naming in the region and among the
migrants who cross it. Entries are compared after :func:`fold` (no accents, lower
case), so each is written once, plainly. The lists only need to be good enough to tell
a given name from a surname at the start of a name; they are not a census.
"""

from __future__ import annotations

# Given names: Spanish and Portuguese.
_IBERIAN = """
adan adela adolfo adrian adriana agustin agustina aida alba alberto alejandra alejandro
alexander alexandra alexis alfonso alfredo alicia alma alvaro amanda amparo ana andrea
andres angel angela angelica anibal antonia antonio ariel armando arturo augusto aurora
beatriz benjamin bernardo blanca brenda bruno camila camilo candelaria carla carlos carmen
carolina catalina cecilia cesar clara claudia claudio concepcion consuelo cristian cristina
cristobal daniel daniela dario david diana diego dolores domingo edgar eduardo elena
elias elizabeth elsa emilio emma enrique ernesto esperanza esteban estela eva fabian fabiola
federico felipe fernanda fernando fidel flor francisca francisco gabriel gabriela gerardo
german gilberto gladys gloria gonzalo graciela gregorio guadalupe guillermo gustavo hector
hernan hilda hugo ignacio ines irene isabel isidro ismael ivan jaime javier jesus jimena
joaquin jorge jose josefa josefina juan juana julia julian juliana julio karen karina laura
leonardo leticia lidia liliana lorena lorenzo lourdes lucas lucia luciana luis luisa luz
manuel manuela marcela marcelo marco marcos margarita maria mariana mariano maribel marina
mario marisol marta martha martin mateo matias mauricio maximiliano mercedes miguel milagros
miriam moises monica nancy natalia nelson nicolas noemi norma octavio olga omar oscar pablo
paola patricia paula pedro pilar rafael ramiro ramon raquel raul rebeca ricardo roberto
rocio rodrigo rogelio rosa rosario ruben ruth salvador samuel sandra santiago sara sebastian
sergio silvia simon socorro sofia sonia susana teresa tomas ulises valentina valeria
vanessa veronica vicente victor victoria virginia ximena yolanda yesenia yuliana wilson
walter william xiomara yeison yorman yessica jhon jhonatan jonathan brayan deisy leidy
yuli yenny yurani wilmer edwin fredy freddy jairo jhon jairo nelly nubia marleny luz
joao antonio francisco manoel pedro paulo lucas gabriel rafael matheus mateus thiago
tiago gustavo felipe guilherme leonardo rodrigo marcelo bruno eduardo fabio vinicius
leandro diego renato sergio andre caio joana ana maria francisca antonia adriana juliana
marcia fernanda patricia aline sandra camila amanda bruna jessica leticia julia luciana
vanessa mariana gabriela vitoria larissa beatriz raimundo raimunda sebastiao conceicao
aparecida rosangela rosana cleide edileuza josefa lucimar luzia marlene neide regina
sueli tereza vera debora daiane thais tatiana priscila roberta carolina helena lucia
"""

# French, Haitian Creole usage and English.
_FRENCH_ENGLISH = """
jean pierre jacques paul louis joseph marie anne francois francoise michel michelle claude
andre philippe nicolas alain bernard daniel christian patrick eric olivier thierry
stephane sebastien emmanuel frantz fritz wilner wilson jocelyn jocelyne nadege guerline
rose roseline marie-rose mirlande mireille fabienne nathalie sandrine isabelle sophie
celine chantal ginette jeanne josette lucienne madeleine monique nicole sylvie yolande
ketly kettely nadine widline mackenson jameson wisly jimmy junior peterson stevenson
woodly woodson wilfrid wilfred lovely love esther judith ruth rachel sarah dieudonne
fils-aime jean-baptiste jean-pierre jean-claude jean-louis jean-paul marie-claude
marie-therese marie-ange etienne gaston guy henri herve jules lionel luc lucien marc
maurice max maxime mathieu roger serge yves yvette yvonne jocelin guerda nerlande
mardochee fedner elie samuel ismael frednel wesner wilna natacha benito
roselaure islande judeline jesula jeanine fabiola bethie nadia darline rosemene
loudmia medjine vladimir ricardo clervil ketia marlene
john james robert michael william david richard charles thomas christopher joseph
matthew anthony mark donald steven kevin brian george edward ronald timothy jason jeffrey
ryan jacob gary nicholas eric stephen jonathan larry justin scott brandon frank benjamin
gregory samuel raymond patrick alexander jack dennis jerry tyler aaron henry peter adam
mary patricia jennifer linda barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda
pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet
marcus dwayne andre tyrone shaquille keisha latoya tamika
"""

# Arabic, Afghan, South Asian, Central Asian (common romanisations).
_ASIAN_ARABIC = """
mohammed mohammad muhammad mohamed mohamad mohd muhammed ahmed ahmad ali hassan hasan
hussein husain hussain omar umar abdul abdel abd abdullah abdallah abdulla abdulrahman
rahman abdulaziz aziz karim kareem khalid khaled yusuf youssef yousef yousif ibrahim
ismail mustafa mostafa mahmoud mahmud hamid hamza bilal tariq tarek amir ameer said
saeed salim saleem samir sami jamal jamil nasir nasser rashid rasheed faisal fahad
zaid zayd waleed walid anwar farid farouk habib hakim idris imran irfan jalal kamal
latif majid malik mansour mansur munir nabil nadir naveed qasim rafiq rafiqul rahim
rasul riaz sadiq shafiq shahid sharif sulaiman suleiman sulayman usman osman uthman
wahid yasin yaseen yassin zakaria zakir zubair fatima fatma aisha ayesha khadija maryam
mariam zainab zaynab amina aminah asma hafsa halima hawa layla leila noor nur rania
salma samira sara yasmin yasmeen zahra zara farida nasrin parveen shabnam
gul gulalai zarmina mohibullah habibullah hekmatullah najibullah rahmatullah
zabihullah ahmadullah ahmadshah jan wali noor-ahmad sayed sayyid syed mir
ram raj rajesh ramesh suresh mahesh dinesh ganesh rakesh mukesh anil sunil vijay ajay
sanjay manoj ashok arjun amit rohit rahul ravi krishna gopal hari prakash deepak
pradeep sandeep gurpreet harpreet manpreet jaspreet simran priya pooja
sunita anita kavita lakshmi sita gita rina rita shanti
bishnu binod dil ram-bahadur bahadur krishna-bahadur tek hom pasang tenzin sonam
abdus abul mizanur mamun rubel shohel sohel habibur mostafizur saiful shahidul
aminul anisur kamrul masud monir nurul shariful
rustam farrukh bakhtiyor sherzod jasur otabek dilshod aziza gulnora nodira
"""

# West and East Africa (Senegal, Cameroon, Ghana, Nigeria, Guinea, Eritrea, Ethiopia,
# Somalia, Angola, DR Congo).
_AFRICAN = """
mamadou moussa ousmane amadou ibrahima abdoulaye cheikh modou aliou alioune boubacar
souleymane seydou oumar lamine mamadi sekou fode alpha thierno awa aissatou fatou
mariama aminata adama binta kadiatou ndeye coumba astou rokhaya khadidiatou
kwame kofi kwabena kwaku yaw kojo kwesi ama akosua abena adwoa afia efua esi yaa
chinedu chukwuemeka emeka ifeanyi obinna uche ngozi chioma adaeze nkechi oluwaseun
olumide babajide tunde tunde ayodele adebayo segun yemi funmilayo bisi
tesfaye tewodros dawit yohannes haile berhane mulugeta solomon kidane gebre
tsegaye abeba almaz tigist meron selam hiwot senait saba eden
abdirahman abdirizak abdiaziz abdikarim abdullahi hodan fadumo hibaq ayan
jean-marie jean-claude joseph-marie
francisco domingos manuel joaquim agostinho adelino fernando isabel esperanca
"""

GIVEN_NAMES: frozenset[str] = frozenset(
    (_IBERIAN + _FRENCH_ENGLISH + _ASIAN_ARABIC + _AFRICAN).replace("-", " ").split()
)

# Words that follow "María de / del / de la / de los" in a Catholic compound given name
# (María de los Ángeles, María del Carmen, José de Jesús). "Cruz" is not among them:
# "de la Cruz" is far more often a surname.
MARIAN_COMPLEMENTS: frozenset[str] = frozenset(
    [
        "angeles",
        "carmen",
        "pilar",
        "jesus",
        "lourdes",
        "fatima",
        "rosario",
        "luz",
        "socorro",
        "dolores",
        "mercedes",
        "guadalupe",
        "concepcion",
        "consuelo",
        "rocio",
        "montserrat",
        "asuncion",
        "nieves",
        "remedios",
        "soledad",
        "milagros",
        "gracia",
        "paz",
        "belen",
        "candelaria",
        "esperanza",
        "refugio",
        "loreto",
        "aranzazu",
        "begona",
        "fe",
        "piedad",
        "salud",
        "gloria",
        "mar",
        "perpetuo",
        "encarnacion",
        "inmaculada",
    ]
)

# The ~100 most common Chinese family names, in Hanyu Pinyin without tones.
CHINESE_SURNAMES: frozenset[str] = frozenset(
    [
        "wang",
        "li",
        "zhang",
        "liu",
        "chen",
        "yang",
        "huang",
        "zhao",
        "wu",
        "zhou",
        "xu",
        "sun",
        "ma",
        "zhu",
        "hu",
        "guo",
        "he",
        "gao",
        "lin",
        "luo",
        "zheng",
        "liang",
        "xie",
        "song",
        "tang",
        "han",
        "feng",
        "deng",
        "cao",
        "peng",
        "zeng",
        "xiao",
        "tian",
        "dong",
        "yuan",
        "pan",
        "cai",
        "jiang",
        "yu",
        "du",
        "ye",
        "cheng",
        "su",
        "wei",
        "lu",
        "ding",
        "ren",
        "shen",
        "yao",
        "jiang",
        "cui",
        "zhong",
        "tan",
        "lu",
        "wang",
        "fan",
        "jin",
        "shi",
        "liao",
        "jia",
        "xia",
        "fu",
        "fang",
        "zou",
        "xiong",
        "bai",
        "meng",
        "qin",
        "qiu",
        "hou",
        "jiang",
        "yin",
        "xue",
        "yan",
        "duan",
        "lei",
        "long",
        "li",
        "shi",
        "tao",
        "he",
        "gu",
        "mao",
        "hao",
        "gong",
        "shao",
        "wan",
        "qian",
        "yan",
        "qin",
        "wu",
        "dai",
        "mo",
        "kong",
        "xiang",
        "chang",
        "ou",
        "ouyang",
        "yi",
        "zhan",
        "niu",
    ]
)

# Common Vietnamese family names (written first) and the middle names that signal a
# Vietnamese name when the family name alone is not distinctive.
VIETNAMESE_SURNAMES: frozenset[str] = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "trinh",
        "dinh",
    ]
)
VIETNAMESE_MIDDLE: frozenset[str] = frozenset(
    [
        "van",
        "thi",
        "duc",
        "dinh",
        "huu",
        "ngoc",
        "minh",
        "quoc",
        "xuan",
        "thanh",
        "hong",
        "kim",
        "cong",
        "quang",
    ]
)

# What agencies write when the name is not known. Such a field (or word of a name)
# carries no name and must never become a matching key: every "NN" would match every
# other. "NA" and "X" are left out on purpose: Na is a Korean and Chinese family name,
# and a single letter is an initial.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "nn",
        "n n",
        "nn nn",
        "n a",
        "s n",
        "sn",
        "xx",
        "xxx",
        "unknown",
        "desconocido",
        "desconocida",
        "desconhecido",
        "desconhecida",
        "inconnu",
        "inconnue",
        "sin nombre",
        "sem nome",
        "sans nom",
        "no name",
        "no identificado",
        "no identificada",
        "nao identificado",
        "nao identificada",
        "non identifie",
        "non identifiee",
        "sin datos",
        "sin informacion",
        "ninguno",
        "none",
        "null",
        "nil",
        "n d",
        "ignorado",
        "ignorada",
    }
)
