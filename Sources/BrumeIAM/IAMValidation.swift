import BrumeIAMPolicy

/// The input checks IAM makes before acting: names, paths and policy documents.
enum IAMValidation {
    static let nameCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-")

    /// A user, group, role or policy name: `[\w+=,.@-]+` within `maxLength`.
    static func name(_ value: String, parameter: String, maxLength: Int) throws(IAMError) -> String {
        guard !value.isEmpty, value.count <= maxLength else {
            throw .validation("1 validation error detected: Value '\(value)' at '\(parameter)' failed to satisfy constraint: Member must have length less than or equal to \(maxLength)")
        }
        guard value.allSatisfy(nameCharacters.contains) else {
            throw .validation("1 validation error detected: Value '\(value)' at '\(parameter)' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+")
        }
        return value
    }

    /// A path: `/` or `/a/b/`, printable ASCII, at most 512 characters.
    static func path(_ value: String?) throws(IAMError) -> String {
        guard let value else { return "/" }
        guard value.hasPrefix("/"), value.hasSuffix("/"), value.count <= 512,
              value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            throw .validation("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
        }
        return value
    }

    /// A policy document IAM accepts as `kind`, at most `limit` characters (whitespace excluded).
    static func document(_ text: String, kind: PolicyKind) throws(IAMError) -> PolicyDocument {
        do {
            return try PolicyDocument(parsing: text, kind: kind)
        } catch {
            throw .malformedPolicyDocument(error.message)
        }
    }
}
