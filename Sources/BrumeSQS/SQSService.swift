public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
import Foundation
import HTTPTypes

/// SQS: standard and FIFO queues over the awsJson1.0 protocol current SDKs speak and the query
/// protocol older SDKs still send, with one backend behind both.
public final class SQSService: EdgeService {
    public let name = "sqs"
    public let wireProtocol = WireProtocol.awsJson1_0
    public var errorTypeNamespace: String? { "com.amazonaws.sqs" }
    public var internalError: AWSError { .commonInternalFailure }

    let backend: SQSBackend
    let config: StackConfig

    /// The largest request body read: a 1 MiB message percent-encoded in a query-protocol batch
    /// can take several times its size on the wire.
    static let maximumRequestSize = 16 * 1024 * 1024
    static let xmlNamespace = "http://queue.amazonaws.com/doc/2012-11-05/"

    /// Opens the store under `<data>/sqs` and loads every queue.
    /// - Parameter clock: the stack's clock, which delays, visibility timeouts, retention and long
    ///   polls read and wait on; a clock of its own at the config's `time_scale` when alone.
    public init(config: StackConfig, dataDirectory: DataDirectory, clock: StackClock? = nil) throws {
        self.config = config
        let clock = clock ?? StackClock(scale: config.timeScale)
        backend = try SQSBackend(store: SQSStore(folder: try dataDirectory.folder("sqs")), clock: clock)
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maximumRequestSize)
        let call: SQSCall
        do {
            call = try SQSCall(request: request, body: body, caller: context.caller)
        } catch {
            return failure(error.awsError, protocol: error.wireProtocol, requestID: context.requestID)
        }
        do {
            let output = try await perform(call)
            return success(output, call: call, requestID: context.requestID)
        } catch let error as any AWSErrorConvertible where call.wireProtocol == .query {
            var awsError = error.awsError
            if let sqsError = error as? SQSError {
                awsError.status = sqsError.queryProtocolStatus
                awsError.message = sqsError.queryProtocolMessage
            }
            return failure(awsError, protocol: .query, requestID: context.requestID)
        }
    }

    /// A request longer than SQS reads can only carry a message (or a batch) past the 1 MiB
    /// maximum, so it gets the error an over-long message or batch gets.
    public func limitError(_ limit: RequestLimit, request: Request) -> AWSError {
        guard case .body = limit else { return limit.defaultError(for: errorProtocol(for: request)) }
        let size = request.headers[.contentLength].flatMap(Int.init) ?? Self.maximumRequestSize + 1
        let isBatch = request.headers[HTTPField.Name("X-Amz-Target")!] == "AmazonSQS.SendMessageBatch"
            || request.uri.query?.contains("Action=SendMessageBatch") == true
        let error: SQSError = isBatch
            ? .batchRequestTooLong(size: size)
            : .invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than \(MessageLimits.maximumMessageSize) bytes.")
        return error.awsError
    }

    /// Runs the operation a call names.
    func perform(_ call: SQSCall) async throws -> JSONValue? {
        guard let operation = Self.operations[call.operation] else {
            throw SQSCall.unknownOperation(call.operation, protocol: call.wireProtocol).awsError
        }
        return try await operation(self)(call)
    }

    private func success(_ output: JSONValue?, call: SQSCall, requestID: String) -> Response {
        var wire = WireResponse(status: 200)
        switch call.wireProtocol {
        case .query:
            wire.body = QueryResponseEncoder.encode(
                operation: call.operation, result: output, shape: SQSShapes.operations[call.operation]?.output,
                requestID: requestID, namespace: Self.xmlNamespace
            )
            wire.headers.append(.init("Content-Type", "text/xml"))
        default:
            wire.body = (output ?? .object([:])).serialized
            wire.headers.append(.init("Content-Type", WireProtocol.awsJson1_0.contentType))
        }
        return Response(wire)
    }

    /// An error in the query envelope carries the legacy code (`AWS.SimpleQueueService.NonExistentQueue`).
    private func failure(_ error: AWSError, protocol wireProtocol: WireProtocol, requestID: String) -> Response {
        var error = error
        if wireProtocol == .query, let legacy = error.queryCompatibleCode { error.code = legacy }
        let wire = ErrorEnvelope.response(
            for: error, protocol: wireProtocol, requestID: requestID, typeNamespace: errorTypeNamespace,
            xmlNamespace: Self.xmlNamespace
        )
        return Response(wire)
    }

    /// Requests without `X-Amz-Target` are query-protocol requests and get query-envelope errors,
    /// authentication failures included.
    public func errorProtocol(for request: Request) -> WireProtocol {
        request.headers[HTTPField.Name("X-Amz-Target")!] == nil ? .query : .awsJson1_0
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["queues": await backend.allQueueARNs()]
    }
}

extension SQSService {
    /// Creates the queues declared in the config, in order, so a dead-letter queue declared above
    /// its source exists when the source's RedrivePolicy names it. Existing queues are kept; a
    /// declared queue whose attributes differ from the stored one fails the start.
    public func deployDeclaredResources() async throws {
        let declared = config.resources.queues
        // Dead-letter queues first, so a source's RedrivePolicy names a queue that exists.
        let targets = Set(declared.compactMap(\.deadLetter?.queue))
        let ordered = declared.enumerated().sorted { (targets.contains($0.element.name) ? 0 : 1) < (targets.contains($1.element.name) ? 0 : 1) }
        for (index, queue) in ordered {
            do {
                try await deploy(queue)
            } catch let error as SQSError {
                throw DeclaredQueueError(path: "resources.queues[\(index)]", name: queue.name, reason: error.awsError.message)
            }
        }
    }

    /// Creates one declared queue, or brings an existing one's attributes and tags in line with the file.
    private func deploy(_ declared: StackConfig.Queue) async throws {
        var attributes = declared.attributes
        let identity = QueueIdentity(accountID: config.accountID, region: config.region, name: declared.name)
        try QueueName.validate(declared.name, isFIFO: attributes["FifoQueue"].flatMap(QueueAttributes.parseBool) == true)
        if let deadLetter = declared.deadLetter {
            let target = QueueIdentity(accountID: config.accountID, region: config.region, name: deadLetter.queue)
            attributes["RedrivePolicy"] = "{\"deadLetterTargetArn\":\"\(target.arn)\",\"maxReceiveCount\":\(deadLetter.maxReceiveCount)}"
        }
        if (try? await backend.queue(identity)) != nil {
            // The file is the source of truth for declared queues: an edited attribute applies on restart.
            try await backend.setAttributes(identity, attributes.filter { $0.key != "FifoQueue" })
            let tags = declared.tags
            try await backend.setTags(identity) { (current: inout [String: String]) throws(SQSError) in current = tags }
        } else {
            _ = try await backend.createQueue(identity, attributes: attributes, tags: declared.tags)
        }
    }
}

/// A queue in `resources.queues` that cannot be created as declared.
struct DeclaredQueueError: Error, CustomStringConvertible {
    let path: String
    let name: String
    let reason: String
    var description: String { "\(path) '\(name)': \(reason)" }
}
