/// The entry point of the domain rules for the pipeline.
public enum Processors {
  /// The processor of one file of `kind`. With a `state` it checks every rule
  /// and applies what it accepts; without one (`siirto validate`) it checks
  /// only the rules that need no state.
  public static func make(kind: InputKind, context: RunContext, state: (any DomainState)?)
    -> any RecordProcessor
  {
    switch kind {
    case .register: return RegisterProcessor(context: context, state: state)
    case .registration: return RegistrationProcessor(context: context, state: state)
    case .mandates: return MandateProcessor(context: context, state: state)
    case .claims: return ClaimProcessor(context: context, state: state)
    }
  }

  /// The checks of `header`'s kind that need no state, for a pipeline that
  /// runs them ahead of the processor. `stateful`: the processor has a state
  /// (and wants what only a state compares, such as a claim's digest).
  public static func preparer(for header: FileHeader, context: RunContext, stateful: Bool)
    -> any RecordPreparer
  {
    switch header.kind {
    case .claims: return ClaimPreparer(header: header, context: context, stateful: stateful)
    case .register, .registration, .mandates: return UnpreparedRecords()
    }
  }
}
