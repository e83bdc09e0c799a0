import BrumeWire

extension JSONValue {
    /// The value of a number, integral or not, as a `Double`.
    var numberValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The value as compact JSON text, for templates and for quoting in messages.
    var text: String { String(decoding: serialized, as: UTF8.self) }
}
