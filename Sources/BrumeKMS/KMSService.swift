public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird

/// AWS KMS over awsJson1.1 (`X-Amz-Target: TrentService.<Operation>`, signing name `kms`), with
/// real cryptography through swift-crypto. Keys live in SQLite under `<data>/kms`, their
/// material sealed by the stack master key in `<data>/kms/master.key`.
public final class KMSService: EdgeService {
    public let name = "kms"
    public let wireProtocol = WireProtocol.awsJson1_1
    public var internalError: AWSError { KMSError.internalFailure("").awsError }

    let backend: KMSBackend

    /// The largest request: a 6 KiB ciphertext blob or a 32 KiB policy, base64, plus JSON framing.
    static let maximumRequestSize = 1024 * 1024
    static let targetPrefix = "TrentService."

    /// Opens the store and the master key under `<data>/kms`; deletion windows and rotations
    /// run on `clock`.
    public init(config: StackConfig, dataDirectory: DataDirectory, clock: any WallClock = SystemWallClock()) throws {
        let folder = try dataDirectory.folder("kms")
        backend = try KMSBackend(store: KMSStore(folder: folder), masterKey: MasterKey.load(folder: folder), clock: clock)
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let call = try await AWSJSONRequest.read(request, targetPrefix: Self.targetPrefix, maximumSize: Self.maximumRequestSize)
        guard let operation = Self.operations[call.operation] else {
            throw AWSError(code: "UnknownOperationException", message: "", status: 400)
        }
        let output = try await operation(self)(KMSCall(input: KMSInput(call.input), caller: context.caller))
        return AWSJSONRequest.response(output, .awsJson1_1)
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["keys": await backend.allKeyARNs()]
    }
}

/// One decoded request.
struct KMSCall: Sendable {
    let input: KMSInput
    let caller: Caller

    /// What the string member `name` (a key id, key ARN, alias name or alias ARN) names.
    func reference(_ name: String = "KeyId") throws(KMSError) -> KeyNames.Reference {
        let identifier = try input.requiredString(name)
        guard !identifier.isEmpty else {
            throw .constraint(identifier, at: KMSInput.member(name), "Member must have length greater than or equal to 1")
        }
        guard identifier.utf8.count <= 2048 else {
            throw .constraint(identifier, at: KMSInput.member(name), "Member must have length less than or equal to 2048")
        }
        return try KeyNames.reference(identifier, account: caller.accountID, region: caller.region)
    }
}
