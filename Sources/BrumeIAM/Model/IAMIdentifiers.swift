/// The identifiers IAM and STS mint: unique ids with AWS's prefixes, access keys and secrets.
enum IAMIdentifiers {
    /// Id prefixes AWS uses, so tools that read an id's kind from its prefix keep working.
    enum Prefix: String {
        case user = "AIDA", role = "AROA", policy = "ANPA", group = "AGPA", instanceProfile = "AIPA", accessKey = "AKIA", temporaryKey = "ASIA"
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// A unique id: the prefix and 17 characters (21 in all), as AWS's user, role, group and policy ids.
    static func uniqueID(_ prefix: Prefix) -> String {
        prefix.rawValue + random(17, from: alphabet)
    }

    /// An access key id: the prefix and 16 characters (20 in all).
    static func accessKeyID(_ prefix: Prefix) -> String {
        prefix.rawValue + random(16, from: alphabet)
    }

    /// A 40-character secret access key.
    static func secret() -> String { random(40, from: secretAlphabet) }

    /// A session token, opaque to clients.
    static func sessionToken() -> String { "FwoGZXIvYXdzE" + random(180, from: secretAlphabet) }

    static func random(_ count: Int, from characters: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in characters[Int(generator.next(upperBound: UInt64(characters.count)))] })
    }
}
