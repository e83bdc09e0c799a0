/// Java's `toString()` of the values a template handles, which is what Velocity writes:
/// `{k=v, k2=v2}` for a map, `[a, b]` for a list, `1.0` and `1.0E10` for doubles.
enum JavaText {
    /// How deep nested collections are written before the writer gives up: as deep as any JSON
    /// body may be (``VTLJSON/maximumDepth``), so a collection that contains itself indirectly
    /// fails where Java would overflow its stack.
    static let maximumDepth = VTLJSON.maximumDepth

    static func render(_ value: VTLValue) -> String {
        (try? render(value, limit: Int.max)) ?? ""
    }

    /// The text, refusing to write more than `limit` bytes so that a list holding itself
    /// many times over can't make the renderer run away.
    static func render(_ value: VTLValue, limit: Int) throws(VTLError) -> String {
        switch value {
        case .null: return ""
        case .string(let string): return string
        case .object(let object): return try object.render()
        default:
            var output = ""
            try write(value, into: &output, depth: 0, limit: limit, inside: nil)
            return output
        }
    }

    private static func write(_ value: VTLValue, into output: inout String, depth: Int, limit: Int, inside: AnyObject?) throws(VTLError) {
        guard depth < maximumDepth else { throw VTLError(.limit, "Collections nested more than \(maximumDepth) levels deep") }
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .int(let int): output += String(int)
        case .double(let double): output += javaDouble(double)
        case .string(let string): output += string
        case .object(let object): output += try object.render()
        case .list(let list):
            output += "["
            for (index, element) in list.elements.enumerated() {
                if index > 0 { output += ", " }
                if case .list(let inner) = element, inner === list {
                    output += "(this Collection)"
                } else {
                    try write(element, into: &output, depth: depth + 1, limit: limit, inside: list)
                }
                guard output.utf8.count <= limit else { throw VTLError(.limit, "Rendered value larger than \(limit) bytes") }
            }
            output += "]"
        case .map(let map):
            output += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { output += ", " }
                output += entry.key
                output += "="
                if case .map(let inner) = entry.value, inner === map {
                    output += "(this Map)"
                } else {
                    try write(entry.value, into: &output, depth: depth + 1, limit: limit, inside: map)
                }
                guard output.utf8.count <= limit else { throw VTLError(.limit, "Rendered value larger than \(limit) bytes") }
            }
            output += "}"
        }
    }

    /// Java's `Double.toString`: shortest digits that round-trip, at least one decimal, and
    /// scientific notation (`1.0E7`, `1.0E-4`) outside 10^-3 ..< 10^7.
    static func javaDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        // Swift's description gives the shortest round-trip digits; take them apart.
        let (digits, exponent) = decimalDigits(magnitude)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            // Plain notation: the point goes after `exponent + 1` digits.
            let pointPosition = exponent + 1
            if pointPosition <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
            }
            if pointPosition >= digits.count {
                return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            return sign + digits[..<index] + "." + digits[index...]
        }
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        return sign + first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(exponent)
    }

    /// The significant digits (no leading or trailing zeros) and the decimal exponent of the
    /// first digit, from Swift's shortest round-trip text.
    private static func decimalDigits(_ magnitude: Double) -> (String, Int) {
        let text = "\(magnitude)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerPart + fractionPart
        var firstExponent = integerPart.count - 1 + exponent
        while digits.hasPrefix("0"), digits.count > 1 {
            digits.removeFirst()
            firstExponent -= 1
        }
        while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
        return (digits, firstExponent)
    }
}
