/// The JSON error document the Runtime API expects on `/invocation/{id}/error`
/// and `/init/error`:
///
///     {"errorMessage": "...", "errorType": "...", "stackTrace": []}
struct ErrorReport: Sendable, Equatable {
    var errorMessage: String
    var errorType: String
    /// Always empty: Swift errors carry no portable stack trace.
    var stackTrace: [String] = []

    init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    /// Reports `error` with `errorType` = its module-qualified type name (see
    /// ``typeName(of:)``) and `errorMessage` = `String(describing: error)`.
    /// ``FunctionError`` uses its own documented `errorType` values.
    init(error: any Error) {
        if let error = error as? FunctionError {
            self.init(errorType: error.errorType, errorMessage: error.description)
        } else {
            self.init(errorType: Self.typeName(of: error), errorMessage: String(describing: error))
        }
    }

    /// The dynamic type name of `error`, module-qualified (`Orders.PaymentError`,
    /// `Orders.Handler.Failure`, `Swift.DecodingError`).
    ///
    /// Module-qualified because bare names collide easily (`Error`, `Failure`)
    /// and the module tells you which library threw. Types declared `private` or
    /// `fileprivate` reflect as `Module.(unknown context at $10f3c).Name`, with
    /// an address that changes between builds; that segment is removed so the
    /// name stays stable across deployments.
    static func typeName(of error: any Error) -> String {
        var name = String(reflecting: type(of: error))
        while let start = name.firstRange(of: "(unknown context at "),
              let end = name[start.upperBound...].firstIndex(of: ")") {
            var upper = name.index(after: end)
            if upper < name.endIndex, name[upper] == "." { upper = name.index(after: upper) }
            name.removeSubrange(start.lowerBound..<upper)
        }
        return name
    }

    /// Hand-written JSON so error reporting cannot itself fail, and the key
    /// order matches the documented shape.
    var json: [UInt8] {
        var out = "{\"errorMessage\":"
        Self.appendJSONString(errorMessage, to: &out)
        out += ",\"errorType\":"
        Self.appendJSONString(errorType, to: &out)
        out += ",\"stackTrace\":["
        for (index, frame) in stackTrace.enumerated() {
            if index > 0 { out += "," }
            Self.appendJSONString(frame, to: &out)
        }
        out += "]}"
        return Array(out.utf8)
    }

    static func appendJSONString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
