import Foundation
import Synchronization

/// Turns a function's configuration into the command line and environment of an instance.
///
/// The environment is the one AWS documents for the execution environment, plus
/// `AWS_ENDPOINT_URL`, which points every AWS SDK inside the function at Brume, and the host's
/// `PATH`, so the interpreters a developer has installed are the ones that run.
struct RuntimeLauncher: Sendable {
    /// Where Brume's Python and Node bootstraps are.
    let bootstrapFolder: String
    let accessKeyID: String
    let secretAccessKey: String
    let hostEnvironment: [String: String]
    /// The real interpreters behind the PATH's commands, found once.
    let interpreters = ResolvedInterpreters()

    /// Why an instance cannot be started, as the invoke reports it.
    struct LaunchFailure: Error {
        var errorType: String
        var message: String
    }

    func launch(for function: FunctionRecord, logStream: String, endpointURL: String) throws(LaunchFailure) -> InstanceProcess.Launch {
        let runtime: RuntimeIdentifier
        do {
            runtime = try RuntimeIdentifier(validating: function.runtime)
        } catch {
            throw LaunchFailure(errorType: "Runtime.InvalidRuntime", message: "Brume cannot run the \(function.runtime) runtime.")
        }
        var environment = baseEnvironment(for: function, logStream: logStream, endpointURL: endpointURL)
        if let executionEnvironment = runtime.executionEnvironment { environment["AWS_EXECUTION_ENV"] = executionEnvironment }
        let folder = function.code.folder
        switch runtime {
        case .python:
            // The host's python3 runs every python3.x runtime: version managers (pyenv) put
            // shims for versions that are not selected on the PATH, so "python3.12" being
            // found does not mean it runs.
            guard let python = interpreters.python(find("python3")) else {
                throw LaunchFailure(errorType: "Runtime.InvalidEntrypoint", message: "No python3 interpreter on this machine's PATH.")
            }
            environment["PYTHONUNBUFFERED"] = "1"
            environment["PYTHONDONTWRITEBYTECODE"] = "1"
            return .init(executable: python, arguments: ["-u", "\(bootstrapFolder)/python/bootstrap.py"], environment: environment,
                         workingDirectory: folder)
        case .node:
            guard let node = find("node") else {
                throw LaunchFailure(errorType: "Runtime.InvalidEntrypoint", message: "No node interpreter on this machine's PATH.")
            }
            return .init(executable: node, arguments: ["\(bootstrapFolder)/node/bootstrap.mjs"], environment: environment,
                         workingDirectory: folder)
        case .provided:
            let bootstrap = "\(folder)/bootstrap"
            guard FileManager.default.isExecutableFile(atPath: bootstrap) else {
                throw LaunchFailure(
                    errorType: "Runtime.InvalidEntrypoint",
                    message: "Couldn't find valid bootstrap(s): [\(folder)/bootstrap]"
                )
            }
            return .init(executable: bootstrap, arguments: [], environment: environment, workingDirectory: folder)
        }
    }

    private func baseEnvironment(for function: FunctionRecord, logStream: String, endpointURL: String) -> [String: String] {
        var environment = function.environment
        let reserved: [String: String] = [
            "_HANDLER": function.handler ?? "",
            "LAMBDA_TASK_ROOT": function.code.folder,
            "LAMBDA_RUNTIME_DIR": bootstrapFolder,
            "AWS_LAMBDA_FUNCTION_NAME": function.name,
            "AWS_LAMBDA_FUNCTION_VERSION": function.version,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(function.memorySize),
            "AWS_LAMBDA_LOG_GROUP_NAME": function.logGroup,
            "AWS_LAMBDA_LOG_STREAM_NAME": logStream,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_REGION": function.region,
            "AWS_DEFAULT_REGION": function.region,
            "AWS_ACCESS_KEY_ID": accessKeyID,
            "AWS_SECRET_ACCESS_KEY": secretAccessKey,
            "AWS_ENDPOINT_URL": endpointURL,
            "TZ": ":UTC",
            "LANG": "en_US.UTF-8",
            "PATH": hostEnvironment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
        ]
        environment.merge(reserved) { _, fixed in fixed }
        // The function's own variables may not set these (CreateFunction refuses them), but a
        // host's HOME keeps interpreters that look for per-user files working.
        if let home = hostEnvironment["HOME"], environment["HOME"] == nil { environment["HOME"] = home }
        return environment
    }

    /// The absolute path of `program` on the host's `PATH`.
    func find(_ program: String) -> String? {
        let path = hostEnvironment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Variables a function may not set, as AWS lists them.
    static let reservedVariables: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]
}

/// The interpreter a PATH command really runs. Version managers put shell-script shims on the
/// PATH (pyenv's `python3`), which add tens of milliseconds to every cold start; asking the
/// interpreter once for `sys.executable` skips them for every later instance.
final class ResolvedInterpreters: Sendable {
    private let python3 = Mutex<String??>(nil)

    func python(_ command: String?) -> String? {
        guard let command else { return nil }
        if let known = python3.withLock({ $0 }) { return known ?? command }
        let resolved = Self.ask(command, ["-c", "import sys; print(sys.executable)"])
        python3.withLock { $0 = .some(resolved) }
        return resolved ?? command
    }

    private static func ask(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return path
    }
}
