/// The random identifiers API Gateway hands out: lower-case letters and digits, 10 characters
/// for APIs, resources and keys, 6 for the rest, as AWS's look.
enum Identifiers {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    static func make(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func long() -> String { make(length: 10) }
    static func short() -> String { make(length: 6) }

    /// A generated API key value: 40 letters and digits, as the console's.
    static func apiKeyValue() -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<40).map { _ in letters.randomElement(using: &generator)! })
    }
}
