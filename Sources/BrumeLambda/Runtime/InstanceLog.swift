import Foundation
import Synchronization

/// The log of one instance: every line its process writes, attributed to the invocation in
/// progress, forwarded to the log stream, and kept per invocation for `LogType: Tail`.
///
/// Lines arrive on the process's reader thread while invocations begin and end on the
/// instance's actor, so the state sits behind a lock rather than an actor hop, which keeps the
/// lines in the order the process wrote them.
final class InstanceLog: Sendable {
    /// The log stream's name, as AWS forms it: `2024/05/01/[$LATEST]<32 hex digits>`.
    let streamName: String
    private let sink: @Sendable (LogLine) -> Void
    private let state = Mutex<State>(State())

    private struct State {
        /// The lines of the invocation in progress.
        var current: [String]?
        /// Lines written during the init phase: the first invocation's tail starts with them,
        /// so an import error shows up where the caller looks.
        var initLines: [String]? = []
    }

    init(streamName: String, sink: @escaping @Sendable (LogLine) -> Void) {
        self.streamName = streamName
        self.sink = sink
    }

    /// A line the process wrote, or one Lambda writes itself (START, END, REPORT).
    func append(_ line: String, at date: Date = Date()) {
        state.withLock { state in
            if state.current != nil {
                state.current?.append(line)
            } else {
                state.initLines?.append(line)
            }
        }
        sink(LogLine(stream: streamName, timestamp: date, message: line))
    }

    /// Starts collecting the lines of a new invocation.
    func beginInvocation() {
        state.withLock { state in
            state.current = state.initLines ?? []
            state.initLines = nil
        }
    }

    /// Ends the invocation in progress and returns its lines.
    func endInvocation() -> [String] {
        state.withLock { state in
            defer { state.current = nil }
            return state.current ?? []
        }
    }

    /// The last 4 KB of an invocation's log, as `X-Amz-Log-Result` carries it before base64.
    static func tail(_ lines: [String]) -> String {
        let text = lines.map { $0 + "\n" }.joined()
        let bytes = Array(text.utf8)
        guard bytes.count > 4096 else { return text }
        return String(decoding: bytes.suffix(4096), as: UTF8.self)
    }

    /// A stream name for a new instance of `version`, dated `date`.
    static func streamName(version: String, date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        let day = String(format: "%04d/%02d/%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        let id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return "\(day)/[\(version)]\(id)"
    }
}

/// One line for the log service.
struct LogLine: Sendable {
    var stream: String
    var timestamp: Date
    var message: String
}
