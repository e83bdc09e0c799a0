import BrumeWire
import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// Brume's own endpoints under `/_brume/events/`.
///
/// - `GET deliveries`: events accepted but not matched yet, and deliveries not done: pending
///   (with their attempts and last error), on their way to a dead-letter queue, or given up.
/// - `POST aws-events`: events from Brume's own services (S3's `aws.s3` events), which AWS would
///   refuse from PutEvents for their `aws.` source: `{"Events": [<whole event>, ...]}`, each
///   routed on the default bus of its `account` and `region`, written to the same outbox.
extension EventsService {
    public func internalResponse(to request: Request, path: [Substring]) async throws -> Response? {
        switch (request.method, path) {
        case (.get, ["deliveries"]):
            return try await deliveriesResponse()
        case (.post, ["aws-events"]):
            return try await acceptServiceEvents(request)
        default:
            return nil
        }
    }

    private func deliveriesResponse() async throws -> Response {
        let (accepted, deliveries) = try await store.undelivered()
        let output: JSONValue = [
            "accepted": .array(accepted.map { event in
                ["eventBus": .string(EventsNames.busARN(event.bus)), "event": .string(event.event),
                 "receivedAt": .string(AWSTimestamp.iso8601(event.receivedAt))]
            }),
            "deliveries": .array(deliveries.map { delivery in
                var object: JSONObject = [
                    "eventId": .string(delivery.eventID), "rule": .string(delivery.ruleARN), "targetId": .string(delivery.targetID),
                    "target": .string(delivery.targetARN), "state": .string(delivery.state.rawValue), "attempts": .int(Int64(delivery.attempts)),
                    "input": .string(delivery.input), "event": .string(delivery.event),
                    "receivedAt": .string(AWSTimestamp.iso8601(delivery.receivedAt)),
                ]
                if let code = delivery.lastErrorCode { object["errorCode"] = .string(code) }
                if let message = delivery.lastError { object["errorMessage"] = .string(message) }
                if let dlq = delivery.deadLetterARN { object["deadLetterQueue"] = .string(dlq) }
                if let condition = delivery.exhaustedCondition { object["exhaustedRetryCondition"] = .string(condition) }
                return .object(object)
            }),
        ]
        return json(output, status: .ok)
    }

    private func acceptServiceEvents(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maximumRequestSize)
        guard let document = try? JSONValue.parse(body.readableBytesView), let events = document["Events"]?.arrayValue else {
            return json(["message": "expected {\"Events\": [...]}"], status: .badRequest)
        }
        var accepted: [(bus: BusKey, event: String)] = []
        for event in events {
            guard let account = event["account"]?.stringValue, let region = event["region"]?.stringValue, event["source"] != nil,
                  event["detail-type"] != nil else {
                return json(["message": "each event needs account, region, source and detail-type"], status: .badRequest)
            }
            accepted.append((BusKey(account: account, region: region, name: EventsNames.defaultBus), String(decoding: event.serialized, as: UTF8.self)))
        }
        try await store.accept(accepted, at: clock.now())
        doorbell.ring()
        return json(["Accepted": .int(Int64(accepted.count))], status: .ok)
    }

    private func json(_ value: JSONValue, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized)))
    }
}
