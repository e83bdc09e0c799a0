/// The rules of a resource's path part: a literal of `a-zA-Z0-9._-:`, a `{variable}` or a
/// greedy `{variable+}`.
enum ResourcePath {
    static func isValidPathPart(_ part: String) -> Bool {
        guard !part.isEmpty, part.count <= 1024 else { return false }
        if part.hasPrefix("{") {
            guard part.hasSuffix("}") else { return false }
            var name = part.dropFirst().dropLast()
            if name.hasSuffix("+") { name = name.dropLast() }
            return !name.isEmpty && name.allSatisfy(isNameCharacter)
        }
        return part.allSatisfy { isNameCharacter($0) || $0 == ":" || $0 == "-" || $0 == "." || $0 == "~" }
    }

    static func isVariable(_ part: String) -> Bool { part.hasPrefix("{") && part.hasSuffix("}") }

    static func isGreedy(_ part: String) -> Bool { part.hasPrefix("{") && part.hasSuffix("+}") }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-" || character == ".")
    }
}
