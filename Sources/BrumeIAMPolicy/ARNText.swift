/// The six colon-separated parts of an ARN: `arn:partition:service:region:account:resource`.
struct ARNText: Equatable {
    let partition: String
    let service: String
    let region: String
    let account: String
    /// Everything after the fifth colon, colons included.
    let resource: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    /// Whether `text` is a 12-digit AWS account id.
    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
