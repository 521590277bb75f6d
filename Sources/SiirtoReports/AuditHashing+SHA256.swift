import SiirtoFormats
import SiirtoStore

extension AuditHashing {
  /// SHA-256 for the audit chain, from SiirtoFormats' ``FileDigest``.
  public static let sha256 = AuditHashing(
    text: { FileDigest.sha256($0) }, file: { try FileDigest.sha256(fileAt: $0) })
}
