import BrumeEdge
import BrumeWire
import Hummingbird
import HTTPTypes
import NIOCore

/// One SQS request, decoded: the operation, the protocol it came in, its input in JSON form,
/// and who sent it.
struct SQSCall: Sendable {
    let operation: String
    let wireProtocol: WireProtocol
    let input: SQSInput
    let caller: Caller
    /// `http://host:port`, the base of the queue URLs this call hands out.
    let endpoint: String

    /// Why a request could not be decoded, in the envelope of the protocol it came in.
    struct DecodingFailure: Error {
        let awsError: AWSError
        let wireProtocol: WireProtocol
    }

    init(operation: String, wireProtocol: WireProtocol, input: SQSInput, caller: Caller, endpoint: String) {
        self.operation = operation
        self.wireProtocol = wireProtocol
        self.input = input
        self.caller = caller
        self.endpoint = endpoint
    }

    /// Decodes a JSON request (`X-Amz-Target: AmazonSQS.<Operation>`) or a query request
    /// (`Action=<Operation>` in a form body or the URL). A query request sent to a queue URL names
    /// its queue by the path.
    init(request: Request, body: ByteBuffer, caller: Caller) throws(DecodingFailure) {
        endpoint = "http://\(request.head.authority ?? "localhost:4566")"
        self.caller = caller
        if let target = request.headers[HTTPField.Name("X-Amz-Target")!] {
            guard target.hasPrefix("AmazonSQS.") else {
                throw DecodingFailure(awsError: Self.unknownOperation(target, protocol: .awsJson1_0).awsError, wireProtocol: .awsJson1_0)
            }
            operation = String(target.dropFirst("AmazonSQS.".count))
            wireProtocol = .awsJson1_0
            let bytes = body.readableBytesView
            if bytes.isEmpty {
                input = SQSInput(fields: [:])
            } else {
                do {
                    input = SQSInput(try JSONValue.parse(bytes))
                } catch {
                    throw DecodingFailure(
                        awsError: AWSError(code: "SerializationException", message: "Start of structure or map found where not expected.", status: 400),
                        wireProtocol: .awsJson1_0
                    )
                }
            }
            return
        }
        wireProtocol = .query
        var pairs: [(name: String, value: String)] = []
        do {
            pairs += try QueryParameters(raw: request.uri.query).pairs
            if request.method == .post {
                pairs += try QueryParameters(raw: String(buffer: body)).pairs
            }
        } catch {
            throw DecodingFailure(
                awsError: AWSError(code: "MalformedQueryString", message: "The query string is malformed.", status: 400),
                wireProtocol: .query
            )
        }
        guard let action = pairs.first(where: { $0.name == "Action" })?.value else {
            throw DecodingFailure(
                awsError: SQSError.missingParameter("Action").awsError, wireProtocol: .query
            )
        }
        operation = action
        guard let shapes = SQSShapes.operations[action] else {
            throw DecodingFailure(awsError: Self.unknownOperation(action, protocol: .query).awsError, wireProtocol: .query)
        }
        var fields: JSONObject
        do {
            fields = try shapes.input.map { try QueryRequestDecoder.decode(pairs, as: $0).objectValue ?? [:] } ?? [:]
        } catch {
            throw DecodingFailure(awsError: SQSError.invalidParameterValue("\(error)").awsError, wireProtocol: .query)
        }
        // A query request posted to the queue URL itself names the queue by its path; the
        // account-level actions that create or list queues are not valid there.
        let path = request.uri.path
        let namesQueue = path.split(separator: "/").count == 2
        if namesQueue, Self.accountActions.contains(action) {
            throw DecodingFailure(awsError: Self.unknownOperation(action, protocol: .query).awsError, wireProtocol: .query)
        }
        if fields["QueueUrl"] == nil, namesQueue {
            fields["QueueUrl"] = .string(endpoint + path)
        }
        input = SQSInput(fields: fields)
    }

    /// Query actions SQS refuses at a queue URL (`InvalidAction`), as they act on the account.
    static let accountActions: Set<String> = ["CreateQueue", "ListQueues"]

    /// The error for an operation SQS does not have, as each protocol reports it.
    static func unknownOperation(_ name: String, protocol wireProtocol: WireProtocol) -> AWSError {
        wireProtocol == .query
            ? AWSError(code: "InvalidAction", message: "The action \(name) is not valid for this endpoint.", status: 400)
            : AWSError(code: "UnknownOperationException", message: "", status: 400)
    }

    // MARK: Queues the call names

    /// The queue a `QueueUrl` parameter names, in the caller's region.
    func queue(_ parameter: String = "QueueUrl") throws(SQSError) -> QueueIdentity {
        let url = try QueueURL(parsing: input.requiredString(parameter))
        return QueueIdentity(accountID: url.accountID, region: caller.region, name: url.name)
    }

    /// The URL clients use for a queue.
    func url(of queue: QueueRecord) -> String {
        QueueURL(accountID: queue.accountID, name: queue.name).url(endpoint: endpoint)
    }
}
