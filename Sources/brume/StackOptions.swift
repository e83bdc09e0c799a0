import ArgumentParser
import BrumeCore
import Foundation

/// The options `up` and `serve` share: which config, where to listen, where to keep data.
struct StackOptions: ParsableArguments {
    @Option(name: .long, help: "The stack file (default: ./localstack.yml; built-in defaults if it does not exist).")
    var config: String?

    @Option(name: .long, help: "The address to listen on (default: edge.host, 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "The port to listen on; 0 picks a free one (default: edge.port, 4566).")
    var port: Int?

    @Option(name: .long, help: "The data directory (default: data_dir, .brume).")
    var dataDir: String?

    @Flag(name: .long, help: "Keep data in a temporary directory removed at exit.")
    var ephemeral = false

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "warning"

    /// The config, with command-line overrides applied, and the folder relative paths start from.
    func loadConfig() throws -> (StackConfig, URL) {
        let path = config ?? "localstack.yml"
        let url = URL(fileURLWithPath: path)
        var stack: StackConfig
        if config == nil, !FileManager.default.fileExists(atPath: url.path) {
            stack = StackConfig()
            try stack.applyEnvironment(ProcessInfo.processInfo.environment)
        } else {
            stack = try StackConfig.load(contentsOf: url)
        }
        if let host { stack.edge.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            stack.edge.port = port
        }
        if let dataDir { stack.dataDirectory = dataDir }
        return (stack, url.deletingLastPathComponent())
    }
}
