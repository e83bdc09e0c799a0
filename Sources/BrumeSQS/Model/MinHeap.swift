/// A binary min-heap; the queue keeps its ready messages and its visibility deadlines in two.
struct MinHeap<Element: Comparable & Sendable>: Sendable {
    private var storage: [Element] = []

    var isEmpty: Bool { storage.isEmpty }
    var count: Int { storage.count }
    var min: Element? { storage.first }

    mutating func insert(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[child] < storage[parent] else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func popMin() -> Element? {
        guard !storage.isEmpty else { return nil }
        storage.swapAt(0, storage.count - 1)
        let smallest = storage.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallestIndex = parent
            if left < storage.count, storage[left] < storage[smallestIndex] { smallestIndex = left }
            if right < storage.count, storage[right] < storage[smallestIndex] { smallestIndex = right }
            if smallestIndex == parent { break }
            storage.swapAt(parent, smallestIndex)
            parent = smallestIndex
        }
        return smallest
    }

    mutating func removeAll() { storage.removeAll() }
}

/// A visibility deadline: the message at `sequence` becomes visible at `time` (if it still does then).
struct VisibilityDeadline: Comparable, Sendable {
    let time: Int64
    let sequence: Int64
    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
}
