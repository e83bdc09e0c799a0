public import Hummingbird
public import BrumeWire
import Foundation
import BrumeCore
import BrumeSigV4
import Logging
import HTTPTypes
import NIOCore

/// The edge's single entry point: detect the service, stamp a request id, authenticate,
/// hand the request to the service, and encode whatever it throws in the service's envelope.
///
/// Each step is one small method below, in request order, so this file reads as the table of
/// contents of a request's life.
public struct EdgeResponder: HTTPResponder {
    public typealias Context = EdgeContext

    let services: [String: any EdgeService]
    let authenticator: Authenticator
    let internalEndpoints: InternalEndpoints
    let detector = ServiceDetector()

    public init(services: [any EdgeService], authenticator: Authenticator, internalEndpoints: InternalEndpoints) {
        self.services = Dictionary(services.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.authenticator = authenticator
        self.internalEndpoints = internalEndpoints
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        switch detect(request) {
        case .internalEndpoint:
            return try await internalEndpoints.respond(to: request)
        case .service(let name):
            guard let service = services[name] else {
                return serviceNotEnabled(name, request: request)
            }
            return await respond(to: request, service: service, context: context)
        case .dataPlane(let name):
            guard let service = services[name] else {
                return serviceNotEnabled(name, request: request)
            }
            var context = context
            context.isDataPlane = true
            return await respond(to: request, service: service, context: context)
        }
    }

    private func detect(_ request: Request) -> ServiceDetector.Target {
        let headers = request.headers
        let credentialQuery = request.uri.query.flatMap(Self.presignedCredential)
        return detector.detect(
            path: request.uri.path,
            host: request.head.authority,
            authorization: headers[.authorization],
            target: headers[HTTPField.Name("X-Amz-Target")!],
            credentialQuery: credentialQuery
        )
    }

    /// The largest body read to verify a signature that covers it without `x-amz-content-sha256`.
    static let maximumHashedBody = 64 * 1024 * 1024

    private func respond(to request: Request, service: any EdgeService, context: EdgeContext) async -> Response {
        var context = context
        context.requestID = service.makeRequestID()
        context.logger[metadataKey: "request"] = .string(context.requestID)
        context.logger[metadataKey: "service"] = .string(service.name)
        var response: Response
        var request = request
        do {
            try checkHeaderSection(request, service: service)
            var bodyHash: String?
            if !context.isDataPlane, !service.streamsRequestBodies, authenticator.needsBodyHash(request) {
                // The signature covers the body: read it (JSON and query requests, small; S3 bodies
                // stream and S3 requires x-amz-content-sha256) and hand the same bytes on.
                let body = try await request.body.collect(upTo: Self.maximumHashedBody)
                bodyHash = SigV4.payloadHash(body.readableBytesView)
                request.body = RequestBody(buffer: body)
            }
            // A data plane's callers are the service's to authenticate (API keys, authorizers).
            if !context.isDataPlane {
                context.caller = try authenticator.authenticate(request, bodyHash: bodyHash)
            }
            response = try await service.respond(to: request, context: context)
        } catch {
            response = errorResponse(error, request: request, service: service, context: context)
        }
        stamp(&response, service: service, requestID: context.requestID)
        context.logger.debug("\(request.method) \(request.uri.path) → \(response.status.code)")
        return response
    }

    /// Refuses a header section longer than the service accepts, before anything reads the body.
    private func checkHeaderSection(_ request: Request, service: any EdgeService) throws {
        guard let maximum = service.maximumHeaderSection else { return }
        let size = RequestLimit.headerSectionSize(of: request)
        if size > maximum { throw service.limitError(.headerSection(size: size, maximum: maximum), request: request) }
    }

    /// Adds the request id and the service's common headers unless the service set them.
    private func stamp(_ response: inout Response, service: any EdgeService, requestID: String) {
        let idHeader = HTTPField.Name(service.wireProtocol.requestIDHeader)!
        if response.headers[idHeader] == nil { response.headers[idHeader] = requestID }
        for header in service.commonHeaders(requestID: requestID) {
            let name = HTTPField.Name(header.name)!
            if response.headers[name] == nil { response.headers[name] = header.value }
        }
    }

    private func errorResponse(_ error: any Error, request: Request, service: any EdgeService, context: EdgeContext) -> Response {
        let awsError: AWSError
        switch error {
        case let failure as AuthenticationFailure:
            awsError = service.authenticationError(failure)
        case let convertible as any AWSErrorConvertible:
            awsError = convertible.awsError
        default:
            if let limit = RequestLimit(error) {
                // A body past what the service reads: the service's own error, not an internal one.
                awsError = service.limitError(limit, request: request)
            } else if let framing = RequestFraming.error(for: error, protocol: service.errorProtocol(for: request)) {
                awsError = framing
            } else {
                context.logger.error("unexpected failure: \(String(reflecting: error))")
                awsError = service.internalError
            }
        }
        if awsError.status >= 500 {
            context.logger.warning("\(request.method) \(request.uri.path) failed: \(awsError.code) \(awsError.message)")
        }
        let wire = ErrorEnvelope.response(
            for: awsError,
            protocol: service.errorProtocol(for: request),
            requestID: context.requestID,
            typeNamespace: service.errorTypeNamespace,
            includeBody: request.method != .head
        )
        return Response(wire)
    }

    private func serviceNotEnabled(_ name: String, request: Request) -> Response {
        let error = AWSError(
            code: "NotImplemented",
            message: "The \(name) service is not enabled in this Brume stack; add it under services: in localstack.yml.",
            status: 501
        )
        let wire = ErrorEnvelope.response(for: error, protocol: .restJson1, requestID: RequestID.uuid())
        return Response(wire)
    }

    static func presignedCredential(_ query: String) -> String? {
        guard let range = query.range(of: "X-Amz-Credential=") else { return nil }
        let raw = query[range.upperBound...].prefix { $0 != "&" }
        return PercentEncoding.decode(raw)
    }
}

extension Response {
    /// A Hummingbird response carrying a ``WireResponse``.
    public init(_ wire: WireResponse) {
        var fields = HTTPFields()
        for header in wire.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        fields[.contentLength] = String(wire.body.count)
        self.init(
            status: HTTPResponse.Status(code: wire.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: wire.body))
        )
    }
}
