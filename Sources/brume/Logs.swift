import ArgumentParser
import Foundation

/// `brume logs`: prints a function's log group, and with `--follow` keeps printing new lines.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a function's logs from /aws/lambda/<function>; --follow keeps printing new lines.",
        discussion: "Needs the logs service in the stack's services."
    )

    @Argument(help: "The function's name.")
    var function: String

    @Flag(name: .shortAndLong, help: "Keep printing new lines until interrupted.")
    var follow = false

    @Option(name: .long, help: "Start this many seconds back (default: 600).")
    var since: Int = 600

    @Option(name: .long, help: "The stack's endpoint (default: from the config's edge host and port).")
    var endpoint: String?

    @Option(name: .long, help: "The stack file (default: ./localstack.yml).")
    var config: String?

    func run() async throws {
        let client = try StackClient(endpoint: endpoint, configPath: config)
        let group = "/aws/lambda/\(function)"
        var start = Int64(Date().timeIntervalSince1970 * 1000) - Int64(since) * 1000
        var seen: Set<String> = []
        repeat {
            var token: String?
            var newest = start
            repeat {
                var input: [String: Any] = ["logGroupName": group, "startTime": start, "interleaved": true]
                if let token { input["nextToken"] = token }
                let answer = try await client.send(
                    service: "logs", method: "POST", path: "/",
                    headers: [("X-Amz-Target", "Logs_20140328.FilterLogEvents"), ("Content-Type", "application/x-amz-json-1.1")],
                    body: Array(try JSONSerialization.data(withJSONObject: input))
                )
                if answer.status == 400, StackClient.message(answer).contains("ResourceNotFoundException"), follow {
                    break  // The group appears with the function's first log line.
                }
                guard answer.status == 200, let page = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any] else {
                    StackLauncher.fail(StackClient.message(answer))
                }
                for event in page["events"] as? [[String: Any]] ?? [] {
                    guard let id = event["eventId"] as? String, seen.insert(id).inserted else { continue }
                    let timestamp = (event["timestamp"] as? NSNumber)?.int64Value ?? 0
                    newest = max(newest, timestamp)
                    let date = Date(timeIntervalSince1970: Double(timestamp) / 1000)
                    print("\(Self.format(date)) \(event["logStreamName"] as? String ?? "") \(event["message"] as? String ?? "")")
                }
                token = page["nextToken"] as? String
            } while token != nil
            start = newest
            if follow { try await Task.sleep(for: .milliseconds(500)) }
        } while follow
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
