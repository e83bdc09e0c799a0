import BrumeEdge
import Foundation

/// One function version's configuration: `$LATEST`, which UpdateFunctionConfiguration and
/// UpdateFunctionCode change, or a published version, which never changes.
struct FunctionRecord: Codable, Sendable, Equatable {
    var name: String
    var accountID: String
    var region: String
    /// `$LATEST` or a published version number.
    var version: String
    var runtime: String
    var handler: String?
    var role: String
    var description: String
    /// Seconds, 1 to 900.
    var timeout: Int
    /// MiB, 128 to 10240.
    var memorySize: Int
    var environment: [String: String]
    var architectures: [String]
    /// MiB of `/tmp`, 512 to 10240; recorded, not enforced.
    var ephemeralStorage: Int
    var tracingMode: String
    /// The dead-letter target of asynchronous invokes (`DeadLetterConfig.TargetArn`).
    var deadLetterTarget: String?
    var kmsKeyArn: String?
    var logFormat: String
    var logGroup: String
    /// The code: its SHA-256 (base64, as AWS reports it), size, and where it is unpacked.
    var code: CodeArtifact
    var lastModified: Date
    var revisionID: String
    var state: FunctionState
    var stateReason: String?
    var stateReasonCode: String?
    var lastUpdateStatus: String

    /// A new function's `$LATEST` with Lambda's defaults: 3 seconds, 128 MB, x86_64, Text logs
    /// to `/aws/lambda/<name>`, last modified `now` (stack time).
    static func new(name: String, caller: Caller, runtime: String, handler: String, role: String, code: CodeArtifact, now: Date) -> FunctionRecord {
        FunctionRecord(
            name: name, accountID: caller.accountID, region: caller.region, version: "$LATEST", runtime: runtime, handler: handler,
            role: role, description: "", timeout: 3, memorySize: 128, environment: [:], architectures: ["x86_64"], ephemeralStorage: 512,
            tracingMode: "PassThrough", deadLetterTarget: nil, kmsKeyArn: nil, logFormat: "Text", logGroup: "/aws/lambda/\(name)",
            code: code, lastModified: now, revisionID: UUID().uuidString.lowercased(), state: .active, stateReason: nil,
            stateReasonCode: nil, lastUpdateStatus: "Successful"
        )
    }

    /// The unqualified ARN: `arn:aws:lambda:region:account:function:name`.
    var functionARN: String {
        "arn:aws:lambda:\(region):\(accountID):function:\(name)"
    }

    /// The ARN with the version; `$LATEST` is qualified too, as AWS reports it for versions.
    var qualifiedARN: String { "\(functionARN):\(version)" }

    /// The ARN GetFunctionConfiguration reports: unqualified for `$LATEST`.
    var reportedARN: String { version == "$LATEST" ? functionARN : qualifiedARN }
}

/// Where a function's code lives and what it is.
struct CodeArtifact: Codable, Sendable, Equatable {
    /// The base64 SHA-256 of the deployment package (`CodeSha256`).
    var sha256: String
    /// The package's size in bytes (`CodeSize`).
    var size: Int64
    /// The folder the code runs from (`LAMBDA_TASK_ROOT`).
    var folder: String
    /// The deployment package kept for GetFunction, when the code came as a zip.
    var archive: String?
    /// Whether `folder` is a user's directory declared in the config: watched, never deleted.
    var isLocalDirectory: Bool
}

/// The function states AWS reports (`State`).
enum FunctionState: String, Codable, Sendable {
    case pending = "Pending"
    case active = "Active"
    case inactive = "Inactive"
    case failed = "Failed"
}

/// Lambda's own timestamp form: `2024-05-01T12:00:00.000+0000`.
enum LambdaTimestamp {
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds / 1000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(milliseconds % 1000)
        )
    }
}
