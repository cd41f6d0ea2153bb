# ruff: noqa: SIM905 - word lists read best as wrapped text
"""Given names, surnames and aliases by naming tradition (data only).

Chosen from everyday registers of the region and of the countries whose nationals cross
the Darién (popular-name lists, consular and court lists), with their accents as
written in civil registries. Variant spellings that real agencies disagree on are kept
in ``VARIANTS`` so that a copy can be written another way.
"""

from __future__ import annotations

HISPANIC_F = tuple(
    """
María Josefina Ana Luisa Carmen Rosa Isabel Gabriela Daniela Valentina Camila Sofía Mariana
Andrea Paola Carolina Natalia Alejandra Diana Laura Juliana Catalina Marcela Yuliana Yesenia
Yurany Maryuri Leidy Jennifer Katherine Dayana Geraldine Yolanda Luz Marina Gloria Martha
Sandra Patricia Claudia Liliana Adriana Mónica Paula Ximena Lorena Milagros Yamileth Nayeli
Guadalupe Rosario Esperanza Dolores Fernanda Victoria Antonella Luciana Isabella Valeria
Karla Yaritza Yusmary Yelitza Mileidy Yenny Wendy Kimberly Dariana Nohemí Elena Beatriz
Teresa Alicia Silvia Verónica Génesis Yessica Arelis Maite Salomé
""".split()
)
HISPANIC_M = tuple(
    """
José Juan Carlos Luis Jorge Pedro Miguel Ángel Andrés Felipe Santiago Sebastián Alejandro
Diego Daniel David Jesús Manuel Francisco Javier Antonio Ricardo Fernando Eduardo Óscar
Rafael Héctor Raúl Víctor Julio César Mauricio Gustavo Hernán Wilson Jhon Jhonatan Brayan
Yeison Stiven Deiver Yorman Wilmer Edwin Freddy Nelson Orlando Rubén Ramón Enrique Alberto
Roberto Gerardo Ignacio Esteban Mateo Samuel Emiliano Joel Kevin Anderson Darwin Yoel
Reinaldo Yonathan Richard Johan Leonardo Omar Iván Hugo Marlon Elkin Arley Jairo Álvaro
Gonzalo Ernesto Rigoberto Nicolás Tomás
""".split()
)
HISPANIC_SURNAMES = tuple(
    """
García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores
Rivera Gómez Díaz Reyes Morales Cruz Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez Mendoza
Castillo Jiménez Moreno Romero Herrera Medina Aguilar Vargas Castro Guzmán Fernández Muñoz
Rojas Salazar Ortega Delgado Vásquez Peña Ríos Contreras Sandoval Cárdenas Suárez Osorio
Restrepo Londoño Zapata Quintero Cárdenas Valencia Arango Mejía Patiño Ospina Henao Giraldo
Zuluaga Cardona Bermúdez Uribe Montoya Echeverri Marín Duque Parra Pineda Escobar Acosta
Benítez Rondón Briceño Colmenares Guerrero Urdaneta Villalobos Chirinos Mora Núñez Zambrano
Cedeño Vera Montero Paredes Solís Quispe Mamani Huamán Condori Chávez Espinoza Velásquez
Barrios Méndez Orellana Maldonado Cabrera Fuentes Ayala Carrasco Figueroa Bonilla Zelaya
Funes Lagos Matute Alvarado Rosales Santana Batista Peralta Tejada Almonte Encarnación
Polanco Ventura Pujols Céspedes Valdés Betancourt Quesada Chinchilla Arias Solano Vindas
Jaramillo Caicedo Mosquera Palacios Cuesta Lozano
""".split()
)
PORTUGUESE_F = tuple(
    """
Maria Ana Juliana Fernanda Beatriz Larissa Camila Gabriela Letícia Bruna Amanda Jéssica
Patrícia Aline Vanessa Francisca Antônia Luana Rafaela Tatiane Débora Raquel Isabel
Conceição Joana Madalena Esperança Luzia Adelaide Domingas Teresa Helena
""".split()
)
PORTUGUESE_M = tuple(
    """
João José Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel Rafael Daniel
Marcelo Bruno Eduardo Felipe Raimundo Rodrigo Manuel Sebastião Domingos Adriano Mateus
Leandro Tiago Sérgio Fábio Anderson Wellington
""".split()
)
PORTUGUESE_SURNAMES = tuple(
    """
Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro
Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade
Moreira Nunes Marques Machado Mendes Freitas Cardoso Ramos Teixeira Araújo Monteiro
Cavalcanti Pinto Correia Moura
""".split()
)
PORTUGUESE_PARTICLES = ("da", "dos", "de", "das", "do")
ANGOLAN_SURNAMES = tuple(
    """
Kiala Mbala Tchissola Kapinga Sebastião Kaluanda Ngola Muanda Lukamba Chipenda Sapalo Bengui
Cassoma Mateus Domingos Kassoma Nzinga Tchivinda Vunge Lutete
""".split()
)
HAITIAN_F = tuple(
    """
Widelene Mirlande Myrlande Islande Lovely Judeline Angeline Esther Chedeline Rose-Merline
Marie-Ange Marie-Claude Nadège Guerline Fabienne Roseline Wislande Darline Jeanine Nathalie
Mikerline Sabine Vanessa Roselaure Ketly Marlène Yolette Bethie Fedeline Lourdie
""".split()
)
HAITIAN_M = tuple(
    """
Jean Jean-Baptiste Pierre Joseph Louis Stevenson Stanley Samuel Peterson Wilson Jameson
Evens Ricardo Emmanuel Wilner Jean-Claude Jean-Robert Frantz Jocelyn Ronald Fritznel
Dieudonné Wisly Clervil Jonas Lesly Fénel Kervens Mackenley Woodly
""".split()
)
HAITIAN_SURNAMES = tuple(
    """
Pierre Joseph Jean Louis Jean-Baptiste Charles Michel Saint-Fleur Dorvil Desir Augustin
Célestin François Alexis Exantus Lafortune Saint-Louis Étienne Petit-Frère Noël Toussaint
Jean-Louis Dorméus Charlot Bien-Aimé Fleurant Georges Innocent Philogène Jeune
""".split()
)
CHINESE_F = tuple(
    """
Xinyi Yutong Zihan Yihan Ruoxi Yinuo Mei Li Fang Jing Xiu Ying Hui Lan Yan Ling
""".split()
)
CHINESE_M = tuple(
    """
Haoran Yuze Mingze Yichen Muchen Haoyu Wei Jun Lei Qiang Gang Tao Bo Hao Jie Peng
""".split()
)
CHINESE_SURNAMES = tuple(
    """
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
""".split()
)
MUSLIM_M = tuple(
    """
Mohammed Ahmad Ali Hussain Abdul Rahim Karim Omar Hamid Nasir Farid Jawad Sayed Mustafa
Bilal Rashid Zabihullah Naveed Khalid Yusuf Ibrahim Hassan Shafiq Rahmatullah
""".split()
)
MUSLIM_F = tuple(
    """
Fatima Zahra Maryam Ayesha Khadija Parwana Nargis Shabnam Farzana Roya Sadia Nasrin
""".split()
)
AFGHAN_SURNAMES = tuple(
    """
Ahmadi Rahimi Hakimi Karimi Mohammadi Hussaini Sultani Noori Haidari Popal Stanikzai Safi
Wardak Durrani Yousufzai
""".split()
)
BANGLADESHI_SURNAMES = tuple(
    """
Hossain Rahman Islam Ahmed Akter Khatun Uddin Miah Chowdhury Sarkar
""".split()
)
INDIAN_M = tuple(
    """
Aarav Arjun Rohit Amit Rajesh Sunil Vikram Harpreet Gurpreet Manpreet Sandeep Rahul
""".split()
)
INDIAN_F = tuple(
    """
Priya Pooja Neha Anjali Simran Kavita Sunita Harleen Jaspreet Aditi Divya Meena
""".split()
)
INDIAN_SURNAMES = tuple(
    """
Singh Kaur Patel Sharma Kumar Yadav Gill Sandhu Dhillon Shah Chauhan Verma
""".split()
)
NEPALI_M = tuple(
    """
Krishna Kiran Bishal Bibek Manish Mahesh Kamal Prem Prakash Ramesh Suman Dipak
""".split()
)
NEPALI_F = tuple(
    """
Sunita Rabina Asmita Binita Aasha Kabita Sita Gita Sabina Anita
""".split()
)
NEPALI_SURNAMES = tuple(
    """
Gurung Tamang Thapa Rana Magar Rai Shrestha Lama Chhetri Sharma Pokharel
""".split()
)
WEST_AFRICAN_M = tuple(
    """
Mamadou Ousmane Moussa Cheikh Ibrahima Abdoulaye Amadou Lamine Serigne Babacar Jean-Paul
Emmanuel Christian Hervé Blaise Franck Patrick Samuel Cédric Arnaud Boris Landry
""".split()
)
WEST_AFRICAN_F = tuple(
    """
Aminata Fatou Awa Mariama Khady Ndeye Aïssatou Astou Clarisse Brigitte Nadège Sandrine
Carine Solange Pélagie
""".split()
)
SENEGALESE_SURNAMES = tuple(
    """
Diop Ndiaye Fall Sow Diallo Ba Sy Gueye Faye Mbaye Sarr Cissé Thiam Diouf
""".split()
)
CAMEROONIAN_SURNAMES = tuple(
    """
Mbarga Nkoulou Fotso Tchoumi Ngono Essomba Atangana Kamga Njoya Mballa Ewane Tchatchoua Nana
Abena Ondoa
""".split()
)

ALIASES = (
    "El Flaco",
    "La Mona",
    "Chino",
    "El Paisa",
    "El Gordo",
    "La Flaca",
    "El Negro",
    "El Mono",
    "Caliche",
    "El Costeño",
    "El Guajiro",
    "Pitufo",
    "El Tigre",
    "La Güera",
    "El Cholo",
    "El Chamo",
    "La Chama",
    "El Pelón",
    "El Güero",
    "El Primo",
    "La Tía",
    "El Viejo",
    "El Calvo",
    "Cachaco",
    "La Rubia",
    "El Mecánico",
    "Don Pacho",
    "El Profe",
    "Gato",
    "El Zarco",
    "La Negra",
    "El Tuerto",
    "Coyote",
    "El Lanchero",
    "Tío Bolo",
    "El Baquiano",
    "La Patrona",
    "El Haitiano",
    "El Cubano",
    "Pana",
)

NICKNAMES: dict[str, str] = {
    "José": "Pepe",
    "Francisco": "Pancho",
    "Jesús": "Chucho",
    "Guadalupe": "Lupe",
    "Alejandro": "Alex",
    "Manuel": "Manolo",
    "Ignacio": "Nacho",
    "Roberto": "Beto",
    "Alberto": "Beto",
    "Rosario": "Chayo",
    "Gabriela": "Gaby",
    "Antonio": "Toño",
    "Enrique": "Quique",
    "Eduardo": "Lalo",
    "Mohammed": "Mo",
    "Jean-Baptiste": "Jean",
    "João": "Joãozinho",
    "Daniela": "Dani",
    "Fernanda": "Fer",
    "Natalia": "Naty",
}

VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohamad", "Mohammad"),
    ("Ahmad", "Ahmed"),
    ("Hussain", "Hussein", "Husain", "Hossain"),
    ("Abdul", "Abdoul"),
    ("Rahman", "Rehman"),
    ("Yusuf", "Youssouf", "Yousef"),
    ("Hassan", "Hasan"),
    ("Mustafa", "Mostafa"),
    ("Sayed", "Sayyid", "Said"),
    ("Mamadou", "Mamadu"),
    ("Ousmane", "Usman"),
    ("Cheikh", "Sheikh"),
    ("Jean-Baptiste", "Jean Baptiste", "Jn-Baptiste"),
    ("Jean-Louis", "Jean Louis"),
    ("Mirlande", "Myrlande"),
    ("Lovely", "Lovelie"),
    ("Joseph", "Jozèf"),
    ("Wilner", "Wilnè"),
    ("Zhang", "Chang"),
    ("Chen", "Chan"),
    ("Xu", "Hsu"),
    ("Liu", "Lau"),
    ("Zhou", "Chow"),
    ("Yesenia", "Yessenia", "Jesenia"),
    ("Jhon", "John", "Jon"),
    ("Jhonatan", "Jonathan", "Yonatan"),
    ("Yonathan", "Jonathan"),
    ("Brayan", "Bryan", "Brian"),
    ("Stiven", "Steven", "Estiven"),
    ("Yeison", "Jeison"),
    ("Katherine", "Katerine", "Katherin"),
    ("Jennifer", "Yenifer", "Jenifer"),
    ("Geraldine", "Yeraldin"),
    ("Yessica", "Jessica", "Yésica"),
    ("Yenny", "Jenny"),
    ("Maryuri", "Mayuri"),
    ("Yurany", "Yurani"),
    ("Vásquez", "Vázquez", "Velásquez"),
    ("Rondón", "Rondon"),
    ("Harpreet", "Harprit"),
    ("Gurpreet", "Gurprit"),
)
