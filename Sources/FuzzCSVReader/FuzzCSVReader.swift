import FuzzSupport

@main enum FuzzCSVReader {
  static func main() { FuzzInput.main(test) }
}

/// One input, read as a file. Inputs that are XML are turned away, so that
/// this target's corpus stays CSV; FuzzXMLReader covers the rest.
private func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  if bytes[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == 0x3C {
    return -1
  }
  FuzzReader.test(data, size)
  return 0
}
