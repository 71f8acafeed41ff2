package gen

// French text pools for synthetic venues and guides. The sentences are
// plausible field prose, so that page sizes, word counts and collation work
// look like a real network's, not lorem ipsum.

// kinds of venue: typologie code of the national standard (data·inclusion
// typologies), a name pattern (%s is the commune), and a relative frequency.
var kinds = []struct {
	typologie, name string
	weight          int
}{
	{"MEDIATHEQUE", "Médiathèque de %s", 14},
	{"FS", "France Services de %s", 14},
	{"CS", "Centre social de %s", 10},
	{"EPN", "Espace public numérique de %s", 10},
	{"MAIRIE", "Mairie de %s – accueil numérique", 8},
	{"CCAS", "CCAS de %s", 7},
	{"ASSO", "Association Clic & Lien – %s", 6},
	{"TIERS_LIEUX", "Tiers-lieu numérique de %s", 6},
	{"TIERS_LIEUX|ASSO", "La Fabrique solidaire de %s", 3},
	{"PIMMS", "Point d'information médiation multi-services de %s", 3},
	{"MJC", "Maison des jeunes et de la culture de %s", 4},
	{"BIB", "Bibliothèque municipale de %s", 5},
	{"ASSO", "Emmaüs Connect – %s", 2},
	{"CAF", "Point d'accès numérique CAF de %s", 3},
	{"RS_FJT", "Foyer de jeunes travailleurs de %s", 2},
	{"PE", "Agence France Travail de %s – espace numérique", 3},
}

var streets = []string{"rue de la République", "place de la Mairie", "avenue Jean-Jaurès", "rue Victor-Hugo",
	"boulevard Gambetta", "rue Pasteur", "place du Marché", "rue de l'Église", "avenue de la Gare",
	"rue du Général-de-Gaulle", "rue des Écoles", "place de l'Hôtel-de-Ville", "rue Jules-Ferry",
	"chemin des Vignes", "allée des Tilleuls", "rue Émile-Zola", "quai de la Loire", "rue Nationale",
	"impasse des Lilas", "rue Anatole-France", "cours Lafayette", "rue Louise-Michel", "rue Simone-Veil",
	"place Aimé-Césaire", "rue du Stade", "avenue des Champs", "rue Saint-Martin", "rue de Verdun"}

var complements = []string{"Rez-de-chaussée, accès de plain-pied", "1er étage, ascenseur", "Entrée par la cour",
	"Bâtiment B", "À côté de la poste", "Salle informatique au fond du hall", "Porte bleue, sonner à l'interphone"}

var parents = []string{"Ville de %s", "Communauté de communes du pays de %s", "Département", "Association régionale de médiation numérique",
	"Réseau France Services", "CAF", "Centre communal d'action sociale de %s"}

var sources = []string{"Hub numérique régional", "Coopérative des médiateurs", "Conseil départemental", "Saisie du lieu", "Réseau France Services"}

var resumes = []string{
	"Des médiateurs vous aident pour vos démarches en ligne, vos courriels et votre smartphone.",
	"Vous pouvez venir sans rendez-vous pour utiliser un ordinateur et être aidé si besoin.",
	"L'équipe vous accompagne pour les impôts, la CAF, l'Assurance maladie et la retraite.",
	"Des ateliers en petit groupe pour prendre confiance avec l'ordinateur, la tablette et le téléphone.",
	"Un conseiller numérique vous reçoit pour créer vos comptes en ligne et retenir vos mots de passe.",
	"Accès libre à internet, impression et scanner, avec une personne pour vous guider.",
	"Nous aidons les parents à suivre la scolarité de leurs enfants sur l'ENT et Pronote.",
	"En cas d'urgence, nous faisons la démarche avec vous, ou à votre place avec votre accord.",
	"Des permanences pour chercher un emploi en ligne, faire son CV et préparer un entretien en visio.",
	"Nous acceptons le Pass numérique pour les ateliers et les accompagnements individuels.",
}

var details = []string{
	"L'accueil se fait sans rendez-vous le matin et sur rendez-vous l'après-midi.",
	"Les personnes qui lisent ou écrivent difficilement sont accompagnées pas à pas, avec des supports en images.",
	"Un interprétariat par téléphone est possible pour plusieurs langues.",
	"Les ateliers « premiers clics » ont lieu chaque semaine, par groupes de six personnes au plus.",
	"Deux aidants sont habilités Aidants Connect pour faire les démarches à votre place.",
	"Le lieu prête des tablettes pour s'entraîner à la maison pendant deux semaines.",
	"Pensez à apporter vos identifiants, votre pièce d'identité et votre téléphone.",
	"Un espace enfants permet aux parents de venir avec leurs petits.",
	"Le médiateur se déplace aussi dans les villages voisins une fois par mois.",
}

// hoursPatterns are opening hours in OpenStreetMap syntax, as venues write them.
var hoursPatterns = []string{
	"Mo-Fr 09:00-12:00,14:00-17:00",
	"Mo-Fr 08:30-12:30,13:30-17:00; PH off",
	"Tu-Fr 10:00-18:00; Sa 10:00-17:00; PH off",
	"Mo,We,Fr 09:00-12:30",
	"Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00",
	"We 14:00-18:00; Sa 10:00-12:00",
	"Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off",
	"Tu,Th 14:00-17:00",
	"Mo 14:00-18:00; Tu-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00",
	"Tu-Sa 10:00-12:30,14:00-18:30; PH off",
	"Mo-Fr 09:00-12:00; We 14:00-17:00",
	"Th 09:00-12:00,14:00-16:30",
}

// Guide building blocks.
var guideAngles = []string{"Accueillir", "Accompagner", "Orienter", "Former", "Rassurer", "Aider", "Outiller",
	"Repérer", "Mobiliser", "Comprendre", "Évaluer", "Animer un atelier pour", "Préparer", "Soutenir",
	"Informer", "Conseiller", "Équiper", "Suivre", "Impliquer", "Écouter"}

var guideTopics = []string{"les seniors isolés face aux démarches en ligne", "les familles pour l'ENT et Pronote",
	"les demandeurs d'emploi sur France Travail", "les personnes en situation d'illettrisme",
	"les allocataires de la CAF", "les jeunes sans ordinateur", "les aidants familiaux", "les personnes allophones",
	"les habitants des quartiers prioritaires", "les usagers des zones rurales", "les personnes sans adresse mail",
	"les victimes d'arnaques en ligne", "les nouveaux retraités", "les parents d'élèves", "les étudiants boursiers",
	"les travailleurs saisonniers", "les personnes en situation de handicap", "les bénéficiaires du RSA",
	"les personnes détenues à la sortie", "les agriculteurs pour leurs déclarations", "les commerçants de proximité",
	"les bénévoles des associations", "les agents d'accueil de mairie", "les secrétaires de mairie",
	"les travailleurs sociaux du département", "les habitants des îles", "les personnes sans domicile",
	"les femmes victimes de violences", "les réfugiés nouvellement arrivés", "les personnes âgées à domicile",
	"les malvoyants sur smartphone", "les personnes sourdes ou malentendantes", "les mineurs isolés",
	"les adultes en reprise d'études", "les artisans pour la facturation", "les usagers de Mon Espace Santé",
	"les personnes sous tutelle", "les familles monoparentales", "les locataires pour les aides au logement",
	"les nouveaux arrivants dans la commune"}

var themeSlugs = []string{"accueil", "distribution", "equipement", "evaluation", "illettrisme", "methode",
	"orientation", "parentalite", "securite", "territoires", "urgence", "emploi", "sante"}

var audienceSlugs = []string{"travailleurs-sociaux", "mediateurs", "aiguilleurs", "commanditaires", "grand-public"}

var sectionTitles = []string{"Pourquoi ce guide", "Ce qu'il faut savoir", "Les étapes", "Avant le rendez-vous",
	"Pendant l'accompagnement", "Après le rendez-vous", "Les erreurs à éviter", "Les bons réflexes",
	"Qui fait quoi", "Les outils utiles", "Exemples de terrain", "Questions fréquentes", "Pour aller plus loin",
	"Le rôle de l'aiguilleur", "Le rôle du médiateur", "Mesurer les résultats", "Le Pass numérique en pratique",
	"Vrai ou faux", "Faire à la place, puis faire avec", "Adapter le langage", "Préparer les documents",
	"Protéger les données personnelles", "Travailler en réseau", "Financer l'action"}

var sentences = []string{
	"Commencez par écouter la personne : son besoin n'est pas toujours celui qu'elle exprime en premier.",
	"Une démarche urgente passe avant tout apprentissage, car on n'apprend pas quand on a peur de perdre un droit.",
	"Le Pass numérique est un chèque de 10 € qui permet de payer un accompagnement dans un lieu qualifié.",
	"Le médiateur explique chaque écran avec des mots simples et laisse la personne cliquer elle-même.",
	"Notez les identifiants dans un carnet que la personne garde chez elle, jamais sur un post-it collé à l'écran.",
	"Un aiguilleur distribue les pass aux personnes qui en ont besoin et les oriente vers le bon lieu.",
	"Les travailleurs sociaux connaissent les situations ; les médiateurs connaissent les outils : les deux se complètent.",
	"Prévoyez toujours un temps pour répondre aux questions, même si elles semblent éloignées du sujet.",
	"Une personne qui revient une deuxième fois a déjà gagné en confiance.",
	"Évitez le jargon : dites « mot de passe » et non « identifiant de connexion sécurisé ».",
	"Le lieu qualifié s'engage sur une liste de services du référentiel, avec des médiateurs formés.",
	"La qualification est vérifiée chaque année par le réseau, à partir d'une visite et d'un questionnaire.",
	"Faire à la place n'est pas un échec : c'est souvent la condition pour que la personne revienne apprendre.",
	"Les ateliers collectifs créent du lien et rompent l'isolement, au-delà de l'apprentissage du numérique.",
	"Demandez toujours l'accord de la personne avant de toucher à son téléphone ou à ses comptes.",
	"Un mandat Aidants Connect permet de faire une démarche à la place de quelqu'un, de façon légale et tracée.",
	"Les arnaques par SMS imitent souvent l'Assurance maladie, la CAF ou un transporteur de colis.",
	"Un bon mot de passe est long : une phrase de quatre mots vaut mieux qu'un mot compliqué.",
	"Le réseau publie chaque trimestre des indicateurs anonymisés sur l'usage des pass.",
	"Dans les zones rurales, un médiateur itinérant peut tenir des permanences dans plusieurs communes.",
	"Les parents peuvent suivre les notes, les absences et les devoirs de leurs enfants sur l'ENT.",
	"La CAF, l'Assurance maladie et les impôts ont chacun leur compte : une seule adresse mail suffit pour tous.",
	"FranceConnect permet d'utiliser un seul compte pour accéder à de nombreux services publics.",
	"Un ordinateur reconditionné coûte deux à trois fois moins cher qu'un neuf et fonctionne très bien.",
	"Pensez au relais téléphonique pour les personnes sourdes ou malentendantes.",
	"Les supports en images aident les personnes qui lisent difficilement, mais aussi tout le monde.",
	"Fixez un objectif simple pour chaque séance : envoyer un mail, ouvrir un document, prendre un rendez-vous.",
	"Le commanditaire finance les pass et fixe les publics visés ; il suit les résultats avec le réseau.",
	"Quand une personne ne vient pas, un appel bienveillant vaut mieux qu'une relance écrite.",
	"La visio permet de garder le lien avec les proches éloignés et de passer des entretiens d'embauche.",
	"Mon Espace Santé rassemble les documents médicaux ; il faut l'activer avant d'en avoir besoin.",
	"Les données personnelles ne se partagent qu'avec l'accord de la personne et pour une raison précise.",
	"Chaque lieu affiche ses horaires, ses services et les pass qu'il accepte, pour éviter les déplacements inutiles.",
	"Les permanences sans rendez-vous conviennent aux urgences ; les rendez-vous, aux apprentissages.",
	"Un carnet de bord partagé entre le médiateur et le travailleur social évite de tout redemander.",
	"Les jeunes ne sont pas tous à l'aise avec le numérique administratif, même s'ils utilisent un smartphone.",
	"Prenez le temps de vérifier que la démarche est bien terminée : un accusé de réception fait foi.",
	"Le référentiel décrit chaque service en quelques lignes, avec sa durée et le nombre de chèques.",
	"Les lieux qui travaillent ensemble orientent mieux : chacun connaît les forces des autres.",
	"Mesurer l'impact, c'est compter les pass utilisés, mais aussi demander aux personnes ce qui a changé.",
}

var listItems = []string{"une pièce d'identité", "le numéro d'allocataire CAF", "le numéro fiscal", "la carte Vitale",
	"un téléphone chargé", "l'adresse mail et son mot de passe", "le dernier avis d'imposition", "un justificatif de domicile",
	"le RIB", "la liste des comptes déjà créés", "les courriers reçus récemment", "des lunettes si besoin",
	"Écouter la demande sans juger", "Vérifier l'urgence", "Proposer une solution", "Faire ensemble la première fois",
	"Laisser faire la personne la fois suivante", "Noter ce qui a été fait", "Prévoir le prochain rendez-vous",
	"Orienter vers un lieu qualifié proche", "Remettre un pass si la personne n'en a pas"}

var externalLinks = []struct{ text, url string }{
	{"service-public.fr", "https://www.service-public.fr/"},
	{"Aidants Connect", "https://aidantsconnect.beta.gouv.fr/"},
	{"Pix", "https://pix.fr/"},
	{"cybermalveillance.gouv.fr", "https://www.cybermalveillance.gouv.fr/"},
	{"la Cartographie nationale des lieux d'inclusion numérique", "https://cartographie.societenumerique.gouv.fr/"},
	{"France Services", "https://www.france-services.gouv.fr/"},
	{"Mon Espace Santé", "https://www.monespacesante.fr/"},
}
