/// A function as an API call names it: a name, a partial ARN (`123456789012:function:name`) or a
/// full ARN, each optionally with a `:qualifier` (a version or an alias).
///
/// AWS accepts all of these forms wherever a `FunctionName` is taken. An account or region in
/// the ARN that is not the caller's makes the function someone else's, which Brume reports as
/// not found, as AWS does for a function the caller cannot see.
struct FunctionReference: Sendable, Equatable {
    var name: String
    var qualifier: String?
    /// The account named in an ARN form, if any.
    var accountID: String?
    /// The region named in a full ARN, if any.
    var region: String?

    /// Parses a `FunctionName` member; `member` is the name the model's validation message uses.
    /// - Throws: ``LambdaError/validation(_:)`` with AWS's constraint message.
    init(parsing text: String, member: String = "functionName", allowsQualifier: Bool = true) throws(LambdaError) {
        guard (1...(allowsQualifier ? 256 : 140)).contains(text.count) else {
            throw .validation(Self.lengthMessage(text, member: member, maximum: allowsQualifier ? 256 : 140))
        }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "arn" {
            // arn:aws:lambda:region:account:function:name[:qualifier]
            guard parts.count == 7 || parts.count == 8, parts[1].hasPrefix("aws"), parts[2] == "lambda", parts[5] == "function" else {
                throw .validation(Self.patternMessage(text, member: member))
            }
            region = parts[3]
            accountID = parts[4]
            parts = Array(parts[6...])
        } else if parts.count >= 3, parts[1] == "function" {
            // account:function:name[:qualifier]
            guard parts.count <= 4, parts[0].count == 12, parts[0].allSatisfy(\.isASCIIDigit) else {
                throw .validation(Self.patternMessage(text, member: member))
            }
            accountID = parts[0]
            parts = Array(parts[2...])
        }
        guard (1...2).contains(parts.count), Self.isValidName(parts[0]) else {
            throw .validation(Self.patternMessage(text, member: member))
        }
        name = parts[0]
        if parts.count == 2 {
            guard allowsQualifier, Self.isValidQualifier(parts[1]) else { throw .validation(Self.patternMessage(text, member: member)) }
            qualifier = parts[1]
        }
    }

    init(name: String, qualifier: String? = nil) {
        self.name = name
        self.qualifier = qualifier
    }

    /// Function names: 1 to 64 letters, digits, hyphens and underscores.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy { $0.isASCIIWordCharacter || $0 == "-" }
    }

    /// Qualifiers: `$LATEST`, a version number or an alias name.
    static func isValidQualifier(_ qualifier: String) -> Bool {
        qualifier == "$LATEST"
            || ((1...128).contains(qualifier.count) && qualifier.unicodeScalars.allSatisfy { $0.isASCIIWordCharacter || $0 == "-" })
    }

    static func patternMessage(_ value: String, member: String) -> String {
        "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: Member must satisfy regular "
            + "expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
            + "(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?"
    }

    static func lengthMessage(_ value: String, member: String, maximum: Int) -> String {
        "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: Member must have length "
            + (value.isEmpty ? "greater than or equal to 1" : "less than or equal to \(maximum)")
    }
}

extension Unicode.Scalar {
    /// `[A-Za-z0-9_]`.
    var isASCIIWordCharacter: Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: true
        default: false
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
