import Testing
import BrumeFunction
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Compile-time checks that the public API reads the way the documentation
// says. These functions are never called (`run` never returns); the test is
// that this file builds without warnings, using only the public API.

private struct Order: Decodable { let id: String }
private struct Receipt: Encodable { let ok: Bool }
private final class Database {
    func save(_ order: Order) async throws {}
}

@MainActor private var mainActorCounter = 0

private enum AsyncUsage {
    @MainActor static func documentedExample() async throws -> Never {
        try await FunctionRuntime.run { (order: Order, context: FunctionContext) async throws -> Receipt in
            context.log("got \(order.id)")
            return Receipt(ok: true)
        }
    }

    /// Main-actor state may be captured: the loop runs on the caller's actor.
    @MainActor static func capturesMainActorState() async throws -> Never {
        try await FunctionRuntime.run { (order: Order, context: FunctionContext) -> Receipt in
            mainActorCounter += 1
            return Receipt(ok: !order.id.isEmpty)
        }
    }

    static func withInitialization() async throws -> Never {
        try await FunctionRuntime.run {
            Database()
        } handler: { (db: Database, order: Order, context: FunctionContext) async throws -> Receipt in
            try await db.save(order)
            return Receipt(ok: true)
        }
    }

    static func customCoders() async throws -> Never {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        try await FunctionRuntime.run(decoder: decoder) { (order: Order, _: FunctionContext) in
            Receipt(ok: order.id == "1")
        }
    }

    static func rawBytes() async throws -> Never {
        try await FunctionRuntime.runRaw { payload, context in
            context.log("\(payload.count) bytes, \(context.remainingTime) left")
            return payload
        }
    }

    /// With two closures, Swift's overload ranking prefers the synchronous twin
    /// unless a closure is marked `async` (documented on `FunctionRuntime`).
    static func rawBytesWithInitialization() async throws -> Never {
        try await FunctionRuntime.runRaw {
            [UInt8]("prefix:".utf8)
        } handler: { prefix, payload, _ async in
            prefix + payload
        }
    }

    static func localFallback() async throws {
        do {
            try await FunctionRuntime.runRaw { payload, _ in payload }
        } catch FunctionRuntimeError.missingEndpoint {
            print("not running under Lambda")
        }
    }
}

private enum SyncUsage {
    static func codable() throws -> Never {
        try FunctionRuntime.run { (order: Order, _: FunctionContext) throws -> Receipt in
            Receipt(ok: !order.id.isEmpty)
        }
    }

    static func withInitialization() throws -> Never {
        try FunctionRuntime.run {
            ["greeting": "hi"]
        } handler: { (state: [String: String], order: Order, _: FunctionContext) in
            Receipt(ok: state["greeting"] != nil)
        }
    }

    static func rawBytes() throws -> Never {
        try FunctionRuntime.runRaw { payload, _ in payload }
    }
}

@Suite("Public API")
struct APIShapeTests {
    @Test func contextIsConstructibleForHandlerUnitTests() {
        let context = FunctionContext(
            requestID: "test", deadline: Date(timeIntervalSinceNow: 60), functionName: "orders")
        #expect(context.requestID == "test")
        #expect(context.functionName == "orders")
        #expect(context.remainingTime > .seconds(55))
        #expect(context.deadline.timeIntervalSinceNow > 55)
    }
}
