/// The project's schema files, embedded at build time from `schemas/`.
public enum Schemas {
  /// The text of `schemas/<name>`, or `nil` if there is no such file.
  public static func text(named name: String) -> String? { EmbeddedSchemas.files[name] }

  /// The names of all embedded schema files, sorted.
  public static var names: [String] { EmbeddedSchemas.files.keys.sorted() }
}
