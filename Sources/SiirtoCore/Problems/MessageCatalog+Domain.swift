extension MessageCatalog {
  static let domain: [String: [Language: String]] = [:]
}
