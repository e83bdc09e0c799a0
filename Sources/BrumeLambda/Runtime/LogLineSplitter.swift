/// Cuts a function's output into log events: one per line, and a line longer than one
/// CloudWatch Logs event is split into several, as Lambda splits it.
///
/// CloudWatch Logs takes events of at most 256 KB, counting 26 bytes of overhead per event, so
/// Lambda cuts a longer line every 262,118 bytes of message. The splitter keeps at most that
/// much of an unfinished line, however long a process writes without a newline, so an
/// instance's output costs bounded memory.
struct LogLineSplitter {
    /// The most message bytes one event carries: 256 KB less CloudWatch Logs' 26 bytes of overhead.
    static let maximumEventBytes = 256 * 1024 - 26

    let maximumEventBytes: Int
    /// The line being written, not yet ended by a newline.
    private var pending: [UInt8] = []

    init(maximumEventBytes: Int = Self.maximumEventBytes) {
        precondition(maximumEventBytes >= 4, "an event must hold at least one UTF-8 character")
        self.maximumEventBytes = maximumEventBytes
    }

    /// Takes bytes as the process wrote them and emits every event they complete.
    mutating func append(_ bytes: UnsafeRawBufferPointer, emit: (String) -> Void) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            pending.append(contentsOf: bytes[start..<(newline ?? bytes.endIndex)])
            emitFullEvents(emit)
            guard let newline else { return }
            emit(String(decoding: pending, as: UTF8.self))
            pending.removeAll(keepingCapacity: true)
            start = newline + 1
        }
    }

    /// Emits what is left of an unfinished last line, when the output ends.
    mutating func finish(emit: (String) -> Void) {
        if !pending.isEmpty { emit(String(decoding: pending, as: UTF8.self)) }
        pending.removeAll()
    }

    /// Emits full-size events while the unfinished line is longer than one, cutting between
    /// UTF-8 characters so no character is split across two events.
    private mutating func emitFullEvents(_ emit: (String) -> Void) {
        while pending.count > maximumEventBytes {
            var cut = maximumEventBytes
            // Step back over continuation bytes (10xxxxxx) to the start of the character.
            while cut > maximumEventBytes - 3, pending[cut] & 0xC0 == 0x80 { cut -= 1 }
            emit(String(decoding: pending[..<cut], as: UTF8.self))
            pending.removeFirst(cut)
        }
    }
}
