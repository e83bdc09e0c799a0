@testable import BrumeCore
import Foundation
import Testing

@Suite("Declared functions")
struct FunctionConfigTests {
    /// A config file in a fresh folder with a `fn/` code directory beside it.
    func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brume-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fn"), withIntermediateDirectories: true)
        return folder
    }

    @Test("functions are read with their code directory resolved against the config file")
    func declared() throws {
        let folder = try folder()
        let config = try StackConfig.parse(yaml: """
            resources:
              functions:
                - name: ingest
                  code: ./fn
                  runtime: python3.12
                  handler: app.handler
                  environment: { STAGE: dev }
                  timeout: 30
                  memory: 256
                  concurrency: 4
                  event_sources:
                    - queue: work.fifo
                      batch_size: 5
                      batching_window: 2
                      report_batch_item_failures: true
                      maximum_concurrency: 3
            """, file: folder.appendingPathComponent("localstack.yml").path)
        let function = try #require(config.resources.functions.first)
        #expect(function.code == folder.appendingPathComponent("fn").standardizedFileURL.path)
        #expect(function.environment == ["STAGE": "dev"])
        #expect(function.timeout == 30 && function.memory == 256 && function.concurrency == 4)
        #expect(function.eventSources == [.init(queue: "work.fifo", batchSize: 5, batchingWindow: 2, reportBatchItemFailures: true,
                                                maximumConcurrency: 3)])
    }

    @Test("a missing directory, a missing key or a bad value names the key", arguments: [
        ("code: ./nope\n      runtime: python3.12\n      handler: a.b", "resources.functions[0].code"),
        ("code: ./fn\n      handler: a.b", "resources.functions[0]"),
        ("code: ./fn\n      runtime: python3.12\n      handler: a.b\n      timeout: 0", "resources.functions[0].timeout"),
        ("code: ./fn\n      runtime: python3.12\n      handler: a.b\n      event_sources: [{ queue: q, report_batch_item_failures: maybe }]",
         "resources.functions[0].event_sources[0].report_batch_item_failures"),
    ])
    func invalid(body: String, key: String) throws {
        let folder = try folder()
        let yaml = "resources:\n  functions:\n    - name: f\n      \(body)\n"
        #expect {
            try StackConfig.parse(yaml: yaml, file: folder.appendingPathComponent("localstack.yml").path)
        } throws: { error in
            (error as? ConfigError)?.key == key
        }
    }
}

@Suite("Lambda service settings")
struct LambdaServiceConfigTests {
    @Test("account_concurrency is read for lambda and refused elsewhere")
    func accountConcurrency() throws {
        let config = try StackConfig.parse(yaml: "services:\n  lambda: { account_concurrency: 25 }\n", file: "localstack.yml")
        #expect(config.services["lambda"]?.accountConcurrency == 25)
        #expect(throws: ConfigError.self) { try StackConfig.parse(yaml: "services:\n  sqs: { account_concurrency: 25 }\n", file: "x.yml") }
        #expect(throws: ConfigError.self) { try StackConfig.parse(yaml: "services:\n  lambda: { account_concurrency: 0 }\n", file: "x.yml") }
    }
}

@Suite("Declared bucket notifications")
struct BucketNotificationConfigTests {
    @Test("a bucket's notifications name a queue or a function, events and filters")
    func declared() throws {
        let config = try StackConfig.parse(yaml: """
            resources:
              buckets:
                - name: raw
                  notifications:
                    - { id: csv, queue: uploads, events: ["s3:ObjectCreated:*"], prefix: in/, suffix: .csv }
                    - { function: normalise, events: ["s3:ObjectRemoved:Delete"] }
            """, file: "localstack.yml")
        let notifications = try #require(config.resources.buckets.first).notifications
        #expect(notifications == [
            .init(id: "csv", destination: .queue("uploads"), events: ["s3:ObjectCreated:*"], prefix: "in/", suffix: ".csv"),
            .init(destination: .function("normalise"), events: ["s3:ObjectRemoved:Delete"]),
        ])
    }

    @Test("both or neither destination, and missing events, are errors", arguments: [
        "{ queue: q, function: f, events: [x] }", "{ events: [x] }", "{ queue: q }", "{ queue: q, events: [] }",
    ])
    func invalid(entry: String) {
        #expect(throws: ConfigError.self) {
            try StackConfig.parse(yaml: "resources:\n  buckets:\n    - name: raw\n      notifications:\n        - \(entry)\n", file: "x.yml")
        }
    }
}
