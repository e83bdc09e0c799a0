/// Lambda's quotas, as the AWS documentation lists them.
enum LambdaLimits {
    /// Request payload of a synchronous invoke: 6 MB.
    static let synchronousPayload = 6 * 1024 * 1024
    /// Response payload of a synchronous invoke: 6 MB and 100 bytes, the figure AWS's error quotes.
    static let synchronousResponse = 6 * 1024 * 1024 + 100
    /// Payload of an asynchronous invoke: 1 MB since October 2025 (256 KB before).
    static let asynchronousPayload = 1024 * 1024
    /// A zipped deployment package uploaded directly: 50 MB.
    static let zippedPackage = 50 * 1024 * 1024
    /// Unzipped code: 250 MB.
    static let unzippedPackage = 250 * 1024 * 1024
    /// Environment variables, all keys and values together: 4 KB.
    static let environmentBytes = 4 * 1024
    /// The init phase of an on-demand instance: 10 seconds.
    static let initTimeoutSeconds = 10
    /// The default account concurrency quota.
    static let accountConcurrency = 1000
    /// Timeout range in seconds.
    static let timeoutRange = 1...900
    /// Memory range in MB.
    static let memoryRange = 128...10240
    /// Ephemeral storage range in MB.
    static let ephemeralStorageRange = 512...10240
}
