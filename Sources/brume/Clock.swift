import ArgumentParser
import AsyncHTTPClient
import BrumeCore
import Foundation
import NIOCore
import NIOHTTP1

/// `brume clock`: reads a running stack's clock; `brume clock advance 3m` moves it forward.
struct Clock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or move a running stack's clock.",
        subcommands: [Show.self, Advance.self],
        defaultSubcommand: Show.self
    )

    struct Target: ParsableArguments {
        @Option(name: .long, help: "The stack's endpoint (default: from the config's edge host and port).")
        var endpoint: String?

        @Option(name: .long, help: "The stack file (default: ./localstack.yml).")
        var config: String?
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print stack time, real time, time_scale and the offset.")

        @OptionGroup var target: Target

        func run() async throws {
            let reading = try await Clock.call(target, method: .GET, body: nil)
            Clock.print(reading)
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move the stack clock forward; everything waiting up to the new time fires, in order.",
            discussion: "DURATION is parts like 90s, 3m, 1h30m or 2d (largest unit first); a bare number is seconds."
        )

        @Argument(help: "How far to move, e.g. 3m or 1h30m.")
        var duration: String

        @OptionGroup var target: Target

        func run() async throws {
            // Refused here with the same reason the stack would give, without a round trip.
            do {
                _ = try ClockDuration.seconds(duration)
            } catch {
                StackLauncher.fail("\(error)")
            }
            let body = try JSONSerialization.data(withJSONObject: ["advance": duration])
            let reading = try await Clock.call(target, method: .POST, body: body)
            Clock.print(reading)
        }
    }

    /// Sends one request to `/_brume/clock` and returns its JSON, or exits with the stack's reason.
    static func call(_ target: Target, method: HTTPMethod, body: Data?) async throws -> [String: Any] {
        let url = try StackClient(endpoint: target.endpoint, configPath: target.config).endpoint + "/_brume/clock"
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        } catch {
            StackLauncher.fail("no Brume answers at \(url) (\(error))")
        }
        let collected = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: collected))) as? [String: Any] ?? [:]
        guard response.status == .ok else {
            StackLauncher.fail((object["message"] as? String) ?? "\(url) answered \(response.status.code)")
        }
        return object
    }

    static func print(_ reading: [String: Any]) {
        let offset = (reading["offsetSeconds"] as? NSNumber)?.doubleValue ?? 0
        Swift.print("stack time  \(reading["stackTime"] as? String ?? "?")")
        Swift.print("real time   \(reading["realTime"] as? String ?? "?")")
        Swift.print("offset      \(offset >= 0 ? "+" : "-")\(describe(abs(offset)))")
        Swift.print("time_scale  \((reading["timeScale"] as? NSNumber)?.doubleValue ?? 1)")
        Swift.print("waiting     \((reading["waiting"] as? NSNumber)?.intValue ?? 0)")
    }

    /// `5400.5` → `1h30m0.5s`.
    static func describe(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let fraction = seconds - Double(whole)
        var text = ""
        if whole >= 86_400 { text += "\(whole / 86_400)d" }
        if whole >= 3600 { text += "\(whole % 86_400 / 3600)h" }
        if whole >= 60 { text += "\(whole % 3600 / 60)m" }
        let rest = Double(whole % 60) + fraction
        text += rest == rest.rounded() ? "\(Int(rest))s" : String(format: "%.3fs", rest)
        return text
    }
}
