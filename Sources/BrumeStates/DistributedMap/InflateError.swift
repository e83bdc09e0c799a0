/// Why a DEFLATE or gzip stream cannot be decoded.
public struct InflateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence for a human, e.g. in a `States.ItemReaderFailed` cause.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
