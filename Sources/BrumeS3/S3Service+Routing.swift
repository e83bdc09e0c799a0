import Hummingbird

extension S3Service {
    /// Sub-resources S3 has that Brume does not implement yet; requests for them get
    /// `NotImplemented` instead of being mistaken for a plain object or bucket operation.
    static let unimplementedSubresources: [String] = [
        "accelerate", "acl", "analytics", "cors", "encryption", "intelligent-tiering", "inventory",
        "lifecycle", "logging", "metrics", "notification", "object-lock", "ownershipControls", "policy",
        "policyStatus", "publicAccessBlock", "replication", "requestPayment", "restore", "retention",
        "legal-hold", "select", "torrent", "versioning", "versions", "website", "session", "renameObject",
        "abac", "metadataConfiguration", "metadataTable", "metadataInventoryTable", "metadataJournalTable",
    ]

    /// Dispatches a request to its operation by method, bucket/key presence and sub-resource.
    func route(_ request: S3Request) async throws -> Response {
        if let subresource = Self.unimplementedSubresources.first(where: request.query.contains) {
            throw S3Error.notImplemented("?\(subresource)")
        }
        guard request.bucket != nil else {
            guard request.method == .get else { throw S3Error.methodNotAllowed(method: request.method.rawValue, resource: "SERVICE") }
            return try await listBuckets(request)
        }
        return request.key == nil ? try await routeBucket(request) : try await routeObject(request)
    }

    private func routeBucket(_ request: S3Request) async throws -> Response {
        let query = request.query
        switch request.method {
        case .put:
            if query.contains("tagging") { return try await putBucketTagging(request) }
            return try await createBucket(request)
        case .get:
            if query.contains("location") { return try await getBucketLocation(request) }
            if query.contains("tagging") { return try await getBucketTagging(request) }
            if query.contains("uploads") { return try await listMultipartUploads(request) }
            if query["list-type"] == "2" { return try await listObjectsV2(request) }
            return try await listObjectsV1(request)
        case .head:
            return try await headBucket(request)
        case .delete:
            if query.contains("tagging") { return try await deleteBucketTagging(request) }
            return try await deleteBucket(request)
        case .post:
            if query.contains("delete") { return try await deleteObjects(request) }
            throw S3Error.notImplemented("POST object (browser-based uploads)")
        default:
            throw S3Error.methodNotAllowed(method: request.method.rawValue, resource: "BUCKET")
        }
    }

    private func routeObject(_ request: S3Request) async throws -> Response {
        let query = request.query
        switch request.method {
        case .put:
            if query.contains("tagging") { return try await putObjectTagging(request) }
            if query.contains("uploadId") || query.contains("partNumber") {
                if request.headers[.amzCopySource] != nil { return try await uploadPartCopy(request) }
                return try await uploadPart(request)
            }
            if request.headers[.amzCopySource] != nil { return try await copyObject(request) }
            return try await putObject(request)
        case .get:
            if query.contains("tagging") { return try await getObjectTagging(request) }
            if query.contains("uploadId") { return try await listParts(request) }
            if query.contains("attributes") { return try await getObjectAttributes(request) }
            return try await getObject(request, includeBody: true)
        case .head:
            return try await getObject(request, includeBody: false)
        case .delete:
            if query.contains("tagging") { return try await deleteObjectTagging(request) }
            if query.contains("uploadId") { return try await abortMultipartUpload(request) }
            return try await deleteObject(request)
        case .post:
            if query.contains("uploads") { return try await createMultipartUpload(request) }
            if query.contains("uploadId") { return try await completeMultipartUpload(request) }
            throw S3Error.methodNotAllowed(method: "POST", resource: "OBJECT")
        default:
            throw S3Error.methodNotAllowed(method: request.method.rawValue, resource: "OBJECT")
        }
    }
}
