/// Message-body rules: non-empty, and made of the XML 1.0 characters SQS allows.
enum MessageBody {
    /// Whether SQS allows a scalar: `#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF`.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The first scalar outside the allowed set, if any.
    static func firstInvalidScalar(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { !isAllowed($0) }
    }

    /// Validates a body: an empty one is a missing `MessageBody`, and any character outside the
    /// set is `InvalidMessageContents` (the SendMessage documentation: SQS "rejects the message").
    static func validate(_ body: String) throws(SQSError) {
        guard !body.isEmpty else { throw .missingParameter("MessageBody") }
        if let bad = firstInvalidScalar(body) {
            throw .invalidMessageContents(
                "Invalid binary character '\(hex(bad))' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF")
        }
    }

    /// `#x1F` style, as the SQS messages write code points.
    static func hex(_ scalar: Unicode.Scalar) -> String {
        "#x" + String(scalar.value, radix: 16, uppercase: true)
    }
}

/// The `Number` data type: up to 38 significant digits, magnitude 10^-128 to 10^126.
enum SQSNumber {
    static func isValid(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var pointPosition: Int?
        var sawDigit = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard pointPosition == nil else { return false }
                pointPosition = digits.count
            } else if (48...57).contains(byte) {
                digits.append(byte - 48)
                sawDigit = true
            } else {
                return false
            }
        }
        guard sawDigit else { return false }
        var exponent = 0
        if !bytes.isEmpty {
            guard let value = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)), abs(value) < 100_000 else { return false }
            exponent = value
        }
        // Position of the decimal point relative to the first digit, then trim zeros.
        var point = (pointPosition ?? digits.count) + exponent
        while digits.first == 0 { digits.removeFirst(); point -= 1 }
        while digits.last == 0 { digits.removeLast() }
        guard !digits.isEmpty else { return true }  // zero
        guard digits.count <= 38 else { return false }
        // The value is 0.d1d2... × 10^point, so its leading digit is at 10^(point - 1).
        let magnitude = point - 1
        if magnitude == 126 { return digits == [1] }
        return (-128...125).contains(magnitude)
    }
}
