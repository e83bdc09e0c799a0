/// Errors the runtime itself reports for an invocation, as opposed to errors
/// thrown by handler code.
///
/// They are reported to the Runtime API like any handler error, with these
/// `errorType` values (stable; safe to match on, e.g. in a Step Functions
/// `Catch` clause):
///
/// | Case               | `errorType`                    |
/// |--------------------|--------------------------------|
/// | ``decodingFailed(_:)`` | `FunctionError.DecodingFailed` |
/// | ``encodingFailed(_:)`` | `FunctionError.EncodingFailed` |
public enum FunctionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event payload could not be decoded as the handler's input type; the
    /// handler was not called. The message says what was wrong and where.
    case decodingFailed(String)
    /// The handler's output could not be encoded as JSON.
    case encodingFailed(String)

    /// The `errorType` reported to Lambda for this error.
    public var errorType: String {
        switch self {
        case .decodingFailed: "FunctionError.DecodingFailed"
        case .encodingFailed: "FunctionError.EncodingFailed"
        }
    }

    public var description: String {
        switch self {
        case .decodingFailed(let message), .encodingFailed(let message): message
        }
    }
}

extension FunctionError {
    /// Wraps a JSONDecoder failure with a readable, path-qualified message,
    /// e.g. `cannot decode Order: missing key "id" at $.items[0]`.
    static func decoding(_ type: Any.Type, _ error: any Error) -> FunctionError {
        .decodingFailed("cannot decode \(String(describing: type)): \(describe(error))")
    }

    static func encoding(_ type: Any.Type, _ error: any Error) -> FunctionError {
        .encodingFailed("cannot encode \(String(describing: type)): \(describe(error))")
    }

    /// `DecodingError`'s default description is a nested enum dump; handler
    /// authors mostly need the JSON path and the reason.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
        case DecodingError.valueNotFound(let type, let context):
            "null or missing \(type) value at \(path(context.codingPath))"
        case DecodingError.typeMismatch(let type, let context):
            "expected \(type) at \(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            "invalid JSON at \(path(context.codingPath)): \(context.debugDescription)"
        case EncodingError.invalidValue(let value, let context):
            "invalid value \(value) at \(path(context.codingPath)): \(context.debugDescription)"
        default:
            String(describing: error)
        }
    }

    /// A JSONPath-like rendering of a coding path: `$.items[0].id`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("$") { result, key in
            if let index = key.intValue { "\(result)[\(index)]" } else { "\(result).\(key.stringValue)" }
        }
    }
}
