/// A condition operator as IAM spells it: a base comparison, optionally prefixed with a set
/// operator (`ForAnyValue:`, `ForAllValues:`) and suffixed with `IfExists`.
public struct ConditionOperator: Sendable, Equatable {
    /// The comparisons IAM offers.
    public enum Base: String, Sendable, Equatable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        /// Whether the operator is a negation ("Not"): with several values it holds when the key
        /// matches none of them, and it holds when the key is absent.
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
                 .notIpAddress, .arnNotEquals, .arnNotLike:
                true
            default:
                false
            }
        }

        /// The positive operator a negated one negates.
        var positive: Base {
            switch self {
            case .stringNotEquals: .stringEquals
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringNotLike: .stringLike
            case .numericNotEquals: .numericEquals
            case .dateNotEquals: .dateEquals
            case .notIpAddress: .ipAddress
            case .arnNotEquals: .arnEquals
            case .arnNotLike: .arnLike
            default: self
            }
        }
    }

    /// The multivalued-key prefixes.
    public enum SetOperator: String, Sendable, Equatable {
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    public let base: Base
    public let setOperator: SetOperator?
    /// Whether the name ended in `IfExists`: an absent key satisfies the condition.
    public let ifExists: Bool

    public init(base: Base, setOperator: SetOperator? = nil, ifExists: Bool = false) {
        self.base = base
        self.setOperator = setOperator
        self.ifExists = ifExists
    }

    /// Reads an operator name such as `ForAllValues:StringLikeIfExists`; nil when IAM does not know it.
    /// Operator names are case-sensitive in IAM.
    public init?(name: String) {
        var rest = Substring(name)
        var setOperator: SetOperator?
        if let colon = rest.firstIndex(of: ":") {
            guard let prefix = SetOperator(rawValue: String(rest[..<colon])) else { return nil }
            setOperator = prefix
            rest = rest[rest.index(after: colon)...]
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = Base(rawValue: String(rest)) else { return nil }
        // Null has no IfExists form: the operator is about existence itself.
        if base == .null, ifExists { return nil }
        self.init(base: base, setOperator: setOperator, ifExists: ifExists)
    }

    /// The name as IAM spells it.
    public var name: String {
        (setOperator.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }
}
