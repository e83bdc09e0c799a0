import BrumeEdge
import Testing

@Suite("EdgeLimits: connection limit from the open-file limit")
struct EdgeLimitsTests {
    @Test("Half the open-file limit, between 32 and 4,096")
    func maximumConnections() {
        #expect(EdgeLimits.maximumConnections(openFileLimit: 1024) == 512)
        #expect(EdgeLimits.maximumConnections(openFileLimit: 1_048_576) == 4096)
        #expect(EdgeLimits.maximumConnections(openFileLimit: 20) == 32)
        #expect(EdgeLimits.maximumConnections(openFileLimit: nil) == 4096)
        #expect(EdgeLimits.maximumConnections > 0)
    }
}
