import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// Event notifications: the configuration operations, the events each write emits into the
/// outbox, and `/_brume/s3/notifications`.
extension S3Service {
    func putBucketNotificationConfiguration(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        _ = try store.bucket(bucket)
        let configuration = try NotificationConfiguration.parse(try await request.xmlBody())
        try await validateDestinations(configuration)
        try await store.setNotificationConfiguration(bucket, configuration)
        // S3 tells each queue a configuration now points at it.
        let requestID = request.context.requestID
        let test = NotificationRecord.testEvent(bucket: bucket, requestID: requestID, hostID: requestIDs.extendedID(for: requestID), time: clock.now())
        try await store.enqueueNotifications(Set(configuration.queues.map(\.arn)).sorted().map { ($0, test) }, now: clock.now())
        notificationDoorbell.ring()
        return S3Response.empty()
    }

    func getBucketNotificationConfiguration(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        _ = try store.bucket(bucket)
        var headers = HTTPFields()
        headers[.contentType] = "application/xml"
        let bytes = try store.notificationConfiguration(bucket).document()
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Sets a declared bucket's notifications from the config. Destinations are not checked
    /// here: queues and functions declared in the same file may be created after S3 deploys;
    /// an event for one that never appears waits in the outbox, listed at `/_brume/s3/notifications`.
    func deployNotifications(_ bucket: StackConfig.Bucket) async throws {
        var document = XMLTree(name: "NotificationConfiguration")
        for notification in bucket.notifications {
            let (element, arnElement, arn) = switch notification.destination {
            case .queue(let queue):
                ("QueueConfiguration", "Queue", queue.hasPrefix("arn:") ? queue : "arn:aws:sqs:\(bucket.region ?? config.region):\(config.accountID):\(queue)")
            case .function(let function):
                ("CloudFunctionConfiguration", "CloudFunction",
                 function.hasPrefix("arn:") ? function : "arn:aws:lambda:\(bucket.region ?? config.region):\(config.accountID):function:\(function)")
            }
            var target = XMLTree(name: element, children: [XMLTree(name: arnElement, text: arn)] + notification.events.map { XMLTree(name: "Event", text: $0) })
            if let id = notification.id { target.children.append(XMLTree(name: "Id", text: id)) }
            let rules = [("prefix", notification.prefix), ("suffix", notification.suffix)].compactMap { name, value in
                value.map { XMLTree(name: "FilterRule", children: [XMLTree(name: "Name", text: name), XMLTree(name: "Value", text: $0)]) }
            }
            if !rules.isEmpty { target.children.append(XMLTree(name: "Filter", children: [XMLTree(name: "S3Key", children: rules)])) }
            document.children.append(target)
        }
        if bucket.eventBridge { document.children.append(XMLTree(name: "EventBridgeConfiguration")) }
        try await store.setNotificationConfiguration(bucket.name, try NotificationConfiguration.parse(document))
    }

    /// Queues `event` (`s3:ObjectCreated:Put`) for every target of the bucket that wants it, and
    /// for EventBridge's default bus when the bucket sends its events there.
    func notify(_ event: String, _ request: S3Request, bucket: String, object: NotificationRecord.Object) async throws {
        let configuration = try store.notificationConfiguration(bucket)
        guard !configuration.isEmpty else { return }
        let targets = (configuration.queues + configuration.functions).filter { $0.matches(event: event, key: object.key) }
        let toEventBridge = configuration.eventBridge == true && EventBridgeRecord.detailType(for: event) != nil
        guard !targets.isEmpty || toEventBridge else { return }
        let owner = try store.bucket(bucket)
        let requestID = request.context.requestID
        let now = clock.now()
        let sequencer = notificationSequencer.next()
        let principal = request.context.caller.accessKeyID.map { "AWS:\($0)" } ?? "ANONYMOUS_PRINCIPAL"
        let sourceIP = request.context.remoteAddress?.ipAddress ?? "127.0.0.1"
        var events = targets.map { target in
            (target.arn, NotificationRecord.event(
                name: event, bucket: bucket, bucketOwner: owner.accountID, region: owner.region, object: object, configurationID: target.id,
                principal: principal, sourceIP: sourceIP, requestID: requestID, hostID: requestIDs.extendedID(for: requestID), time: now,
                sequencer: sequencer
            ))
        }
        if toEventBridge, let record = EventBridgeRecord.event(
            name: event, bucket: bucket, account: owner.accountID, region: owner.region, object: object,
            requester: request.context.caller.accountID, sourceIP: sourceIP, requestID: requestID, time: now, sequencer: sequencer
        ) {
            events.append((EventBridgeRecord.defaultBusARN(account: owner.accountID, region: owner.region), record))
        }
        try await store.enqueueNotifications(events, now: now)
        notificationDoorbell.ring()
    }

    /// S3 refuses a configuration whose destination does not exist.
    private func validateDestinations(_ configuration: NotificationConfiguration) async throws {
        for (target, kind) in configuration.queues.map({ ($0, "queue") }) + configuration.functions.map({ ($0, "Lambda function") })
        where await !destinationExists(target.arn) {
            throw S3Error.invalidArgument("Unable to validate the following destination configurations", name: target.arn,
                                          value: "The destination \(kind) does not exist")
        }
    }

    /// Asks SQS (GetQueueUrl) or Lambda (GetFunctionConfiguration) through the edge.
    private func destinationExists(_ arn: String) async -> Bool {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let response: EdgeClient.Response?
        if parts.count == 6, parts[2] == "sqs" {
            response = try? await notificationClient.send(
                service: "sqs", method: "POST", path: "/",
                headers: [("X-Amz-Target", "AmazonSQS.GetQueueUrl"), ("Content-Type", "application/x-amz-json-1.0")],
                body: JSONValue.object(["QueueName": .string(parts[5]), "QueueOwnerAWSAccountId": .string(parts[4])]).serialized,
                timeout: .seconds(10)
            )
        } else if parts.count >= 7, parts[2] == "lambda" {
            response = try? await notificationClient.send(
                service: "lambda", method: "GET", path: "/2015-03-31/functions/\(parts[6...].joined(separator: ":"))/configuration",
                timeout: .seconds(10)
            )
        } else {
            response = nil
        }
        return response?.status == 200
    }

    /// `/_brume/s3/notifications`: events not delivered yet, and those given up, with the reason.
    public func internalResponse(to request: Request, path: [Substring]) async throws -> Response? {
        guard request.method == .get, path == ["notifications"] else { return nil }
        let entries = try await store.undeliveredNotifications()
        let data = try JSONSerialization.data(withJSONObject: ["notifications": entries], options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
