/// A filter pattern for unstructured log events, as FilterLogEvents applies it.
///
/// The supported forms are those CloudWatch Logs documents for unstructured events:
/// - `ERROR ARGUMENTS`: every term appears (in any order);
/// - `"Failed to process"`: a quoted term is matched as one phrase, spaces and punctuation
///   included;
/// - `?ERROR ?WARN`: at least one of the terms appears;
/// - `ERROR -Exiting`: a term with `-` must not appear.
///
/// Matching is case-sensitive and looks for the term anywhere in the message. An empty pattern
/// matches every event. JSON (`{ $.field = … }`), space-delimited (`[ip, user, …]`) and regular
/// expression (`%…%`) patterns, and mixes of `?` terms with plain ones, are refused with
/// InvalidParameterException: Brume does not evaluate them, and answering as if it did would
/// return wrong events.
struct FilterPattern: Equatable, Sendable {
    /// Terms that must all appear.
    var required: [String] = []
    /// Terms that must not appear.
    var excluded: [String] = []
    /// Terms of which one must appear (`?term`); empty when the pattern has none.
    var alternatives: [String] = []

    /// The pattern that matches everything.
    static let all = FilterPattern()

    func matches(_ message: String) -> Bool {
        if !alternatives.isEmpty {
            return alternatives.contains { message.contains($0) }
        }
        return required.allSatisfy { message.contains($0) } && !excluded.contains { message.contains($0) }
    }

    /// Parses `text`; throws InvalidParameterException for syntax Brume does not support or that
    /// is malformed.
    static func parse(_ text: String) throws(LogsError) -> FilterPattern {
        let trimmed = text.trimmingSpaces
        guard let first = trimmed.first else { return .all }
        switch first {
        case "{": throw unsupported("JSON filter patterns")
        case "[": throw unsupported("space-delimited filter patterns")
        case "%": throw unsupported("regular expression filter patterns")
        default: break
        }
        var pattern = FilterPattern()
        var plainTerms = 0
        for term in try terms(of: trimmed) {
            switch term.prefix {
            case "?": pattern.alternatives.append(term.text)
            case "-":
                pattern.excluded.append(term.text)
                plainTerms += 1
            default:
                pattern.required.append(term.text)
                plainTerms += 1
            }
        }
        if !pattern.alternatives.isEmpty, plainTerms > 0 {
            throw unsupported("filter patterns that mix ?terms with other terms")
        }
        return pattern
    }

    private struct Term {
        var prefix: Character?
        var text: String
    }

    /// Splits a pattern into its terms: runs of letters, digits and `_`, or quoted phrases (with
    /// `\"` and `\\` escapes), each optionally led by `?` or `-`.
    private static func terms(of text: Substring) throws(LogsError) -> [Term] {
        var terms: [Term] = []
        var characters = text
        while let next = characters.first {
            if next == " " || next == "\t" {
                characters.removeFirst()
                continue
            }
            var prefix: Character?
            if next == "?" || next == "-" {
                prefix = next
                characters.removeFirst()
            }
            if characters.first == "\"" {
                characters.removeFirst()
                var phrase = ""
                var closed = false
                while let character = characters.popFirst() {
                    if character == "\\", let escaped = characters.popFirst() {
                        phrase.append(escaped)
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        phrase.append(character)
                    }
                }
                guard closed else { throw .invalidParameter("Invalid filter pattern: unterminated quoted term in '\(text)'") }
                guard !phrase.isEmpty else { throw .invalidParameter("Invalid filter pattern: empty quoted term in '\(text)'") }
                terms.append(Term(prefix: prefix, text: phrase))
                continue
            }
            let word = characters.prefix { $0 != " " && $0 != "\t" }
            characters.removeFirst(word.count)
            guard !word.isEmpty else { throw .invalidParameter("Invalid filter pattern: '\(prefix.map(String.init) ?? "")' with no term") }
            guard word.allSatisfy(isPlainTermCharacter) else {
                throw .invalidParameter("Invalid character(s) in term '\(word)'. Put terms with characters other than letters, digits and _ in double quotes.")
            }
            terms.append(Term(prefix: prefix, text: String(word)))
        }
        return terms
    }

    private static func isPlainTermCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private static func unsupported(_ what: String) -> LogsError {
        .invalidParameter("Brume does not support \(what) yet; use plain terms, quoted phrases, ?terms or -terms.")
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
