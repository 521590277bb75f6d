extension MessageCatalog {
  static let reader: [String: [Language: String]] = [:]
}
