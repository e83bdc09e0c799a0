import ArgumentParser
import BrumeSigV4
import Foundation

/// `brume invoke`: runs a function once and prints its answer, with its log on standard error.
struct Invoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Invoke a function and print its response; its log goes to standard error.",
        discussion: "Exits with status 1 when the function fails (X-Amz-Function-Error) or the call is refused."
    )

    @Argument(help: "The function's name or ARN, optionally with :version.")
    var function: String

    @Option(name: .long, help: "The event, as JSON (default: {}).")
    var payload: String = "{}"

    @Option(name: .long, help: "RequestResponse (default), Event or DryRun.")
    var invocationType: String = "RequestResponse"

    @Option(name: .long, help: "The stack's endpoint (default: from the config's edge host and port).")
    var endpoint: String?

    @Option(name: .long, help: "The stack file (default: ./localstack.yml).")
    var config: String?

    func run() async throws {
        let client = try StackClient(endpoint: endpoint, configPath: config)
        let answer = try await client.send(
            service: "lambda", method: "POST", path: "/2015-03-31/functions/\(SigV4.uriEncode(function))/invocations",
            headers: [("X-Amz-Invocation-Type", invocationType), ("X-Amz-Log-Type", invocationType == "RequestResponse" ? "Tail" : "None")],
            body: Array(payload.utf8)
        )
        guard (200..<300).contains(answer.status) else { StackLauncher.fail(StackClient.message(answer)) }
        if let log = answer.header("X-Amz-Log-Result"), let text = Data(base64Encoded: log) {
            FileHandle.standardError.write(text)
        }
        if answer.status == 202 {
            print("accepted (request id \(answer.header("x-amzn-RequestId") ?? "?"))")
            return
        }
        print(String(decoding: answer.body, as: UTF8.self))
        if answer.header("X-Amz-Function-Error") != nil { throw ExitCode(1) }
    }
}
