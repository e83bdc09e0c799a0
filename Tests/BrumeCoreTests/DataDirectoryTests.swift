import BrumeCore
import Foundation
import Testing

@Suite("Data directory")
struct DataDirectoryTests {
    @Test("A second stack cannot open a data directory in use")
    func exclusiveLock() throws {
        let first = try DataDirectory.ephemeral()
        defer { first.close() }
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: first.url.path) }
    }

    @Test("An ephemeral directory is removed when closed")
    func ephemeralRemoved() throws {
        let directory = try DataDirectory.ephemeral()
        let url = directory.url
        #expect(FileManager.default.fileExists(atPath: url.path))
        directory.close()
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
