import BrumeWire
import HTTPTypes
import Hummingbird

extension S3Service {
    func deleteObject(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        try ObjectKey.validate(key)
        try Self.checkVersionID(request.query["versionId"])
        let condition = WriteCondition(ifNoneMatch: nil, ifMatch: request.headers[.ifMatch])
        try await store.deleteObject(bucket: bucket, key: key, condition: condition)
        try await notify("s3:ObjectRemoved:Delete", request, bucket: bucket, object: .init(key: key))
        return S3Response.empty(.noContent)
    }

    /// DeleteObjects: up to 1,000 keys in one request; Quiet mode reports only errors.
    func deleteObjects(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let document = try await request.xmlBody()
        guard document.name == "Delete" else { throw S3Error.malformedXML }
        let quiet = document.child("Quiet")?.text.lowercased() == "true"
        let entries = document.children(named: "Object")
        guard !entries.isEmpty, entries.count <= 1000 else { throw S3Error.malformedXML }
        var deleted: [String] = []
        var failed: [(key: String, error: AWSError)] = []
        for entry in entries {
            guard let key = entry.child("Key")?.text else { throw S3Error.malformedXML }
            if let version = entry.child("VersionId")?.text, version != "null" {
                failed.append((key, S3Error.noSuchVersion(key: key, versionID: version).awsError))
            } else if key.isEmpty || key.utf8.count > ObjectKey.maximumLength {
                failed.append((key, S3Error.keyTooLong.awsError))
            } else {
                deleted.append(key)
            }
        }
        try await store.deleteObjects(bucket: bucket, keys: deleted)
        for key in deleted {
            try await notify("s3:ObjectRemoved:Delete", request, bucket: bucket, object: .init(key: key))
        }
        let result = S3Response.document("DeleteResult") { xml in
            if !quiet {
                for key in deleted {
                    xml.element("Deleted") { xml in xml.element("Key", key) }
                }
            }
            for failure in failed {
                xml.element("Error") { xml in
                    xml.element("Key", failure.key)
                    xml.element("Code", failure.error.code)
                    xml.element("Message", failure.error.message)
                }
            }
        }
        return S3Response.xml(result)
    }
}
