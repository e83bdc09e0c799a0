/// Queue-name rules from `CreateQueue`: 1–80 characters of `A-Za-z0-9_-`; a FIFO queue's name
/// ends in `.fifo`, and the suffix counts toward the 80.
enum QueueName {
    /// The longest name SQS accepts, including a `.fifo` suffix.
    static let maximumLength = 80
    /// The suffix every FIFO queue name carries.
    static let fifoSuffix = ".fifo"

    /// Whether the name carries the FIFO suffix.
    static func isFIFOName(_ name: String) -> Bool {
        name.hasSuffix(fifoSuffix)
    }

    /// Checks a name for `CreateQueue` given whether `FifoQueue=true` was requested.
    ///
    /// SQS rejects both mismatches (a `.fifo` name without `FifoQueue=true`, and
    /// `FifoQueue=true` without the suffix) with the FIFO wording, so one message covers both.
    static func validate(_ name: String, isFIFO: Bool) throws(SQSError) {
        guard isFIFO || isFIFOName(name) else {
            guard isValidStem(name) else { throw .invalidParameterValue(standardMessage) }
            return
        }
        guard isFIFO, isFIFOName(name), name.utf8.count <= maximumLength,
              isValidStem(String(name.dropLast(fifoSuffix.count)))
        else { throw .invalidParameterValue(fifoMessage) }
    }

    /// Checks a name for `GetQueueUrl`, which accepts any name a queue could have.
    static func validateLookup(_ name: String) throws(SQSError) {
        let stem = isFIFOName(name) ? String(name.dropLast(fifoSuffix.count)) : name
        guard isValidStem(stem), name.utf8.count <= maximumLength else {
            throw .invalidParameterValue(standardMessage)
        }
    }

    static let standardMessage =
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
    static let fifoMessage =
        "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."

    /// Non-empty, at most 80 characters, all `A-Za-z0-9_-` (checked on bytes: the set is ASCII).
    private static func isValidStem(_ stem: String) -> Bool {
        let bytes = stem.utf8
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        return bytes.allSatisfy(isNameByte)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}

/// A queue URL split into the parts SQS routes on.
///
/// SQS identifies a queue by URL only (`http(s)://host[:port]/<account>/<name>`); it never
/// accepts a bare name in `QueueUrl`. It also does not validate the URL's shape: anything it
/// cannot resolve is `QueueDoesNotExist`, so parsing failures map to that error.
struct QueueURL: Sendable, Equatable {
    /// The 12-digit account id.
    var accountID: String
    /// The queue name.
    var name: String

    init(accountID: String, name: String) {
        self.accountID = accountID
        self.name = name
    }

    /// Parses a queue URL; the scheme, host and port are ignored, as SQS routes on the path.
    init(parsing url: String) throws(SQSError) {
        guard let schemeEnd = url.range(of: "://") else { throw .queueDoesNotExist }
        let afterScheme = url[schemeEnd.upperBound...]
        guard let pathStart = afterScheme.firstIndex(of: "/") else { throw .queueDoesNotExist }
        var path = afterScheme[pathStart...]
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 2,
              parts[0].utf8.count == 12, parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              !parts[1].isEmpty
        else { throw .queueDoesNotExist }
        self.init(accountID: String(parts[0]), name: String(parts[1]))
    }

    /// The URL for this queue under an endpoint such as `http://localhost:4566`.
    func url(endpoint: String) -> String {
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        return "\(base)/\(accountID)/\(name)"
    }

    /// The queue's ARN in a region.
    func arn(region: String, partition: String = "aws") -> String {
        "arn:\(partition):sqs:\(region):\(accountID):\(name)"
    }
}
