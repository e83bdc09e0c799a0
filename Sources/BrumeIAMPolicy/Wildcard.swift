/// IAM's wildcards: `*` matches any run of characters (none included), `?` exactly one.
///
/// Matching is greedy with one backtrack point, so it runs in O(pattern × text) at worst and
/// never recurses: a hostile pattern such as `*a*a*a*…b` cannot blow the stack.
enum Wildcard {
    /// Whether `text` matches `pattern`; `ignoringCase` folds ASCII and Unicode letters (actions).
    static func matches(_ pattern: String, _ text: String, ignoringCase: Bool = false) -> Bool {
        let p = Array((ignoringCase ? pattern.lowercased() : pattern).unicodeScalars)
        let t = Array((ignoringCase ? text.lowercased() : text).unicodeScalars)
        var pi = 0, ti = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether an ARN matches an ARN pattern as IAM compares them: part by part for the first five
    /// colon-separated parts (a wildcard does not reach across a colon there), then the resource.
    /// A pattern that is not an ARN (`*`) is matched as a whole.
    static func matchesARN(_ pattern: String, _ arn: String) -> Bool {
        let patternParts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard patternParts.count == 6 else { return matches(pattern, arn) }
        let arnParts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard arnParts.count == 6 else { return false }
        for (p, a) in zip(patternParts, arnParts) where !matches(String(p), String(a)) { return false }
        return true
    }
}
