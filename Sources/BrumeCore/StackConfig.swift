public import Foundation

/// The stack described by `localstack.yml`: where it listens, who may call it, what runs, and
/// what exists at start.
///
/// Every field has a default, so an empty file (or no file) describes a working stack: S3 on
/// `127.0.0.1:4566`, region `us-east-1`, account `000000000000`, credentials `test`/`test`.
public struct StackConfig: Sendable, Equatable {
    /// The schema version; only `1` exists.
    public var version: Int = 1
    /// A name for the stack, shown in the ready line and `/_brume/health`.
    public var stackName: String = "brume"
    /// The region resources live in when a request does not name one.
    public var region: String = "us-east-1"
    /// The account that owns resources when the access key does not map to another one.
    public var accountID: String = "000000000000"
    /// The edge listener.
    public var edge = Edge()
    /// The data directory, relative to the config file's folder unless absolute.
    public var dataDirectory: String = ".brume"
    /// Whether header signatures are verified.
    public var auth: AuthMode = .relaxed
    /// Access keys and what they sign with.
    public var credentials: [String: Credential] = ["test": Credential(secret: "test", accountID: nil)]
    /// The services this stack runs, by name (`s3`, ...).
    public var services: [String: ServiceConfig] = ["s3": ServiceConfig()]
    /// Resources created at start, idempotently.
    public var resources = Resources()
    /// How much faster than real time the stack clock (``StackClock``) runs, so every wait on
    /// it (Wait states, retries, timeouts, delivery retries, SQS delays) takes
    /// `seconds / timeScale` of real time (`time_scale`, overridden by `BRUME_TIME_SCALE`).
    /// Always greater than zero.
    public var timeScale: Double = 1.0

    public init() {}

    /// The edge host and port.
    public struct Edge: Sendable, Equatable {
        public var host: String = "127.0.0.1"
        public var port: Int = 4566
        public init() {}
    }

    /// How header signatures are treated.
    public enum AuthMode: String, Sendable, Equatable, CaseIterable {
        /// Signatures are parsed for the access key and region but not checked, as every emulator does.
        case relaxed
        /// Header signatures must verify against the configured secret.
        case strict
    }

    /// A secret and, optionally, the account its access key belongs to.
    public struct Credential: Sendable, Equatable {
        public var secret: String
        public var accountID: String?
        public init(secret: String, accountID: String?) {
            self.secret = secret
            self.accountID = accountID
        }
    }

    /// One enabled service.
    public struct ServiceConfig: Sendable, Equatable {
        /// Where the service runs when it is served by a separate `brume serve` process;
        /// `nil` runs it inside the stack.
        public var endpoint: URL?
        /// Lambda only: how many instances may run at once across all functions (AWS's default
        /// account quota is 1,000).
        public var accountConcurrency: Int?
        public init(endpoint: URL? = nil, accountConcurrency: Int? = nil) {
            self.endpoint = endpoint
            self.accountConcurrency = accountConcurrency
        }
    }

    /// Resources declared in the config.
    public struct Resources: Sendable, Equatable {
        public var buckets: [Bucket] = []
        public var queues: [Queue] = []
        public var functions: [Function] = []
        /// EventBridge rules with their targets.
        public var rules: [Rule] = []
        /// API Gateway REST APIs, from OpenAPI files.
        public var apis: [Api] = []
        public init() {}
    }

    /// A function deployed at start from a local directory, which is watched: a change to its
    /// files is live at the next invoke.
    public struct Function: Sendable, Equatable {
        public var name: String
        /// The code directory, absolute (relative paths in the file are resolved against the
        /// config file's folder).
        public var code: String
        public var runtime: String
        public var handler: String
        public var environment: [String: String]
        /// Seconds; Lambda's default is 3.
        public var timeout: Int?
        /// MB; Lambda's default is 128.
        public var memory: Int?
        /// Reserved concurrency.
        public var concurrency: Int?
        /// SQS queues the function consumes (event source mappings).
        public var eventSources: [EventSource] = []

        public init(
            name: String, code: String, runtime: String, handler: String, environment: [String: String] = [:], timeout: Int? = nil,
            memory: Int? = nil, concurrency: Int? = nil
        ) {
            self.name = name
            self.code = code
            self.runtime = runtime
            self.handler = handler
            self.environment = environment
            self.timeout = timeout
            self.memory = memory
            self.concurrency = concurrency
        }

        /// An SQS event source mapping of a declared function.
        public struct EventSource: Sendable, Equatable {
            /// The queue's name (in the stack's account and region) or ARN.
            public var queue: String
            public var batchSize: Int?
            public var batchingWindow: Int?
            public var reportBatchItemFailures: Bool
            public var maximumConcurrency: Int?

            public init(queue: String, batchSize: Int? = nil, batchingWindow: Int? = nil, reportBatchItemFailures: Bool = false,
                        maximumConcurrency: Int? = nil) {
                self.queue = queue
                self.batchSize = batchSize
                self.batchingWindow = batchingWindow
                self.reportBatchItemFailures = reportBatchItemFailures
                self.maximumConcurrency = maximumConcurrency
            }
        }
    }

    /// A queue to create at start. Attributes use SQS's names (`VisibilityTimeout`, `FifoQueue`).
    public struct Queue: Sendable, Equatable {
        public var name: String
        public var attributes: [String: String]
        public var tags: [String: String]
        /// Where messages go after `maxReceiveCount` receives: a queue declared before this one.
        public var deadLetter: DeadLetter?

        public init(name: String, attributes: [String: String] = [:], tags: [String: String] = [:], deadLetter: DeadLetter? = nil) {
            self.name = name
            self.attributes = attributes
            self.tags = tags
            self.deadLetter = deadLetter
        }

        /// The `dead_letter` shorthand for a RedrivePolicy.
        public struct DeadLetter: Sendable, Equatable {
            public var queue: String
            public var maxReceiveCount: Int
            public init(queue: String, maxReceiveCount: Int) {
                self.queue = queue
                self.maxReceiveCount = maxReceiveCount
            }
        }
    }

    /// A bucket to create at start.
    public struct Bucket: Sendable, Equatable {
        public var name: String
        public var region: String?
        public var tags: [String: String]
        /// Event notifications: the bucket's whole configuration, replaced at each start.
        public var notifications: [Notification]
        /// Whether every object event also goes to EventBridge's default bus (`EventBridgeConfiguration`).
        public var eventBridge: Bool
        public init(
            name: String, region: String? = nil, tags: [String: String] = [:], notifications: [Notification] = [], eventBridge: Bool = false
        ) {
            self.name = name
            self.region = region
            self.tags = tags
            self.notifications = notifications
            self.eventBridge = eventBridge
        }

        /// One notification target: a queue or a function (by name, in the stack's account and
        /// region, or by ARN), the S3 event types, and optional key filters.
        public struct Notification: Sendable, Equatable {
            public enum Destination: Sendable, Equatable {
                case queue(String)
                case function(String)
            }

            public var id: String?
            public var destination: Destination
            public var events: [String]
            public var prefix: String?
            public var suffix: String?

            public init(id: String? = nil, destination: Destination, events: [String], prefix: String? = nil, suffix: String? = nil) {
                self.id = id
                self.destination = destination
                self.events = events
                self.prefix = prefix
                self.suffix = suffix
            }
        }
    }

    /// The services Brume knows how to run.
    public static let knownServices: Set<String> = ["apigateway", "events", "iam", "kms", "lambda", "logs", "s3", "sqs", "stepfunctions", "sts"]
}

extension StackConfig {
    /// The account an access key acts for: its configured account, the key itself when it is
    /// twelve digits (as LocalStack users expect), or the stack's account.
    public func account(forAccessKey accessKey: String) -> String {
        if let account = credentials[accessKey]?.accountID { return account }
        if accessKey.count == 12, accessKey.allSatisfy(\.isASCIIDigit) { return accessKey }
        return accountID
    }

    /// The secret an access key signs with, if the key is configured.
    public func secret(forAccessKey accessKey: String) -> String? {
        credentials[accessKey]?.secret
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
