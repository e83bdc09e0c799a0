import BrumeCore
import Foundation
import Synchronization

/// The log of one instance: every line its process writes, attributed to the invocation in
/// progress, forwarded to the log stream, and the last 4 KB of each invocation kept for
/// `LogType: Tail`.
///
/// Lines arrive on the process's reader thread while invocations begin and end on the
/// instance's actor, so the state sits behind a lock rather than an actor hop, which keeps the
/// lines in the order the process wrote them. Only a tail is kept, so an invocation that
/// prints gigabytes costs no more memory than one that prints a line.
final class InstanceLog: Sendable {
    /// The log stream's name, as AWS forms it: `2024/05/01/[$LATEST]<32 hex digits>`.
    let streamName: String
    private let sink: @Sendable (LogLine) -> Void
    /// Stamps each line: the stack clock, which CloudWatch Logs checks event ages against.
    private let clock: any WallClock
    private let state = Mutex<State>(State())

    /// How much of an invocation's log `X-Amz-Log-Result` carries: its last 4 KB.
    static let tailBytes = 4096

    private struct State {
        /// The last lines of the invocation in progress.
        var current: LogTail?
        /// The last lines written during the init phase: the first invocation's tail starts
        /// with them, so an import error shows up where the caller looks.
        var initLines: LogTail? = LogTail()
    }

    init(streamName: String, clock: any WallClock, sink: @escaping @Sendable (LogLine) -> Void) {
        self.streamName = streamName
        self.clock = clock
        self.sink = sink
    }

    /// A line the process wrote, or one Lambda writes itself (START, END, REPORT).
    func append(_ line: String) {
        let date = clock.now()
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
            state.current = state.initLines ?? LogTail()
            state.initLines = nil
        }
    }

    /// Ends the invocation in progress and returns its last lines: at least the last 4 KB of
    /// them, when it wrote that much.
    func endInvocation() -> [String] {
        state.withLock { state in
            defer { state.current = nil }
            return state.current?.lines ?? []
        }
    }

    /// The last 4 KB of an invocation's log, as `X-Amz-Log-Result` carries it before base64.
    static func tail(_ lines: [String]) -> String {
        let text = lines.map { $0 + "\n" }.joined()
        let bytes = Array(text.utf8)
        guard bytes.count > tailBytes else { return text }
        return String(decoding: bytes.suffix(tailBytes), as: UTF8.self)
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

/// The last lines of a log: the fewest that still hold its last ``InstanceLog/tailBytes``
/// bytes, each line counted with its newline.
struct LogTail: Sendable {
    private(set) var lines: [String] = []
    /// The bytes of ``lines``, newlines included.
    private var bytes = 0

    mutating func append(_ line: String) {
        lines.append(line)
        bytes += line.utf8.count + 1
        // Drop the oldest line while the rest still cover the tail.
        var dropped = 0
        while dropped < lines.count - 1, bytes - (lines[dropped].utf8.count + 1) >= InstanceLog.tailBytes {
            bytes -= lines[dropped].utf8.count + 1
            dropped += 1
        }
        if dropped > 0 { lines.removeFirst(dropped) }
    }
}

/// One line for the log service.
struct LogLine: Sendable {
    var stream: String
    var timestamp: Date
    var message: String
}
