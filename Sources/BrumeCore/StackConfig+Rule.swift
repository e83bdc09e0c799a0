extension StackConfig {
    /// An EventBridge rule created at start (`resources.rules`), with its targets.
    ///
    /// The file is the source of truth: at each start the rule is put again and its targets
    /// replaced, as PutRule and PutTargets would.
    public struct Rule: Sendable, Equatable {
        public var name: String
        /// The event bus; `default` when absent.
        public var bus: String?
        /// The event pattern as JSON text (written as a YAML mapping in the file).
        public var pattern: String?
        public var description: String?
        /// `false` creates the rule DISABLED.
        public var enabled: Bool
        public var targets: [Target]

        public init(name: String, bus: String? = nil, pattern: String? = nil, description: String? = nil, enabled: Bool = true,
                    targets: [Target] = []) {
            self.name = name
            self.bus = bus
            self.pattern = pattern
            self.description = description
            self.enabled = enabled
            self.targets = targets
        }

        /// One target: a queue, a function or a state machine, by name (in the stack's account
        /// and region) or by ARN, and how the event is shaped for it.
        public struct Target: Sendable, Equatable {
            public enum Destination: Sendable, Equatable {
                case queue(String)
                case function(String)
                case stateMachine(String)
            }

            public var id: String
            public var destination: Destination
            /// A constant JSON input (`Input`), as JSON text.
            public var input: String?
            /// `InputPath`.
            public var inputPath: String?
            /// `InputTransformer`: `InputPathsMap` and `InputTemplate`.
            public var inputTransformer: InputTransformer?
            /// `SqsParameters.MessageGroupId`, for FIFO queues.
            public var messageGroupID: String?
            /// `DeadLetterConfig.Arn`: a queue name or ARN.
            public var deadLetterQueue: String?

            public init(id: String, destination: Destination, input: String? = nil, inputPath: String? = nil,
                        inputTransformer: InputTransformer? = nil, messageGroupID: String? = nil, deadLetterQueue: String? = nil) {
                self.id = id
                self.destination = destination
                self.input = input
                self.inputPath = inputPath
                self.inputTransformer = inputTransformer
                self.messageGroupID = messageGroupID
                self.deadLetterQueue = deadLetterQueue
            }
        }

        /// A target's `InputTransformer`.
        public struct InputTransformer: Sendable, Equatable {
            public var pathsMap: [String: String]
            public var template: String
            public init(pathsMap: [String: String], template: String) {
                self.pathsMap = pathsMap
                self.template = template
            }
        }
    }
}
