import BrumeEdge
import BrumeWire
import Hummingbird

/// The query-protocol plumbing IAM and STS share: decode, run, encode the result or the error.
struct QueryServing: Sendable {
    let shapes: [String: (input: QueryShape?, output: QueryShape?)]
    let namespace: String
    /// The largest form body read: IAM's largest input is a policy document of a few KB.
    static let maximumRequestSize = 1024 * 1024

    func respond(
        to request: Request, context: EdgeContext, perform: (IAMCall) async throws(IAMError) -> JSONValue?
    ) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maximumRequestSize)
        let sourceIP = context.remoteAddress?.ipAddress
        let call: IAMCall
        do {
            call = try IAMCall.decode(request: request, body: body, caller: context.caller, sourceIP: sourceIP, shapes: shapes)
        } catch {
            return failure(error, requestID: context.requestID)
        }
        do {
            let output = try await perform(call)
            var wire = WireResponse(status: 200)
            wire.body = QueryResponseEncoder.encode(
                operation: call.operation, result: output.map(XMLSafeText.sanitized), shape: shapes[call.operation]?.output,
                requestID: context.requestID, namespace: namespace)
            wire.headers.append(.init("Content-Type", "text/xml"))
            return Response(wire)
        } catch {
            return failure(error.awsError, requestID: context.requestID)
        }
    }

    func failure(_ error: AWSError, requestID: String) -> Response {
        var error = error
        error.message = XMLSafeText.sanitized(error.message)
        return Response(ErrorEnvelope.response(for: error, protocol: .query, requestID: requestID, typeNamespace: nil, xmlNamespace: namespace))
    }

    /// How IAM and STS report a refused signature.
    static func authenticationError(_ failure: AuthenticationFailure) -> AWSError {
        switch failure {
        case .unknownAccessKey:
            AWSError(code: "InvalidClientTokenId", message: "The security token included in the request is invalid.", status: 403)
        case .signatureMismatch:
            AWSError(
                code: "SignatureDoesNotMatch",
                message: "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
                status: 403)
        case .malformed(let reason):
            AWSError(code: "IncompleteSignature", message: reason, status: 400)
        case .missing:
            AWSError(code: "MissingAuthenticationToken", message: "Request is missing Authentication Token", status: 403)
        case .requestTimeTooSkewed(let requestTime):
            AWSError(code: "SignatureDoesNotMatch", message: "Signature expired: \(requestTime) is now earlier or later than the allowed 15 minute window.", status: 403)
        }
    }
}
