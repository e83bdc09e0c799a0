import BrumeWire
import Hummingbird

/// Put/Get/DeleteFunctionConcurrency and GetAccountSettings.
extension LambdaService {
    /// AWS keeps 100 of the account's concurrency unreserved (so an account whose quota is
    /// 100 or less can reserve none, as on AWS).
    static let minimumUnreservedConcurrency = 100

    @Sendable func putFunctionConcurrency(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference(allowsQualifier: false)
        _ = try await backend.resolve(reference, caller: call.caller)
        let input = try call.input()
        guard let reserved = try input.int("ReservedConcurrentExecutions") else {
            throw LambdaError.validation("1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null")
        }
        guard reserved >= 0 else {
            throw LambdaError.validation("1 validation error detected: Value '\(reserved)' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0")
        }
        let others = await backend.totalReservedConcurrency(excluding: reference.name)
        if Self.accountConcurrency(config) - others - reserved < Self.minimumUnreservedConcurrency {
            throw LambdaError.invalidParameterValue(
                "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [\(Self.minimumUnreservedConcurrency)]."
            )
        }
        _ = try await backend.updateShared(reference.name) { function throws(LambdaError) in function.reservedConcurrency = reserved }
        return LambdaResponse.json(.object(["ReservedConcurrentExecutions": .int(Int64(reserved))]))
    }

    @Sendable func getFunctionConcurrency(_ call: LambdaCall) async throws -> Response {
        let (entry, _) = try await backend.resolve(try call.functionReference(allowsQualifier: false), caller: call.caller)
        guard let reserved = entry.stored.reservedConcurrency else { return LambdaResponse.json(.object([:])) }
        return LambdaResponse.json(.object(["ReservedConcurrentExecutions": .int(Int64(reserved))]))
    }

    @Sendable func deleteFunctionConcurrency(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference(allowsQualifier: false)
        _ = try await backend.resolve(reference, caller: call.caller)
        _ = try await backend.updateShared(reference.name) { function throws(LambdaError) in function.reservedConcurrency = nil }
        return LambdaResponse.empty(status: 204)
    }

    @Sendable func getAccountSettings(_ call: LambdaCall) async throws -> Response {
        let functions = await backend.list(allVersions: true)
        let reserved = await backend.totalReservedConcurrency(excluding: "")
        let codeSize = functions.reduce(Int64(0)) { $0 + $1.code.size }
        return LambdaResponse.json(.object([
            "AccountLimit": .object([
                "TotalCodeSize": .int(80_530_636_800),
                "CodeSizeUnzipped": .int(Int64(LambdaLimits.unzippedPackage)),
                "CodeSizeZipped": .int(Int64(LambdaLimits.zippedPackage)),
                "ConcurrentExecutions": .int(Int64(Self.accountConcurrency(config))),
                "UnreservedConcurrentExecutions": .int(Int64(Self.accountConcurrency(config) - reserved)),
            ]),
            "AccountUsage": .object([
                "TotalCodeSize": .int(codeSize),
                "FunctionCount": .int(Int64(Set(functions.map(\.name)).count)),
            ]),
        ]))
    }
}
