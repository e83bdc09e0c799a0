import BrumeEdge
import BrumeWire
import Hummingbird

/// One decoded query-protocol request to IAM or STS: the operation, its input as the JSON
/// protocol would carry it, and who called.
struct IAMCall: Sendable {
    let operation: String
    let input: JSONObject
    let caller: Caller
    /// The peer's address, for `aws:SourceIp` in simulations and the session's context.
    let sourceIP: String?

    /// Reads `Action` and the form parameters (query string and form body) against `shapes`.
    static func decode(
        request: Request, body: ByteBuffer, caller: Caller, sourceIP: String?,
        shapes: [String: (input: QueryShape?, output: QueryShape?)]
    ) throws(AWSError) -> IAMCall {
        var pairs: [(name: String, value: String)] = []
        do {
            pairs += try QueryParameters(raw: request.uri.query).pairs
            if request.method == .post { pairs += try QueryParameters(raw: String(buffer: body)).pairs }
        } catch {
            throw AWSError(code: "MalformedQueryString", message: "The query string is malformed.", status: 400)
        }
        guard let action = pairs.first(where: { $0.name == "Action" })?.value else {
            throw AWSError(code: "MissingAction", message: "Missing Action", status: 400)
        }
        guard let shape = shapes[action] else {
            throw AWSError(code: "InvalidAction", message: "Could not find operation \(action) for version NO_VERSION_SPECIFIED", status: 400)
        }
        let input: JSONObject
        do {
            input = try shape.input.map { try QueryRequestDecoder.decode(pairs, as: $0).objectValue ?? [:] } ?? [:]
        } catch {
            throw IAMError.validation("\(error)").awsError
        }
        return IAMCall(operation: action, input: input, caller: caller, sourceIP: sourceIP)
    }

    // MARK: Parameters

    func string(_ name: String) -> String? { input[name]?.stringValue }

    func required(_ name: String) throws(IAMError) -> String {
        guard let value = string(name) else { throw .missing(name) }
        return value
    }

    func int(_ name: String) -> Int? { input[name]?.intValue.map(Int.init) }

    func bool(_ name: String) -> Bool? { input[name]?.boolValue }

    func strings(_ name: String) -> [String] { input[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// `Tags.member.N.Key/Value`.
    func tags() -> [IAMTag] {
        (input["Tags"]?.arrayValue ?? []).compactMap { tag in
            guard let key = tag["Key"]?.stringValue else { return nil }
            return IAMTag(key: key, value: tag["Value"]?.stringValue ?? "")
        }
    }

    /// The account IAM acts in: the caller's.
    var account: String { caller.accountID }
}
