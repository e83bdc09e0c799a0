/// Why an input transformer or input path was refused: the message of the `ValidationException`
/// PutTargets answers.
public struct InputTransformerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
