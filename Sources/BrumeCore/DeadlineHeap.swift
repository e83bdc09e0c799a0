import Foundation

/// A binary min-heap of waiters keyed by (deadline, arrival), so the earliest deadline is read in
/// O(1) and waiters due at the same instant come out in the order they started waiting.
///
/// ``StackClock`` keeps its sleepers here and arms one real timer for ``first``; a cancelled
/// sleeper is removed by id (O(n), rare) rather than left to fire.
struct DeadlineHeap<Value> {
    struct Entry {
        let deadline: Date
        let sequence: UInt64
        let value: Value

        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
        }
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    /// The entry due first.
    var first: Entry? { entries.first }

    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        siftUp(entries.count - 1)
    }

    /// Removes and returns the entry due first.
    mutating func popFirst() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let first = entries.removeLast()
        if !entries.isEmpty { siftDown(0) }
        return first
    }

    /// Removes the entry with `sequence`, if it is still here.
    mutating func remove(sequence: UInt64) -> Entry? {
        guard let index = entries.firstIndex(where: { $0.sequence == sequence }) else { return nil }
        entries.swapAt(index, entries.count - 1)
        let removed = entries.removeLast()
        if index < entries.count {
            siftDown(index)
            siftUp(index)
        }
        return removed
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].precedes(entries[smallest]) { smallest = left }
            if right < entries.count, entries[right].precedes(entries[smallest]) { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
