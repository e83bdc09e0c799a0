import ArgumentParser
import AsyncHTTPClient
import BrumeCore
import Foundation
import NIOCore

/// `brume status`: asks a running stack for its health.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the health of a running stack.")

    @Option(name: .long, help: "The stack's endpoint (default: from the config's edge host and port).")
    var endpoint: String?

    @Option(name: .long, help: "The stack file (default: ./localstack.yml).")
    var config: String?

    func run() async throws {
        let url = try StackClient(endpoint: endpoint, configPath: config).endpoint + "/_brume/health"
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let client = HTTPClient.shared
        do {
            let response = try await client.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else {
                StackLauncher.fail("\(url) answered \(response.status.code)")
            }
            print(String(buffer: body))
        } catch {
            StackLauncher.fail("no Brume answers at \(url) (\(error))")
        }
    }
}
