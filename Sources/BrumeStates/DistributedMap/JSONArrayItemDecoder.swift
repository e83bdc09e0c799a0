public import BrumeWire

/// Decodes a JSON file whose document is an array into one item per element, as a Distributed
/// Map's `ItemReader` with `InputType` `JSON` does.
///
/// The array is never held whole: the decoder scans the bytes for element boundaries (tracking
/// nesting depth, strings and escapes, so a `]` or `,` inside a string or a nested value is not
/// mistaken for one) and parses each element as soon as its last byte arrives. Only the element
/// being read is buffered, up to ``ItemReaderLimits/maximumItemBytes``.
///
/// Every element is validated by the same strict parser the wire protocols use
/// (``JSONValue/parse(_:)``). Everything else fails the read with `States.ItemReaderFailed`: a
/// document that is an object or a scalar (with AWS's cause "Attempting to map over non-iterable
/// node."), an empty file, malformed JSON anywhere, a missing `]`, or data after it. Such a failure
/// can come after items were already returned, so an orchestrator that starts children before the
/// end of the object must still fail the Map Run when the reader fails.
public struct JSONArrayItemDecoder: ItemDecoder {
    private enum Scan: Sendable {
        /// Before the opening bracket.
        case document
        /// After `[` (`first`) or after a `,`: an element, or for the first, the closing bracket.
        case beforeElement(first: Bool)
        /// Inside an object or array element.
        case container(depth: Int, inString: Bool, escaped: Bool)
        /// Inside a string element.
        case string(escaped: Bool)
        /// Inside a number, `true`, `false` or `null`.
        case scalar
        /// After an element: a comma or the closing bracket.
        case afterElement
        /// After the closing bracket: only whitespace may follow.
        case end
    }

    private let maximumElementBytes: Int
    private var bom = LeadingByteOrderMark()
    private var scan = Scan.document
    /// The bytes of the element being read.
    private var element: [UInt8] = []
    /// The offset of the next byte in the object, for error messages.
    private var offset = 0
    /// The offset of the element's first byte.
    private var elementStart = 0

    /// A decoder for one JSON object.
    ///
    /// - Parameter maximumElementBytes: The largest element accepted,
    ///   ``ItemReaderLimits/maximumItemBytes`` unless a caller needs another bound.
    public init(maximumElementBytes: Int = ItemReaderLimits.maximumItemBytes) {
        self.maximumElementBytes = maximumElementBytes
    }

    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(StatesError) -> [JSONValue] {
        var items: [JSONValue] = []
        for byte in bom.strip(chunk) {
            try consume(byte, into: &items)
            offset += 1
        }
        return items
    }

    public mutating func finish() throws(StatesError) -> [JSONValue] {
        var items: [JSONValue] = []
        for byte in bom.flush() {
            try consume(byte, into: &items)
            offset += 1
        }
        switch scan {
        case .end:
            return items
        case .scalar:
            // A bare scalar cannot end the file inside an array: `[1` is still missing its `]`.
            throw truncated
        case .document:
            throw .itemReaderFailed("The JSON file is empty; its content must be a JSON array.")
        default:
            throw truncated
        }
    }

    private var truncated: StatesError {
        .itemReaderFailed("The JSON file ends before its array is closed (after \(offset) bytes).")
    }

    private func malformed(_ what: String) -> StatesError {
        .itemReaderFailed("The JSON file is not a valid JSON array: \(what) at byte \(offset).")
    }

    private mutating func consume(_ byte: UInt8, into items: inout [JSONValue]) throws(StatesError) {
        switch scan {
        case .document:
            if isWhitespace(byte) { return }
            guard byte == Byte.openBracket else {
                // AWS's cause for a file whose document is an object or a scalar, as LocalStack's
                // AWS-recorded tests show it.
                throw .itemReaderFailed("Attempting to map over non-iterable node.")
            }
            scan = .beforeElement(first: true)
        case .beforeElement(let first):
            if isWhitespace(byte) { return }
            if byte == Byte.closeBracket {
                guard first else { throw malformed("unexpected ']' after ','") }
                scan = .end
                return
            }
            try startElement(byte)
        case .container(var depth, var inString, var escaped):
            try append(byte)
            if inString {
                if escaped {
                    escaped = false
                } else if byte == Byte.backslash {
                    escaped = true
                } else if byte == Byte.quote {
                    inString = false
                }
            } else {
                switch byte {
                case Byte.quote: inString = true
                case Byte.openBrace, Byte.openBracket: depth += 1
                case Byte.closeBrace, Byte.closeBracket: depth -= 1
                default: break
                }
            }
            if depth == 0 {
                try endElement(into: &items)
            } else {
                scan = .container(depth: depth, inString: inString, escaped: escaped)
            }
        case .string(let escaped):
            try append(byte)
            if escaped {
                scan = .string(escaped: false)
            } else if byte == Byte.backslash {
                scan = .string(escaped: true)
            } else if byte == Byte.quote {
                try endElement(into: &items)
            }
        case .scalar:
            if isWhitespace(byte) || byte == Byte.comma || byte == Byte.closeBracket {
                try endElement(into: &items)
                try consume(byte, into: &items)
            } else {
                try append(byte)
            }
        case .afterElement:
            if isWhitespace(byte) { return }
            switch byte {
            case Byte.comma: scan = .beforeElement(first: false)
            case Byte.closeBracket: scan = .end
            default: throw malformed("expected ',' or ']' after an element")
            }
        case .end:
            guard isWhitespace(byte) else { throw malformed("unexpected data after the array") }
        }
    }

    private mutating func startElement(_ byte: UInt8) throws(StatesError) {
        elementStart = offset
        try append(byte)
        switch byte {
        case Byte.openBrace, Byte.openBracket: scan = .container(depth: 1, inString: false, escaped: false)
        case Byte.quote: scan = .string(escaped: false)
        case Byte.comma: throw malformed("unexpected ','")
        default: scan = .scalar
        }
    }

    private mutating func append(_ byte: UInt8) throws(StatesError) {
        guard element.count < maximumElementBytes else {
            throw .itemReaderFailed("An element of the JSON array exceeds the maximum item size of \(maximumElementBytes) bytes.")
        }
        element.append(byte)
    }

    /// Parses the buffered element; the strict parser catches everything the boundary scan lets
    /// through (bad literals, bad numbers, bad escapes, unbalanced brackets of the other kind).
    private mutating func endElement(into items: inout [JSONValue]) throws(StatesError) {
        defer { element.removeAll(keepingCapacity: true) }
        do {
            items.append(try JSONValue.parse(element))
        } catch {
            throw .itemReaderFailed("The JSON file is not a valid JSON array: \(error.message) at byte \(elementStart + error.offset).")
        }
        scan = .afterElement
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == Byte.space || byte == Byte.lineFeed || byte == Byte.carriageReturn || byte == Byte.tab
    }
}
