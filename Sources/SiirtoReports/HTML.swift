/// Building blocks of the HTML pages: escaping, tables, and bar charts drawn
/// as inline SVG (no scripts, nothing fetched from outside).
enum HTML {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// The page frame with the shared stylesheet (readable on screen and on paper).
  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>\(escape(title))</title>
    <style>
    body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
    h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #999; }
    table { border-collapse: collapse; margin: 0.5em 0; }
    th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }
    th { background: #eee; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    code, .hash { font-family: ui-monospace, monospace; font-size: 0.9em; word-break: break-all; }
    .note { color: #444; font-style: italic; }
    .protected { font-weight: bold; }
    svg text { font: 11px system-ui, sans-serif; }
    @media print { body { margin: 0; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  /// A table; every cell is already HTML. `numeric` marks right-aligned columns.
  static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
    var out = "<table>\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
    for row in rows {
      out += "<tr>"
      for (i, cell) in row.enumerated() {
        out += numeric.contains(i) ? "<td class=\"n\">\(cell)</td>" : "<td>\(cell)</td>"
      }
      out += "</tr>\n"
    }
    return out + "</table>\n"
  }

  /// A horizontal bar chart of `bars` (label, value), longest bar the full width.
  static func barChart(_ bars: [(label: String, value: Int)], title: String) -> String {
    guard !bars.isEmpty else { return "" }
    let labelWidth = 240
    let barWidth = 400
    let rowHeight = 18
    let height = bars.count * rowHeight + 4
    let maximum = max(1, bars.map(\.value).max() ?? 1)
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(labelWidth + barWidth + 80)\" "
      + "height=\"\(height)\" aria-label=\"\(escape(title))\">\n"
    for (i, bar) in bars.enumerated() {
      let y = i * rowHeight + 2
      let width = bar.value * barWidth / maximum
      out +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(escape(bar.label))</text>"
      out +=
        "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(width)\" height=\"\(rowHeight - 4)\" fill=\"#4a6fa5\"/>"
      out += "<text x=\"\(labelWidth + width + 4)\" y=\"\(y + 13)\">\(bar.value)</text>\n"
    }
    return out + "</svg>\n"
  }
}
