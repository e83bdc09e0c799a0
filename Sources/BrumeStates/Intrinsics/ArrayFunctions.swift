import BrumeWire

extension IntrinsicFunctions {
    /// AWS caps `States.ArrayRange` results at 1,000 elements.
    static let maximumRangeCount: Int64 = 1_000

    /// `States.ArrayPartition(array, size)`: consecutive chunks of `size`; the last may be shorter.
    static func arrayPartition(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(2)
        let elements = try call.array(0)
        let size = try call.integer(1)
        guard size > 0 else { throw call.invalid }
        let chunk = Int(clamping: size)
        return .array(stride(from: 0, to: elements.count, by: chunk).map { start in
            .array(Array(elements[start..<min(start + chunk, elements.count)]))
        })
    }

    /// `States.ArrayContains(array, value)`: whether any element equals `value`.
    static func arrayContains(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(2)
        let elements = try call.array(0)
        return .bool(elements.contains(call.arguments[1]))
    }

    /// `States.ArrayRange(first, last, step)`: `first`, `first + step`, ... up to and including
    /// `last`; empty when `step` points away from `last`.
    static func arrayRange(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(3)
        let first = try call.integer(0)
        let last = try call.integer(1)
        let step = try call.integer(2)
        guard step != 0 else { throw call.invalid }
        if step > 0 ? first > last : first < last { return .array([]) }
        // Count first, so a huge range is refused without building it. The quotient cannot
        // overflow once both bounds have been through `Int64` arithmetic checks.
        let (span, overflow) = last.subtractingReportingOverflow(first)
        guard !overflow else { throw call.invalid }
        let count = span / step + 1
        guard count <= maximumRangeCount else { throw call.invalid }
        return .array((0..<count).map { .int(first + $0 * step) })
    }

    /// `States.ArrayGetItem(array, index)`: the element at a zero-based index.
    static func arrayGetItem(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(2)
        let elements = try call.array(0)
        let index = try call.integer(1)
        // Observed on AWS: an out-of-range index on an empty array yields null rather than
        // failing, while a negative or past-the-end index on a non-empty array fails.
        if elements.isEmpty, index >= 0 { return .null }
        guard index >= 0, index < elements.count else { throw call.invalid }
        return elements[Int(index)]
    }

    /// `States.ArrayLength(array)`: the number of elements.
    static func arrayLength(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(1)
        return .int(Int64(try call.array(0).count))
    }

    /// `States.ArrayUnique(array)`: the elements without repeats, each at its first position.
    static func arrayUnique(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(1)
        var unique: [JSONValue] = []
        for element in try call.array(0) where !unique.contains(element) {
            unique.append(element)
        }
        return .array(unique)
    }
}
