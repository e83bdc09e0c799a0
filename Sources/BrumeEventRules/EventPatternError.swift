/// Why an event pattern was refused: the text of EventBridge's `InvalidEventPatternException`.
public struct EventPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole message AWS puts in the exception, e.g.
    /// `Event pattern is not valid. Reason: "source" must be an object or an array`.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    /// An error worded as EventBridge words it, from the reason alone.
    ///
    /// AWS appends the parser's position (`at [Source: ...; line: 1, column: 30]`); Brume leaves
    /// it out, because the position is that of AWS's own parser and clients do not read it.
    init(reason: String) {
        self.message = "Event pattern is not valid. Reason: \(reason)"
    }

    public var description: String { message }
}
