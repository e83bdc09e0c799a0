import BrumeWire
import Foundation

/// CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, PurgeQueue, ListDeadLetterSourceQueues.
extension SQSService {
    func createQueue(_ call: SQSCall) async throws -> JSONValue? {
        let name = try call.input.requiredString("QueueName")
        let attributes = try call.input.stringMap("Attributes")
        try QueueName.validate(name, isFIFO: attributes["FifoQueue"].flatMap(QueueAttributes.parseBool) == true)
        let tags = try call.input.stringMap("tags")
        try TagRules.validate(tags)
        let identity = QueueIdentity(accountID: call.caller.accountID, region: call.caller.region, name: name)
        let queue = try await backend.createQueue(identity, attributes: attributes, tags: tags)
        return ["QueueUrl": .string(call.url(of: queue))]
    }

    func getQueueURL(_ call: SQSCall) async throws -> JSONValue? {
        let name = try call.input.requiredString("QueueName")
        let account = try call.input.string("QueueOwnerAWSAccountId") ?? call.caller.accountID
        let queue = try await backend.queue(QueueIdentity(accountID: account, region: call.caller.region, name: name))
        return ["QueueUrl": .string(call.url(of: queue))]
    }

    func listQueues(_ call: SQSCall) async throws -> JSONValue? {
        let prefix = try call.input.string("QueueNamePrefix")
        let maxResults = try call.input.integer("MaxResults", in: 1...1000)
        let queues = await backend.listQueues(accountID: call.caller.accountID, region: call.caller.region, prefix: prefix)
        let page = try Pagination.page(queues.map(\.name), after: call.input.string("NextToken"), maxResults: maxResults, limit: 1000)
        let byName = Dictionary(uniqueKeysWithValues: queues.map { ($0.name, $0) })
        var output = JSONObject()
        if !page.items.isEmpty { output["QueueUrls"] = .array(page.items.map { .string(call.url(of: byName[$0]!)) }) }
        if let token = page.nextToken { output["NextToken"] = .string(token) }
        return .object(output)
    }

    func listDeadLetterSourceQueues(_ call: SQSCall) async throws -> JSONValue? {
        let queue = try await backend.queue(call.queue())
        let maxResults = try call.input.integer("MaxResults", in: 1...1000)
        let sources = await backend.deadLetterSources(of: queue.arn)
        let page = try Pagination.page(sources.map(\.name), after: call.input.string("NextToken"), maxResults: maxResults, limit: 1000)
        let byName = Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0) })
        var output: JSONObject = ["queueUrls": .array(page.items.map { .string(call.url(of: byName[$0]!)) })]
        if let token = page.nextToken { output["NextToken"] = .string(token) }
        return .object(output)
    }

    func deleteQueue(_ call: SQSCall) async throws -> JSONValue? {
        try await backend.deleteQueue(call.queue())
        return nil
    }

    func purgeQueue(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        try await backend.purge(identity)
        return nil
    }
}

/// Paging by name, as ListQueues and ListDeadLetterSourceQueues page: the token is opaque to
/// clients and names the last item of the previous page.
enum Pagination {
    struct Page {
        let items: [String]
        let nextToken: String?
    }

    /// One page of sorted `names`; without `maxResults` SQS answers up to `limit` and no token.
    static func page(_ names: [String], after token: String?, maxResults: Int?, limit: Int) throws(SQSError) -> Page {
        var remaining = names[...]
        if let token {
            guard let data = Data(base64Encoded: token), let last = String(data: data, encoding: .utf8) else {
                throw .invalidParameterValue("Invalid NextToken value.")
            }
            remaining = remaining.drop { $0 <= last }
        }
        guard let maxResults else { return Page(items: Array(remaining.prefix(limit)), nextToken: nil) }
        let items = Array(remaining.prefix(maxResults))
        let more = remaining.count > maxResults
        return Page(items: items, nextToken: more ? Data(items.last!.utf8).base64EncodedString() : nil)
    }
}
