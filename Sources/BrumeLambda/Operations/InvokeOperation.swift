import BrumeWire
import Foundation
import Hummingbird

/// Invoke: RequestResponse, Event and DryRun.
extension LambdaService {
    @Sendable func invoke(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference()
        let (entry, record) = try await backend.resolve(reference, caller: call.caller, qualifier: call.query["Qualifier"])
        let invocationType = call.header("X-Amz-Invocation-Type") ?? "RequestResponse"
        guard ["RequestResponse", "Event", "DryRun"].contains(invocationType) else {
            throw LambdaError.validation(
                "1 validation error detected: Value '\(invocationType)' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
            )
        }
        let logType = call.header("X-Amz-Log-Type") ?? "None"
        guard ["None", "Tail"].contains(logType) else {
            throw LambdaError.validation(
                "1 validation error detected: Value '\(logType)' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]"
            )
        }
        let limit = invocationType == "Event" ? LambdaLimits.asynchronousPayload : LambdaLimits.synchronousPayload
        guard call.body.readableBytes <= limit else { throw LambdaError.requestTooLarge(limit: limit) }
        let payload = Array(call.body.readableBytesView)
        if !payload.isEmpty, (try? JSONValue.parse(payload)) == nil {
            throw LambdaError.invalidRequestContent("Could not parse request body into json: Could not parse payload into json: Unexpected character")
        }
        for header in ["X-Amz-Tenant-Id", "X-Amz-Durable-Execution-Name"] where call.header(header) != nil {
            throw LambdaError.invalidParameterValue("Brume does not support \(header) yet: there are no tenant-isolated or durable functions.")
        }
        let clientContext = try Self.clientContext(call.header("X-Amz-Client-Context"))
        if invocationType == "DryRun" {
            return LambdaResponse.empty(status: 204)
        }
        let invokedARN = (reference.qualifier ?? call.query["Qualifier"]).map { "\(record.functionARN):\($0)" } ?? record.functionARN
        let invocation = Invocation(
            requestID: call.requestID, payload: payload.isEmpty ? Array("{}".utf8) : payload, invokedFunctionARN: invokedARN,
            traceID: Self.traceID(), clientContext: clientContext, deadline: nil
        )
        if invocationType == "Event" {
            try await asyncQueue.enqueue(AsyncInvocation(
                requestID: call.requestID, functionName: record.name, qualifier: reference.qualifier ?? call.query["Qualifier"],
                accountID: record.accountID, region: record.region, invokedARN: invokedARN, payload: invocation.payload,
                clientContext: clientContext, enqueuedAt: clock.now(), attempts: 0, notBefore: clock.now()
            ))
            return LambdaResponse.empty(status: 202)
        }
        let result = try await runtime.invoke(record, reservedConcurrency: entry.stored.reservedConcurrency, invocation: invocation)
        var headers = [("X-Amz-Executed-Version", record.version)]
        if let functionError = result.functionError { headers.append(("X-Amz-Function-Error", functionError)) }
        if logType == "Tail" { headers.append(("X-Amz-Log-Result", Data(result.log.utf8).base64EncodedString())) }
        var wire = WireResponse(status: 200)
        wire.body = result.payload
        wire.headers.append(.init("Content-Type", "application/json"))
        for (name, value) in headers { wire.headers.append(.init(name, value)) }
        return Response(wire)
    }

    /// `X-Amz-Client-Context` is base64 JSON on the Invoke API and plain JSON on the Runtime API.
    static func clientContext(_ header: String?) throws(LambdaError) -> String? {
        guard let header else { return nil }
        guard let data = Data(base64Encoded: header), (try? JSONValue.parse(Array(data))) != nil else {
            throw .invalidRequestContent("Client context must be a valid Base64-encoded JSON object.")
        }
        guard data.count <= 3583 else {
            throw .invalidRequestContent("Client context must be a valid Base64-encoded JSON object of at most 3583 bytes.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// An X-Ray trace header in AWS's form: `Root=1-<8 hex time>-<24 hex>;Parent=<16 hex>;Sampled=0`.
    static func traceID() -> String {
        var generator = SystemRandomNumberGenerator()
        let time = hex(UInt64(Date().timeIntervalSince1970), digits: 8)
        let root = hex(generator.next(), digits: 16) + hex(generator.next() >> 32, digits: 8)
        return "Root=1-\(time)-\(root);Parent=\(hex(generator.next(), digits: 16));Sampled=0"
    }

    /// `value` as lower-case hex, zero-padded to `digits` (invokes make several per call, so no `String(format:)`).
    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return text.count >= digits ? String(text.suffix(digits)) : String(repeating: "0", count: digits - text.count) + text
    }
}
