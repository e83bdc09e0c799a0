/// The pattern of a `StringMatches` rule: text in which `*` stands for any run of characters,
/// including none.
///
/// Within the JSON string, `\*` is a literal asterisk and `\\` a literal backslash (written
/// `"\\*"` and `"\\\\"` in the definition's JSON source). Any other backslash is kept as a
/// literal backslash; the Amazon States Language defines only those two escapes.
///
/// Matching works on Unicode scalars, so `*` never splits a character's encoding. There are no
/// other wildcards: `?`, `[` and `.` match themselves.
struct ChoiceStringPattern: Sendable, Equatable {
    /// One piece of a pattern.
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case wildcard
    }

    /// The pattern as written in the definition.
    var source: String
    var tokens: [Token]

    init(_ source: String) {
        self.source = source
        var tokens: [Token] = []
        var scalars = source.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "*":
                // Consecutive wildcards match the same strings as one; folding them keeps
                // matching linear in practice.
                if tokens.last != .wildcard { tokens.append(.wildcard) }
            case "\\":
                guard let escaped = scalars.next() else {
                    tokens.append(.literal("\\"))
                    break
                }
                if escaped == "*" || escaped == "\\" {
                    tokens.append(.literal(escaped))
                } else {
                    tokens.append(.literal("\\"))
                    tokens.append(.literal(escaped))
                }
            default:
                tokens.append(.literal(scalar))
            }
        }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches the pattern.
    func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        var inputIndex = 0
        var tokenIndex = 0
        // Where the most recent wildcard was, and how much input it has swallowed so far: on a
        // mismatch it swallows one more scalar and matching resumes after it.
        var backtrack: (token: Int, input: Int)?
        while inputIndex < input.count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .wildcard:
                    backtrack = (tokenIndex, inputIndex)
                    tokenIndex += 1
                    continue
                case .literal(let scalar) where scalar == input[inputIndex]:
                    tokenIndex += 1
                    inputIndex += 1
                    continue
                case .literal:
                    break
                }
            }
            guard let resume = backtrack else { return false }
            backtrack = (resume.token, resume.input + 1)
            tokenIndex = resume.token + 1
            inputIndex = resume.input + 1
        }
        return tokens[tokenIndex...].allSatisfy { $0 == .wildcard }
    }
}
