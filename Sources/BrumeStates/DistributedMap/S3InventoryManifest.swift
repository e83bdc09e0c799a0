public import BrumeWire

/// An S3 Inventory report's `manifest.json`, as a Distributed Map with `InputType` `MANIFEST` reads
/// it: which data files to read, where they are, and which columns they have.
///
/// ```json
/// {"sourceBucket": "amzn-s3-demo-source-bucket",
///  "destinationBucket": "arn:aws:s3:::amzn-s3-demo-inventory",
///  "version": "2016-11-30", "creationTimestamp": "1668560400000",
///  "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size, LastModifiedDate",
///  "files": [{"key": "source/inventory/data/20e55de8.csv.gz", "size": 7300, "MD5checksum": "a7ff..."}]}
/// ```
///
/// The data files live in the inventory's destination bucket (`destinationBucket`, an S3 bucket
/// ARN). Step Functions reads only CSV inventories; ORC and Parquet ones fail the read.
public struct S3InventoryManifest: Sendable, Equatable {
    /// One data file of the report.
    public struct File: Sendable, Equatable {
        public var key: String
        public var size: Int64?
        public var md5Checksum: String?
    }

    /// The bucket the inventory describes.
    public var sourceBucket: String?
    /// The bucket holding the data files: `destinationBucket` without its `arn:aws:s3:::` prefix.
    public var destinationBucket: String
    /// The column names, from `fileSchema` split at commas and trimmed.
    public var fileSchema: [String]
    public var files: [File]

    /// Parses a manifest, failing with `States.ItemReaderFailed` when it is not a CSV inventory
    /// manifest Step Functions can read.
    public static func parse(_ bytes: [UInt8]) throws(StatesError) -> S3InventoryManifest {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            throw .itemReaderFailed("The S3 Inventory manifest is not valid JSON: \(error.message) at byte \(error.offset).")
        }
        func text(_ name: String) throws(StatesError) -> String {
            guard let value = document[name]?.stringValue else {
                throw .itemReaderFailed("The S3 Inventory manifest has no '\(name)' string.")
            }
            return value
        }
        let format = try text("fileFormat")
        guard format == "CSV" else {
            throw .itemReaderFailed("The S3 Inventory manifest's fileFormat is '\(format)'; only CSV inventories can be read.")
        }
        let schema = try text("fileSchema").split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
        guard !schema.isEmpty, !schema.contains(where: \.isEmpty) else {
            throw .itemReaderFailed("The S3 Inventory manifest's fileSchema names no columns.")
        }
        let destination = try text("destinationBucket")
        guard let entries = document["files"]?.arrayValue else {
            throw .itemReaderFailed("The S3 Inventory manifest has no 'files' array.")
        }
        var files: [File] = []
        for entry in entries {
            guard let key = entry["key"]?.stringValue else {
                throw .itemReaderFailed("An entry of the S3 Inventory manifest's files has no 'key'.")
            }
            files.append(File(key: key, size: entry["size"]?.intValue, md5Checksum: entry["MD5checksum"]?.stringValue))
        }
        return S3InventoryManifest(
            sourceBucket: document["sourceBucket"]?.stringValue,
            destinationBucket: bucketName(destination),
            fileSchema: schema,
            files: files
        )
    }

    /// The bucket name in an S3 bucket ARN (`arn:aws:s3:::name`, any partition), or the text as is.
    static func bucketName(_ arnOrName: String) -> String {
        let parts = arnOrName.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "s3" else { return arnOrName }
        return String(parts[5])
    }

    /// A decoder for one of the report's data files.
    public func decoder(for file: File) -> S3InventoryItemDecoder {
        S3InventoryItemDecoder(fileSchema: fileSchema, gzipped: file.key.hasSuffix(".gz"))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}

/// Decodes one S3 Inventory CSV data file into items, one per object listed.
///
/// Each item is an object whose members are the manifest's `fileSchema` columns, in order, with
/// string values as the report has them: with the schema `Bucket, Key, Size, LastModifiedDate`,
/// `{"Bucket": "amzn-s3-demo-inventory", "Key": "csvDataset/titles.csv", "Size": "3399671",
/// "LastModifiedDate": "2022-11-16T00:29:32.000Z"}`. Inventory data files have no header row and
/// are gzip-compressed (`.csv.gz`); the gzip layer is decoded here, streaming, within
/// ``GzipDecoder/Limits/default``, so a gzip bomb fails the reader instead of filling memory.
///
/// Keys are passed on as the report writes them (S3 Inventory URL-encodes object keys in CSV
/// reports); AWS does not document decoding them for Distributed Map items, so Brume does not.
public struct S3InventoryItemDecoder: ItemDecoder {
    private var gzip: GzipDecoder?
    private var csv: CSVItemDecoder

    /// A decoder for a data file with the manifest's `fileSchema`; `gzipped` for `.csv.gz` files.
    public init(fileSchema: [String], gzipped: Bool = true) {
        gzip = gzipped ? GzipDecoder() : nil
        csv = CSVItemDecoder(headerLocation: .given(fileSchema))
    }

    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(StatesError) -> [JSONValue] {
        guard gzip != nil else { return try csv.feed(chunk) }
        let text: [UInt8]
        do {
            text = try gzip!.feed(chunk)
        } catch {
            throw .itemReaderFailed("The S3 Inventory data file cannot be decompressed: \(error.message).")
        }
        return try csv.feed(text)
    }

    public mutating func finish() throws(StatesError) -> [JSONValue] {
        do {
            try gzip?.finish()
        } catch {
            throw .itemReaderFailed("The S3 Inventory data file cannot be decompressed: \(error.message).")
        }
        return try csv.finish()
    }
}
