import BrumeCore

/// JSON read into ``VTLValue``s and written back, for `$util.parseJson`, `$input.path` and
/// `$input.json`. Objects keep their key order; integers that fit 64 bits stay integers.
enum VTLJSON {
    /// Deeper JSON is refused, so a hostile body can't exhaust the stack.
    static let maximumDepth = 512

    static func parse(_ text: String) throws(VTLError) -> VTLValue {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw reader.fail("Unexpected text after the JSON value") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        func fail(_ message: String) -> VTLError {
            VTLError(.runtime, "Invalid JSON: \(message) at offset \(index)")
        }

        mutating func skipSpace() {
            while index < bytes.count, VTLLexer.isSpace(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws(VTLError) -> VTLValue {
            guard depth < VTLJSON.maximumDepth else { throw fail("nested too deeply") }
            guard index < bytes.count else { throw fail("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                let map = VTLMap()
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .map(map)
                }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    index += 1
                    skipSpace()
                    map[key] = try value(depth: depth + 1)
                    skipSpace()
                    guard index < bytes.count else { throw fail("unexpected end") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
                    index += 1
                    return .map(map)
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [VTLValue] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .list(VTLList(elements))
                }
                while true {
                    skipSpace()
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw fail("unexpected end") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
                    index += 1
                    return .list(VTLList(elements))
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try keyword("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try keyword("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try keyword("null")
                return .null
            default:
                return try number()
            }
        }

        mutating func keyword(_ word: String) throws(VTLError) {
            for byte in word.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw fail("unexpected character") }
                index += 1
            }
        }

        mutating func number() throws(VTLError) -> VTLValue {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            var isInteger = true
            let digitsStart = index
            while index < bytes.count, VTLLexer.isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { throw fail("unexpected character") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                let fraction = index
                while index < bytes.count, VTLLexer.isDigit(bytes[index]) { index += 1 }
                guard index > fraction else { throw fail("bad number") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                let exponent = index
                while index < bytes.count, VTLLexer.isDigit(bytes[index]) { index += 1 }
                guard index > exponent else { throw fail("bad number") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if isInteger, let int = Int(text) { return .int(int) }
            guard let double = Double(text) else { throw fail("bad number") }
            return .double(double)
        }

        mutating func string() throws(VTLError) -> String {
            index += 1
            var output: [UInt8] = []
            while true {
                guard index < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: output, as: UTF8.self) }
                if byte < 0x20 { throw fail("control character in string") }
                guard byte == UInt8(ascii: "\\") else {
                    output.append(byte)
                    continue
                }
                guard index < bytes.count else { throw fail("unterminated string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): output.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): output.append(8)
                case UInt8(ascii: "f"): output.append(12)
                case UInt8(ascii: "n"): output.append(10)
                case UInt8(ascii: "r"): output.append(13)
                case UInt8(ascii: "t"): output.append(9)
                case UInt8(ascii: "u"):
                    var unit = try hex4()
                    if (0xD800..<0xDC00).contains(unit), index + 1 < bytes.count,
                       bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                        }
                    }
                    let scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"
                    output.append(contentsOf: Array(String(scalar).utf8))
                default: throw fail("bad escape")
                }
            }
        }

        mutating func hex4() throws(VTLError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("bad \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt32
                switch byte {
                case 48...57: digit = UInt32(byte - 48)
                case 65...70: digit = UInt32(byte - 55)
                case 97...102: digit = UInt32(byte - 87)
                default: throw fail("bad \\u escape")
                }
                value = value * 16 + digit
            }
            return value
        }
    }

    static func write(_ value: VTLValue) -> String {
        (try? write(value, limit: Int.max)) ?? ""
    }

    /// Compact JSON, refusing to write more than `limit` bytes.
    static func write(_ value: VTLValue, limit: Int) throws(VTLError) -> String {
        var output = ""
        try write(value, into: &output, depth: 0, limit: limit)
        return output
    }

    private static func write(_ value: VTLValue, into output: inout String, depth: Int, limit: Int) throws(VTLError) {
        guard depth < JavaText.maximumDepth else { throw VTLError(.limit, "Collections nested more than \(JavaText.maximumDepth) levels deep") }
        guard output.utf8.count <= limit else { throw VTLError(.limit, "JSON larger than \(limit) bytes") }
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .int(let int): output += String(int)
        case .double(let double):
            output += double.isFinite ? JavaText.javaDouble(double) : "null"
        case .string(let string): JSONStringLiteral.write(string, into: &output)
        case .object(let object): JSONStringLiteral.write(try object.render(), into: &output)
        case .list(let list):
            output += "["
            for (index, element) in list.elements.enumerated() {
                if index > 0 { output += "," }
                try write(element, into: &output, depth: depth + 1, limit: limit)
            }
            output += "]"
        case .map(let map):
            output += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { output += "," }
                JSONStringLiteral.write(entry.key, into: &output)
                output += ":"
                try write(entry.value, into: &output, depth: depth + 1, limit: limit)
            }
            output += "}"
        }
    }
}
