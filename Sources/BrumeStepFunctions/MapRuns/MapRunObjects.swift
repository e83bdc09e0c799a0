import BrumeEdge
import BrumeStates
import BrumeWire
import Foundation

/// The S3 calls of Distributed Maps, through the edge as S3's REST API: ranged GetObject to
/// stream a dataset, ListObjectsV2 page by page, and PutObject or a multipart upload for the
/// ResultWriter's files.
struct MapRunObjects: Sendable {
    let client: EdgeClient

    /// How much of an object one ranged GetObject reads: a dataset is streamed in pieces this
    /// size, so a large file never sits in memory whole.
    static let readChunkSize = 4 * 1024 * 1024

    /// Reads `bucket/key` (at `versionID` when given) a chunk at a time, in order, handing each to `consume` until it
    /// returns false or the object ends.
    func read(
        bucket: String, key: String, versionID: String? = nil, consume: ([UInt8]) async throws(StatesError) -> Bool
    ) async throws(StatesError) {
        var offset = 0
        while true {
            let response = try await send(
                method: "GET", path: "/\(bucket)/\(key)", query: versionID.map { [("versionId", $0)] } ?? [],
                headers: [("Range", "bytes=\(offset)-\(offset + Self.readChunkSize - 1)")], failure: StatesErrorName.itemReaderFailed
            )
            // An empty object answers 416 to any range: it has no items.
            if response.status == 416 { return }
            guard (200..<300).contains(response.status) else { throw Self.failure(StatesErrorName.itemReaderFailed, response) }
            guard try await consume(response.body) else { return }
            offset += response.body.count
            let total = response.header("Content-Range").flatMap { $0.split(separator: "/").last }.flatMap { Int($0) }
            if response.status == 200 || response.body.isEmpty || total.map({ offset >= $0 }) ?? true { return }
        }
    }

    /// One page of ListObjectsV2: the items the ItemReader yields for it (`Etag`, `Key`,
    /// `LastModified` in epoch seconds, `Size`, `StorageClass`) and the next continuation token.
    func list(bucket: String, prefix: String?, continuation: String?) async throws(StatesError) -> (items: [JSONValue], next: String?) {
        var query: [(name: String, value: String)] = [("list-type", "2")]
        if let prefix { query.append(("prefix", prefix)) }
        if let continuation { query.append(("continuation-token", continuation)) }
        let response = try await send(method: "GET", path: "/\(bucket)", query: query, failure: StatesErrorName.itemReaderFailed)
        guard response.status == 200 else { throw Self.failure(StatesErrorName.itemReaderFailed, response) }
        guard let tree = try? XMLTree.parse(Data(response.body)) else {
            throw StatesError(StatesErrorName.itemReaderFailed, "S3 answered ListObjectsV2 with a document that is not XML")
        }
        let items: [JSONValue] = tree.children(named: "Contents").map { object in
            let modified = object.child("LastModified").flatMap { AWSTimestamp.parseISO8601($0.text) } ?? Date(timeIntervalSince1970: 0)
            return [
                "Etag": .string(object.child("ETag")?.text ?? ""), "Key": .string(object.child("Key")?.text ?? ""),
                "LastModified": .int(Int64(modified.timeIntervalSince1970)), "Size": .int(Int64(object.child("Size")?.text ?? "") ?? 0),
                "StorageClass": .string(object.child("StorageClass")?.text ?? "STANDARD"),
            ]
        }
        let truncated = tree.child("IsTruncated")?.text == "true"
        return (items, truncated ? tree.child("NextContinuationToken")?.text : nil)
    }

    /// Writes `body` to `bucket/key` with PutObject.
    func put(bucket: String, key: String, body: [UInt8]) async throws(StatesError) {
        let response = try await send(method: "PUT", path: "/\(bucket)/\(key)", body: body, failure: StatesErrorName.resultWriterFailed)
        guard response.status == 200 else { throw Self.failure(StatesErrorName.resultWriterFailed, response) }
    }

    /// Writes the file at `url` to `bucket/key`, by parts of `partSize` bytes when it is larger
    /// than one part, so a large result file is never read into memory whole.
    func upload(file url: URL, bucket: String, key: String, partSize: Int = 8 * 1024 * 1024) async throws(StatesError) {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw StatesError(StatesErrorName.resultWriterFailed, "The results could not be read back from disk: \(error)")
        }
        defer { try? handle.close() }
        let first = (try? handle.read(upToCount: partSize)) ?? Data()
        let second = (try? handle.read(upToCount: partSize)) ?? Data()
        if second.isEmpty { return try await put(bucket: bucket, key: key, body: Array(first)) }
        let path = "/\(bucket)/\(key)"
        let created = try await send(method: "POST", path: path, query: [("uploads", "")], failure: StatesErrorName.resultWriterFailed)
        guard created.status == 200, let uploadID = (try? XMLTree.parse(Data(created.body)))?.child("UploadId")?.text else {
            throw Self.failure(StatesErrorName.resultWriterFailed, created)
        }
        var parts: [(number: Int, etag: String)] = []
        var next: Data? = first
        var following: Data? = second
        while let part = next, !part.isEmpty {
            let number = parts.count + 1
            let response = try await send(
                method: "PUT", path: path, query: [("partNumber", String(number)), ("uploadId", uploadID)], body: Array(part),
                failure: StatesErrorName.resultWriterFailed
            )
            guard response.status == 200, let etag = response.header("ETag") else { throw Self.failure(StatesErrorName.resultWriterFailed, response) }
            parts.append((number, etag))
            next = following
            following = (try? handle.read(upToCount: partSize)) ?? Data()
        }
        var writer = XMLWriter()
        writer.element("CompleteMultipartUpload") { document in
            for part in parts {
                document.element("Part") { element in
                    element.element("PartNumber", part.number)
                    element.element("ETag", part.etag)
                }
            }
        }
        let completed = try await send(
            method: "POST", path: path, query: [("uploadId", uploadID)], body: writer.bytes, failure: StatesErrorName.resultWriterFailed
        )
        guard completed.status == 200 else { throw Self.failure(StatesErrorName.resultWriterFailed, completed) }
    }

    private func send(
        method: String, path: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], failure name: String
    ) async throws(StatesError) -> EdgeClient.Response {
        do throws(EdgeClient.Failure) {
            return try await client.send(service: "s3", method: method, path: path, query: query, headers: headers, body: body)
        } catch {
            throw StatesError(name, "Brume could not reach S3 through its edge: \(error)")
        }
    }

    /// The reader's or writer's error for an S3 error answer, quoting S3's code and message.
    private static func failure(_ name: String, _ response: EdgeClient.Response) -> StatesError {
        let (code, message) = IntegrationError.xmlError(response.body, status: response.status)
        return StatesError(name, "S3 answered \(response.status) \(code): \(message)")
    }
}
