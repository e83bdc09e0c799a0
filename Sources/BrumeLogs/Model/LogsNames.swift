/// CloudWatch Logs' naming rules and ARNs.
enum LogsNames {
    static let groupNamePattern = #"[\.\-_/#A-Za-z0-9]+"#
    static let streamNamePattern = "[^:*]*"

    /// A log group name: 1-512 characters of `[.-_/#A-Za-z0-9]`.
    static func checkGroupName(_ name: String, member: String = "logGroupName") throws(LogsError) {
        try checkLength(name, member: member)
        guard name.utf8.allSatisfy(isGroupNameByte) else {
            throw .constraint(name, at: member, "Member must satisfy regular expression pattern: \(groupNamePattern)")
        }
    }

    /// A log stream name: 1-512 characters, none of them `:` or `*`.
    static func checkStreamName(_ name: String, member: String = "logStreamName") throws(LogsError) {
        try checkLength(name, member: member)
        guard !name.contains(":"), !name.contains("*") else {
            throw .constraint(name, at: member, "Member must satisfy regular expression pattern: \(streamNamePattern)")
        }
    }

    private static func checkLength(_ name: String, member: String) throws(LogsError) {
        guard !name.isEmpty else { throw .constraint(name, at: member, "Member must have length greater than or equal to 1") }
        guard name.count <= 512 else { throw .constraint(name, at: member, "Member must have length less than or equal to 512") }
    }

    private static func isGroupNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "#"): true
        default: false
        }
    }

    /// `arn:aws:logs:<region>:<account>:log-group:<name>`, the `logGroupArn` form; DescribeLogGroups'
    /// `arn` member adds `:*`.
    static func groupARN(_ key: LogGroupKey) -> String {
        "arn:aws:logs:\(key.region):\(key.account):log-group:\(key.name)"
    }

    static func streamARN(_ key: LogGroupKey, stream: String) -> String {
        "\(groupARN(key)):log-stream:\(stream)"
    }

    /// The log group a `logGroupIdentifier` or `resourceArn` names: a plain name, or a log group
    /// ARN with or without the trailing `:*`. A name is in the caller's account and region.
    static func groupKey(identifier: String, account: String, region: String) -> LogGroupKey? {
        guard identifier.hasPrefix("arn:") else { return LogGroupKey(account: account, region: region, name: identifier) }
        let parts = identifier.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count == 7, parts[2] == "logs", parts[5] == "log-group" else { return nil }
        var name = parts[6]
        if name.hasSuffix(":*") { name = name.dropLast(2) }
        guard !name.isEmpty, !name.contains(":") else { return nil }
        return LogGroupKey(account: String(parts[4]), region: String(parts[3]), name: String(name))
    }

    /// The retention periods PutRetentionPolicy accepts, in days.
    static let retentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    static func checkRetention(_ days: Int) throws(LogsError) {
        guard retentionDays.contains(days) else {
            let set = retentionDays.map(String.init).joined(separator: ", ")
            throw .constraint(String(days), at: "retentionInDays", "Member must satisfy enum value set: [\(set)]")
        }
    }

    static let groupClasses = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"]
}

/// Where a log group lives: log groups are per account and region, as in AWS.
struct LogGroupKey: Hashable, Sendable {
    let account: String
    let region: String
    let name: String
}
