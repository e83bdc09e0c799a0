/// A string written as a JSON string literal, with the escapes RFC 8259 requires: shared by
/// the modules that write small JSON documents by hand (error envelopes, config values).
public enum JSONStringLiteral {
    /// Appends `value` to `output`, quoted and escaped.
    public static func write(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// `value` as a JSON string literal.
    public static func quoted(_ value: String) -> String {
        var output = ""
        write(value, into: &output)
        return output
    }
}
