extension JSONValue {
    /// The value as compact JSON in UTF-8.
    ///
    /// Object members are written in their order (the order they were parsed or added in), as
    /// AWS services echo them.
    public var serialized: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        write(into: &output)
        return output
    }

    /// Appends the value as compact JSON in UTF-8.
    ///
    /// Strings escape only what JSON requires (`"`, `\` and control characters); `/` and
    /// non-ASCII characters are written as raw UTF-8. Integral doubles within ±2^53 are written
    /// without a fraction (`3`, not `3.0`), other doubles in their shortest round-trip form, and
    /// NaN or infinity, which JSON cannot spell, as `null`.
    public func write(into output: inout [UInt8]) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .int(let value):
            JSONValue.writeDecimal(value, into: &output)
        case .double(let value):
            JSONValue.writeDouble(value, into: &output)
        case .string(let text):
            JSONValue.writeString(text, into: &output)
        case .array(let elements):
            output.append(JSONByte.openBracket)
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(JSONByte.comma) }
                element.write(into: &output)
            }
            output.append(JSONByte.closeBracket)
        case .object(let members):
            output.append(JSONByte.openBrace)
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(JSONByte.comma) }
                JSONValue.writeString(member.key, into: &output)
                output.append(JSONByte.colon)
                member.value.write(into: &output)
            }
            output.append(JSONByte.closeBrace)
        }
    }

    /// Writes an integer's decimal digits without going through `String`: last digit first
    /// into a stack buffer, then appended in one go (reversing them in the array was slower).
    private static func writeDecimal(_ value: Int64, into output: inout [UInt8]) {
        if value < 0 { output.append(JSONByte.minus) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            output.append(JSONByte.zero + UInt8(magnitude))
            return
        }
        // UInt64.max has 20 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = JSONByte.zero + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }

    private static func writeDouble(_ value: Double, into output: inout [UInt8]) {
        guard value.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        // Within ±2^53 every integer is exact, so `3.0` can safely become `3`; beyond that the
        // shortest form (`1e+20`) is both shorter and honest about the precision.
        if value.rounded(.towardZero) == value, value.magnitude <= 9_007_199_254_740_992 {
            writeDecimal(Int64(value), into: &output)
        } else {
            output.append(contentsOf: value.description.utf8)
        }
    }

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(JSONByte.quote)
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == JSONByte.quote || byte == JSONByte.backslash {
                // Copy the unescaped run before this byte in one go.
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                output.append(JSONByte.backslash)
                switch byte {
                case JSONByte.quote, JSONByte.backslash: output.append(byte)
                case JSONByte.newline: output.append(UInt8(ascii: "n"))
                case JSONByte.carriageReturn: output.append(UInt8(ascii: "r"))
                case JSONByte.tab: output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    output.append(contentsOf: "u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(JSONByte.quote)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
