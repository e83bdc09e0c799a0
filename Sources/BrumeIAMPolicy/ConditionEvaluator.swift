import BrumeWire
import Foundation

/// Whether a statement's `Condition` block holds for a request: every clause must, and within a
/// clause any one of the listed values may match (none, for a negated operator).
enum ConditionEvaluator {
    static func holds(_ clauses: [ConditionClause], version: PolicyVersion, context: RequestContext) -> Bool {
        clauses.allSatisfy { holds($0, version: version, context: context) }
    }

    static func holds(_ clause: ConditionClause, version: PolicyVersion, context: RequestContext) -> Bool {
        let op = clause.conditionOperator
        // Policy variables in condition values; a value whose variable is missing matches nothing.
        let policyValues = version.supportsVariables
            ? clause.values.compactMap { PolicyVariables.substitute($0, context: context) }
            : clause.values
        let requestValues = context[clause.key]
        if op.base == .null {
            let absent = requestValues == nil || requestValues?.isEmpty == true
            return policyValues.contains { $0.lowercased() == (absent ? "true" : "false") }
        }
        let base = op.base.positive
        let negated = op.base.isNegated
        /// Whether one request value satisfies the operator against the listed values.
        func satisfies(_ value: String) -> Bool {
            let any = policyValues.contains { compare(base, request: value, policy: $0) }
            return negated ? !any : any
        }
        switch op.setOperator {
        case nil:
            guard let requestValues, !requestValues.isEmpty else { return op.ifExists || negated }
            return negated ? requestValues.allSatisfy(satisfies) : requestValues.contains(where: satisfies)
        case .forAnyValue?:
            guard let requestValues, !requestValues.isEmpty else { return op.ifExists }
            return requestValues.contains(where: satisfies)
        case .forAllValues?:
            guard let requestValues, !requestValues.isEmpty else { return true }
            return requestValues.allSatisfy(satisfies)
        }
    }

    /// The positive comparison of one request value with one policy value.
    static func compare(_ base: ConditionOperator.Base, request: String, policy: String) -> Bool {
        switch base {
        case .stringEquals: return request == policy
        case .stringEqualsIgnoreCase: return request.lowercased() == policy.lowercased()
        case .stringLike: return Wildcard.matches(policy, request)
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            guard let left = number(request), let right = number(policy) else { return false }
            return order(base, left, right)
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let left = date(request), let right = date(policy) else { return false }
            return order(base, left, right)
        case .bool:
            let left = request.lowercased(), right = policy.lowercased()
            return (left == "true" || left == "false") && left == right
        case .binaryEquals: return request == policy
        case .ipAddress:
            guard let range = IPRange(policy), let address = IPRange.address(request) else { return false }
            return range.contains(address)
        case .arnEquals, .arnLike: return Wildcard.matchesARN(policy, request)
        default: return false
        }
    }

    static func order(_ base: ConditionOperator.Base, _ left: Double, _ right: Double) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: left == right
        case .numericLessThan, .dateLessThan: left < right
        case .numericLessThanEquals, .dateLessThanEquals: left <= right
        case .numericGreaterThan, .dateGreaterThan: left > right
        case .numericGreaterThanEquals, .dateGreaterThanEquals: left >= right
        default: false
        }
    }

    static func number(_ text: String) -> Double? {
        guard text.utf8.count <= 64, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A date as IAM reads them: ISO 8601 (`2026-12-07T12:00:00Z`, `2026-12-07`) or epoch seconds.
    static func date(_ text: String) -> Double? {
        if let epoch = number(text), !text.contains("-") || text.hasPrefix("-") { return epoch }
        if let date = AWSTimestamp.parseISO8601(text) { return date.timeIntervalSince1970 }
        if text.utf8.count == 10, let date = AWSTimestamp.parseISO8601(text + "T00:00:00Z") { return date.timeIntervalSince1970 }
        return nil
    }
}
