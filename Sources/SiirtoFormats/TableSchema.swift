import Foundation
import SiirtoCore

/// A Frictionless Table Schema of `schemas/`, the single source of truth for a
/// CSV kind's columns and their constraints.
public struct TableSchema: Sendable, Decodable {
  /// One column.
  public struct Field: Sendable, Decodable {
    /// The column name, as the header row and the XML mapping spell it.
    public var name: String
    /// The Table Schema type: `string` or `date`.
    public var type: String
    /// The type's format (`any` for dates, which are also read in the Finnish form).
    public var format: String?
    public var description: String?
    public var constraints: Constraints?

    /// Whether the column must be in the header and have a value on every row.
    public var isRequired: Bool { constraints?.required ?? false }
  }

  /// The standard constraints Siirto's schemas use.
  public struct Constraints: Sendable, Decodable {
    public var required: Bool?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var `enum`: [String]?
  }

  /// The columns, in the order the spec lists them.
  public var fields: [Field]

  /// The column names in schema order.
  public var columnNames: [String] { fields.map(\.name) }

  /// The columns a header must hold.
  public var requiredColumns: [String] { fields.filter(\.isRequired).map(\.name) }

  /// The field named `name`, if the schema has one.
  public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

  /// The embedded schema of `kind`.
  public static func `for`(_ kind: InputKind) -> TableSchema {
    guard let schema = loaded[kind] else {
      fatalError("schemas/\(kind.tableSchemaName) is not embedded or not valid")
    }
    return schema
  }

  private static let loaded: [InputKind: TableSchema] = {
    var schemas: [InputKind: TableSchema] = [:]
    for kind in InputKind.allCases {
      guard let text = Schemas.text(named: kind.tableSchemaName) else { continue }
      schemas[kind] = try? JSONDecoder().decode(TableSchema.self, from: Data(text.utf8))
    }
    return schemas
  }()
}
