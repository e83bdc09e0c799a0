import BrumeWire
import Testing

@testable import BrumeStates

@Suite("S3 Inventory manifest")
struct S3InventoryManifestTests {
    private static let manifest = #"""
    {
      "sourceBucket": "amzn-s3-demo-source-bucket",
      "destinationBucket": "arn:aws:s3:::amzn-s3-demo-inventory",
      "version": "2016-11-30",
      "creationTimestamp": "1668560400000",
      "fileFormat": "CSV",
      "fileSchema": "Bucket, Key, Size, LastModifiedDate",
      "files": [
        {"key": "amzn-s3-demo-bucket/destination-prefix/data/20e55de8-9c21-45d4-99b9-46c732000228.csv.gz",
         "size": 7300, "MD5checksum": "a7ff4a1d4164c3cd55851055ec8f6b20"},
        {"key": "amzn-s3-demo-bucket/destination-prefix/data/second.csv.gz", "size": 12}
      ]
    }
    """#

    @Test func parsesBucketKeysAndSchema() throws {
        let parsed = try S3InventoryManifest.parse(Array(Self.manifest.utf8))
        #expect(parsed.sourceBucket == "amzn-s3-demo-source-bucket")
        #expect(parsed.destinationBucket == "amzn-s3-demo-inventory")
        #expect(parsed.fileSchema == ["Bucket", "Key", "Size", "LastModifiedDate"])
        #expect(parsed.files.map(\.key) == [
            "amzn-s3-demo-bucket/destination-prefix/data/20e55de8-9c21-45d4-99b9-46c732000228.csv.gz",
            "amzn-s3-demo-bucket/destination-prefix/data/second.csv.gz",
        ])
        #expect(parsed.files.first?.size == 7300)
        #expect(parsed.files.first?.md5Checksum == "a7ff4a1d4164c3cd55851055ec8f6b20")
    }

    @Test func bucketNames() {
        #expect(S3InventoryManifest.bucketName("arn:aws:s3:::inv") == "inv")
        #expect(S3InventoryManifest.bucketName("arn:aws-cn:s3:::inv") == "inv")
        #expect(S3InventoryManifest.bucketName("plain-bucket") == "plain-bucket")
    }

    @Test("manifests that cannot be read", arguments: [
        "not json",
        #"{"destinationBucket":"arn:aws:s3:::b","fileFormat":"ORC","fileSchema":"Bucket, Key","files":[]}"#,
        #"{"destinationBucket":"arn:aws:s3:::b","fileFormat":"CSV","files":[]}"#,
        #"{"destinationBucket":"arn:aws:s3:::b","fileFormat":"CSV","fileSchema":"Bucket, Key"}"#,
        #"{"destinationBucket":"arn:aws:s3:::b","fileFormat":"CSV","fileSchema":"Bucket, Key","files":[{"size":1}]}"#,
        #"{"fileFormat":"CSV","fileSchema":"Bucket, Key","files":[]}"#,
    ])
    func unreadable(text: String) {
        let error = #expect(throws: StatesError.self) { try S3InventoryManifest.parse(Array(text.utf8)) }
        #expect(error?.error == "States.ItemReaderFailed")
    }

    @Test func dataFileItemsUseTheSchemaColumns() throws {
        let parsed = try S3InventoryManifest.parse(Array(Self.manifest.utf8))
        let items = try ItemDecoderFeeding.decode(parsed.decoder(for: parsed.files[0]), GzipFixtures.inventoryData, chunkSize: 9)
        #expect(items == [
            ["Bucket": "amzn-s3-demo-inventory", "Key": "csvDataset/titles.csv", "Size": "3399671", "LastModifiedDate": "2022-11-16T00:29:32.000Z"],
            ["Bucket": "amzn-s3-demo-inventory", "Key": "csvDataset/ratings.csv", "Size": "7300", "LastModifiedDate": "2022-11-16T00:29:33.000Z"],
        ])
        #expect(items.first?.objectValue?.keys == ["Bucket", "Key", "Size", "LastModifiedDate"])
    }

    @Test func uncompressedDataFiles() throws {
        var decoder = S3InventoryItemDecoder(fileSchema: ["Bucket", "Key"], gzipped: false)
        #expect(try decoder.decodeAll(Array("\"b\",\"k\"\n".utf8)) == [["Bucket": "b", "Key": "k"]])
    }

    @Test func corruptOrEmptyDataFilesFailAsTheReader() {
        let schema = ["Bucket", "Key", "Size", "LastModifiedDate"]
        var bytes = GzipFixtures.inventoryData
        bytes[bytes.count - 6] ^= 0xFF  // inside the CRC-32
        let corrupt = #expect(throws: StatesError.self) {
            try ItemDecoderFeeding.decode(S3InventoryItemDecoder(fileSchema: schema), bytes, chunkSize: 16)
        }
        #expect(corrupt?.error == "States.ItemReaderFailed")
        #expect(corrupt?.cause.contains("CRC-32") == true)
        let empty = ItemDecoderFeeding.failure(S3InventoryItemDecoder(fileSchema: schema), "")
        #expect(empty?.error == "States.ItemReaderFailed")
    }

    @Test func aGzipBombFailsAsTheReader() {
        // 64 MiB of zeros in 66 KB, read in the 4 MiB chunks a Distributed Map reads.
        let bomb = Array((0..<64).map { _ in GzipFixtures.megabyteOfZeros }.joined())
        let failure = #expect(throws: StatesError.self) {
            try ItemDecoderFeeding.decode(S3InventoryItemDecoder(fileSchema: ["Bucket", "Key"]), bomb, chunkSize: 4 << 20)
        }
        #expect(failure == StatesError(
            "States.ItemReaderFailed",
            "The S3 Inventory data file cannot be decompressed: the data expands more than 256 times its compressed size."
        ))
    }
}
