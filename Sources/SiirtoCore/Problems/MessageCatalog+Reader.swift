extension MessageCatalog {
  /// The reader's message variants (`CODE.variant`): recognition, CSV and XML syntax.
  static let reader: [String: [Language: String]] = [
    "FILE_EMPTY.zero_bytes": [
      .fi: "Tiedosto on tyhjä (0 tavua).",
      .en: "The file is empty (0 bytes).",
    ],
    "FILE_EMPTY.blank": [
      .fi: "Tiedostossa on vain tyhjää (välilyöntejä, rivinvaihtoja tai tavujärjestysmerkki).",
      .en: "The file holds nothing but white space or a byte-order mark.",
    ],
    "FILE_EMPTY.no_records": [
      .fi: "Tiedostossa ei ole yhtään tietuetta.",
      .en: "The file holds no records.",
    ],
    "FILE_ENCODING.nul": [
      .fi: "Tiedosto ei ole tekstiä: siinä on NUL-tavu.",
      .en: "The file is not text: it holds a NUL byte.",
    ],
    "FILE_ENCODING.undefined": [
      .fi: "Tiedosto ei ole UTF-8- eikä Windows-1252-merkistöä.",
      .en: "The file is neither UTF-8 nor Windows-1252.",
    ],
    "FILE_ENCODING.utf16": [
      .fi: "CSV-tiedosto on UTF-16-merkistöä; vain UTF-8 ja Windows-1252 luetaan.",
      .en: "The CSV file is in UTF-16; only UTF-8 and Windows-1252 are read.",
    ],
    "FILE_UNKNOWN_KIND.namespace": [
      .fi: "XML-juurielementin nimiavaruus ei ole mikään tunnetuista: {expected}.",
      .en: "The XML root element's namespace is none of the known ones: {expected}.",
    ],
    "FILE_UNKNOWN_KIND.csv_header": [
      .fi: "Otsikkorivi ei vastaa minkään aineistolajin sarakkeita.",
      .en: "The header row matches the columns of no input kind.",
    ],
    "FILE_UNKNOWN_KIND.header_too_long": [
      .fi: "Ensimmäinen rivi on yli 64 KiB pitkä: se ei ole CSV-otsikkorivi.",
      .en: "The first line is over 64 KiB long: it is no CSV header.",
    ],
    "FILE_UNKNOWN_KIND.json": [
      .fi: "Tiedosto näyttää JSONilta; aineistot luetaan vain CSV- tai XML-muodossa.",
      .en: "The file looks like JSON; inputs are read as CSV or XML only.",
    ],
    "CSV_MALFORMED.quote": [
      .fi: "Lainausmerkki väärässä kohdassa tietueessa, joka alkaa tältä riviltä.",
      .en: "A stray quote in the record that starts on this line.",
    ],
    "CSV_MALFORMED.unclosed_quote": [
      .fi: "Lainausmerkki jää sulkematta tietueessa, joka alkaa tältä riviltä.",
      .en: "An unclosed quote in the record that starts on this line.",
    ],
    "CSV_HEADER.unknown_column": [
      .fi: "Tuntematon sarake {column}. Sallitut sarakkeet: {expected}.",
      .en: "Unknown column {column}. The columns are: {expected}.",
    ],
    "CSV_HEADER.duplicate_column": [
      .fi: "Sarake {column} on otsikkorivillä kahdesti. Sallitut sarakkeet: {expected}.",
      .en: "The column {column} is in the header twice. The columns are: {expected}.",
    ],
    "CSV_HEADER.missing_column": [
      .fi: "Pakollinen sarake {column} puuttuu. Pakolliset sarakkeet: {required}.",
      .en: "The required column {column} is missing. The required columns are: {required}.",
    ],
    "CSV_FIELD_COUNT.count": [
      .fi: "Rivillä on {found} kenttää, otsikkorivillä {expected}.",
      .en: "The row has {found} fields; the header has {expected}.",
    ],
    "FIELD_TOO_LONG.bytes": [
      .fi: "Kenttä on yli {limit} tavua pitkä.",
      .en: "The field is longer than {limit} bytes.",
    ],
    "FIELD_TOO_LONG.file": [
      .fi: "Kenttä on yli {limit} tavua pitkä; tiedostoa ei lueta pidemmälle.",
      .en: "A field is longer than {limit} bytes; the file is not read further.",
    ],
    "LENGTH.too_long": [
      .fi: "Arvo on {length} merkkiä pitkä; enintään {max} merkkiä.",
      .en: "The value is {length} characters long; at most {max} are allowed.",
    ],
    "LENGTH.too_short": [
      .fi: "Arvo on {length} merkkiä pitkä; vähintään {min} merkkiä.",
      .en: "The value is {length} characters long; at least {min} are needed.",
    ],
    "XML_MALFORMED.libxml": [
      .fi: "XML ei ole hyvin muodostettua: {detail}",
      .en: "The XML is not well-formed: {detail}",
    ],
    "XML_MALFORMED.no_root": [
      .fi: "XML-tiedostossa ei ole juurielementtiä.",
      .en: "The XML file has no root element.",
    ],
    "XML_MALFORMED.unreadable": [
      .fi: "XML-tiedostoa ei voi lukea (merkistö tai tavut eivät kelpaa).",
      .en: "The XML file cannot be read (its encoding or bytes are not valid).",
    ],
    "XML_MALFORMED.depth": [
      .fi: "XML-elementit ovat sisäkkäin yli {limit} tasoa.",
      .en: "XML elements are nested more than {limit} levels deep.",
    ],
    "XML_MALFORMED.text_size": [
      .fi: "XML-elementin teksti on yli {limit} tavua pitkä.",
      .en: "An XML element's text is longer than {limit} bytes.",
    ],
    "XML_SCHEMA.libxml": [
      .fi: "XML ei vastaa skeemaa kohdassa {path}: {detail}",
      .en: "The XML breaks the schema at {path}: {detail}",
    ],
    "XML_SCHEMA.root": [
      .fi: "Juurielementti {path} on väärä; odotettiin {expected}.",
      .en: "The root element {path} is wrong; expected {expected}.",
    ],
  ]
}
