public import BrumeWire

/// Turns the bytes of an ItemReader's S3 object into Distributed Map items, a chunk at a time.
///
/// A Distributed Map reads objects of up to gigabytes, so a decoder never holds a whole file: the
/// caller feeds the body in whatever chunks S3 GetObject delivers, and each call returns the items
/// those bytes completed. A decoder buffers at most one unfinished item (a CSV record, a JSON array
/// element, a JSON line) plus what it needs to know where that item ends.
///
/// Chunk boundaries carry no meaning: a chunk may end inside a quoted field, between the CR and LF
/// of a line break, inside a multi-byte UTF-8 character or inside a JSON string, and the items come
/// out the same as if the file had been fed in one piece.
///
/// ```swift
/// var decoder = CSVItemDecoder(headerLocation: .firstRow)
/// for try await chunk in body { try await dispatch(decoder.feed(chunk)) }
/// try await dispatch(decoder.finish())
/// ```
///
/// Every failure is a ``StatesError`` named `States.ItemReaderFailed`, the error a Map Run fails
/// with when its reader cannot read the dataset.
public protocol ItemDecoder: Sendable {
    /// Appends bytes, returns the items completed by them, in order.
    mutating func feed(_ chunk: ArraySlice<UInt8>) throws(StatesError) -> [JSONValue]
    /// Ends the input, returns the last items or throws for a truncated document.
    ///
    /// After `finish()` a decoder is spent: feeding it again is a programming error.
    mutating func finish() throws(StatesError) -> [JSONValue]
}

extension ItemDecoder {
    /// Appends a whole array of bytes; see ``feed(_:)-(ArraySlice<UInt8>)``.
    public mutating func feed(_ chunk: [UInt8]) throws(StatesError) -> [JSONValue] {
        try feed(chunk[...])
    }

    /// Decodes a complete body held in memory: a convenience for small objects and tests.
    public mutating func decodeAll(_ bytes: [UInt8]) throws(StatesError) -> [JSONValue] {
        var items = try feed(bytes[...])
        items += try finish()
        return items
    }
}

extension StatesError {
    /// `States.ItemReaderFailed`: the ItemReader could not read its dataset (a missing object, a
    /// malformed file, an item beyond the size limits).
    public static func itemReaderFailed(_ cause: String) -> StatesError {
        StatesError(StatesErrorName.itemReaderFailed, cause)
    }
}

/// Limits shared by the item readers.
public enum ItemReaderLimits {
    /// The largest single item (a CSV record, a JSON element, a JSON line) a reader buffers, in bytes.
    ///
    /// An item becomes (part of) a child execution's input, which Step Functions caps at 256 KiB, so
    /// a bigger item could never run; refusing it while reading also keeps a malformed file (an
    /// unterminated quote, a missing `]`) from making the reader buffer the rest of the object.
    public static let maximumItemBytes = 262_144

    /// The largest CSV header row Step Functions accepts: "Step Functions supports CSV headers of up
    /// to 10 KB" (ItemReader documentation).
    public static let maximumCSVHeaderBytes = 10_240
}
