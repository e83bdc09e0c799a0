import BrumeKMSBlob

/// Key and alias ARNs, and the four ways a request names a key: key id, key ARN, alias name
/// and alias ARN.
enum KeyNames {
    static func keyARN(region: String, account: String, id: String) -> String {
        "arn:aws:kms:\(region):\(account):key/\(id)"
    }

    static func aliasARN(region: String, account: String, name: String) -> String {
        "arn:aws:kms:\(region):\(account):\(name)"
    }

    /// What a `KeyId` member names, with the account and region it lives in.
    enum Reference: Equatable, Sendable {
        case key(id: String, account: String, region: String)
        case alias(name: String, account: String, region: String)
    }

    /// Reads a key id, key ARN, alias name or alias ARN; bare ids and names are in the caller's
    /// account and region. Anything else is NotFoundException, as KMS answers it.
    static func reference(_ identifier: String, account: String, region: String) throws(KMSError) -> Reference {
        if identifier.hasPrefix("alias/") {
            return .alias(name: identifier, account: account, region: region)
        }
        if identifier.hasPrefix("arn:") {
            let parts = identifier.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[1].hasPrefix("aws"), parts[2] == "kms", !parts[3].isEmpty, !parts[4].isEmpty else {
                throw .notFound("Invalid arn \(identifier)")
            }
            let resource = String(parts[5])
            if resource.hasPrefix("key/") {
                return .key(id: String(resource.dropFirst(4)), account: String(parts[4]), region: String(parts[3]))
            }
            if resource.hasPrefix("alias/") {
                return .alias(name: resource, account: String(parts[4]), region: String(parts[3]))
            }
            throw .notFound("Invalid arn \(identifier)")
        }
        guard isKeyID(identifier) else { throw .notFound("Invalid keyId '\(identifier)'") }
        return .key(id: identifier, account: account, region: region)
    }

    /// A key id as KMS makes them: a lower-case UUID.
    static func isKeyID(_ text: String) -> Bool {
        CiphertextBlob.isKeyID(text)
    }

    /// Checks an alias name as CreateAlias does: `alias/` then 1-250 of `[a-zA-Z0-9:/_-]`,
    /// never under the reserved `alias/aws/`.
    static func checkAliasName(_ name: String, member: String = "aliasName") throws(KMSError) {
        guard (1...256).contains(name.utf8.count) else {
            throw .constraint(name, at: member, "Member must have length less than or equal to 256")
        }
        guard name.utf8.allSatisfy(isAliasByte) else {
            throw .constraint(name, at: member, "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$")
        }
        guard name.hasPrefix("alias/"), name.utf8.count > 6 else {
            throw .invalidAliasName("Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/programming-aliases.html")
        }
        if name.hasPrefix("alias/aws/") {
            throw .notAuthorized("Cannot create alias with prefix 'alias/aws/'")
        }
    }

    private static func isAliasByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
