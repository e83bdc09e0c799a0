public import BrumeWire

/// The errors S3 returns, with the codes, messages and statuses AWS uses.
public enum S3Error: Error, Sendable, Equatable, AWSErrorConvertible {
    /// 403: the pre-signed URL's time is up, or access is refused.
    case accessDenied(String)
    /// 400: a query-auth parameter is missing or out of range.
    case authorizationQueryParametersError(String)
    /// 400: the `Content-MD5` or `x-amz-checksum-*` value does not match the body.
    case badDigest(String)
    /// 409: another account owns a bucket with this name.
    case bucketAlreadyExists(bucket: String)
    /// 409: the caller already owns this bucket (outside us-east-1).
    case bucketAlreadyOwnedByYou(bucket: String)
    /// 409: the bucket still holds objects.
    case bucketNotEmpty(bucket: String)
    /// 400: a multipart part is smaller than 5 MiB and not the last.
    case entityTooSmall(proposedSize: Int64, minimum: Int64)
    /// 400: a body is larger than allowed.
    case entityTooLarge(proposedSize: Int64, maximum: Int64)
    /// 400: a request is incomplete (body shorter than Content-Length).
    case incompleteBody
    /// 400: a parameter is invalid.
    case invalidArgument(String, name: String? = nil, value: String? = nil)
    /// 400: the bucket name breaks the naming rules.
    case invalidBucketName(bucket: String)
    /// 400: the `Content-MD5` header is not base64 of 16 bytes.
    case invalidDigest
    /// 400: a completed part does not exist or its ETag does not match.
    case invalidPart(String)
    /// 400: parts in CompleteMultipartUpload are not in ascending order.
    case invalidPartOrder
    /// 416: the range cannot be satisfied.
    case invalidRange(objectSize: Int64, range: String)
    /// 400: the request is not valid in its combination of parameters.
    case invalidRequest(String)
    /// 403: the access key is unknown.
    case invalidAccessKeyID(String)
    /// 400: a location constraint names an invalid region.
    case invalidLocationConstraint
    /// 400: the location constraint differs from the region the request was sent to.
    case illegalLocationConstraint(constraint: String, region: String)
    /// 400: user metadata exceeds 2 KB.
    case metadataTooLarge(size: Int, limit: Int)
    /// 400: the storage class is not one S3 has.
    case invalidStorageClass
    /// 416: the part number is beyond the object's parts.
    case invalidPartNumber
    /// 404: the version does not exist (objects are unversioned: only `null` exists).
    case noSuchVersion(key: String, versionID: String)
    /// 400: the tag set breaks the tagging rules.
    case invalidTag(String)
    /// 400: the key is longer than 1024 bytes.
    case keyTooLong
    /// 400: the XML body is not well-formed or not of the expected schema.
    case malformedXML
    /// 405: the method is not allowed on this resource.
    case methodNotAllowed(method: String, resource: String)
    /// 411: `Content-Length` is required.
    case missingContentLength
    /// 404: no such bucket.
    case noSuchBucket(bucket: String)
    /// 404: no such key.
    case noSuchKey(key: String)
    /// 404: the bucket has no tag set.
    case noSuchTagSet
    /// 404: no such multipart upload.
    case noSuchUpload(uploadID: String)
    /// 501: Brume does not implement this operation yet.
    case notImplemented(String)
    /// 412: a precondition header failed.
    case preconditionFailed(condition: String)
    /// 403: the signature does not verify.
    case signatureDoesNotMatch(stringToSign: String, canonicalRequest: String, accessKeyID: String, signature: String)
    /// 400: the body hash does not match `x-amz-content-sha256`.
    case contentSHA256Mismatch(client: String, computed: String)
    /// 409: a conditional write raced with another write.
    case conditionalRequestConflict

    public var awsError: AWSError {
        switch self {
        case .accessDenied(let message):
            AWSError(code: "AccessDenied", message: message, status: 403)
        case .authorizationQueryParametersError(let message):
            AWSError(code: "AuthorizationQueryParametersError", message: message, status: 400)
        case .badDigest(let message):
            AWSError(code: "BadDigest", message: message, status: 400)
        case .bucketAlreadyExists(let bucket):
            AWSError(
                code: "BucketAlreadyExists",
                message: "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
                status: 409, details: [.init("BucketName", bucket)]
            )
        case .bucketAlreadyOwnedByYou(let bucket):
            AWSError(
                code: "BucketAlreadyOwnedByYou",
                message: "Your previous request to create the named bucket succeeded and you already own it.",
                status: 409, details: [.init("BucketName", bucket)]
            )
        case .bucketNotEmpty(let bucket):
            AWSError(
                code: "BucketNotEmpty", message: "The bucket you tried to delete is not empty",
                status: 409, details: [.init("BucketName", bucket)]
            )
        case .entityTooSmall(let size, let minimum):
            AWSError(
                code: "EntityTooSmall", message: "Your proposed upload is smaller than the minimum allowed size",
                status: 400, details: [.init("ProposedSize", String(size)), .init("MinSizeAllowed", String(minimum))]
            )
        case .entityTooLarge(let size, let maximum):
            AWSError(
                code: "EntityTooLarge", message: "Your proposed upload exceeds the maximum allowed size",
                status: 400, details: [.init("ProposedSize", String(size)), .init("MaxSizeAllowed", String(maximum))]
            )
        case .incompleteBody:
            AWSError(
                code: "IncompleteBody",
                message: "The request body terminated unexpectedly", status: 400
            )
        case .invalidArgument(let message, let name, let value):
            AWSError(
                code: "InvalidArgument", message: message, status: 400,
                details: (name.map { [AWSError.Detail("ArgumentName", $0)] } ?? [])
                    + (value.map { [AWSError.Detail("ArgumentValue", $0)] } ?? [])
            )
        case .invalidBucketName(let bucket):
            AWSError(
                code: "InvalidBucketName", message: "The specified bucket is not valid.",
                status: 400, details: [.init("BucketName", bucket)]
            )
        case .invalidDigest:
            AWSError(code: "InvalidDigest", message: "The Content-MD5 you specified was invalid.", status: 400)
        case .invalidPart(let message):
            AWSError(code: "InvalidPart", message: message, status: 400)
        case .invalidPartOrder:
            AWSError(code: "InvalidPartOrder", message: "The list of parts was not in ascending order. Parts must be ordered by part number.", status: 400)
        case .invalidRange(let size, let range):
            AWSError(
                code: "InvalidRange", message: "The requested range is not satisfiable",
                status: 416, details: [.init("RangeRequested", range), .init("ActualObjectSize", String(size))],
                headers: [.init("Content-Range", "bytes */\(size)")]
            )
        case .invalidRequest(let message):
            AWSError(code: "InvalidRequest", message: message, status: 400)
        case .invalidAccessKeyID(let key):
            AWSError(
                code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records.",
                status: 403, details: [.init("AWSAccessKeyId", key)]
            )
        case .invalidLocationConstraint:
            AWSError(code: "InvalidLocationConstraint", message: "The specified location-constraint is not valid", status: 400)
        case .illegalLocationConstraint(let constraint, _):
            AWSError(
                code: "IllegalLocationConstraintException",
                message: "The \(constraint) location constraint is incompatible for the region specific endpoint this request was sent to.",
                status: 400
            )
        case .metadataTooLarge(let size, let limit):
            AWSError(
                code: "MetadataTooLarge", message: "Your metadata headers exceed the maximum allowed metadata size",
                status: 400, details: [.init("Size", String(size)), .init("MaxSizeAllowed", String(limit))]
            )
        case .invalidStorageClass:
            AWSError(code: "InvalidStorageClass", message: "The storage class you specified is not valid", status: 400)
        case .invalidPartNumber:
            AWSError(code: "InvalidPartNumber", message: "The requested partnumber is not satisfiable", status: 416)
        case .noSuchVersion(let key, let versionID):
            AWSError(
                code: "NoSuchVersion", message: "The specified version does not exist.", status: 404,
                details: [.init("Key", key), .init("VersionId", versionID)]
            )
        case .invalidTag(let message):
            AWSError(code: "InvalidTag", message: message, status: 400)
        case .keyTooLong:
            AWSError(code: "KeyTooLongError", message: "Your key is too long", status: 400)
        case .malformedXML:
            AWSError(
                code: "MalformedXML",
                message: "The XML you provided was not well-formed or did not validate against our published schema",
                status: 400
            )
        case .methodNotAllowed(let method, let resource):
            AWSError(
                code: "MethodNotAllowed", message: "The specified method is not allowed against this resource.",
                status: 405, details: [.init("Method", method), .init("ResourceType", resource)]
            )
        case .missingContentLength:
            AWSError(code: "MissingContentLength", message: "You must provide the Content-Length HTTP header.", status: 411)
        case .noSuchBucket(let bucket):
            AWSError(
                code: "NoSuchBucket", message: "The specified bucket does not exist",
                status: 404, details: [.init("BucketName", bucket)]
            )
        case .noSuchKey(let key):
            AWSError(code: "NoSuchKey", message: "The specified key does not exist.", status: 404, details: [.init("Key", key)])
        case .noSuchTagSet:
            AWSError(code: "NoSuchTagSet", message: "The TagSet does not exist", status: 404)
        case .noSuchUpload(let uploadID):
            AWSError(
                code: "NoSuchUpload",
                message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                status: 404, details: [.init("UploadId", uploadID)]
            )
        case .notImplemented(let what):
            AWSError(
                code: "NotImplemented", message: "A header you provided implies functionality that is not implemented: \(what) is not supported by Brume yet.",
                status: 501
            )
        case .preconditionFailed(let condition):
            AWSError(
                code: "PreconditionFailed", message: "At least one of the pre-conditions you specified did not hold",
                status: 412, details: [.init("Condition", condition)]
            )
        case .signatureDoesNotMatch(let stringToSign, let canonicalRequest, let accessKeyID, let signature):
            AWSError(
                code: "SignatureDoesNotMatch",
                message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                status: 403,
                details: [.init("AWSAccessKeyId", accessKeyID)]
                    + (stringToSign.isEmpty ? [] : [.init("StringToSign", stringToSign)])
                    + [.init("SignatureProvided", signature)]
                    + (canonicalRequest.isEmpty ? [] : [.init("CanonicalRequest", canonicalRequest)])
            )
        case .contentSHA256Mismatch(let client, let computed):
            AWSError(
                code: "XAmzContentSHA256Mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
                status: 400, details: [.init("ClientComputedContentSHA256", client), .init("S3ComputedContentSHA256", computed)]
            )
        case .conditionalRequestConflict:
            AWSError(
                code: "ConditionalRequestConflict",
                message: "A conflicting operation occurred. If using PutObject you can retry the request. If using multipart upload you should initiate another CreateMultipartUpload request and re-upload each part.",
                status: 409
            )
        }
    }
}
