import FuzzSupport

@main enum FuzzXMLReader {
  static func main() { FuzzInput.main(test) }
}

/// One input, read as a file, whatever its content.
private func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FuzzReader.test(data, size)
  return 0
}
