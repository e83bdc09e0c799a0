import BrumeWire
import Foundation
import HTTPTypes
import Hummingbird

extension S3Service {
    func getObject(_ request: S3Request) async throws -> Response {
        try await readObject(request, includeBody: true)
    }

    func headObject(_ request: S3Request) async throws -> Response {
        try await readObject(request, includeBody: false)
    }

    /// GetObject and HeadObject: conditions, `Range` or `partNumber`, `response-*` overrides.
    private func readObject(_ request: S3Request, includeBody: Bool) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        try ObjectKey.validate(key)
        try Self.checkVersionID(request.query["versionId"])
        // S3 honours response-* overrides only on signed requests (header or pre-signed URL).
        if request.context.caller.accessKeyID == nil, !request.query.contains("X-Amz-Signature"), !request.query.contains("Signature"),
           ObjectHeaders.responseOverrides.contains(where: { request.query.contains($0.0) }) {
            throw S3Error.invalidRequest("Request specific response headers cannot be used for anonymous GET requests.")
        }
        let object = try store.object(bucket: bucket, key: key)
        let headers = request.headers
        let conditions = ObjectConditions(
            ifMatch: headers[.ifMatch], ifNoneMatch: headers[.ifNoneMatch],
            ifModifiedSince: headers[.ifModifiedSince].flatMap(AWSTimestamp.parseHTTPDate),
            ifUnmodifiedSince: headers[.ifUnmodifiedSince].flatMap(AWSTimestamp.parseHTTPDate)
        )
        switch conditions.evaluate(etag: object.etag, lastModified: object.lastModified) {
        case .proceed:
            break
        case .notModified:
            var fields = HTTPFields()
            fields[.eTag] = object.quotedETag
            fields[.lastModified] = AWSTimestamp.httpDate(object.lastModified)
            return Response(status: .notModified, headers: fields, body: ResponseBody())
        case .preconditionFailed(let header):
            throw S3Error.preconditionFailed(condition: header)
        }

        let checksumMode = headers[.amzChecksumMode]?.uppercased() == "ENABLED"
        var fields = ObjectHeaders.response(for: object, checksumMode: checksumMode, query: request.query)
        var status = HTTPResponse.Status.ok
        var start: Int64 = 0
        var length = object.size
        if let partText = request.query["partNumber"] {
            guard headers[.range] == nil else {
                throw S3Error.invalidRequest("Cannot specify both Range header and partNumber query parameter")
            }
            let part = try Self.partRange(object, partNumber: partText)
            (start, length) = (part.start, part.length)
            status = .partialContent
            fields[.contentRange] = part.contentRange(size: object.size)
            if object.details.partCount != nil {
                // A part's bytes are not the object's: send the part's own checksum, if it has one.
                Self.removeChecksumHeaders(&fields)
                if checksumMode, let algorithm = object.details.checksum?.algorithm,
                   let value = object.details.segments[Int(request.query["partNumber"]!)! - 1].checksum {
                    fields.set("x-amz-checksum-\(algorithm.lowercased())", value)
                    fields.set("x-amz-checksum-type", "COMPOSITE")
                }
            }
        } else {
            switch ByteRange.resolve(headers[.range], size: object.size) {
            case .whole:
                break
            case .partial(let range):
                (start, length) = (range.start, range.length)
                // The object's checksum does not cover a range; S3 sends none with one.
                Self.removeChecksumHeaders(&fields)
                status = .partialContent
                fields[.contentRange] = range.contentRange(size: object.size)
            case .unsatisfiable:
                throw S3Error.invalidRange(objectSize: object.size, range: headers[.range] ?? "")
            }
        }
        fields[.contentLength] = String(length)
        guard includeBody, length > 0 else {
            return Response(status: status, headers: fields, body: ResponseBody())
        }
        let body = try BodySender(blobs: store.blobs).body(segments: object.details.segments, start: start, length: length)
        return Response(status: status, headers: fields, body: body)
    }

    static func removeChecksumHeaders(_ fields: inout HTTPFields) {
        for algorithm in ChecksumAlgorithm.allCases { fields[HTTPField.Name(algorithm.headerName)!] = nil }
        fields[.amzChecksumType] = nil
    }

    /// Objects are unversioned: only the `null` version exists.
    static func checkVersionID(_ versionID: String?) throws {
        if let versionID, versionID != "null" {
            throw S3Error.invalidArgument("Invalid version id specified", name: "versionId", value: versionID)
        }
    }

    /// The byte range of part `partNumber`: a multipart object's part, or the whole of a
    /// single-part object as its only part.
    static func partRange(_ object: ObjectRecord, partNumber text: String) throws -> ByteRange {
        guard let number = Int(text), (1...10_000).contains(number) else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: text)
        }
        let segments = object.details.partCount == nil ? [] : object.details.segments
        if segments.isEmpty {
            guard number == 1 else { throw S3Error.invalidPartNumber }
            return ByteRange(start: 0, end: max(0, object.size - 1))
        }
        guard number <= segments.count else { throw S3Error.invalidPartNumber }
        let start = segments[..<(number - 1)].reduce(Int64(0)) { $0 + $1.size }
        return ByteRange(start: start, end: start + segments[number - 1].size - 1)
    }
}
