public import BrumeWire

/// An EventBridge event pattern: which events a rule (or `TestEventPattern`) selects.
///
/// A pattern has the shape of the events it matches. Every field it names must match (AND); the
/// array under a field lists alternatives (OR), each an exact value or a comparison such as
/// `{"prefix": "us-"}` or `{"numeric": [">", 0, "<=", 5]}`; `$or` offers alternative sub-patterns
/// at any level. Fields the pattern does not name are ignored.
///
/// ```swift
/// let pattern = try EventPattern(parsing: #"{"source": ["aws.ec2"], "detail": {"state": ["running"]}}"#)
/// pattern.matches(event)   // true for an aws.ec2 event whose detail.state is "running"
/// ```
///
/// Parsing validates the pattern as PutRule does, so a pattern AWS would refuse is refused here
/// with the same ``EventPatternError`` message, and a pattern that parses always evaluates.
public struct EventPattern: Sendable {
    /// The conditions on the event's top-level object.
    let root: ObjectPattern

    /// The longest `EventPattern` PutRule and TestEventPattern accept, in characters.
    ///
    /// AWS enforces it as a model constraint (`ValidationException`), not as an invalid
    /// pattern, so ``init(parsing:)`` leaves it to the caller.
    public static let maximumLength = 4096

    /// Parses and validates an event pattern document (the JSON text a PutRule or
    /// TestEventPattern caller sends).
    ///
    /// - Throws: ``EventPatternError`` with the message of AWS's `InvalidEventPatternException`
    ///   when the text is not JSON, not an object, or uses a construct EventBridge refuses.
    public init(parsing text: String) throws(EventPatternError) {
        root = try PatternParser.parse(text)
    }

    /// Whether `event` (a whole EventBridge event: version, id, detail-type, source, account, time,
    /// region, resources, detail) matches.
    ///
    /// An event that is not a JSON object matches nothing but a pattern that only asks for
    /// fields to be absent.
    public func matches(_ event: JSONValue) -> Bool {
        root.matches(event.objectValue ?? JSONObject())
    }
}
