/// One Finnish and one English message for every problem code, plus the
/// variants the identifier parsers choose (`CODE.variant`).
///
/// The general messages quote no argument except where the spec makes the
/// content part of the message: `ENUM` lists `{allowed}`, `CSV_HEADER` names
/// the `{expected}` columns, `REGISTRATION_INCOMPLETE` names what is
/// `{missing}`, and the XML codes pass on libxml2's `{detail}`. Everything
/// else a person needs (line, record, field, record ID) is in the problem's
/// location, so the messages work without arguments. No message ever quotes
/// a personal identity code.
extension MessageCatalog {
  static let general: [String: [Language: String]] = [
    // File level
    "FILE_EMPTY": [
      .fi: "Tiedosto on tyhjä: siinä ei ole yhtään tietuetta.",
      .en: "The file is empty: it holds no records.",
    ],
    "FILE_TOO_LARGE": [
      .fi: "Tiedosto on suurempi kuin suurin sallittu koko, eikä sitä luettu.",
      .en: "The file is larger than the maximum allowed size and was not read.",
    ],
    "FILE_NOT_REGULAR": [
      .fi:
        "Kohde ei ole tavallinen tiedosto (vaan esimerkiksi symbolinen linkki), eikä sitä luettu.",
      .en: "This is not a regular file (but, for example, a symbolic link) and was not read.",
    ],
    "FILE_UNKNOWN_KIND": [
      .fi:
        "Tiedoston lajia ei tunnistettu: se ei ole tunnetun nimiavaruuden XML-tiedosto, "
        + "eikä sen CSV-otsikkoriviä tunnistettu.",
      .en:
        "The kind of the file was not recognised: it is neither XML in a known namespace "
        + "nor CSV with a known header row.",
    ],
    "FILE_UNKNOWN_KIND.expected_kind": [
      .fi: "Tiedosto on lajia {value}, ei pyydettyä lajia {expected}.",
      .en: "The file is of the kind {value}, not of the kind {expected} asked for.",
    ],
    "FILE_ENCODING": [
      .fi:
        "Tiedosto ei ole tekstiä: sen merkistö ei ole UTF-8 eikä Windows-1252, "
        + "tai siinä on NUL-tavuja.",
      .en: "The file is not text: it is neither UTF-8 nor Windows-1252, or it contains NUL bytes.",
    ],
    "FILE_ENCODING_WINDOWS_1252": [
      .fi:
        "Tiedosto luettiin Windows-1252-merkistössä. Tallenna tiedostot mieluiten UTF-8-muodossa.",
      .en: "The file was read as Windows-1252. Please save files as UTF-8.",
    ],
    "FILE_SENDER_UNKNOWN": [
      .fi:
        "Lähettäjää ei tunnistettu: saapuvan aineiston kansion nimi ei ole kelvollinen Y-tunnus.",
      .en: "The sender is unknown: the inbox folder's name is not a valid business ID.",
    ],
    "FILE_KIND_NOT_ALLOWED": [
      .fi:
        "Kumppanin kansiosta voi lähettää vain maksuvaatimuksia. "
        + "Tämän lajin aineistoa ei käsitelty.",
      .en: "A partner folder may send payment claims only. This kind of file was not applied.",
    ],
    "FILE_TOO_MANY_ERRORS": [
      .fi:
        "Yli puolet tiedoston tietueista hylättiin, joten koko tiedosto hylättiin. "
        + "Tarkista, että lähetit oikean tiedoston.",
      .en:
        "More than half of the file's records were rejected, so the whole file was rejected. "
        + "Check that this is the right file.",
    ],
    "FILE_DUPLICATE": [
      .fi: "Täsmälleen sama tiedosto on käsitelty jo aiemmin, eikä sitä käsitelty uudelleen.",
      .en: "This exact file was processed before and was not applied again.",
    ],
    "EXPORT_ID_REUSED": [
      .fi:
        "Valtuusaineiston tunniste (exportId) on jo käytetty toisensisältöiselle aineistolle. "
        + "Koko tiedosto hylättiin.",
      .en:
        "The mandate export ID (exportId) was already used for different content. "
        + "The whole file was rejected.",
    ],
    "REGISTER_MASS_REMOVAL": [
      .fi:
        "Rekisteriaineisto päättäisi liian monen organisaation voimassaolon, joten se hylättiin: "
        + "puutteellinen luettelo ei saa tyhjentää rekisteriä.",
      .en:
        "The register snapshot would end too many organisations, so it was rejected: "
        + "an incomplete list must not empty the register.",
    ],

    // Syntax
    "XML_MALFORMED": [
      .fi: "XML-tiedosto ei ole rakenteeltaan kelvollinen: {detail}",
      .en: "The XML file is not well-formed: {detail}",
    ],
    "XML_DTD_FORBIDDEN": [
      .fi:
        "XML-tiedostossa ei saa olla DOCTYPE-määrittelyä, ulkoisia entiteettejä eikä omia entiteettejä.",
      .en:
        "An XML file must not contain a DOCTYPE declaration, external entities or entity definitions.",
    ],
    "XML_SCHEMA": [
      .fi: "Tiedosto ei vastaa XML-skeemaa: {detail}",
      .en: "The file does not conform to the XML schema: {detail}",
    ],
    "CSV_MALFORMED": [
      .fi:
        "CSV-tiedoston lainausmerkit ovat virheelliset: lainausmerkki jää sulkematta tai on väärässä kohdassa.",
      .en:
        "The CSV file's quoting is broken: a quote is left unclosed or stands in the wrong place.",
    ],
    "CSV_HEADER": [
      .fi: "CSV-tiedoston otsikkorivi on virheellinen. Odotetut sarakkeet: {expected}.",
      .en: "The CSV file's header row is wrong. Expected columns: {expected}.",
    ],
    "CSV_FIELD_COUNT": [
      .fi: "Rivillä on väärä määrä kenttiä.",
      .en: "The row has the wrong number of fields.",
    ],
    "CSV_BLANK_ROW": [
      .fi: "Tyhjä rivi ohitettiin.",
      .en: "A blank line was skipped.",
    ],

    // Fields
    "REQUIRED": [
      .fi: "Pakollinen tieto puuttuu.",
      .en: "A required value is missing.",
    ],
    "TYPE": [
      .fi: "Arvo ei sovi kentän tyyppiin (päivämäärä, rahamäärä tai kyllä/ei-tieto kentän mukaan).",
      .en:
        "The value does not fit the field's type (a date, an amount or a yes/no value, as the field needs).",
    ],
    "ENUM": [
      .fi: "Arvo ei ole sallittu. Sallitut arvot: {allowed}.",
      .en: "The value is not one of the allowed codes: {allowed}.",
    ],
    "LENGTH": [
      .fi: "Arvo on liian lyhyt tai liian pitkä.",
      .en: "The value is too short or too long.",
    ],
    "FIELD_TOO_LONG": [
      .fi: "Kenttä on liian pitkä: siinä on yli 10 000 tavua.",
      .en: "The field is too long: it holds more than 10,000 bytes.",
    ],
    "RANGE": [
      .fi: "Arvo on sallittujen rajojen ulkopuolella.",
      .en: "The value is outside its allowed bounds.",
    ],
    "YTUNNUS_INVALID": [
      .fi: "Y-tunnus on virheellinen.",
      .en: "The business ID (Y-tunnus) is invalid.",
    ],
    "YTUNNUS_INVALID.format": [
      .fi:
        "Y-tunnus on väärää muotoa. Oikea muoto on seitsemän numeroa, yhdysmerkki ja "
        + "tarkistusnumero, esimerkiksi 0201256-6.",
      .en:
        "The business ID is in the wrong form. The right form is seven digits, a hyphen and "
        + "a check digit, for example 0201256-6.",
    ],
    "YTUNNUS_INVALID.checksum": [
      .fi: "Y-tunnuksen tarkistusnumero on väärä.",
      .en: "The check digit of the business ID is wrong.",
    ],
    "YTUNNUS_SIX_DIGIT": [
      .fi: "Y-tunnus on vanhassa kuusinumeroisessa muodossa; se luettiin etunollan kanssa.",
      .en: "The business ID is in the old six-digit form; it was read with a leading zero.",
    ],
    "HETU_INVALID": [
      .fi: "Henkilötunnus on virheellinen.",
      .en: "The personal identity code is invalid.",
    ],
    "HETU_INVALID.format": [
      .fi:
        "Henkilötunnus on väärää muotoa. Oikea muoto on syntymäaika PPKKVV, välimerkki, "
        + "yksilönumero ja tarkistusmerkki, yhteensä 11 merkkiä.",
      .en:
        "The personal identity code is in the wrong form. The right form is the date of birth "
        + "DDMMYY, the century sign, the individual number and the control character: "
        + "11 characters.",
    ],
    "HETU_INVALID.lowercase": [
      .fi: "Henkilötunnuksessa on pieniä kirjaimia. Kirjaimet kirjoitetaan isoina.",
      .en:
        "The personal identity code contains lower-case letters. Letters are written in upper case.",
    ],
    "HETU_INVALID.date": [
      .fi: "Henkilötunnuksen syntymäaika ei ole todellinen päivämäärä.",
      .en: "The date of birth in the personal identity code is not a real calendar date.",
    ],
    "HETU_INVALID.individual_number": [
      .fi: "Henkilötunnuksen yksilönumero on virheellinen: 000 ja 001 eivät ole sallittuja.",
      .en:
        "The individual number of the personal identity code is invalid: 000 and 001 are not allowed.",
    ],
    "HETU_INVALID.checksum": [
      .fi: "Henkilötunnuksen tarkistusmerkki on väärä.",
      .en: "The control character of the personal identity code is wrong.",
    ],
    "HETU_TEMPORARY": [
      .fi: "Henkilötunnuksessa on tilapäinen yksilönumero (900–999).",
      .en: "The personal identity code has a temporary individual number (900–999).",
    ],
    "IBAN_INVALID": [
      .fi: "Tilinumero (IBAN) on virheellinen.",
      .en: "The account number (IBAN) is invalid.",
    ],
    "IBAN_INVALID.format": [
      .fi:
        "Tilinumero (IBAN) on väärää muotoa. Suomalainen IBAN on FI, kaksi tarkistusnumeroa "
        + "ja 14 numeroa, esimerkiksi FI21 1234 5600 0007 85.",
      .en:
        "The account number (IBAN) is in the wrong form. A Finnish IBAN is FI, two check digits "
        + "and 14 digits, for example FI21 1234 5600 0007 85.",
    ],
    "IBAN_INVALID.checksum": [
      .fi: "Tilinumeron (IBAN) tarkistusnumerot eivät täsmää. Tarkista tilinumero.",
      .en: "The check digits of the account number (IBAN) do not match. Check the account number.",
    ],
    "IBAN_NOT_FINNISH": [
      .fi:
        "Tilinumero ei ole suomalainen. Maksuvaatimuksissa hyväksytään vain FI-alkuiset tilinumerot.",
      .en: "The account number is not Finnish. Payment claims accept only IBANs starting with FI.",
    ],
    "REFERENCE_INVALID": [
      .fi: "Viite ei ole kelvollinen viitenumero eikä kelvollinen RF-viite.",
      .en: "The reference is neither a valid Finnish reference number nor a valid RF reference.",
    ],
    "REFERENCE_INVALID.format": [
      .fi: "Viite on väärää muotoa: anna suomalainen viitenumero (vain numeroita) tai RF-viite.",
      .en:
        "The reference is in the wrong form: give a Finnish reference number (digits only) or an RF reference.",
    ],
    "REFERENCE_INVALID.length": [
      .fi: "Viitenumerossa on oltava 4–20 numeroa.",
      .en: "A Finnish reference number has 4 to 20 digits.",
    ],
    "REFERENCE_INVALID.checksum": [
      .fi: "Viitteen tarkiste on väärä. Tarkista viite.",
      .en: "The check digits of the reference are wrong. Check the reference.",
    ],
    "DATE_FINNISH_FORMAT": [
      .fi: "Päivämäärä luettiin muodossa P.K.VVVV. Suositeltu muoto on VVVV-KK-PP.",
      .en: "The date was read in the form D.M.YYYY. The recommended form is YYYY-MM-DD.",
    ],
    "PERIOD_ORDER": [
      .fi: "Alkupäivä on myöhäisempi kuin loppupäivä.",
      .en: "The start date is after the end date.",
    ],

    // Records
    "DUPLICATE_IN_FILE": [
      .fi: "Sama tunniste on tässä tiedostossa jo aiemmin.",
      .en: "The same key appears earlier in this file.",
    ],
    "REGISTER_CODE_DUPLICATE": [
      .fi: "Sama kuntanumero on rekisteriaineistossa useammalla kuin yhdellä kunnalla.",
      .en: "The same municipality code is given to more than one municipality in the snapshot.",
    ],
    "REGISTER_MUNICIPALITY_CODE": [
      .fi:
        "Kunnalla (KUNTA) on oltava kuntanumero, eikä muun tyyppisellä organisaatiolla "
        + "saa olla sitä.",
      .en:
        "A municipality (KUNTA) needs a municipality code, and an organisation of another type has none.",
    ],
    "REGISTRATION_INCOMPLETE": [
      .fi: "Lisäyspyynnöstä puuttuu tarvittavia tietoja: {missing}.",
      .en: "The request to add lacks what it needs: {missing}.",
    ],
    "REGISTRATION_ALREADY_REGISTERED": [
      .fi: "Organisaatio on jo rekisterissä ja voimassa; mitään ei muutettu.",
      .en: "The organisation is already registered and active; nothing was changed.",
    ],
    "REGISTRATION_PROTECTED_TYPE": [
      .fi:
        "Kuntaa, kuntayhtymää tai hyvinvointialuetta ei voi poistaa rekisteristä pyynnöllä: "
        + "ne päivittyvät valtakunnallisesta luettelosta.",
      .en:
        "A municipality, joint municipal authority or wellbeing services county cannot be "
        + "removed by request: they follow the national list.",
    ],
    "REGISTRATION_NOT_REGISTERED": [
      .fi: "Organisaatio ei ole rekisterissä, joten sitä ei voi poistaa.",
      .en: "The organisation is not registered, so there is nothing to remove.",
    ],
    "REQUEST_ALREADY_PROCESSED": [
      .fi: "Pyyntö tällä tunnisteella on jo käsitelty; mitään ei muutettu.",
      .en: "A request with this ID was already processed; nothing was changed.",
    ],
    "MANDATE_ISSUE_IGNORED": [
      .fi: "Valtuusasia ei koske Kelan kumppanipalveluja, joten valtuus ohitettiin.",
      .en: "The mandate matter is not one of Kela's partner services, so the mandate was ignored.",
    ],
    "MANDATE_PARTY_TYPE": [
      .fi:
        "Valtuuttaja tai valtuutettu on väärää tyyppiä tälle valtuusasialle: Kelan asioissa "
        + "valtuuttaja on organisaatio, huoltajuudessa molemmat ovat henkilöitä.",
      .en:
        "The principal or the agent is of the wrong type for this matter: in Kela's matters "
        + "the principal is an organisation, in guardianship both are persons.",
    ],
    "MANDATE_GUARDIAN_NOT_MINOR": [
      .fi:
        "Huollettava on täyttänyt 18 vuotta valtuuden alkupäivänä, joten huoltajuusvaltuus ei ole mahdollinen.",
      .en:
        "The child is 18 or older on the mandate's start date, so a guardianship mandate is not possible.",
    ],
    "MANDATE_PRINCIPAL_UNREGISTERED": [
      .fi:
        "Valtuuttajaorganisaatio ei ole Kelan kumppanirekisterissä; valtuus tallennettiin silti.",
      .en:
        "The principal organisation is not in Kela's partner register; the mandate was stored all the same.",
    ],
    "MANDATE_ID_CONFLICT": [
      .fi:
        "Valtuuden tunniste on jo käytössä valtuudella, jolla on eri valtuuttaja, valtuutettu "
        + "tai valtuusasia. Aiemmin tallennettu valtuus pidettiin ennallaan.",
      .en:
        "The mandate ID is already used by a mandate with another principal, agent or matter. "
        + "The stored mandate was kept.",
    ],
    "CLAIM_LEGAL_BASIS_MISMATCH": [
      .fi:
        "Maksuvaatimuksen laji ja lainkohta eivät sovi yhteen: toimeentulotuen ennakko perustuu "
        + "toimeentulotukilain 23 §:ään, laitos- ja perhehoito asiakasmaksulain 14 §:ään.",
      .en:
        "The claim type and the legal basis disagree: an advance of social assistance rests on "
        + "section 23 of the Social Assistance Act, institutional and family care on section 14 "
        + "of the Client Fees Act.",
    ],
    "CLAIM_PERIOD_TOO_LONG": [
      .fi: "Maksuvaatimuksen ajanjakso on yli 366 päivää.",
      .en: "The claim's period is longer than 366 days.",
    ],
    "CLAIM_DECISION_IN_FUTURE": [
      .fi: "Päätöspäivä on käsittelypäivän jälkeen.",
      .en: "The decision date is after the processing date.",
    ],
    "CLAIM_CLAIMANT_UNKNOWN": [
      .fi:
        "Maksuvaatimuksen esittäjä ei ole Kelan kumppanirekisterissä tai ei ollut voimassa päätöspäivänä.",
      .en: "The claimant is not in Kela's partner register or was not active on the decision date.",
    ],
    "CLAIM_CLAIMANT_TYPE": [
      .fi: "Maksuvaatimuksen voi esittää vain kunta, kuntayhtymä tai hyvinvointialue.",
      .en:
        "Only a municipality, a joint municipal authority or a wellbeing services county may claim.",
    ],
    "CLAIM_SENDER_NOT_AUTHORISED": [
      .fi: "Lähettäjällä ei ole oikeutta lähettää maksuvaatimuksia tämän organisaation puolesta.",
      .en: "The sender may not send payment claims for this organisation.",
    ],
    "CLAIM_NO_MANDATE": [
      .fi:
        "Maksuvaatimuksen rekisteröineellä työntekijällä ei ole voimassa olevaa valtuutta "
        + "(kelmu-etuustiedot-maksuvaatimukset) toimia maksuvaatimuksen esittäjän puolesta.",
      .en:
        "The employee who registered the claim holds no valid mandate "
        + "(kelmu-etuustiedot-maksuvaatimukset) to act for the claimant.",
    ],
    "CLAIM_SELF": [
      .fi: "Työntekijä ei voi rekisteröidä maksuvaatimusta, jonka asiakas on hän itse.",
      .en: "An employee cannot register a claim about themself.",
    ],
    "CLAIM_ALREADY_ACCEPTED": [
      .fi: "Sama maksuvaatimus on jo hyväksytty samansisältöisenä, eikä sitä käsitelty uudelleen.",
      .en:
        "The same claim was already accepted with identical content and was not processed again.",
    ],
    "CLAIM_ID_CONFLICT": [
      .fi:
        "Maksuvaatimuksen tunniste on jo käytetty toisensisältöiselle maksuvaatimukselle. "
        + "Anna uudelle maksuvaatimukselle uusi tunniste.",
      .en:
        "The claim ID was already used for a claim with other content. Give a new claim a new ID.",
    ],
    "CLAIM_PERIOD_OVERLAP": [
      .fi:
        "Samalle asiakkaalle ja etuudelle on jo voimassa oleva maksuvaatimus, jonka ajanjakso "
        + "on päällekkäinen.",
      .en: "An active claim for the same client and benefit has an overlapping period.",
    ],
    "CLAIM_LATE": [
      .fi:
        "Laitos- tai perhehoidon maksuvaatimuksen pitäisi olla Kelassa vähintään kaksi viikkoa "
        + "ennen etuuden maksua; ajanjakso alkaa alle 14 päivän kuluttua.",
      .en:
        "A care claim should reach Kela at least two weeks before the benefit is paid; "
        + "this period starts in less than 14 days.",
    ],
    "CLAIM_CANCEL_UNKNOWN": [
      .fi: "Peruttavaa maksuvaatimusta ei löydy tältä maksuvaatimuksen esittäjältä.",
      .en: "There is no such claim of this claimant to cancel.",
    ],
    "CLAIM_ALREADY_CANCELLED": [
      .fi: "Maksuvaatimus on jo peruttu aiemmin.",
      .en: "The claim was cancelled before.",
    ],
  ]
}
