@testable import BrumeLambda
import Testing

@Suite("Aliases, traces and REPORT figures")
struct AliasAndReportTests {
    @Test("an alias routes by weight to its additional version")
    func weightedRouting() {
        let alias = AliasRecord(name: "live", functionName: "f", functionVersion: "1", description: "",
                                additionalVersionWeights: ["2": 0.25], revisionID: "r")
        #expect(alias.pickVersion(random: 0.1) == "2")
        #expect(alias.pickVersion(random: 0.25) == "1")
        #expect(alias.pickVersion(random: 0.9) == "1")
        let plain = AliasRecord(name: "live", functionName: "f", functionVersion: "3", description: "", additionalVersionWeights: [:], revisionID: "r")
        #expect(plain.pickVersion(random: 0) == "3")
    }

    @Test("alias names are word characters and hyphens, not only digits", arguments: [("live", true), ("prod-2", true), ("12", false), ("", false), ("a b", false)])
    func aliasNames(name: String, valid: Bool) {
        #expect(AliasRecord.isValidName(name) == valid)
    }

    @Test("trace headers have AWS's shape")
    func traceHeader() {
        let trace = LambdaService.traceID()
        let parts = trace.split(separator: ";")
        #expect(parts.count == 3)
        #expect(parts[0].hasPrefix("Root=1-") && parts[0].count == "Root=1-".count + 8 + 1 + 24)
        #expect(parts[1].hasPrefix("Parent=") && parts[1].count == "Parent=".count + 16)
        #expect(parts[2] == "Sampled=0")
    }

    @Test("VmHWM is read from a status file's bytes")
    func peakMemory() {
        let status = Array("Name:\tpython3\nVmPeak:\t  20000 kB\nVmHWM:\t   16384 kB\nVmRSS:\t 1 kB\n".utf8)
        #expect(status.withUnsafeBufferPointer(ProcessMemory.parse) == 16384)
        #expect(Array("Name:\tx\n".utf8).withUnsafeBufferPointer(ProcessMemory.parse) == nil)
    }
}
