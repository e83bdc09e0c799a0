#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Runs a Swift handler as a Lambda function using the Lambda Runtime API.
///
/// Build an executable named `bootstrap` whose `main` calls one of the `run`
/// functions, and deploy it with the `provided.al2023` runtime. The executable
/// uses only the standard Runtime API, so it runs unchanged on AWS Lambda and
/// on local emulators:
///
/// ```swift
/// import BrumeFunction
///
/// struct Order: Decodable { let id: String }
/// struct Receipt: Encodable { let ok: Bool }
///
/// @main struct Main {
///     static func main() async throws {
///         try await FunctionRuntime.run { (order: Order, context: FunctionContext) async throws -> Receipt in
///             context.log("got \(order.id)")
///             return Receipt(ok: true)
///         }
///     }
/// }
/// ```
///
/// ## Variants
/// - ``run(decoder:encoder:_:)``: JSON in, JSON out, via `Codable`.
/// - ``runRaw(_:)``: payload bytes in, response bytes out, no JSON involved.
/// - ``run(decoder:encoder:initialize:handler:)`` and
///   ``runRaw(initialize:handler:)``: additionally run an `initialize` closure
///   once, before the first event (open clients, load configuration), and pass
///   its result to every handler call.
///
/// Each has a synchronous twin, for a synchronous `main` and handler; both
/// behave identically. In an `async` context, mark a handler closure `async`
/// (as in the examples) when using the `initialize:` variants: otherwise Swift's
/// overload ranking picks the synchronous twin, which works the same but draws
/// a "no 'async' operations occur within 'await'" warning.
///
/// ## Errors
/// - A handler that throws fails only that invoke. It is reported with
///   `errorType` = the error's module-qualified Swift type name (e.g.
///   `Orders.PaymentError`) and `errorMessage` = `String(describing: error)`.
///   Payloads that do not decode, and outputs that do not encode, are reported
///   as ``FunctionError``.
/// - An `initialize` closure that throws is reported as an init error, and the
///   process exits with status 1.
/// - The `run` functions never return. They throw a ``FunctionRuntimeError``
///   only if the runtime cannot continue: `AWS_LAMBDA_RUNTIME_API` is unset or
///   invalid (the executable was not started by a Lambda runtime), or the
///   Runtime API connection failed or replied with a server error. Letting that
///   error end `main` is the intended reaction.
///
/// ## Isolation
/// The `async` entry points are `nonisolated(nonsending)`: the loop runs on the
/// caller's actor (the main actor, when called from `main`), so handler and
/// `initialize` closures may capture non-`Sendable` state and need not be
/// `@Sendable`. Invocations are handled strictly one at a time, as Lambda
/// sends them.
///
/// ## Logging
/// `print()` output and ``FunctionContext/log(_:)`` lines go to the function's
/// log. Standard output is switched to line buffering at startup, so printed
/// lines appear immediately even though stdout is a pipe.
public enum FunctionRuntime {
    /// Runs `handler` for every event, decoding each payload as JSON into
    /// `Event` and encoding the returned `Output` as the JSON response.
    ///
    /// - Parameters:
    ///   - decoder: Decodes event payloads. Configure it for custom date or key
    ///     strategies.
    ///   - encoder: Encodes handler results.
    ///   - handler: Called once per invoke, one invoke at a time.
    nonisolated(nonsending) public static func run<Event: Decodable, Output: Encodable>(
        decoder: JSONDecoder = JSONDecoder(),
        encoder: JSONEncoder = JSONEncoder(),
        _ handler: (Event, FunctionContext) async throws -> Output
    ) async throws -> Never {
        try await RuntimeLoop().run(initialize: {}) { _, payload, context in
            try JSONCoding.encode(try await handler(JSONCoding.decode(payload, using: decoder), context), using: encoder)
        }
    }

    /// Calls `initialize` once, then runs `handler` for every event with its
    /// result, decoding payloads as JSON into `Event` and encoding each
    /// `Output` as the JSON response.
    ///
    /// ```swift
    /// try await FunctionRuntime.run {
    ///     try await Database.connect()          // once per process
    /// } handler: { (db: Database, order: Order, context: FunctionContext) async throws -> Receipt in
    ///     try await db.save(order)
    ///     return Receipt(ok: true)
    /// }
    /// ```
    ///
    /// If `initialize` throws, the error is reported to `/runtime/init/error`
    /// and the process exits with status 1.
    nonisolated(nonsending) public static func run<State, Event: Decodable, Output: Encodable>(
        decoder: JSONDecoder = JSONDecoder(),
        encoder: JSONEncoder = JSONEncoder(),
        initialize: () async throws -> State,
        handler: (State, Event, FunctionContext) async throws -> Output
    ) async throws -> Never {
        try await RuntimeLoop().run(initialize: initialize) { state, payload, context in
            try JSONCoding.encode(
                try await handler(state, JSONCoding.decode(payload, using: decoder), context), using: encoder)
        }
    }

    /// Runs `handler` for every event with the raw payload bytes, and sends the
    /// returned bytes as the response, unmodified.
    ///
    /// Use this for non-JSON payloads, or to pick your own serialisation.
    nonisolated(nonsending) public static func runRaw(
        _ handler: ([UInt8], FunctionContext) async throws -> [UInt8]
    ) async throws -> Never {
        try await RuntimeLoop().run(initialize: {}) { _, payload, context in
            try await handler(payload, context)
        }
    }

    /// Calls `initialize` once, then runs `handler` for every event with its
    /// result and the raw payload bytes; the returned bytes are the response.
    ///
    /// If `initialize` throws, the error is reported to `/runtime/init/error`
    /// and the process exits with status 1.
    nonisolated(nonsending) public static func runRaw<State>(
        initialize: () async throws -> State,
        handler: (State, [UInt8], FunctionContext) async throws -> [UInt8]
    ) async throws -> Never {
        try await RuntimeLoop().run(initialize: initialize, handler: handler)
    }
}

/// JSON conversion for the `Codable` entry points, mapping failures onto the
/// documented ``FunctionError`` cases.
enum JSONCoding {
    static func decode<Event: Decodable>(_ payload: [UInt8], using decoder: JSONDecoder) throws(FunctionError) -> Event {
        do {
            return try decoder.decode(Event.self, from: Data(payload))
        } catch {
            throw FunctionError.decoding(Event.self, error)
        }
    }

    static func encode<Output: Encodable>(_ output: Output, using encoder: JSONEncoder) throws(FunctionError) -> [UInt8] {
        do {
            return Array(try encoder.encode(output))
        } catch {
            throw FunctionError.encoding(Output.self, error)
        }
    }
}
