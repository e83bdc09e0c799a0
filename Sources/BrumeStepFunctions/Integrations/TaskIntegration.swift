import BrumeStates

/// A Task resource Brume runs, parsed from its ARN.
///
/// Optimized integrations are `arn:aws:states:::<service>:<action>[.<pattern>]`; AWS SDK
/// integrations are `arn:aws:states:::aws-sdk:<service>:<action>`.
enum TaskIntegration: Equatable, Sendable {
    /// `sqs:sendMessage`, or `sqs:sendMessage.waitForTaskToken` when `callback`.
    case sqsSendMessage(callback: Bool)
    /// `aws-sdk:s3:<operation>`.
    case s3(S3Operation)
    /// `states:startExecution`, `.sync` or `.sync:2`.
    case startExecution(NestedExecutionMode)
    /// `lambda:invoke`, or `lambda:invoke.waitForTaskToken` when `callback`.
    case lambdaInvoke(callback: Bool)
    /// A Lambda function's ARN as the Resource.
    case lambdaFunction(String)

    enum S3Operation: String, Sendable {
        case getObject, putObject
    }

    enum NestedExecutionMode: Sendable {
        /// Returns once the child started.
        case fireAndForget
        /// Waits for the child; its output is a JSON string (`.sync`).
        case sync
        /// Waits for the child; its output is parsed JSON (`.sync:2`).
        case syncJSON
    }

    init?(resource: String) {
        switch resource {
        case "arn:aws:states:::sqs:sendMessage": self = .sqsSendMessage(callback: false)
        case "arn:aws:states:::sqs:sendMessage.waitForTaskToken": self = .sqsSendMessage(callback: true)
        case "arn:aws:states:::states:startExecution": self = .startExecution(.fireAndForget)
        case "arn:aws:states:::states:startExecution.sync": self = .startExecution(.sync)
        case "arn:aws:states:::states:startExecution.sync:2": self = .startExecution(.syncJSON)
        case "arn:aws:states:::lambda:invoke": self = .lambdaInvoke(callback: false)
        case "arn:aws:states:::lambda:invoke.waitForTaskToken": self = .lambdaInvoke(callback: true)
        case _ where Interpreter.isLambdaFunction(resource): self = .lambdaFunction(resource)
        default:
            let prefix = "arn:aws:states:::aws-sdk:s3:"
            guard resource.hasPrefix(prefix), let operation = S3Operation(rawValue: String(resource.dropFirst(prefix.count))) else {
                return nil
            }
            self = .s3(operation)
        }
    }

    /// The integration pattern an EXPRESS machine refuses (`.waitForTaskToken`, `.sync`), if any.
    var expressRefusedPattern: String? {
        switch self {
        case .sqsSendMessage(callback: true), .lambdaInvoke(callback: true): ".waitForTaskToken"
        case .startExecution(.sync), .startExecution(.syncJSON): ".sync"
        default: nil
        }
    }
}
