/// IAM's size quotas for policy documents, counted as IAM counts them: characters, whitespace excluded.
public enum PolicySize {
    /// A customer managed policy (each version).
    public static let managedPolicy = 6_144
    /// All inline policies of one user together.
    public static let userInline = 2_048
    /// All inline policies of one group together.
    public static let groupInline = 5_120
    /// All inline policies of one role together.
    public static let roleInline = 10_240
    /// A role's trust policy.
    public static let trustPolicy = 2_048

    /// The characters IAM counts: every character except whitespace.
    public static func count(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
    }
}
