import SiirtoCore
import SiirtoFormats

/// The verdict on one file's content.
public struct FileVerdict: Sendable {
  public var kind: InputKind?
  public var format: InputFormat?
  public var status: ReceiptStatus
  public var counts: ReceiptCounts
  /// A problem rejected the file as a whole: nothing of it may be applied.
  public var rejectedWhole: Bool
}

/// Runs one file through its reader and its kind's rules: the one path that
/// `siirto run` and `siirto validate` share. Problems go to `emit` in file
/// order; with a state the rules apply what they accept, and the caller rolls
/// the file back when ``FileVerdict/rejectedWhole`` says so.
struct FileCheck {
  var context: RunContext
  var state: (any DomainState)?
  /// Told the running record count, for the terminal's progress line.
  var progress: Progress?

  private struct Stop: Error {}

  func run(path: String, emit: (Problem) throws -> Void) throws -> FileVerdict {
    var processor: (any RecordProcessor)?
    var counts = ReceiptCounts.zero
    var rejectedWhole = false
    var kind: InputKind?
    var format: InputFormat?
    let settings = context.settings

    func report(_ problem: Problem) throws {
      if problem.severity == .warning { counts.warnings += 1 }
      try emit(problem)
    }

    var readerRejected = false
    var readerKind: InputKind?
    var readerFormat: InputFormat?
    do {
      let preparing: @Sendable (FileHeader) -> any RecordPreparer = {
        [context, stateful = state != nil] header in
        Processors.preparer(for: header, context: context, stateful: stateful)
      }
      let summary = try ReadAhead.read(path: path, preparer: preparing) { event in
        switch event {
        case .header(let header):
          kind = header.kind
          format = header.format
          if header.kind.opsOnly, case .partner = context.sender {
            rejectedWhole = true
            try report(
              Problem(.FILE_KIND_NOT_ALLOWED, arguments: ["kind": header.kind.rawValue]))
            throw Stop()
          }
          var made = Processors.make(kind: header.kind, context: context, state: state)
          let problems = try made.begin(header)
          for problem in problems { try report(problem) }
          if problems.contains(where: \.isError) { rejectedWhole = true }
          processor = made
        case .record(let prepared):
          counts.records += 1
          progress?.tick(counts.records)
          guard !rejectedWhole, processor != nil else {
            counts.rejected += 1
            for problem in prepared.record.problems { try report(problem) }
            return
          }
          // Mutated in place: a copy would share the processor's storage (its
          // caches), and its first write would copy all of it, per record.
          let outcome = try processor!.process(prepared)
          for problem in FileCheck.merged(prepared.record.problems, outcome.problems) {
            try report(problem)
          }
          switch outcome.disposition {
          case .accepted: counts.accepted += 1
          case .rejected: counts.rejected += 1
          case .ignored: counts.ignored += 1
          }
        case .problem(let problem):
          try report(problem)
          if problem.isError { rejectedWhole = true }
        }
      }
      readerRejected = summary.fileRejected
      readerKind = summary.kind
      readerFormat = summary.format
    } catch is Stop {
      readerRejected = true
    }
    if readerRejected { rejectedWhole = true }
    if !rejectedWhole, var active = processor {
      let problems = try active.finish()
      for problem in problems { try report(problem) }
      if problems.contains(where: \.isError) { rejectedWhole = true }
    }
    if !rejectedWhole, let kind, kind.wholeFile, counts.rejected > 0 { rejectedWhole = true }
    if !rejectedWhole, counts.rejected >= settings.rejectionMinimum,
      counts.rejected * 100 > counts.records * settings.rejectionPercent
    {
      rejectedWhole = true
      try report(
        Problem(
          .FILE_TOO_MANY_ERRORS,
          arguments: ["count": String(counts.rejected), "records": String(counts.records)]))
    }
    if processor == nil, kind == nil, counts.records == 0, !rejectedWhole {
      // A reader that found no header and no problem: treat as empty, never as applied.
      rejectedWhole = true
      try report(Problem(.FILE_EMPTY))
    }
    let status: ReceiptStatus
    if rejectedWhole {
      counts.rejected = counts.records
      counts.accepted = 0
      counts.ignored = 0
      status = .REJECTED
    } else if counts.rejected == 0 {
      status = .ACCEPTED
    } else if counts.accepted + counts.ignored > 0 {
      status = .PARTIALLY_ACCEPTED
    } else {
      status = .REJECTED
    }
    return FileVerdict(
      kind: kind ?? readerKind, format: format ?? readerFormat, status: status, counts: counts,
      rejectedWhole: rejectedWhole)
  }

  /// The reader's problems of a record, then the rules' — without repeating
  /// those the rules passed through.
  static func merged(_ reader: [Problem], _ rules: [Problem]) -> [Problem] {
    guard !reader.isEmpty else { return rules }
    return reader + rules.filter { !reader.contains($0) }
  }
}
