import Hummingbird
public import BrumeCore
import BrumeWire
import Foundation
import HTTPTypes
import NIOCore

/// The emulator's own endpoints under `/_brume/`: health, resources, and each service's own
/// (`/_brume/<service>/...`).
public struct InternalEndpoints: Sendable {
    let stackName: String
    let dataDirectory: String
    let services: [any EdgeService]
    let remoteServices: [String: String]
    let startedAt: Date
    /// The stack clock `/_brume/clock` reads and moves.
    let clock: StackClock

    public init(
        stackName: String, dataDirectory: String, services: [any EdgeService], remoteServices: [String: String] = [:],
        clock: StackClock = StackClock()
    ) {
        self.stackName = stackName
        self.dataDirectory = dataDirectory
        self.services = services
        self.remoteServices = remoteServices
        self.clock = clock
        self.startedAt = clock.realClock.now()
    }

    func respond(to request: Request) async throws -> Response {
        switch (request.method, request.uri.path) {
        case (.get, "/_brume/health"), (.head, "/_brume/health"):
            return json(health())
        case (.get, "/_brume/resources"):
            return json(try await resources())
        case (.get, "/_brume/clock"), (.head, "/_brume/clock"):
            return json(ClockEndpoint.reading(clock))
        case (.post, "/_brume/clock"):
            let body = try await request.body.collect(upTo: ClockEndpoint.maximumBody)
            switch ClockEndpoint.advance(clock, body: Data(buffer: body)) {
            case .success(let reading): return json(reading)
            case .failure(let error): return json(["message": error.message], status: .badRequest)
            }
        default:
            // /_brume/<service>/... belongs to that service.
            let path = request.uri.path.split(separator: "/")
            if path.count > 2, let service = services.first(where: { $0.name == path[1] }),
               let response = try await service.internalResponse(to: request, path: Array(path.dropFirst(2))) {
                return response
            }
            return json(["message": "No such Brume endpoint: \(request.method) \(request.uri.path)"], status: .notFound)
        }
    }

    private func health() -> [String: any Sendable] {
        var states: [String: String] = [:]
        for service in services { states[service.name] = "running" }
        for (name, endpoint) in remoteServices { states[name] = "remote \(endpoint)" }
        return [
            "version": BrumeVersion.current,
            "stack": stackName,
            "dataDirectory": dataDirectory,
            "services": states,
            "uptimeSeconds": (clock.realClock.now().timeIntervalSince(startedAt) * 1000).rounded() / 1000,
        ]
    }

    private func resources() async throws -> [String: any Sendable] {
        var result: [String: any Sendable] = [:]
        for service in services {
            result[service.name] = try await service.resourceSummary()
        }
        return result
    }

    private func json(_ object: [String: any Sendable], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("x-amzn-RequestId")!] = RequestID.uuid()
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
