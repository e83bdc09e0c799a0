import BrumeWire
import Foundation

/// A bucket's event notifications: which events go to which SQS queues and Lambda functions,
/// optionally filtered by key prefix and suffix, and whether every event also goes to
/// EventBridge (`NotificationConfiguration`).
struct NotificationConfiguration: Codable, Sendable, Equatable {
    var queues: [Target] = []
    var functions: [Target] = []
    /// `EventBridgeConfiguration`: every object event goes to the default event bus. Optional
    /// so configurations stored before it existed still decode.
    var eventBridge: Bool?

    /// One `QueueConfiguration` or `CloudFunctionConfiguration`.
    struct Target: Codable, Sendable, Equatable {
        var id: String
        var arn: String
        var events: [String]
        var prefix: String?
        var suffix: String?

        /// Whether `event` (`s3:ObjectCreated:Put`) on `key` is one this target wants.
        func matches(event: String, key: String) -> Bool {
            let wanted = events.contains { configured in
                configured == event || (configured.hasSuffix(":*") && event.hasPrefix(String(configured.dropLast())))
            }
            return wanted && key.hasPrefix(prefix ?? "") && key.hasSuffix(suffix ?? "")
        }
    }

    var isEmpty: Bool { queues.isEmpty && functions.isEmpty && eventBridge != true }

    /// The event types S3 accepts in a configuration.
    static let eventTypes: Set<String> = [
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
        "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
        "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
        "s3:ReducedRedundancyLostObject", "s3:Replication:*", "s3:Replication:OperationFailedReplication",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
        "s3:Replication:OperationNotTracked", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
        "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ObjectAcl:Put",
    ]

    /// Parses and checks a `NotificationConfiguration` document as S3 does.
    /// - Throws: `MalformedXML`, or `InvalidArgument` for an unknown event, a bad filter or overlapping targets;
    ///   `NotImplemented` for SNS topics, which Brume has no service for yet.
    static func parse(_ document: XMLTree) throws(S3Error) -> NotificationConfiguration {
        guard document.name == "NotificationConfiguration" else { throw .malformedXML }
        if !document.children(named: "TopicConfiguration").isEmpty {
            throw .notImplemented("SNS topic notifications (TopicConfiguration): Brume has no SNS yet")
        }
        var configuration = NotificationConfiguration()
        if document.child("EventBridgeConfiguration") != nil { configuration.eventBridge = true }
        configuration.queues = try document.children(named: "QueueConfiguration").map { element throws(S3Error) in
            try target(element, arnElement: "Queue")
        }
        configuration.functions = try document.children(named: "CloudFunctionConfiguration").map { element throws(S3Error) in
            try target(element, arnElement: "CloudFunction")
        }
        try configuration.checkOverlaps()
        return configuration
    }

    private static func target(_ element: XMLTree, arnElement: String) throws(S3Error) -> Target {
        guard let arn = element.child(arnElement)?.text, !arn.isEmpty else { throw .malformedXML }
        // S3 publishes to standard queues only.
        if arnElement == "Queue", arn.hasSuffix(".fifo") {
            throw .invalidArgument("Unable to validate the following destination configurations", name: arn,
                                   value: "FIFO SQS queues are not supported as event notification destinations")
        }
        let events = element.children(named: "Event").map(\.text)
        guard !events.isEmpty else { throw .malformedXML }
        for event in events where !eventTypes.contains(event) {
            throw .invalidArgument("The event is not supported for notifications", name: "Event", value: event)
        }
        var target = Target(id: element.child("Id")?.text ?? Self.generatedID(), arn: arn, events: events)
        for rule in element.child("Filter")?.child("S3Key")?.children(named: "FilterRule") ?? [] {
            let name = rule.child("Name")?.text.lowercased() ?? ""
            let value = rule.child("Value")?.text ?? ""
            switch name {
            case "prefix" where target.prefix == nil: target.prefix = value
            case "suffix" where target.suffix == nil: target.suffix = value
            case "prefix", "suffix":
                throw .invalidArgument("Cannot specify more than one \(name) rule in a filter.", name: "FilterRule", value: name)
            default:
                throw .invalidArgument("filter rule name must be either prefix or suffix", name: "FilterRule", value: name)
            }
        }
        return target
    }

    /// S3 refuses two targets that could both get the same event for the same key.
    private func checkOverlaps() throws(S3Error) {
        let all = queues + functions
        for (index, first) in all.enumerated() {
            for second in all[(index + 1)...] {
                let sharedEvent = first.events.contains { event in
                    second.events.contains { other in
                        event == other || (event.hasSuffix(":*") && other.hasPrefix(String(event.dropLast())))
                            || (other.hasSuffix(":*") && event.hasPrefix(String(other.dropLast())))
                    }
                }
                let prefixes = Self.overlap(first.prefix ?? "", second.prefix ?? "") { $0.hasPrefix($1) }
                let suffixes = Self.overlap(first.suffix ?? "", second.suffix ?? "") { $0.hasSuffix($1) }
                if sharedEvent, prefixes, suffixes {
                    throw .invalidArgument("Configurations overlap. Configurations on the same bucket cannot share a common event type.",
                                           name: "Event", value: first.events.joined(separator: ","))
                }
            }
        }
    }

    private static func overlap(_ left: String, _ right: String, _ contains: (String, String) -> Bool) -> Bool {
        contains(left, right) || contains(right, left)
    }

    /// The document GetBucketNotificationConfiguration returns.
    func document() -> [UInt8] {
        var xml = XMLWriter()
        xml.element("NotificationConfiguration", namespace: "http://s3.amazonaws.com/doc/2006-03-01/") { xml in
            for queue in queues { Self.write(queue, element: "QueueConfiguration", arnElement: "Queue", into: &xml) }
            for function in functions { Self.write(function, element: "CloudFunctionConfiguration", arnElement: "CloudFunction", into: &xml) }
            if eventBridge == true { xml.element("EventBridgeConfiguration") { _ in } }
        }
        return xml.bytes
    }

    private static func write(_ target: Target, element: String, arnElement: String, into xml: inout XMLWriter) {
        xml.element(element) { xml in
            xml.element("Id", target.id)
            xml.element(arnElement, target.arn)
            for event in target.events { xml.element("Event", event) }
            if target.prefix != nil || target.suffix != nil {
                xml.element("Filter") { xml in
                    xml.element("S3Key") { xml in
                        for (name, value) in [("Prefix", target.prefix), ("Suffix", target.suffix)] {
                            guard let value else { continue }
                            xml.element("FilterRule") { xml in
                                xml.element("Name", name)
                                xml.element("Value", value)
                            }
                        }
                    }
                }
            }
        }
    }

    /// An id for a configuration sent without one, as S3 makes up.
    static func generatedID() -> String {
        (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 36) }.joined().prefix(48).description
    }
}
