import Foundation

/// A place in the order events are read in: by timestamp, then by arrival (`seq`, unique and
/// increasing across the whole service).
struct EventPosition: Comparable, Hashable, Sendable {
    var timestamp: Int64
    var seq: Int64

    /// Before every event: events have non-negative timestamps and a `seq` of 1 or more.
    static let start = EventPosition(timestamp: 0, seq: 0)
    /// After every event.
    static let end = EventPosition(timestamp: .max, seq: .max)

    static func < (lhs: EventPosition, rhs: EventPosition) -> Bool {
        (lhs.timestamp, lhs.seq) < (rhs.timestamp, rhs.seq)
    }

    /// 38 digits: the timestamp, then the sequence number, each zero-padded to 19.
    var digits: String { Self.pad(timestamp) + Self.pad(seq) }

    init(timestamp: Int64, seq: Int64) {
        self.timestamp = timestamp
        self.seq = seq
    }

    init?(digits: Substring) {
        guard digits.count == 38, digits.allSatisfy { ("0"..."9").contains($0) },
              let timestamp = Int64(digits.prefix(19)), let seq = Int64(digits.suffix(19)) else { return nil }
        self.init(timestamp: timestamp, seq: seq)
    }

    private static func pad(_ value: Int64) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 19 - text.count)) + text
    }
}

/// GetLogEvents' tokens, shaped as AWS's: `f/<digits>/s` reads forward from after a position,
/// `b/<digits>/s` backward from before it.
///
/// A page that reaches the end in its direction hands back the token it was asked with, which
/// is how clients (and the SDKs' paginators) know to stop.
enum StreamToken: Equatable, Sendable {
    case forward(after: EventPosition)
    case backward(before: EventPosition)

    var text: String {
        switch self {
        case .forward(let position): "f/\(position.digits)/s"
        case .backward(let position): "b/\(position.digits)/s"
        }
    }

    init?(text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2] == "s", let position = EventPosition(digits: parts[1]) else { return nil }
        switch parts[0] {
        case "f": self = .forward(after: position)
        case "b": self = .backward(before: position)
        default: return nil
        }
    }
}

/// FilterLogEvents' `eventId`: unique within the service, 56 digits as AWS's are.
enum EventID {
    static func make(_ position: EventPosition) -> String {
        String(repeating: "0", count: 18) + position.digits
    }
}
