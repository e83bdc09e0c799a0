/// Replaces `${…}` policy variables with the request's context values (2012-10-17 only).
///
/// `${*}`, `${?}` and `${$}` stand for the literal characters; `${key, 'default'}` falls back to
/// the default. A variable whose key the request does not carry and that has no default makes
/// the whole text unusable (nil): AWS treats that resource or value as not matching.
enum PolicyVariables {
    static func substitute(_ text: String, context: RequestContext) -> String? {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            let body = rest[start.upperBound...]
            guard let close = body.firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let inner = body[..<close]
            rest = body[body.index(after: close)...]
            switch inner {
            case "*", "?", "$":
                result += inner
                continue
            default:
                break
            }
            var key = inner.trimmingCharacters(in: " ")
            var fallback: String?
            if let comma = inner.firstIndex(of: ",") {
                key = inner[..<comma].trimmingCharacters(in: " ")
                let tail = inner[inner.index(after: comma)...].trimmingCharacters(in: " ")
                if tail.count >= 2, tail.hasPrefix("'"), tail.hasSuffix("'") { fallback = String(tail.dropFirst().dropLast()) }
            }
            if let value = context.value(key) {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                return nil
            }
        }
        result += rest
        return result
    }
}

extension Substring {
    /// The text without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
