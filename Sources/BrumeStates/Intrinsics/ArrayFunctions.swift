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
        // Count first, so a huge range is refused without building it. Every step is checked:
        // the span of two extreme bounds, `Int64.min / -1`, and the count past `Int64.max`.
        let (span, spanOverflow) = last.subtractingReportingOverflow(first)
        guard !spanOverflow else { throw call.invalid }
        let (quotient, quotientOverflow) = span.dividedReportingOverflow(by: step)
        guard !quotientOverflow, quotient < maximumRangeCount else { throw call.invalid }
        // Within the bounds now: first + i * step lies between first and last for i <= quotient.
        return .array((0...quotient).map { .int(first + $0 * step) })
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
    ///
    /// Elements are bucketed by a hash that agrees with `JSONValue`'s equality (object members in
    /// any order), so a large array costs a pass, not a comparison of every pair.
    static func arrayUnique(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(1)
        var unique: [JSONValue] = []
        var positionsByHash: [Int: [Int]] = [:]
        for element in try call.array(0) {
            var hasher = Hasher()
            element.combineEqualityHash(into: &hasher)
            let hash = hasher.finalize()
            if let positions = positionsByHash[hash], positions.contains(where: { unique[$0] == element }) { continue }
            positionsByHash[hash, default: []].append(unique.count)
            unique.append(element)
        }
        return .array(unique)
    }
}

extension JSONValue {
    /// Feeds `hasher` so that values equal under `==` hash alike: object members are combined
    /// without regard to order, as ``JSONObject`` compares them.
    func combineEqualityHash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(1); hasher.combine(value)
        case .int(let value): hasher.combine(2); hasher.combine(value)
        case .double(let value): hasher.combine(3); hasher.combine(value)
        case .string(let value): hasher.combine(4); hasher.combine(value)
        case .array(let elements):
            hasher.combine(5)
            hasher.combine(elements.count)
            for element in elements { element.combineEqualityHash(into: &hasher) }
        case .object(let members):
            hasher.combine(6)
            hasher.combine(members.count)
            var sum = 0
            for (key, value) in members {
                var member = Hasher()
                member.combine(key)
                value.combineEqualityHash(into: &member)
                sum = sum &+ member.finalize()
            }
            hasher.combine(sum)
        }
    }
}
