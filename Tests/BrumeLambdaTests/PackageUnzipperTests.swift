@testable import BrumeLambda
import Foundation
import Testing
import ZIPFoundation

@Suite("Deployment packages unpacked in process")
struct PackageUnzipperTests {
    /// One entry of a zip the test writes with ZIPFoundation.
    enum Item: Sendable {
        case file(String, Data, permissions: UInt16 = 0o644, compressed: Bool = true)
        case directory(String)
        case link(String, target: String)
    }

    /// A scratch folder holding `package.zip` and the `out` destination, removed afterwards.
    final class Scratch {
        let root: URL
        var zip: URL { root.appendingPathComponent("package.zip") }
        var out: URL { root.appendingPathComponent("out") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("brume-unzip-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(at: root)
        }

        func write(_ items: [Item]) throws {
            let archive = try Archive(url: zip, accessMode: .create)
            for item in items {
                switch item {
                case .file(let path, let data, let permissions, let compressed):
                    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), permissions: permissions,
                                         compressionMethod: compressed ? .deflate : .none) { (position: Int64, size: Int) in
                        data.subdata(in: Int(position)..<Int(position) + size)
                    }
                case .directory(let path):
                    try archive.addEntry(with: path, type: .directory, uncompressedSize: 0) { (_: Int64, _: Int) in Data() }
                case .link(let path, let target):
                    let data = Data(target.utf8)
                    try archive.addEntry(with: path, type: .symlink, uncompressedSize: Int64(data.count)) { (_: Int64, _: Int) in data }
                }
            }
        }

        /// Unzips with `unzipper`; the refusal, or nil on success.
        func unzip(_ unzipper: PackageUnzipper = PackageUnzipper()) -> PackageUnzipper.Refusal? {
            do {
                try unzipper.unzip(zip, into: out)
                return nil
            } catch {
                return error
            }
        }

        /// Every path under the scratch folder except the zip: what an unzip left behind.
        func leftovers() -> [String] {
            let all = FileManager.default.subpaths(atPath: root.path) ?? []
            return all.filter { $0 != "package.zip" }.sorted()
        }
    }

    @Test("files, folders, modes and links inside the package are unpacked as they were")
    func ordinaryPackage() throws {
        let scratch = try Scratch()
        let script = Data("#!/bin/sh\necho hi\n".utf8)
        let module = Data(String(repeating: "exports.handler = async (e) => e;\n", count: 500).utf8)
        try scratch.write([
            .file("bootstrap", script, permissions: 0o755, compressed: false),
            .directory("lib/"),
            .file("lib/index.js", module),
            .file("node_modules/tool/cli.js", Data("run()".utf8), permissions: 0o755),
            .link("node_modules/.bin/tool", target: "../tool/cli.js"),
            .link("current", target: "lib"),
        ])
        #expect(scratch.unzip() == nil)
        let out = scratch.out.path
        #expect(FileManager.default.contents(atPath: out + "/bootstrap") == script)
        #expect(FileManager.default.contents(atPath: out + "/lib/index.js") == module)
        #expect(FileManager.default.isExecutableFile(atPath: out + "/bootstrap"))
        #expect(!FileManager.default.isExecutableFile(atPath: out + "/lib/index.js"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/node_modules/.bin/tool") == "../tool/cli.js")
        #expect(FileManager.default.contents(atPath: out + "/node_modules/.bin/tool") == Data("run()".utf8))
        #expect(FileManager.default.contents(atPath: out + "/current/index.js") == module)
    }

    @Test("entries that climb out or are absolute are refused, and nothing is left", arguments: [
        "../evil.txt", "a/../../evil.txt", "/tmp/evil.txt", "ok/../../../evil.txt",
    ])
    func zipSlip(_ path: String) throws {
        let scratch = try Scratch()
        try scratch.write([.file("fine.txt", Data("fine".utf8)), .file(path, Data("evil".utf8))])
        #expect(scratch.unzip() == .escapesFolder(path))
        #expect(scratch.leftovers().isEmpty)
    }

    @Test("links that lead out of the folder are refused, even through the package's other links", arguments: [
        [Item.link("out", target: "../../etc")],
        [Item.link("abs", target: "/etc/passwd")],
        [Item.link("here", target: "."), Item.link("up", target: "here/..")],
        [Item.link("a", target: "b"), Item.link("b", target: "a")],
    ])
    func linksOut(_ items: [Item]) throws {
        let scratch = try Scratch()
        try scratch.write([.file("fine.txt", Data("fine".utf8))] + items)
        #expect(scratch.unzip().map { if case .escapesFolder = $0 { true } else { false } } == true)
        #expect(scratch.leftovers().isEmpty)
    }

    @Test("a file written through one of the package's links is refused")
    func writeThroughLink() throws {
        let scratch = try Scratch()
        try scratch.write([.link("d", target: "sub"), .directory("sub/"), .file("d/x", Data("x".utf8))])
        #expect(scratch.unzip() == .escapesFolder("d/x"))
        #expect(scratch.leftovers().isEmpty)
    }

    @Test("a package whose files add up to the unzipped limit is refused before anything is written")
    func unzippedLimit() throws {
        let scratch = try Scratch()
        try scratch.write([.file("a.bin", Data(count: 600)), .file("b.bin", Data(count: 400))])
        #expect(scratch.unzip(PackageUnzipper(unzippedLimit: 1000)) == .tooLarge)
        #expect(scratch.leftovers().isEmpty)
        #expect(scratch.unzip(PackageUnzipper(unzippedLimit: 1001)) == nil)
    }

    @Test("a header that understates a file's size is caught by counting the bytes written")
    func lyingSize() throws {
        let scratch = try Scratch()
        try scratch.write([.file("zeros.bin", Data(count: 50_000))])
        // Claim 10 bytes in the central directory (uncompressed size, 24 bytes into the record).
        var bytes = try Data(contentsOf: scratch.zip)
        let record = try #require(bytes.range(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        bytes.replaceSubrange(record + 24..<record + 28, with: [10, 0, 0, 0])
        try bytes.write(to: scratch.zip)
        #expect(scratch.unzip(PackageUnzipper(unzippedLimit: 1000)) == .notAZip)
        #expect(scratch.leftovers().isEmpty)
    }

    @Test("a package that expands past the ratio is refused as a zip bomb")
    func expansionRatio() throws {
        let scratch = try Scratch()
        try scratch.write([.file("zeros.bin", Data(count: 200_000))])
        #expect(scratch.unzip(PackageUnzipper(maximumExpansionRatio: 10)) == .expandsTooMuch)
        #expect(scratch.leftovers().isEmpty)
        #expect(scratch.unzip() == nil)
    }

    @Test("bytes that are not a zip, and a truncated zip, are refused")
    func notAZip() throws {
        let scratch = try Scratch()
        try Data("this is not a zip file".utf8).write(to: scratch.zip)
        #expect(scratch.unzip() == .notAZip)
        #expect(scratch.leftovers().isEmpty)

        try FileManager.default.removeItem(at: scratch.zip)
        try scratch.write([.file("a.txt", Data(String(repeating: "abc", count: 10_000).utf8))])
        var bytes = try Data(contentsOf: scratch.zip)
        // Damage the compressed data: the CRC or the stream catches it.
        bytes.replaceSubrange(40..<80, with: Data(repeating: 0xFF, count: 40))
        try bytes.write(to: scratch.zip)
        #expect(scratch.unzip() == .notAZip)
        #expect(scratch.leftovers().isEmpty)
    }

    @Test("a deflate stream that runs past its entry to the end of the file is refused, not read forever")
    func streamPastItsEntry() throws {
        let scratch = try Scratch()
        // One entry "a" whose 5 bytes of data open a stored block of 69 bytes: exactly the central
        // directory record (46 + 1) and the end record (22) after it. Inflating it consumes the
        // rest of the file and then asks for more, which never comes.
        let name = Data("a".utf8)
        let data = Data([0x00, 69, 0x00, ~UInt8(69), 0xFF])
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16) }
        var archive = Data([0x50, 0x4B, 0x03, 0x04]) + le16(20) + le16(0) + le16(8) + le16(0) + le16(0)
        archive += le32(0) + le32(data.count) + le32(69) + le16(name.count) + le16(0) + name + data
        let centralStart = archive.count
        archive += Data([0x50, 0x4B, 0x01, 0x02]) + le16(0x031E) + le16(20) + le16(0) + le16(8) + le16(0) + le16(0)
        archive += le32(0) + le32(data.count) + le32(69) + le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0)
        archive += le32(0o100644 << 16) + le32(0) + name
        let centralSize = archive.count - centralStart
        archive += Data([0x50, 0x4B, 0x05, 0x06]) + le16(0) + le16(0) + le16(1) + le16(1) + le32(centralSize) + le32(centralStart) + le16(0)
        #expect(archive.count - centralStart == 69)
        try Data(archive).write(to: scratch.zip)
        #expect(scratch.unzip() == .notAZip)
        #expect(scratch.leftovers().isEmpty)
    }

    @Test("entry paths are split into safe components")
    func components() {
        #expect(PackageUnzipper.components(of: "a/./b//c") == ["a", "b", "c"])
        #expect(PackageUnzipper.components(of: "./") == [])
        #expect(PackageUnzipper.components(of: "a/../b") == nil)
        #expect(PackageUnzipper.components(of: "/etc/passwd") == nil)
        #expect(PackageUnzipper.components(of: "..\\windows") == ["..\\windows"])
    }
}
