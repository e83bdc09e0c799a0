import BrumeCore
import Foundation
import Testing

@Suite("Request ids")
struct RequestIDGeneratorTests {
    @Test("Ids are 16 uppercase hex characters and never repeat")
    func uniqueIDs() {
        let generator = RequestIDGenerator()
        let ids = (0..<10_000).map { _ in generator.next() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 16 && $0.allSatisfy { "0123456789ABCDEF".contains($0) } })
    }

    @Test("The extended id is 48 bytes of base64, stable for its request id")
    func extendedID() {
        let generator = RequestIDGenerator()
        let id = generator.next()
        let extended = generator.extendedID(for: id)
        #expect(extended == generator.extendedID(for: id))
        #expect(Data(base64Encoded: extended)?.count == 48)
        #expect(extended != generator.extendedID(for: generator.next()))
    }
}
