#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Synchronous twins of the ``FunctionRuntime`` entry points, for a
/// synchronous `main` and handler. Behaviour is identical; the only difference
/// is that no Swift concurrency runtime is involved, which also trims a little
/// off cold start.
///
/// ```swift
/// @main struct Main {
///     static func main() throws {
///         try FunctionRuntime.runRaw { payload, context in payload }
///     }
/// }
/// ```
extension FunctionRuntime {
    /// Synchronous version of the `Codable` ``FunctionRuntime/run(decoder:encoder:_:)``.
    @_disfavoredOverload
    public static func run<Event: Decodable, Output: Encodable>(
        decoder: JSONDecoder = JSONDecoder(),
        encoder: JSONEncoder = JSONEncoder(),
        _ handler: (Event, FunctionContext) throws -> Output
    ) throws -> Never {
        try RuntimeLoop().run(initialize: {}) { _, payload, context in
            try JSONCoding.encode(try handler(JSONCoding.decode(payload, using: decoder), context), using: encoder)
        }
    }

    /// Synchronous version of ``run(decoder:encoder:initialize:handler:)``.
    @_disfavoredOverload
    public static func run<State, Event: Decodable, Output: Encodable>(
        decoder: JSONDecoder = JSONDecoder(),
        encoder: JSONEncoder = JSONEncoder(),
        initialize: () throws -> State,
        handler: (State, Event, FunctionContext) throws -> Output
    ) throws -> Never {
        try RuntimeLoop().run(initialize: initialize) { state, payload, context in
            try JSONCoding.encode(try handler(state, JSONCoding.decode(payload, using: decoder), context), using: encoder)
        }
    }

    /// Synchronous version of ``runRaw(_:)``.
    @_disfavoredOverload
    public static func runRaw(
        _ handler: ([UInt8], FunctionContext) throws -> [UInt8]
    ) throws -> Never {
        try RuntimeLoop().run(initialize: {}) { _, payload, context in
            try handler(payload, context)
        }
    }

    /// Synchronous version of ``runRaw(initialize:handler:)``.
    @_disfavoredOverload
    public static func runRaw<State>(
        initialize: () throws -> State,
        handler: (State, [UInt8], FunctionContext) throws -> [UInt8]
    ) throws -> Never {
        try RuntimeLoop().run(initialize: initialize, handler: handler)
    }
}
