/// Why a template could not be parsed or rendered, with where in the template it happened.
///
/// API Gateway answers a broken mapping template with 500 `{"message": "Internal server error"}`;
/// the gateway turns any ``VTLError`` into that, except ``Kind-swift.enum/invalidJSONBody``, which
/// AWS answers with 400 because the client's body, not the template, is at fault.
public struct VTLError: Error, Equatable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: String, Sendable, Equatable {
        /// The template text is not valid VTL.
        case syntax
        /// A method failed while rendering (an index out of range, bad base64, ...).
        case runtime
        /// A limit was reached: nesting, macro recursion, output size, work done.
        case limit
        /// `#include` or `#parse`, which API Gateway refuses.
        case refused
        /// `$input.json`/`$input.path` on a request body that is not JSON.
        case invalidJSONBody
    }

    public var kind: Kind
    /// 1-based line in the template (0 when not tied to a place).
    public var line: Int
    /// 1-based column in the template (0 when not tied to a place).
    public var column: Int
    public var message: String

    public init(_ kind: Kind, _ message: String, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "\(message) at line \(line), column \(column)" : message
    }
}
