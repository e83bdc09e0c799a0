import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation
@testable import BrumeKMS

/// What the service suites share: a data directory of their own (a second ``open()`` reopens
/// it, as a restart does), a manual clock, and the wire's base64 blobs.
protocol KMSServiceSuite {
    var dataDirectory: DataDirectory { get }
    var clock: ManualWallClock { get }
}

extension KMSServiceSuite {
    var caller: Caller { Caller(accessKeyID: "test", accountID: "000000000000", region: "us-east-1") }

    static func makeDataDirectory() throws -> DataDirectory {
        try DataDirectory(path: FileManager.default.temporaryDirectory.appendingPathComponent("kms-tests-\(UUID().uuidString)").path)
    }

    func open() throws -> KMSService {
        try KMSService(config: StackConfig(), dataDirectory: dataDirectory, clock: clock)
    }

    func call(_ input: JSONValue) -> KMSCall { KMSCall(input: KMSInput(input), caller: caller) }

    func b64(_ text: String) -> JSONValue { b64(Array(text.utf8)) }

    func b64(_ bytes: [UInt8]) -> JSONValue { .string(Data(bytes).base64EncodedString()) }

    func bytes(_ value: JSONValue?) -> [UInt8] { [UInt8](Data(base64Encoded: value?.stringValue ?? "") ?? Data()) }
}
