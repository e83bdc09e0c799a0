import BrumeCore
import BrumeWire
import Foundation

/// `GET` and `POST /_brume/clock`: read the stack clock, and move it forward.
///
/// `POST` takes `{"advance": "1h30m"}` (see ``ClockDuration``) or `{"advanceSeconds": 5400}`;
/// everything waiting on the clock up to the new time fires, in deadline order, before the
/// answer. Both answer the reading after the change.
enum ClockEndpoint {
    /// A request body is a small JSON object; anything longer is refused unread.
    static let maximumBody = 4096

    struct Refusal: Error {
        let message: String
    }

    static func reading(_ clock: StackClock, advanced: TimeInterval? = nil) -> [String: any Sendable] {
        let reading = clock.reading()
        var object: [String: any Sendable] = [
            "stackTime": AWSTimestamp.iso8601(reading.stackTime),
            "stackTimeEpochSeconds": rounded(reading.stackTime.timeIntervalSince1970),
            "realTime": AWSTimestamp.iso8601(reading.realTime),
            "realTimeEpochSeconds": rounded(reading.realTime.timeIntervalSince1970),
            "timeScale": reading.scale,
            "offsetSeconds": rounded(reading.offset),
            "waiting": clock.sleeperCount,
        ]
        if let advanced { object["advancedSeconds"] = advanced }
        return object
    }

    /// Parses `body` and advances `clock`; nothing moves when the body is refused.
    static func advance(_ clock: StackClock, body: Data) -> Result<[String: any Sendable], Refusal> {
        struct Body: Decodable {
            let advance: String?
            let advanceSeconds: Double?
        }
        guard let parsed = try? JSONDecoder().decode(Body.self, from: body) else {
            return .failure(Refusal(message: #"The body must be a JSON object: {"advance": "3m"} or {"advanceSeconds": 180}."#))
        }
        let seconds: TimeInterval
        switch (parsed.advance, parsed.advanceSeconds) {
        case (let text?, nil):
            do {
                seconds = try ClockDuration.seconds(text)
            } catch {
                return .failure(Refusal(message: error.description))
            }
        case (nil, let number?):
            seconds = number
        default:
            return .failure(Refusal(message: #"Give exactly one of "advance" (a duration such as "1h30m") or "advanceSeconds" (a number)."#))
        }
        do {
            try clock.advance(by: seconds)
        } catch {
            return .failure(Refusal(message: error.description))
        }
        return .success(reading(clock, advanced: seconds))
    }

    private static func rounded(_ seconds: Double) -> Double {
        (seconds * 1000).rounded() / 1000
    }
}
