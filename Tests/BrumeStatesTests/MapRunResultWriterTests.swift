import BrumeWire
import Foundation
import Testing

@testable import BrumeStates

@Suite("ResultWriter layout")
struct MapRunResultWriterTests {
    private static let mapRunArn = "arn:aws:states:us-east-2:123456789012:mapRun:csvProcess/Map:ad9b5f27-090b-3ac6-9beb-243cd77144a7"
    // Half a millisecond in, so binary rounding cannot move the formatted milliseconds.
    private static let start = Date(timeIntervalSince1970: 1_738_633_790.0995)
    private static let stop = Date(timeIntervalSince1970: 1_738_633_790.1635)

    /// Applies a writer's events to in-memory objects, checking that they follow the protocol.
    private struct Bucket {
        var objects: [String: [UInt8]] = [:]
        var completed: [String: Int] = [:]

        mutating func apply(_ events: [ResultFileEvent]) {
            for event in events {
                switch event {
                case .append(let key, let bytes):
                    #expect(completed[key] == nil, "append to a completed object \(key)")
                    objects[key, default: []] += bytes
                case .complete(let key, let size):
                    #expect(objects[key]?.count == size)
                    completed[key] = size
                }
            }
        }

        func json(_ key: String) throws -> JSONValue {
            try JSONValue.parse(try #require(objects[key]))
        }
    }

    private func child(_ index: Int, _ status: ChildExecutionStatus, output: String? = nil) -> ChildExecutionResult {
        let name = "child-\(index)"
        return ChildExecutionResult(
            executionArn: "arn:aws:states:us-east-2:123456789012:execution:csvProcess/Map:\(name)",
            name: name,
            stateMachineArn: "arn:aws:states:us-east-2:123456789012:stateMachine:csvProcess/Map",
            status: status,
            input: #"{"n":\#(index)}"#,
            output: status == .succeeded ? (output ?? #"{"ok":\#(index)}"#) : nil,
            error: status == .succeeded || status == .pending ? nil : "States.TaskFailed",
            cause: status == .succeeded || status == .pending ? nil : "boom \(index)",
            startDate: status == .pending ? nil : Self.start,
            stopDate: status == .pending ? nil : Self.stop,
            redriveCount: status == .pending ? nil : 0,
            redriveStatus: status == .succeeded ? ChildExecutionResult.succeededRedrive.status : nil,
            redriveStatusReason: status == .succeeded ? ChildExecutionResult.succeededRedrive.reason : nil
        )
    }

    @Test func succeededEntryMatchesAWSsShape() {
        let entry = child(1, .succeeded, output: #"[{"customer_id":"145538"}]"#).entry
        #expect(String(decoding: entry.serialized, as: UTF8.self) == #"{"ExecutionArn":"arn:aws:states:us-east-2:123456789012:execution:csvProcess/Map:child-1","Input":"{\"n\":1}","InputDetails":{"Included":true},"Name":"child-1","Output":"[{\"customer_id\":\"145538\"}]","OutputDetails":{"Included":true},"RedriveCount":0,"RedriveStatus":"NOT_REDRIVABLE","RedriveStatusReason":"Execution is SUCCEEDED and cannot be redriven","StartDate":"2025-02-04T01:49:50.099Z","StateMachineArn":"arn:aws:states:us-east-2:123456789012:stateMachine:csvProcess/Map","Status":"SUCCEEDED","StopDate":"2025-02-04T01:49:50.163Z"}"#)
    }

    @Test func failedEntryHasErrorAndCauseButNoOutput() throws {
        let entry = child(2, .timedOut).entry
        let keys = try #require(entry.objectValue?.keys)
        #expect(keys == ["Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name", "RedriveCount", "StartDate", "StateMachineArn", "Status", "StopDate"])
        #expect(keys == keys.sorted())
        #expect(entry["Status"] == "TIMED_OUT")
        #expect(entry["Error"] == "States.TaskFailed")
    }

    @Test("keys under the prefix", arguments: [
        ("csvProcessJobs", "csvProcessJobs/ad9b5f27-090b-3ac6-9beb-243cd77144a7/"),
        ("jobs/2024/", "jobs/2024/ad9b5f27-090b-3ac6-9beb-243cd77144a7/"),
        ("", "ad9b5f27-090b-3ac6-9beb-243cd77144a7/"),
    ])
    func keys(prefix: String, folder: String) {
        let writer = MapRunResultWriter(bucket: "out", prefix: prefix, mapRunArn: Self.mapRunArn)
        #expect(writer.folder == folder)
        #expect(writer.manifestKey == folder + "manifest.json")
        #expect(writer.resultKey(.succeeded, index: 0) == folder + "SUCCEEDED_0.json")
        #expect(writer.resultKey(.failed, index: 3) == folder + "FAILED_3.json")
        #expect(MapRunResultWriter(bucket: "out", prefix: nil, mapRunArn: Self.mapRunArn).folder == "ad9b5f27-090b-3ac6-9beb-243cd77144a7/")
    }

    @Test func stateOutputPointsAtTheManifest() {
        let writer = MapRunResultWriter(bucket: "amzn-s3-demo-destination-bucket", prefix: "csvProcessJobs", mapRunArn: Self.mapRunArn)
        #expect(writer.stateOutput == [
            "MapRunArn": .string(Self.mapRunArn),
            "ResultWriterDetails": [
                "Bucket": "amzn-s3-demo-destination-bucket",
                "Key": "csvProcessJobs/ad9b5f27-090b-3ac6-9beb-243cd77144a7/manifest.json",
            ],
        ])
    }

    @Test func filesPerStatusAndTheManifest() throws {
        var writer = MapRunResultWriter(bucket: "out", prefix: "jobs", mapRunArn: Self.mapRunArn)
        var bucket = Bucket()
        let children = [child(0, .succeeded), child(1, .failed), child(2, .succeeded), child(3, .aborted), child(4, .timedOut), child(5, .pending)]
        for result in children { bucket.apply(writer.add(result)) }
        let (events, manifest) = writer.finish()
        bucket.apply(events)

        let folder = "jobs/ad9b5f27-090b-3ac6-9beb-243cd77144a7/"
        #expect(Set(bucket.objects.keys) == [folder + "SUCCEEDED_0.json", folder + "FAILED_0.json", folder + "PENDING_0.json"])
        #expect(try bucket.json(folder + "SUCCEEDED_0.json") == .array([children[0].entry, children[2].entry]))
        #expect(try bucket.json(folder + "FAILED_0.json").arrayValue?.compactMap { $0["Status"]?.stringValue } == ["FAILED", "ABORTED", "TIMED_OUT"])
        #expect(try bucket.json(folder + "PENDING_0.json") == .array([children[5].entry]))

        let parsed = try JSONValue.parse(manifest)
        #expect(parsed.objectValue?.keys == ["DestinationBucket", "MapRunArn", "ResultFiles"])
        #expect(parsed["DestinationBucket"] == "out")
        #expect(parsed["MapRunArn"] == .string(Self.mapRunArn))
        #expect(parsed["ResultFiles"]?.objectValue?.keys == ["FAILED", "PENDING", "SUCCEEDED"])
        for category in ResultCategory.allCases {
            let key = folder + "\(category.rawValue)_0.json"
            #expect(parsed["ResultFiles"]?[category.rawValue] == [["Key": .string(key), "Size": .int(Int64(bucket.objects[key]?.count ?? -1))]])
        }
    }

    @Test func familiesWithoutEntriesAreEmptyListsInTheManifest() throws {
        var writer = MapRunResultWriter(bucket: "out", prefix: "p", mapRunArn: Self.mapRunArn)
        var bucket = Bucket()
        bucket.apply(writer.add(child(0, .succeeded)))
        let (events, manifest) = writer.finish()
        bucket.apply(events)
        #expect(bucket.objects.count == 1)
        let files = try JSONValue.parse(manifest)["ResultFiles"]
        #expect(files?["FAILED"] == [])
        #expect(files?["PENDING"] == [])
        #expect(files?["SUCCEEDED"]?.arrayValue?.count == 1)
    }

    @Test func aRunWithNoChildrenHasOnlyTheManifest() throws {
        var writer = MapRunResultWriter(bucket: "out", prefix: "p", mapRunArn: Self.mapRunArn)
        let (events, manifest) = writer.finish()
        #expect(events.isEmpty)
        #expect(try JSONValue.parse(manifest)["ResultFiles"] == ["FAILED": [], "PENDING": [], "SUCCEEDED": []])
    }

    @Test func filesRollOverAtTheMaximumSize() throws {
        let entryBytes = child(0, .succeeded).entry.serialized.count
        // Room for two entries (plus brackets and a comma) but not three.
        let maximum = 2 * entryBytes + 3
        var writer = MapRunResultWriter(bucket: "out", prefix: "p", mapRunArn: Self.mapRunArn, maximumFileBytes: maximum)
        var bucket = Bucket()
        for index in 0..<5 { bucket.apply(writer.add(child(index, .succeeded))) }
        bucket.apply(writer.finish().events)
        let folder = writer.folder
        #expect(bucket.objects.keys.sorted() == (0..<3).map { folder + "SUCCEEDED_\($0).json" })
        #expect(try bucket.json(folder + "SUCCEEDED_0.json").arrayValue?.count == 2)
        #expect(try bucket.json(folder + "SUCCEEDED_2.json").arrayValue?.count == 1)
        for (_, bytes) in bucket.objects { #expect(bytes.count <= maximum) }
        let names = try (0..<3).flatMap { try bucket.json(folder + "SUCCEEDED_\($0).json").arrayValue ?? [] }.map { $0["Name"] }
        #expect(names == (0..<5).map { .string("child-\($0)") })
        // A file is completed as soon as the next one starts, so it can be uploaded early.
        #expect(bucket.completed.count == 3)
    }

    @Test func jsonLinesWritesOneEntryPerLine() throws {
        var writer = MapRunResultWriter(bucket: "out", prefix: "p", mapRunArn: Self.mapRunArn, config: WriterConfig(transformation: .compact, outputType: .jsonl))
        var bucket = Bucket()
        for index in 0..<3 { bucket.apply(writer.add(child(index, .succeeded))) }
        bucket.apply(writer.finish().events)
        let text = String(decoding: try #require(bucket.objects[writer.resultKey(.succeeded, index: 0)]), as: UTF8.self)
        #expect(text == "{\"ok\":0}\n{\"ok\":1}\n{\"ok\":2}\n")
    }

    @Test func transformations() {
        let outputs = [child(0, .succeeded, output: #"[{"a":1},{"a":2}]"#), child(1, .failed), child(2, .succeeded, output: #"{"b":3}"#)]
        let compact = WriterConfig(transformation: .compact).stateOutput(outputs)
        #expect(compact == [[["a": 1], ["a": 2]], outputs[1].entry, ["b": 3]])
        let flatten = WriterConfig(transformation: .flatten).stateOutput(outputs)
        #expect(flatten == [["a": 1], ["a": 2], outputs[1].entry, ["b": 3]])
        let none = WriterConfig(transformation: .none).stateOutput(outputs)
        #expect(none == .array(outputs.map(\.entry)))
        #expect(WriterConfig.exportDefault == WriterConfig(transformation: .none, outputType: .json))
        #expect(WriterConfig.stateOutputDefault.transformation == .compact)
    }

    @Test func flattenSplicesArraysIntoTheFile() throws {
        var writer = MapRunResultWriter(bucket: "out", prefix: "p", mapRunArn: Self.mapRunArn, config: WriterConfig(transformation: .flatten))
        var bucket = Bucket()
        bucket.apply(writer.add(child(0, .succeeded, output: "[1,2]")))
        bucket.apply(writer.add(child(1, .succeeded, output: "[]")))
        bucket.apply(writer.add(child(2, .succeeded, output: "3")))
        bucket.apply(writer.finish().events)
        #expect(try bucket.json(writer.resultKey(.succeeded, index: 0)) == [1, 2, 3])
    }

    @Test func configNames() {
        #expect(WriterConfig.Transformation.allCases.map(\.rawValue) == ["NONE", "COMPACT", "FLATTEN"])
        #expect(WriterConfig.OutputType.allCases.map(\.rawValue) == ["JSON", "JSONL"])
    }

    @Test func manyChildrenStreamWithBoundedEvents() {
        // 100,000 children into 1 MB files: every add yields only that child's bytes (and at most
        // one completed file), so nothing accumulates in the writer but the list of file names.
        var writer = MapRunResultWriter(bucket: "out", prefix: "p", mapRunArn: Self.mapRunArn, maximumFileBytes: 1_000_000)
        var sizes: [String: Int] = [:]
        var completed = 0
        for index in 0..<100_000 {
            let events = writer.add(child(index, index % 10 == 0 ? .failed : .succeeded))
            #expect(events.count <= 3)
            for event in events {
                switch event {
                case .append(let key, let bytes): sizes[key, default: 0] += bytes.count
                case .complete(let key, let size):
                    #expect(sizes[key] == size)
                    completed += 1
                }
            }
        }
        let (events, manifest) = writer.finish()
        completed += events.filter { if case .complete = $0 { true } else { false } }.count
        #expect(completed > 20)
        #expect(sizes.values.allSatisfy { $0 <= 1_000_000 })
        let parsed = try? JSONValue.parse(manifest)
        let listed = (parsed?["ResultFiles"]?["SUCCEEDED"]?.arrayValue?.count ?? 0) + (parsed?["ResultFiles"]?["FAILED"]?.arrayValue?.count ?? 0)
        #expect(listed == completed)
    }
}
