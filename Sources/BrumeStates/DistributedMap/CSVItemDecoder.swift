public import BrumeWire

/// The field separator of a text delimited file: `ReaderConfig.CSVDelimiter`.
public enum CSVDelimiter: String, Sendable, CaseIterable {
    /// `,`, the default when `CSVDelimiter` is absent.
    case comma = "COMMA"
    /// `|`
    case pipe = "PIPE"
    /// `;`
    case semicolon = "SEMICOLON"
    /// ` `
    case space = "SPACE"
    /// A horizontal tab.
    case tab = "TAB"

    /// The separator byte; every delimiter is ASCII, so it never occurs inside a multi-byte character.
    public var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .pipe: UInt8(ascii: "|")
        case .semicolon: UInt8(ascii: ";")
        case .space: UInt8(ascii: " ")
        case .tab: UInt8(ascii: "\t")
        }
    }
}

/// Where a CSV file's column names come from: `ReaderConfig.CSVHeaderLocation` with, for `GIVEN`,
/// `ReaderConfig.CSVHeaders`.
public enum CSVHeaderLocation: Sendable, Equatable {
    /// `FIRST_ROW`: the file's first record names the columns and is not an item.
    case firstRow
    /// `GIVEN`: the definition names the columns; every record is an item.
    case given([String])
}

/// Decodes a text delimited file into one item per record, as a Distributed Map's
/// `ItemReader` with `InputType` `CSV` does.
///
/// Each item is an object whose members are the header names, in header order, and whose values are
/// the record's fields as strings (Step Functions never converts them; a definition uses
/// `States.StringToJson` for that). The parsing rules are the ones AWS documents in "How Step
/// Functions parses input CSV files":
///
/// - Records end at a line break (LF, CRLF, or a lone CR) outside quotes.
/// - A field enclosed in double quotes may hold delimiters and line breaks, which are kept as they
///   are in the file.
/// - A doubled quote stands for one quote, inside a quoted field and inside an unquoted one alike
///   (AWS's example reads `{""MyKey"":""MyValue""}` as `{"MyKey":"MyValue"}`).
/// - A backslash escapes a backslash, a double quote or the delimiter; before anything else the
///   backslash is dropped and the character kept.
/// - A record with fewer fields than headers gets empty strings for the missing ones; fields beyond
///   the headers are skipped.
/// - Header names must be unique: a repeated one fails the read with "CSV headers cannot contain
///   duplicates." (the cause LocalStack's AWS-recorded tests show).
///
/// Where AWS documents nothing, Brume chooses, and says so:
///
/// - Empty lines are skipped rather than read as a record of empty fields, and a line break at the
///   end of the file does not start a record.
/// - A UTF-8 byte order mark at the start of the file is dropped.
/// - A stray quote inside an unquoted field is kept as a character; text after a closing quote and
///   before the next delimiter is appended to the field.
/// - Bytes that are not UTF-8 become U+FFFD.
/// - A file that ends inside a quoted field fails rather than yielding a partial record.
///
/// The decoder holds only the record being read, and fails a record over
/// ``ItemReaderLimits/maximumItemBytes`` and a header row over
/// ``ItemReaderLimits/maximumCSVHeaderBytes``.
public struct CSVItemDecoder: ItemDecoder {
    private enum Scan: Sendable {
        /// Before the first byte of a field.
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// A quote inside an unquoted field: a second quote makes it one literal quote.
        case unquotedQuote
        /// Inside a quoted field.
        case quoted
        /// A quote inside a quoted field: a doubled quote, or the closing one.
        case quotedQuote
        /// A backslash, in an unquoted or a quoted field.
        case escape(inQuotes: Bool)
        /// A CR ended the record; an LF right after it belongs to the same line break.
        case afterCarriageReturn
    }

    private let delimiter: UInt8
    private let maximumRecordBytes: Int
    /// The column names; nil until the header row of a `FIRST_ROW` file has been read.
    private var headers: [String]?
    /// Whether ``headers`` were checked for duplicates; `GIVEN` headers are checked when the first
    /// record needs them, since the initializer cannot fail.
    private var headersChecked = false
    private var bom = LeadingByteOrderMark()
    private var scan = Scan.fieldStart
    /// The completed fields of the current record.
    private var fields: [String] = []
    /// The bytes of the current field so far; decoded once the field ends, so a multi-byte
    /// character split across chunks decodes whole.
    private var field: [UInt8] = []
    /// The bytes the current record has taken from the file, for the size limits; zero means the
    /// line is still empty.
    private var recordBytes = 0

    /// A decoder for one CSV object.
    ///
    /// - Parameters:
    ///   - delimiter: The field separator (`CSVDelimiter`), COMMA by default.
    ///   - headerLocation: Where the column names come from.
    ///   - maximumRecordBytes: The largest record accepted, ``ItemReaderLimits/maximumItemBytes``
    ///     unless a caller needs another bound.
    public init(
        delimiter: CSVDelimiter = .comma,
        headerLocation: CSVHeaderLocation = .firstRow,
        maximumRecordBytes: Int = ItemReaderLimits.maximumItemBytes
    ) {
        self.delimiter = delimiter.byte
        self.maximumRecordBytes = maximumRecordBytes
        if case .given(let names) = headerLocation { headers = names }
    }

    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(StatesError) -> [JSONValue] {
        var items: [JSONValue] = []
        try scan(bom.strip(chunk), into: &items)
        return items
    }

    public mutating func finish() throws(StatesError) -> [JSONValue] {
        var items: [JSONValue] = []
        try scan(bom.flush(), into: &items)
        switch scan {
        case .quoted, .escape(inQuotes: true):
            throw .itemReaderFailed("The CSV file ends inside a quoted field that is never closed.")
        case .unquotedQuote:
            field.append(Byte.quote)
            try endRecord(into: &items)
        case .escape(inQuotes: false), .unquoted, .quotedQuote:
            try endRecord(into: &items)
        case .fieldStart:
            // "a," ends with an empty last field; an empty last line is no record at all.
            if recordBytes > 0 { try endRecord(into: &items) }
        case .afterCarriageReturn:
            break
        }
        scan = .fieldStart
        return items
    }

    private mutating func scan(_ bytes: ArraySlice<UInt8>, into items: inout [JSONValue]) throws(StatesError) {
        for byte in bytes {
            try consume(byte, into: &items)
        }
    }

    private mutating func consume(_ byte: UInt8, into items: inout [JSONValue]) throws(StatesError) {
        switch scan {
        case .fieldStart, .afterCarriageReturn:
            if case .afterCarriageReturn = scan, byte == Byte.lineFeed {
                scan = .fieldStart
                return
            }
            try count(byte)
            switch byte {
            case Byte.quote: scan = .quoted
            case Byte.backslash: scan = .escape(inQuotes: false)
            default:
                scan = .unquoted
                try unquoted(byte, into: &items)
            }
        case .unquoted:
            try count(byte)
            try unquoted(byte, into: &items)
        case .unquotedQuote:
            try count(byte)
            field.append(Byte.quote)
            scan = .unquoted
            // `""` is one quote; a lone quote is kept and the byte after it read normally.
            if byte != Byte.quote { try unquoted(byte, into: &items) }
        case .quoted:
            try count(byte)
            quoted(byte)
        case .quotedQuote:
            try count(byte)
            if byte == Byte.quote {
                field.append(Byte.quote)
                scan = .quoted
            } else {
                // The quote closed the field; whatever follows is read as unquoted text, which for
                // a well-formed file is the delimiter or the line break.
                scan = .unquoted
                try unquoted(byte, into: &items)
            }
        case .escape(let inQuotes):
            try count(byte)
            scan = inQuotes ? .quoted : .unquoted
            if byte == Byte.backslash || byte == Byte.quote || byte == delimiter {
                field.append(byte)
            } else if inQuotes {
                // The backslash is dropped; the byte is read as if it had not been there.
                quoted(byte)
            } else {
                try unquoted(byte, into: &items)
            }
        }
    }

    /// One byte inside a quoted field.
    private mutating func quoted(_ byte: UInt8) {
        switch byte {
        case Byte.quote: scan = .quotedQuote
        case Byte.backslash: scan = .escape(inQuotes: true)
        default: field.append(byte)
        }
    }

    /// One byte inside an unquoted field.
    private mutating func unquoted(_ byte: UInt8, into items: inout [JSONValue]) throws(StatesError) {
        switch byte {
        case delimiter:
            endField()
            scan = .fieldStart
        case Byte.lineFeed:
            try endRecord(into: &items)
            scan = .fieldStart
        case Byte.carriageReturn:
            try endRecord(into: &items)
            scan = .afterCarriageReturn
        case Byte.quote:
            scan = .unquotedQuote
        case Byte.backslash:
            scan = .escape(inQuotes: false)
        default:
            field.append(byte)
        }
    }

    /// Counts a byte against the record's size limit; line breaks that end a record are not
    /// counted, so an empty line stays at zero.
    private mutating func count(_ byte: UInt8) throws(StatesError) {
        guard byte != Byte.lineFeed && byte != Byte.carriageReturn || isInsideQuotes else {
            return
        }
        recordBytes += 1
        let limit = headers == nil ? min(maximumRecordBytes, ItemReaderLimits.maximumCSVHeaderBytes) : maximumRecordBytes
        guard recordBytes > limit else { return }
        if headers == nil {
            throw .itemReaderFailed("The CSV header row exceeds the maximum size of \(limit) bytes.")
        }
        throw .itemReaderFailed("A CSV record exceeds the maximum item size of \(maximumRecordBytes) bytes.")
    }

    private var isInsideQuotes: Bool {
        switch scan {
        case .quoted, .escape(inQuotes: true): true
        default: false
        }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    private static func checkUnique(_ headers: [String]) throws(StatesError) {
        guard Set(headers).count == headers.count else {
            throw .itemReaderFailed("CSV headers cannot contain duplicates.")
        }
    }

    private mutating func endRecord(into items: inout [JSONValue]) throws(StatesError) {
        defer {
            fields.removeAll(keepingCapacity: true)
            field.removeAll(keepingCapacity: true)
            recordBytes = 0
        }
        guard recordBytes > 0 else { return }  // an empty line
        endField()
        guard let headers else {
            try Self.checkUnique(fields)
            headers = fields
            headersChecked = true
            return
        }
        if !headersChecked {
            try Self.checkUnique(headers)
            headersChecked = true
        }
        var item = JSONObject()
        for (index, name) in headers.enumerated() {
            item[name] = .string(index < fields.count ? fields[index] : "")
        }
        items.append(.object(item))
    }
}

/// The ASCII bytes the item decoders look for.
enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let comma = UInt8(ascii: ",")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
}
