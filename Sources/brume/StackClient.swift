import AsyncHTTPClient
import BrumeCore
import BrumeSigV4
import Foundation
import NIOCore

/// The CLI's AWS client for a running stack: signed like any SDK request with the config's
/// first credential, so it works in `auth: strict` too.
struct StackClient {
    let endpoint: String
    let config: StackConfig

    /// The stack named by `--endpoint`, or by the config file's edge host and port.
    init(endpoint: String?, configPath: String?) throws {
        let path = configPath ?? "localstack.yml"
        config = FileManager.default.fileExists(atPath: path) ? try StackConfig.load(contentsOf: URL(fileURLWithPath: path)) : StackConfig()
        if let endpoint {
            self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        } else {
            let host = config.edge.host == "0.0.0.0" ? "127.0.0.1" : config.edge.host
            self.endpoint = "http://\(host):\(config.edge.port)"
        }
    }

    struct Answer {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// Sends one signed request; `path` is already percent-encoded.
    func send(service: String, method: String, path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
              body: [UInt8] = []) async throws -> Answer {
        let accessKey = config.credentials.keys.sorted().first ?? "test"
        let signer = SigV4Signer(accessKeyID: accessKey, secret: config.credentials[accessKey]?.secret ?? "test", region: config.region,
                                 service: service)
        let host = String(endpoint.drop { $0 != "/" }.dropFirst(2))
        let hash = SigV4.payloadHash(body)
        let signed = signer.sign(method: method, host: host, path: path, query: query.map { ($0.0, $0.1) },
                                 headers: headers.map { ($0.0, $0.1) } + [("x-amz-content-sha256", hash)], payloadHash: hash, date: Date())
        var url = endpoint + path
        if !query.isEmpty { url += "?" + query.map { "\(SigV4.uriEncode($0.0))=\(SigV4.uriEncode($0.1))" }.joined(separator: "&") }
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in signed where name.lowercased() != "host" { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(960))
        } catch {
            StackLauncher.fail("no Brume answers at \(endpoint) (\(error))")
        }
        var collected = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                      body: collected.readBytes(length: collected.readableBytes) ?? [])
    }

    /// An AWS error body's message, for the CLI's own error lines.
    static func message(_ answer: Answer) -> String {
        let text = String(decoding: answer.body, as: UTF8.self)
        if let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any] {
            let code = answer.header("x-amzn-ErrorType") ?? (object["__type"] as? String) ?? "Error"
            return "\(code): \((object["message"] ?? object["Message"]) as? String ?? text)"
        }
        return "\(answer.status): \(text)"
    }
}
