/// Finland's municipalities: code, Finnish name and, for bilingual ones, the Swedish name
/// (`code name|namn`). Åland's municipalities have Swedish names only. The codes are the
/// real kuntanumerot, so that data made from them looks like the national list.
let municipalityList = """
  005 Alajärvi
  009 Alavieska
  010 Alavus
  016 Asikkala
  018 Askola
  019 Aura
  020 Akaa
  035 Brändö|Brändö
  043 Eckerö|Eckerö
  046 Enonkoski
  047 Enontekiö
  049 Espoo|Esbo
  050 Eura
  051 Eurajoki
  052 Evijärvi
  060 Finström|Finström
  061 Forssa
  062 Föglö|Föglö
  065 Geta|Geta
  069 Haapajärvi
  071 Haapavesi
  072 Hailuoto
  074 Halsua
  075 Hamina|Fredrikshamn
  076 Hammarland|Hammarland
  077 Hankasalmi
  078 Hanko|Hangö
  079 Harjavalta
  081 Hartola
  082 Hattula
  086 Hausjärvi
  090 Heinävesi
  091 Helsinki|Helsingfors
  092 Vantaa|Vanda
  097 Hirvensalmi
  098 Hollola
  102 Huittinen
  103 Humppila
  105 Hyrynsalmi
  106 Hyvinkää|Hyvinge
  108 Hämeenkyrö
  109 Hämeenlinna|Tavastehus
  111 Heinola
  139 Ii
  140 Iisalmi
  142 Iitti
  143 Ikaalinen
  145 Ilmajoki
  146 Ilomantsi
  148 Inari
  149 Inkoo|Ingå
  151 Isojoki
  152 Isokyrö
  153 Imatra
  165 Janakkala
  167 Joensuu
  169 Jokioinen
  170 Jomala|Jomala
  171 Joroinen
  172 Joutsa
  176 Juuka
  177 Juupajoki
  178 Juva
  179 Jyväskylä
  181 Jämijärvi
  182 Jämsä
  186 Järvenpää|Träskända
  202 Kaarina|S:t Karins
  204 Kaavi
  205 Kajaani
  208 Kalajoki
  211 Kangasala
  213 Kangasniemi
  214 Kankaanpää
  216 Kannonkoski
  217 Kannus
  218 Karijoki
  224 Karkkila|Högfors
  226 Karstula
  230 Karvia
  231 Kaskinen|Kaskö
  232 Kauhajoki
  233 Kauhava
  235 Kauniainen|Grankulla
  236 Kaustinen
  239 Keitele
  240 Kemi
  241 Keminmaa
  244 Kempele
  245 Kerava|Kervo
  249 Keuruu
  250 Kihniö
  256 Kinnula
  257 Kirkkonummi|Kyrkslätt
  260 Kitee
  261 Kittilä
  263 Kiuruvesi
  265 Kivijärvi
  271 Kokemäki
  272 Kokkola|Karleby
  273 Kolari
  275 Konnevesi
  276 Kontiolahti
  280 Korsnäs|Korsnäs
  284 Koski Tl
  285 Kotka
  286 Kouvola
  287 Kristiinankaupunki|Kristinestad
  288 Kruunupyy|Kronoby
  290 Kuhmo
  291 Kuhmoinen
  295 Kumlinge|Kumlinge
  297 Kuopio
  300 Kuortane
  301 Kurikka
  304 Kustavi
  305 Kuusamo
  309 Outokumpu
  312 Kyyjärvi
  316 Kärkölä
  317 Kärsämäki
  318 Kökar|Kökar
  320 Kemijärvi
  322 Kemiönsaari|Kimitoön
  398 Lahti|Lahtis
  399 Laihia
  400 Laitila
  402 Lapinlahti
  403 Lappajärvi
  405 Lappeenranta|Villmanstrand
  407 Lapinjärvi|Lappträsk
  408 Lapua
  410 Laukaa
  416 Lemi
  417 Lemland|Lemland
  418 Lempäälä
  420 Leppävirta
  421 Lestijärvi
  422 Lieksa
  423 Lieto
  425 Liminka
  426 Liperi
  430 Loimaa
  433 Loppi
  434 Loviisa|Lovisa
  435 Luhanka
  436 Lumijoki
  438 Lumparland|Lumparland
  440 Luoto|Larsmo
  441 Luumäki
  444 Lohja|Lojo
  445 Parainen|Pargas
  475 Maalahti|Malax
  478 Maarianhamina|Mariehamn
  480 Marttila
  481 Masku
  483 Merijärvi
  484 Merikarvia
  489 Miehikkälä
  491 Mikkeli|S:t Michel
  494 Muhos
  495 Multia
  498 Muonio
  499 Mustasaari|Korsholm
  500 Muurame
  503 Mynämäki
  504 Myrskylä|Mörskom
  505 Mäntsälä
  507 Mäntyharju
  508 Mänttä-Vilppula
  529 Naantali|Nådendal
  531 Nakkila
  535 Nivala
  536 Nokia
  538 Nousiainen
  541 Nurmes
  543 Nurmijärvi
  545 Närpiö|Närpes
  560 Orimattila
  561 Oripää
  562 Orivesi
  563 Oulainen
  564 Oulu|Uleåborg
  576 Padasjoki
  577 Paimio|Pemar
  578 Paltamo
  580 Parikkala
  581 Parkano
  583 Pelkosenniemi
  584 Perho
  588 Pertunmaa
  592 Petäjävesi
  593 Pieksämäki
  595 Pielavesi
  598 Pietarsaari|Jakobstad
  599 Pedersören kunta|Pedersöre
  601 Pihtipudas
  604 Pirkkala
  607 Polvijärvi
  608 Pomarkku
  609 Pori|Björneborg
  611 Pornainen|Borgnäs
  614 Posio
  615 Pudasjärvi
  616 Pukkila
  619 Punkalaidun
  620 Puolanka
  623 Puumala
  624 Pyhtää|Pyttis
  625 Pyhäjoki
  626 Pyhäjärvi
  630 Pyhäntä
  631 Pyhäranta
  635 Pälkäne
  636 Pöytyä
  638 Porvoo|Borgå
  678 Raahe
  680 Raisio|Reso
  681 Rantasalmi
  683 Ranua
  684 Rauma
  686 Rautalampi
  687 Rautavaara
  689 Rautjärvi
  691 Reisjärvi
  694 Riihimäki
  697 Ristijärvi
  698 Rovaniemi
  700 Ruokolahti
  702 Ruovesi
  704 Rusko
  707 Rääkkylä
  710 Raasepori|Raseborg
  729 Saarijärvi
  732 Salla
  734 Salo
  736 Saltvik|Saltvik
  738 Sauvo|Sagu
  739 Savitaipale
  740 Savonlinna|Nyslott
  742 Savukoski
  743 Seinäjoki
  746 Sievi
  747 Siikainen
  748 Siikajoki
  749 Siilinjärvi
  751 Simo
  753 Sipoo|Sibbo
  755 Siuntio|Sjundeå
  758 Sodankylä
  759 Soini
  761 Somero
  762 Sonkajärvi
  765 Sotkamo
  766 Sottunga|Sottunga
  768 Sulkava
  771 Sund|Sund
  777 Suomussalmi
  778 Suonenjoki
  781 Sysmä
  783 Säkylä
  785 Vaala
  790 Sastamala
  791 Siikalatva
  831 Taipalsaari
  832 Taivalkoski
  833 Taivassalo
  834 Tammela
  837 Tampere|Tammerfors
  844 Tervo
  845 Tervola
  846 Teuva
  848 Tohmajärvi
  849 Toholampi
  850 Toivakka
  851 Tornio|Torneå
  853 Turku|Åbo
  854 Pello
  857 Tuusniemi
  858 Tuusula|Tusby
  859 Tyrnävä
  886 Ulvila|Ulvsby
  887 Urjala
  889 Utajärvi
  890 Utsjoki
  892 Uurainen
  893 Uusikaarlepyy|Nykarleby
  895 Uusikaupunki|Nystad
  905 Vaasa|Vasa
  908 Valkeakoski
  915 Varkaus
  918 Vehmaa
  921 Vesanto
  922 Vesilahti
  924 Veteli|Vetil
  925 Vieremä
  927 Vihti|Vichtis
  931 Viitasaari
  934 Vimpeli
  935 Virolahti
  936 Virrat
  941 Vårdö|Vårdö
  946 Vöyri|Vörå
  976 Ylitornio
  977 Ylivieska
  980 Ylöjärvi
  981 Ypäjä
  989 Ähtäri
  992 Äänekoski
  """

/// The wellbeing services counties (hyvinvointialueet), with Swedish names where the
/// county is bilingual. Helsinki organises its own services and HUS its hospitals; with
/// them these are the 23 organisers of social and health services.
let countyList = """
  Itä-Uudenmaan hyvinvointialue|Östra Nylands välfärdsområde
  Keski-Uudenmaan hyvinvointialue|Mellersta Nylands välfärdsområde
  Länsi-Uudenmaan hyvinvointialue|Västra Nylands välfärdsområde
  Vantaan ja Keravan hyvinvointialue|Vanda och Kervo välfärdsområde
  Varsinais-Suomen hyvinvointialue|Egentliga Finlands välfärdsområde
  Satakunnan hyvinvointialue
  Kanta-Hämeen hyvinvointialue
  Pirkanmaan hyvinvointialue
  Päijät-Hämeen hyvinvointialue
  Kymenlaakson hyvinvointialue
  Etelä-Karjalan hyvinvointialue
  Etelä-Savon hyvinvointialue
  Pohjois-Savon hyvinvointialue
  Pohjois-Karjalan hyvinvointialue
  Keski-Suomen hyvinvointialue
  Etelä-Pohjanmaan hyvinvointialue
  Pohjanmaan hyvinvointialue|Österbottens välfärdsområde
  Keski-Pohjanmaan hyvinvointialue|Mellersta Österbottens välfärdsområde
  Pohjois-Pohjanmaan hyvinvointialue
  Kainuun hyvinvointialue
  Lapin hyvinvointialue
  """

/// Joint municipal authorities (kuntayhtymät): regional councils, education consortia and
/// a few fictional shared benefit-service centres that small municipalities mandate, which
/// in turn mandate their own staff (the chain the mandate rules allow).
let jointAuthorityList = """
  HUS-yhtymä|HUS-sammanslutningen
  Espoon seudun koulutuskuntayhtymä Omnia
  Keski-Uudenmaan koulutuskuntayhtymä
  Helsingin seudun liikenne -kuntayhtymä|Helsingforsregionens trafik -samkommun
  Helsingin seudun ympäristöpalvelut -kuntayhtymä
  Uudenmaan liitto|Nylands förbund
  Varsinais-Suomen liitto
  Satakuntaliitto
  Hämeen liitto
  Pirkanmaan liitto
  Päijät-Hämeen liitto
  Kymenlaakson liitto
  Etelä-Karjalan liitto
  Etelä-Savon maakuntaliitto
  Pohjois-Savon liitto
  Pohjois-Karjalan maakuntaliitto
  Keski-Suomen liitto
  Etelä-Pohjanmaan liitto
  Pohjanmaan liitto|Österbottens förbund
  Keski-Pohjanmaan liitto
  Pohjois-Pohjanmaan liitto
  Kainuun liitto
  Lapin liitto
  Jyväskylän koulutuskuntayhtymä Gradia
  Savon koulutuskuntayhtymä
  Etelä-Suomen etuuspalvelujen kuntayhtymä
  Länsi-Suomen etuuspalvelujen kuntayhtymä
  Itä-Suomen etuuspalvelujen kuntayhtymä
  Pohjois-Suomen etuuspalvelujen kuntayhtymä
  """

/// Given names and family names for agents. Fictional combinations; the letters `ä`, `ö`
/// and `å` are there on purpose, so encodings are exercised.
let firstNames = [
  "Aino", "Eino", "Helmi", "Väinö", "Sanna", "Mikko", "Päivi", "Jussi", "Liisa", "Kalle",
  "Maija", "Timo", "Anneli", "Jörgen", "Tuula", "Antti", "Sirpa", "Pekka", "Ritva", "Åsa",
  "Heikki", "Riikka", "Juha", "Satu", "Matti", "Hanna", "Ville", "Katja", "Olli", "Elina",
]
let familyNames = [
  "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
  "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
  "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Öhman", "Åkerlund", "Lindqvist",
  "Räsänen", "Pöllänen", "Kärkkäinen", "Sjöberg", "Jääskeläinen", "Väisänen", "Ylönen",
]
