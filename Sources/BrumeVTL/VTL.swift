/// The Velocity Template Language as API Gateway's mapping templates use it.
///
/// The engine is pure: templates are parsed to an AST and evaluated against values the caller
/// supplies (`$input`, `$context`, `$util`), so it does no I/O and the fuzzer can drive it.
public enum VTL {}
