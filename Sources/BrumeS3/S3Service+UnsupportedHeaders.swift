import HTTPTypes

extension S3Service {
    /// Request headers that ask for behaviour Brume does not have yet. Accepting them would
    /// store an object without the encryption, grants or lock the client asked for, so they
    /// are refused with `NotImplemented` instead.
    static let unsupportedHeaders: [HTTPField.Name] = [
        "x-amz-server-side-encryption-customer-algorithm",
        "x-amz-copy-source-server-side-encryption-customer-algorithm",
        "x-amz-server-side-encryption-aws-kms-key-id",
        "x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp", "x-amz-grant-full-control",
        "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold",
        "x-amz-bucket-object-lock-enabled",
    ].map { HTTPField.Name($0)! }

    static let serverSideEncryption = HTTPField.Name("x-amz-server-side-encryption")!
    static let objectOwnership = HTTPField.Name("x-amz-object-ownership")!

    func refuseUnsupportedHeaders(_ request: S3Request) throws {
        // SSE-S3 (AES256) is what Brume reports for every object; any other encryption is not done.
        let headers = request.headers
        if let encryption = headers[Self.serverSideEncryption], encryption != "AES256" {
            throw S3Error.notImplemented("x-amz-server-side-encryption: \(encryption)")
        }
        // BucketOwnerEnforced (ACLs disabled) is S3's default and what Brume does; the others enable ACLs.
        if let ownership = headers[Self.objectOwnership], ownership != "BucketOwnerEnforced" {
            throw S3Error.notImplemented("x-amz-object-ownership: \(ownership)")
        }
        if let name = Self.unsupportedHeaders.first(where: { headers[$0] != nil }) {
            // `x-amz-bucket-object-lock-enabled: false` asks for nothing.
            if name.canonicalName == "x-amz-bucket-object-lock-enabled", headers[name]?.lowercased() == "false" { return }
            throw S3Error.notImplemented(name.canonicalName)
        }
    }
}
