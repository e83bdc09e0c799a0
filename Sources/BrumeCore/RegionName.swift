/// Region names as AWS spells them (`us-east-1`, `eu-central-2`, `us-gov-west-1`).
public enum RegionName {
    /// Whether `name` has the shape of an AWS region: lowercase words joined by dashes, ending in a number.
    public static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCIIDigit) else {
            return false
        }
        return parts.dropLast().allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isLowercase }
        }
    }
}
