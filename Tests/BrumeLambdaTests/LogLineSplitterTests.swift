@testable import BrumeLambda
import Testing

@Suite("Function output as log events")
struct LogLineSplitterTests {
    /// Feeds `chunks` as separate reads and returns every event, the unfinished last line included.
    private func events(_ chunks: [[UInt8]], maximum: Int = LogLineSplitter.maximumEventBytes) -> [String] {
        var splitter = LogLineSplitter(maximumEventBytes: maximum)
        var emitted: [String] = []
        for chunk in chunks {
            chunk.withUnsafeBytes { splitter.append($0) { emitted.append($0) } }
        }
        splitter.finish { emitted.append($0) }
        return emitted
    }

    @Test("lines are cut at newlines, across reads, and an unfinished last line is kept")
    func lines() {
        #expect(events([Array("a\nbc".utf8), Array("d\n\ne".utf8)]) == ["a", "bcd", "", "e"])
    }

    @Test("the maximum event is 256 KB less CloudWatch Logs' 26 bytes of overhead")
    func maximum() {
        #expect(LogLineSplitter.maximumEventBytes == 262_118)
    }

    @Test("a line longer than one event is split into full events and the rest")
    func longLine() {
        let split = events([Array(repeating: UInt8(ascii: "x"), count: 25), [0x0A]], maximum: 10)
        #expect(split.map(\.count) == [10, 10, 5])
    }

    @Test("output without any newline goes out in full events as it comes, holding at most one back")
    func endlessLine() {
        var splitter = LogLineSplitter(maximumEventBytes: 1000)
        var sizes: [Int] = []
        let read = [UInt8](repeating: UInt8(ascii: "y"), count: 700)
        for _ in 0..<1000 {
            read.withUnsafeBytes { splitter.append($0) { sizes.append($0.utf8.count) } }
        }
        // 700,000 bytes: 699 full events out already, the last 1,000 held until more comes.
        #expect(sizes.count == 699)
        #expect(sizes.allSatisfy { $0 == 1000 })
        splitter.finish { sizes.append($0.utf8.count) }
        #expect(sizes.reduce(0, +) == 700_000)
    }

    @Test("a split never cuts a UTF-8 character in two")
    func utf8Boundary() {
        // "é" is two bytes: with a 5-byte maximum, "aaaé" would cut inside it.
        let split = events([Array("aaaéé\n".utf8)], maximum: 4)
        #expect(split == ["aaa", "éé"])
        #expect(split.joined() == "aaaéé")
    }
}

@Suite("Invocation log tail")
struct LogTailTests {
    @Test("the tail keeps the fewest last lines that cover 4 KB")
    func tail() {
        var tail = LogTail()
        for index in 0..<10_000 { tail.append("line \(index) " + String(repeating: "x", count: 90)) }
        let kept = tail.lines
        #expect(kept.last?.hasPrefix("line 9999 ") == true)
        let bytes = kept.reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(bytes >= InstanceLog.tailBytes)
        #expect(bytes - (kept[0].utf8.count + 1) < InstanceLog.tailBytes)
        let text = InstanceLog.tail(kept)
        #expect(text.utf8.count == InstanceLog.tailBytes)
        #expect(text.hasSuffix("line 9999 " + String(repeating: "x", count: 90) + "\n"))
    }

    @Test("a short log is kept whole")
    func short() {
        var tail = LogTail()
        tail.append("START")
        tail.append("END")
        #expect(tail.lines == ["START", "END"])
    }
}
