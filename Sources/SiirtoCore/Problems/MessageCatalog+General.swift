extension MessageCatalog {
  static let general: [String: [Language: String]] = [:]
}
