extension MessageCatalog {
  /// Messages of the variants the domain rules give their problems; the
  /// placeholders are the arguments the rules set (codes, numbers, dates).
  static let domain: [String: [Language: String]] = [
    "TYPE.date": [
      .fi: "Arvo ei ole päivämäärä (VVVV-KK-PP, CSV:ssä myös P.K.VVVV).",
      .en: "The value is not a date (YYYY-MM-DD, in CSV also D.M.YYYY).",
    ],
    "TYPE.timestamp": [
      .fi: "Arvo ei ole aikaleima (ISO 8601, aikavyöhykkeen kanssa).",
      .en: "The value is not a timestamp (ISO 8601 with a time zone).",
    ],
    "TYPE.amount": [
      .fi: "Arvo ei ole euromäärä (enintään kaksi desimaalia, ei tuhaterottimia).",
      .en: "The value is not an amount of euros (at most two decimals, no separators).",
    ],
    "TYPE.boolean": [
      .fi: "Arvon pitää olla true, false, 1, 0, K tai E.",
      .en: "The value must be true, false, 1, 0, K or E.",
    ],
    "TYPE.municipality_code": [
      .fi: "Kuntanumeron pitää olla kolme numeroa.",
      .en: "A municipality code is three digits.",
    ],
    "ENUM.list": [
      .fi: "Arvo ei ole sallittu. Sallitut arvot: {allowed}.",
      .en: "The value is not allowed. Allowed values: {allowed}.",
    ],
    "LENGTH.max": [
      .fi: "Arvo on liian pitkä: enintään {max} merkkiä.",
      .en: "The value is too long: at most {max} characters.",
    ],
    "RANGE.amount": [
      .fi: "Määrän pitää olla yli 0 ja enintään {max} euroa.",
      .en: "The amount must be over 0 and at most {max} euros.",
    ],
    "RANGE.before_birth": [
      .fi: "Valtuus ei voi alkaa ennen lapsen syntymää.",
      .en: "The mandate cannot begin before the child was born.",
    ],
    "REGISTER_MUNICIPALITY_CODE.missing": [
      .fi: "Kunnalta (KUNTA) puuttuu kuntanumero.",
      .en: "A municipality (KUNTA) needs a municipality code.",
    ],
    "REGISTER_MUNICIPALITY_CODE.unexpected": [
      .fi: "Vain kunnalla (KUNTA) on kuntanumero.",
      .en: "Only a municipality (KUNTA) has a municipality code.",
    ],
    "REGISTER_CODE_DUPLICATE.code": [
      .fi: "Kuntanumero {code} esiintyy tiedostossa useammin kuin kerran.",
      .en: "The municipality code {code} appears more than once in the file.",
    ],
    "REGISTER_MASS_REMOVAL.counts": [
      .fi:
        "Tiedosto päättäisi {count} organisaatiota {active} voimassa olevasta (raja {percent} %). Tiedostoa ei käsitelty.",
      .en:
        "The file would end {count} of {active} active organisations (limit {percent} %). Nothing was applied.",
    ],
    "REGISTRATION_INCOMPLETE.fields": [
      .fi: "Lisäyspyynnöstä puuttuu: {missing}.",
      .en: "The request to add lacks: {missing}.",
    ],
    "REGISTRATION_PROTECTED_TYPE.type": [
      .fi: "Organisaatiota, jonka tyyppi on {type}, ei voi poistaa pyynnöllä.",
      .en: "An organisation of type {type} cannot be removed by request.",
    ],
    "MANDATE_PARTY_TYPE.org": [
      .fi: "Valtuusasiassa {matter} valtuuttajan pitää olla organisaatio.",
      .en: "For the matter {matter} the principal must be an organisation.",
    ],
    "MANDATE_PARTY_TYPE.person": [
      .fi: "Valtuusasiassa {matter} valtuuttajan ja valtuutetun pitää olla henkilöitä.",
      .en: "For the matter {matter} the principal and the agent must be persons.",
    ],
    "CLAIM_LEGAL_BASIS_MISMATCH.expected": [
      .fi: "Maksuvaatimuksen laji {type} edellyttää perustetta {expected}.",
      .en: "A claim of type {type} rests on the legal basis {expected}.",
    ],
    "CLAIM_PERIOD_TOO_LONG.days": [
      .fi: "Kausi on {days} päivää; enintään {max} päivää.",
      .en: "The period is {days} days long; at most {max} days.",
    ],
    "CLAIM_CLAIMANT_TYPE.type": [
      .fi: "Organisaatio, jonka tyyppi on {type}, ei voi esittää maksuvaatimusta.",
      .en: "An organisation of type {type} cannot make a payment claim.",
    ],
  ]
}
