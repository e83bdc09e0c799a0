/// A value a template works with: what Velocity sees as a Java object.
///
/// Lists and maps are reference types (``VTLList``, ``VTLMap``), as Java's are: `$list.add(1)` or
/// `#set($context.responseOverride.status = 400)` changes the collection every holder of it sees,
/// which is how a caller reads back what a template wrote into a map it supplied.
public enum VTLValue {
    case null
    case bool(Bool)
    /// A Java `Integer`/`Long`; arithmetic that overflows 64 bits turns into a double.
    case int(Int)
    case double(Double)
    case string(String)
    case list(VTLList)
    case map(VTLMap)
    /// Anything with its own properties and methods, such as `$input` or `$util`.
    case object(any VTLObject)

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The map, when this is one.
    public var mapValue: VTLMap? {
        if case .map(let map) = self { return map }
        return nil
    }

    /// The list, when this is one.
    public var listValue: VTLList? {
        if case .list(let list) = self { return list }
        return nil
    }

    /// A list of values.
    public static func list(_ values: [VTLValue]) -> VTLValue { .list(VTLList(values)) }

    /// Parses JSON text into values (objects keep their key order).
    ///
    /// - Throws: ``VTLError`` of kind `.runtime` when the text is not JSON.
    public init(json: String) throws(VTLError) {
        self = try VTLJSON.parse(json)
    }

    /// The value as JSON text, compact, as API Gateway's `$input.json` writes it.
    public var json: String { VTLJSON.write(self) }

    /// The text Velocity writes for the value: Java's `toString()` (`{k=v}`, `[a, b]`, `1.0`).
    public var rendered: String { JavaText.render(self) }
}

/// A mutable Java `List`.
public final class VTLList {
    /// The elements, in order.
    public var elements: [VTLValue]

    public init(_ elements: [VTLValue] = []) {
        self.elements = elements
    }
}

/// A mutable, insertion-ordered Java `Map` (a `LinkedHashMap`).
public final class VTLMap {
    /// The keys in insertion order.
    public private(set) var keys: [String] = []
    private var storage: [String: VTLValue] = [:]

    public init() {}

    /// A map of the given entries, in the order given.
    public init(_ entries: KeyValuePairs<String, VTLValue>) {
        for (key, value) in entries { self[key] = value }
    }

    /// A map of string values, in key order, as stage variables and headers arrive.
    public init(strings: [String: String]) {
        for key in strings.keys.sorted() { self[key] = .string(strings[key]!) }
    }

    /// A map of the given entries, in the order given.
    public init(ordered entries: [(String, VTLValue)]) {
        for (key, value) in entries { self[key] = value }
    }

    /// The value under a key; assigning `nil` removes the key.
    public subscript(key: String) -> VTLValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The number of entries.
    public var count: Int { keys.count }

    /// The entries in insertion order.
    public var entries: [(key: String, value: VTLValue)] { keys.map { ($0, storage[$0]!) } }

    /// Empties the map.
    public func removeAll() {
        keys.removeAll()
        storage.removeAll()
    }
}

/// An object with its own properties and methods, which the gateway supplies (`$input`, `$util`)
/// or the engine makes (`$foreach`, map entries).
///
/// `$x.name` asks ``property(_:)`` first, then calls a Java getter (`getName()`); `$x.name(a, b)`
/// calls ``call(_:_:)``. Returning `nil` means the object has no such member, which renders as
/// nothing, as API Gateway renders an unknown reference.
public protocol VTLObject: AnyObject {
    /// The named property, or nil when there is none.
    func property(_ name: String) throws(VTLError) -> VTLValue?
    /// Calls the named method with evaluated arguments; nil when there is no such method.
    func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue?
    /// What `$x` writes (Java's `toString()`).
    func render() throws(VTLError) -> String
}

extension VTLObject {
    public func property(_ name: String) throws(VTLError) -> VTLValue? { nil }
    public func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue? { nil }
    public func render() throws(VTLError) -> String { "\(type(of: self))@\(ObjectIdentifier(self).hashValue)" }
}
