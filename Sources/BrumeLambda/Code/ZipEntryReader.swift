import Foundation
import ZIPFoundation

/// Reads the bytes of one zip entry, decompressed, without ever reading past the entry's own
/// data in the archive.
///
/// ZIPFoundation parses the archive (central directory, names, types, modes, sizes, CRCs) and
/// inflates; this reader only decides which bytes the inflater sees. That matters because
/// ZIPFoundation 0.9.20's Linux inflater loops forever when a deflate stream runs on past its
/// entry to the end of the file (its outer loop waits for the stream's end, and an empty read
/// never updates it; weichsel/ZIPFoundation#389, unreleased): one crafted package would keep a
/// core busy for good. Fed through ``read(_:consumer:)``, the inflater gets exactly the entry's
/// compressed bytes, and asking for more fails the entry.
///
/// ZIPFoundation does not publish where an entry's data starts, so the reader takes the offsets
/// ZIPFoundation parsed (the local header's offset and lengths) by reflection; when those are
/// not where it expects them, every entry is refused rather than read unbounded.
final class ZipEntryReader {
    /// Why an entry could not be read.
    enum Failure: Error {
        /// The entry's data is malformed, truncated, of an unsupported kind, or fails its CRC.
        case corrupt
    }

    private let handle: FileHandle
    /// Bytes read from the archive and handed to the inflater at a time.
    static let chunkSize = 64 * 1024

    /// Opens `archive` for reading.
    init(archive: URL) throws {
        handle = try FileHandle(forReadingFrom: archive)
    }

    deinit {
        try? handle.close()
    }

    /// Passes the entry's decompressed bytes to `consumer`, chunk by chunk, and checks them
    /// against the entry's CRC-32. A consumer's error stops the read and is rethrown as is.
    /// - Throws: ``Failure/corrupt`` for an entry whose data cannot be trusted.
    func read(_ entry: Entry, consumer: (Data) throws -> Void) throws {
        guard let layout = Layout(entry) else { throw Failure.corrupt }
        var offset = layout.dataOffset
        var remaining = entry.compressedSize
        let provide: Provider = { [handle] _, size in
            // A well-formed stream ends on the read that takes its last byte; one more ask
            // means it runs past its entry.
            guard remaining > 0 else { throw Failure.corrupt }
            let count = Int(min(UInt64(size), remaining))
            try handle.seek(toOffset: offset)
            guard let data = try handle.read(upToCount: count), data.count == count else { throw Failure.corrupt }
            offset += UInt64(count)
            remaining -= UInt64(count)
            return data
        }
        let checksum: CRC32
        switch layout.compressionMethod {
        case CompressionMethod.none.rawValue:
            var crc = CRC32(0)
            while remaining > 0 {
                let data = try provide(0, Self.chunkSize)
                crc = data.crc32(checksum: crc)
                try consumer(data)
            }
            checksum = crc
        case CompressionMethod.deflate.rawValue:
            // The inflater's own errors are internal to ZIPFoundation: anything but the
            // consumer's is a corrupt stream.
            var consumerError: (any Error)?
            do {
                checksum = try Data.decompress(size: Int64(entry.compressedSize), bufferSize: Self.chunkSize, skipCRC32: false,
                                               provider: provide, consumer: { data in
                                                   do { try consumer(data) } catch { consumerError = error; throw error }
                                               })
            } catch {
                throw consumerError ?? Failure.corrupt
            }
        default:
            throw Failure.corrupt
        }
        guard checksum == entry.checksum else { throw Failure.corrupt }
    }

    /// Where an entry's data lies, from the headers ZIPFoundation parsed.
    private struct Layout {
        let dataOffset: UInt64
        let compressionMethod: UInt16

        /// The local header's offset (from the central directory, or its ZIP64 field when that
        /// is saturated), plus the local header's 30 fixed bytes, name and extra field.
        init?(_ entry: Entry) {
            let fields = Mirror(reflecting: entry)
            guard let central = fields.descendant("centralDirectoryStructure"),
                  let local = fields.descendant("localFileHeader"),
                  let offset32 = Mirror(reflecting: central).descendant("relativeOffsetOfLocalHeader") as? UInt32,
                  let nameLength = Mirror(reflecting: local).descendant("fileNameLength") as? UInt16,
                  let extraLength = Mirror(reflecting: local).descendant("extraFieldLength") as? UInt16,
                  let method = Mirror(reflecting: local).descendant("compressionMethod") as? UInt16
            else { return nil }
            var headerOffset = UInt64(offset32)
            if offset32 == .max {
                guard let zip64 = Self.zip64Offset(central) else { return nil }
                headerOffset = zip64
            }
            dataOffset = headerOffset + 30 + UInt64(nameLength) + UInt64(extraLength)
            compressionMethod = method
        }

        /// The `relativeOffsetOfLocalHeader` of the ZIP64 extended information among the
        /// central directory record's extra fields.
        private static func zip64Offset(_ central: Any) -> UInt64? {
            guard let extraFields = Mirror(reflecting: central).descendant("extraFields") else { return nil }
            let optional = Mirror(reflecting: extraFields)
            guard let fields = optional.displayStyle == .optional ? optional.children.first?.value : extraFields else { return nil }
            for field in Mirror(reflecting: fields).children {
                if let offset = Mirror(reflecting: field.value).descendant("relativeOffsetOfLocalHeader") as? UInt64, offset > 0 {
                    return offset
                }
            }
            return nil
        }
    }
}
