import Foundation

/// The Java methods templates call on strings, maps, lists, numbers and booleans, with Java's
/// semantics: string indexes count UTF-16 units, an index out of range is an error (Velocity
/// wraps Java's exception and the render fails), and an unknown method is null.
enum VTLMethods {
    /// `$x.name`: a map's key, a getter (`isEmpty()` for `.empty`), or an object's property.
    static func property(of value: VTLValue, _ name: String) throws(VTLError) -> VTLValue {
        switch value {
        case .map(let map):
            return map[name] ?? .null
        case .object(let object):
            if let result = try object.property(name) { return result }
            let getter = capitalized(name)
            if let result = try object.call("get" + getter, []) { return result }
            return try object.call("is" + getter, []) ?? .null
        case .string(let string):
            switch name {
            case "empty": return .bool(string.isEmpty)
            case "bytes": return .list(VTLList(string.utf8.map { .int(Int(Int8(bitPattern: $0))) }))
            case "class": return .string("class java.lang.String")
            default: return .null
            }
        case .list(let list):
            return name == "empty" ? .bool(list.elements.isEmpty) : .null
        default:
            return .null
        }
    }

    /// `$x.name(arguments)`; nil when the value has no such method.
    static func call(_ name: String, on value: VTLValue, _ arguments: [VTLValue], evaluator: VTLEvaluator) throws(VTLError) -> VTLValue? {
        switch value {
        case .string(let string):
            if let result = try stringMethod(name, string, arguments, evaluator) { return result }
        case .map(let map):
            if let result = try mapMethod(name, map, arguments, evaluator) { return result }
        case .list(let list):
            if let result = try listMethod(name, list, arguments, evaluator) { return result }
        case .int(let int):
            if let result = numberMethod(name, Double(int), int: int, arguments) { return result }
        case .double(let double):
            if let result = numberMethod(name, double, int: nil, arguments) { return result }
        case .bool(let bool):
            if name == "booleanValue", arguments.isEmpty { return .bool(bool) }
        case .object(let object):
            if let result = try object.call(name, arguments) { return result }
        case .null:
            return nil
        }
        // What every Java object has.
        switch (name, arguments.count) {
        case ("toString", 0): return .string(try evaluator.text(of: value))
        case ("equals", 1): return .bool(VTLOperations.javaEquals(value, arguments[0]))
        default: return nil
        }
    }

    // MARK: Numbers

    private static func numberMethod(_ name: String, _ double: Double, int: Int?, _ arguments: [VTLValue]) -> VTLValue? {
        guard arguments.isEmpty else {
            if name == "compareTo", arguments.count == 1, let order = VTLOperations.compareNumbers(int.map { .int($0) } ?? .double(double), arguments[0]) {
                return .int(order)
            }
            return nil
        }
        switch name {
        case "intValue", "longValue", "shortValue", "byteValue":
            if let int { return .int(name == "intValue" ? Int(Int32(truncatingIfNeeded: int)) : int) }
            guard double.isFinite else { return .int(double.isNaN ? 0 : (double > 0 ? Int.max : Int.min)) }
            if double >= 9.2e18 { return .int(Int.max) }
            if double <= -9.2e18 { return .int(Int.min) }
            return .int(Int(double))
        case "doubleValue", "floatValue": return .double(double)
        default: return nil
        }
    }

    // MARK: Strings

    private static func integer(_ value: VTLValue) -> Int? {
        if case .int(let int) = value { return int }
        return nil
    }

    private static func stringArgument(_ value: VTLValue) -> String? {
        if case .string(let string) = value { return string }
        return nil
    }

    private static func outOfRange(_ what: String, _ detail: String) -> VTLError {
        VTLError(.runtime, "\(what): \(detail)")
    }

    /// The UTF-16 offset of `needle` in `haystack` at or after `from` (or at or before it when
    /// searching backwards); -1 when absent, as Java's `indexOf`.
    private static func indexOf(_ needle: [UInt16], in haystack: [UInt16], from: Int, backwards: Bool) -> Int {
        if backwards {
            var start = min(from, haystack.count - needle.count)
            while start >= 0 {
                if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
                start -= 1
            }
            return -1
        }
        var start = max(from, 0)
        guard start <= haystack.count else { return -1 }
        while start + needle.count <= haystack.count {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start += 1
        }
        return -1
    }

    private static func regex(_ pattern: String) throws(VTLError) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw VTLError(.runtime, "PatternSyntaxException: bad regular expression \(pattern)")
        }
    }

    /// Progress reports a regular expression may make before it is stopped; ICU reports every
    /// few thousand backtracking steps, so this is a fraction of a second of work. A pattern like
    /// `(a+)+$` would otherwise backtrack for ages over a few dozen characters of a request.
    static let regexProgressBudget = 200

    /// The matches of `expression` in `string` (at most `limit`), stopped with a `.limit` error
    /// when matching runs away.
    private static func matches(_ expression: NSRegularExpression, in string: String, limit: Int = Int.max) throws(VTLError) -> [NSTextCheckingResult] {
        var found: [NSTextCheckingResult] = []
        var progress = 0
        var exhausted = false
        let range = NSRange(location: 0, length: (string as NSString).length)
        expression.enumerateMatches(in: string, options: [.reportProgress], range: range) { match, _, stop in
            if let match {
                found.append(match)
                if found.count >= limit { stop.pointee = true }
            } else {
                progress += 1
                if progress > regexProgressBudget {
                    exhausted = true
                    stop.pointee = true
                }
            }
        }
        if exhausted { throw VTLError(.limit, "Regular expression \(expression.pattern) takes too long to match") }
        return found
    }

    private static func stringMethod(_ name: String, _ string: String, _ arguments: [VTLValue], _ evaluator: VTLEvaluator) throws(VTLError) -> VTLValue? {
        let units = Array(string.utf16)
        func text(_ slice: ArraySlice<UInt16>) -> VTLValue { .string(String(decoding: slice, as: UTF16.self)) }
        switch (name, arguments.count) {
        case ("length", 0): return .int(units.count)
        case ("isEmpty", 0): return .bool(units.isEmpty)
        case ("isBlank", 0): return .bool(string.allSatisfy(\.isWhitespace))
        case ("trim", 0):
            var start = 0
            var end = units.count
            while start < end, units[start] <= 32 { start += 1 }
            while end > start, units[end - 1] <= 32 { end -= 1 }
            return text(units[start..<end])
        case ("toLowerCase", 0): return .string(string.lowercased())
        case ("toUpperCase", 0): return .string(string.uppercased())
        case ("substring", 1), ("substring", 2):
            guard let begin = integer(arguments[0]) else { return nil }
            var end = units.count
            if arguments.count == 2 {
                guard let given = integer(arguments[1]) else { return nil }
                end = given
            }
            guard begin >= 0, end <= units.count, begin <= end else {
                throw outOfRange("StringIndexOutOfBoundsException", "begin \(begin), end \(end), length \(units.count)")
            }
            return text(units[begin..<end])
        case ("charAt", 1):
            guard let index = integer(arguments[0]) else { return nil }
            guard units.indices.contains(index) else {
                throw outOfRange("StringIndexOutOfBoundsException", "index \(index), length \(units.count)")
            }
            return text(units[index...index])
        case ("indexOf", 1), ("indexOf", 2), ("lastIndexOf", 1), ("lastIndexOf", 2):
            guard let needle = stringArgument(arguments[0]) else { return nil }
            let backwards = name == "lastIndexOf"
            var from = backwards ? units.count : 0
            if arguments.count == 2 {
                guard let given = integer(arguments[1]) else { return nil }
                from = given
            }
            return .int(indexOf(Array(needle.utf16), in: units, from: from, backwards: backwards))
        case ("contains", 1):
            guard let needle = stringArgument(arguments[0]) else { return nil }
            return .bool(indexOf(Array(needle.utf16), in: units, from: 0, backwards: false) >= 0)
        case ("startsWith", 1), ("startsWith", 2):
            guard let prefix = stringArgument(arguments[0]) else { return nil }
            var offset = 0
            if arguments.count == 2 {
                guard let given = integer(arguments[1]) else { return nil }
                offset = given
            }
            let prefixUnits = Array(prefix.utf16)
            guard offset >= 0, offset <= units.count - prefixUnits.count else { return .bool(false) }
            return .bool(units[offset..<(offset + prefixUnits.count)].elementsEqual(prefixUnits))
        case ("endsWith", 1):
            guard let suffix = stringArgument(arguments[0]) else { return nil }
            return .bool(units.count >= suffix.utf16.count && units.suffix(suffix.utf16.count).elementsEqual(suffix.utf16))
        case ("equals", 1):
            return .bool(stringArgument(arguments[0]) == string)
        case ("equalsIgnoreCase", 1):
            guard let other = stringArgument(arguments[0]) else { return .bool(false) }
            return .bool(other.uppercased().lowercased() == string.uppercased().lowercased())
        case ("concat", 1):
            guard let other = stringArgument(arguments[0]) else { return nil }
            return .string(string + other)
        case ("replace", 2):
            guard let target = try replaceArgument(arguments[0], evaluator), let replacement = try replaceArgument(arguments[1], evaluator) else { return nil }
            if target.isEmpty {
                // Java puts the replacement before every char and at the end.
                var result = replacement
                for character in string.utf16 {
                    result += String(decoding: [character], as: UTF16.self) + replacement
                    try evaluator.checkString(result)
                }
                return .string(result)
            }
            let result = string.replacingOccurrences(of: target, with: replacement)
            try evaluator.checkString(result)
            return .string(result)
        case ("replaceAll", 2), ("replaceFirst", 2):
            guard let pattern = stringArgument(arguments[0]), let replacement = stringArgument(arguments[1]) else { return nil }
            let expression = try regex(pattern)
            let found = try matches(expression, in: string, limit: name == "replaceFirst" ? 1 : Int.max)
            let source = string as NSString
            var result = ""
            var position = 0
            for match in found {
                result += source.substring(with: NSRange(location: position, length: match.range.location - position))
                result += expression.replacementString(for: match, in: string, offset: 0, template: replacement)
                position = match.range.location + match.range.length
                try evaluator.checkString(result)
            }
            result += source.substring(from: position)
            try evaluator.checkString(result)
            return .string(result)
        case ("matches", 1):
            guard let pattern = stringArgument(arguments[0]) else { return nil }
            let expression = try regex("^(?:" + pattern + ")$")
            return .bool(!(try matches(expression, in: string, limit: 1)).isEmpty)
        case ("split", 1), ("split", 2):
            guard let pattern = stringArgument(arguments[0]) else { return nil }
            var limit = 0
            if arguments.count == 2 {
                guard let given = integer(arguments[1]) else { return nil }
                limit = given
            }
            return .list(VTLList(try split(string, pattern, limit: limit).map { .string($0) }))
        case ("hashCode", 0):
            var hash: Int32 = 0
            for unit in units { hash = hash &* 31 &+ Int32(unit) }
            return .int(Int(hash))
        case ("toString", 0), ("intern", 0):
            return .string(string)
        case ("compareTo", 1):
            guard let other = stringArgument(arguments[0]) else { return nil }
            let otherUnits = Array(other.utf16)
            for (a, b) in zip(units, otherUnits) where a != b { return .int(Int(a) - Int(b)) }
            return .int(units.count - otherUnits.count)
        default:
            return nil
        }
    }

    /// `replace` takes any CharSequence; Velocity would pass a char or a string.
    private static func replaceArgument(_ value: VTLValue, _ evaluator: VTLEvaluator) throws(VTLError) -> String? {
        if case .string(let string) = value { return string }
        return nil
    }

    /// Java's `String.split`: a limit of 0 drops trailing empty strings, a positive limit caps
    /// the number of pieces, and a zero-width match at the start makes no leading empty piece.
    private static func split(_ string: String, _ pattern: String, limit: Int) throws(VTLError) -> [String] {
        let expression = try regex(pattern)
        let source = string as NSString
        var pieces: [String] = []
        var start = 0
        for match in try matches(expression, in: string) {
            if limit > 0, pieces.count == limit - 1 { break }
            if match.range.length == 0 && match.range.location == 0 { continue }
            if match.range.length == 0 && match.range.location >= source.length { break }
            pieces.append(source.substring(with: NSRange(location: start, length: match.range.location - start)))
            start = match.range.location + match.range.length
        }
        pieces.append(source.substring(from: start))
        if limit == 0 {
            while let last = pieces.last, last.isEmpty, pieces.count > 0 {
                pieces.removeLast()
            }
            if pieces.isEmpty, string.isEmpty { return [""] }
        }
        return pieces
    }

    // MARK: Maps

    private static func mapMethod(_ name: String, _ map: VTLMap, _ arguments: [VTLValue], _ evaluator: VTLEvaluator) throws(VTLError) -> VTLValue? {
        func key(_ value: VTLValue) throws(VTLError) -> String { try evaluator.text(of: value) }
        switch (name, arguments.count) {
        case ("get", 1): return map[try key(arguments[0])] ?? .null
        case ("getOrDefault", 2): return map[try key(arguments[0])] ?? arguments[1]
        case ("put", 2):
            let name = try key(arguments[0])
            let previous = map[name] ?? .null
            if map[name] == nil { try evaluator.checkCollection(map.count + 1) }
            map[name] = arguments[1]
            return previous
        case ("putAll", 1):
            guard case .map(let other) = arguments[0] else { return nil }
            try evaluator.checkCollection(map.count + other.count)
            for (key, value) in other.entries { map[key] = value }
            return .null
        case ("containsKey", 1): return .bool(map[try key(arguments[0])] != nil)
        case ("containsValue", 1):
            return .bool(map.entries.contains { VTLOperations.javaEquals($0.value, arguments[0]) })
        case ("remove", 1):
            let name = try key(arguments[0])
            let previous = map[name] ?? .null
            map[name] = nil
            return previous
        case ("keySet", 0): return .list(VTLList(map.keys.map { .string($0) }))
        case ("values", 0): return .list(VTLList(map.entries.map(\.value)))
        case ("entrySet", 0): return .list(VTLList(map.keys.map { .object(VTLMapEntry(map: map, key: $0)) }))
        case ("size", 0): return .int(map.count)
        case ("isEmpty", 0): return .bool(map.count == 0)
        case ("clear", 0):
            map.removeAll()
            return .null
        default: return nil
        }
    }

    // MARK: Lists

    private static func listMethod(_ name: String, _ list: VTLList, _ arguments: [VTLValue], _ evaluator: VTLEvaluator) throws(VTLError) -> VTLValue? {
        func checkedIndex(_ value: VTLValue, allowingEnd: Bool = false) throws(VTLError) -> Int? {
            guard let index = integer(value) else { return nil }
            let bound = list.elements.count + (allowingEnd ? 1 : 0)
            guard index >= 0, index < bound else {
                throw outOfRange("IndexOutOfBoundsException", "Index \(index) out of bounds for length \(list.elements.count)")
            }
            return index
        }
        switch (name, arguments.count) {
        case ("get", 1):
            guard let index = try checkedIndex(arguments[0]) else { return nil }
            return list.elements[index]
        case ("size", 0): return .int(list.elements.count)
        case ("isEmpty", 0): return .bool(list.elements.isEmpty)
        case ("add", 1):
            try evaluator.checkCollection(list.elements.count + 1)
            list.elements.append(arguments[0])
            return .bool(true)
        case ("add", 2):
            guard let index = try checkedIndex(arguments[0], allowingEnd: true) else { return nil }
            try evaluator.checkCollection(list.elements.count + 1)
            list.elements.insert(arguments[1], at: index)
            return .null
        case ("addAll", 1):
            guard case .list(let other) = arguments[0] else { return nil }
            try evaluator.checkCollection(list.elements.count + other.elements.count)
            list.elements.append(contentsOf: other.elements)
            return .bool(!other.elements.isEmpty)
        case ("set", 2):
            guard let index = try checkedIndex(arguments[0]) else { return nil }
            let previous = list.elements[index]
            list.elements[index] = arguments[1]
            return previous
        case ("contains", 1): return .bool(list.elements.contains { VTLOperations.javaEquals($0, arguments[0]) })
        case ("indexOf", 1):
            return .int(list.elements.firstIndex { VTLOperations.javaEquals($0, arguments[0]) } ?? -1)
        case ("lastIndexOf", 1):
            return .int(list.elements.lastIndex { VTLOperations.javaEquals($0, arguments[0]) } ?? -1)
        case ("remove", 1):
            // An Integer argument picks remove(int index), as Java's overload resolution does.
            if case .int = arguments[0] {
                guard let index = try checkedIndex(arguments[0]) else { return nil }
                return list.elements.remove(at: index)
            }
            guard let index = list.elements.firstIndex(where: { VTLOperations.javaEquals($0, arguments[0]) }) else { return .bool(false) }
            list.elements.remove(at: index)
            return .bool(true)
        case ("clear", 0):
            list.elements.removeAll()
            return .null
        case ("subList", 2):
            guard let from = integer(arguments[0]), let to = integer(arguments[1]) else { return nil }
            guard from >= 0, to <= list.elements.count, from <= to else {
                throw outOfRange("IndexOutOfBoundsException", "fromIndex \(from), toIndex \(to), size \(list.elements.count)")
            }
            return .list(VTLList(Array(list.elements[from..<to])))
        default: return nil
        }
    }
}
