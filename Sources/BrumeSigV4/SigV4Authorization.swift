/// The parsed `Authorization` header of a SigV4-signed request.
///
/// The header reads `AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request,
/// SignedHeaders=host;x-amz-date, Signature=<64 hex>`; the components may be separated by commas
/// with or without spaces and may appear in any order.
public struct SigV4Authorization: Sendable, Hashable {
    /// The credential scope from `Credential=`.
    public var scope: SigV4Scope
    /// The lowercase header names from `SignedHeaders=`, in the order given.
    public var signedHeaders: [String]
    /// The hex signature from `Signature=`.
    public var signature: String

    /// Creates an authorization from its parts.
    public init(scope: SigV4Scope, signedHeaders: [String], signature: String) {
        self.scope = scope
        self.signedHeaders = signedHeaders
        self.signature = signature
    }

    /// Parses an `Authorization` header value.
    ///
    /// - Throws: ``SigV4Error/unsupportedAlgorithm(_:)`` when the scheme is not
    ///   `AWS4-HMAC-SHA256`, ``SigV4Error/missingComponent(_:)`` when a component is absent,
    ///   ``SigV4Error/malformedAuthorization(_:)`` when a component is not `key=value`,
    ///   ``SigV4Error/malformedCredential(_:)`` and ``SigV4Error/emptySignedHeaders``.
    public static func parse(_ header: String) throws(SigV4Error) -> SigV4Authorization {
        let trimmed = header.trimmingSpaces()
        let algorithm = trimmed.prefix { $0 != " " }
        guard algorithm == SigV4.algorithm else {
            throw .unsupportedAlgorithm(String(algorithm))
        }
        var credential: String?
        var signedHeaders: String?
        var signature: String?
        for component in trimmed.dropFirst(algorithm.count).split(separator: ",") {
            let component = component.trimmingSpaces()
            if component.isEmpty { continue }
            guard let equals = component.firstIndex(of: "=") else {
                throw .malformedAuthorization(header)
            }
            let value = String(component[component.index(after: equals)...])
            switch component[..<equals] {
            case "Credential": credential = value
            case "SignedHeaders": signedHeaders = value
            case "Signature": signature = value
            default: throw .malformedAuthorization(header)
            }
        }
        guard let credential else { throw .missingComponent("Credential") }
        guard let signedHeaders else { throw .missingComponent("SignedHeaders") }
        guard let signature else { throw .missingComponent("Signature") }
        return SigV4Authorization(
            scope: try SigV4Scope(credential: credential),
            signedHeaders: try SigV4.parseSignedHeaders(signedHeaders),
            signature: signature
        )
    }
}

extension SigV4 {
    /// Splits `a;b;c` into lowercase names, rejecting an empty list.
    static func parseSignedHeaders(_ value: String) throws(SigV4Error) -> [String] {
        let names = value.split(separator: ";").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw .emptySignedHeaders }
        return names
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and horizontal tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
