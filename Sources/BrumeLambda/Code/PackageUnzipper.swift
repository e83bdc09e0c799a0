import Foundation
import ZIPFoundation

/// Unpacks a deployment package in process (ZIPFoundation), refusing what would leave the
/// folder or fill the disk.
///
/// - Every entry path is relative and never climbs (`..`); absolute paths are refused.
/// - Symbolic links are kept (a `node_modules/.bin` needs them) when their target, followed
///   through the package's own links, stays inside the folder; no entry is written through a link.
/// - The unzipped total stays under Lambda's 250 MB, counted as bytes are written, whatever the
///   headers claim; and the package may not expand more than ``maximumExpansionRatio`` times
///   its size, which only a zip bomb of overlapping entries does (DEFLATE itself tops out near
///   1,032:1).
/// - File modes from the archive are kept (a `provided` function's `bootstrap` must stay
///   executable), without set-id bits.
///
/// The destination is created by ``unzip(_:into:)`` and removed again on any refusal, so a
/// refused package leaves nothing behind.
struct PackageUnzipper {
    /// Why a package was refused.
    enum Refusal: Error, Equatable {
        /// Not a zip, or an entry that is corrupt, truncated, encrypted or of a kind Brume does not unpack.
        case notAZip
        /// An entry or a link target that leaves the folder; carries the entry's path.
        case escapesFolder(String)
        /// The unzipped total reaches the limit.
        case tooLarge
        /// The package expands more than the ratio allows.
        case expandsTooMuch
    }

    /// The unzipped bytes a package may hold: Lambda's 250 MB.
    var unzippedLimit = LambdaLimits.unzippedPackage
    /// How many times its own size a package may expand to.
    var maximumExpansionRatio = 1_100
    /// The longest link target kept.
    static let maximumLinkTarget = 4096
    /// Links followed while resolving one target, as the kernel's own limit.
    static let maximumLinkHops = 40

    /// Unpacks `archive` into `destination`, which must not exist yet.
    /// - Throws: a ``Refusal``; `destination` does not exist afterwards.
    func unzip(_ archive: URL, into destination: URL) throws(Refusal) {
        do {
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        } catch {
            throw .notAZip
        }
        do {
            try unpack(archive, into: destination)
        } catch {
            try? FileManager.default.removeItem(at: destination)
            throw error
        }
    }

    private func unpack(_ archiveURL: URL, into destination: URL) throws(Refusal) {
        let archiveSize = (try? FileManager.default.attributesOfItem(atPath: archiveURL.path)[.size] as? Int) ?? 0
        let expansionLimit = max(archiveSize, 1) * maximumExpansionRatio
        let archive: Archive
        let reader: ZipEntryReader
        do {
            archive = try Archive(url: archiveURL, accessMode: .read)
            reader = try ZipEntryReader(archive: archiveURL)
        } catch {
            throw .notAZip
        }

        // First the directory alone: paths, links and declared sizes are refused before a byte is written.
        var entries: [(entry: Entry, components: [String])] = []
        var links: Set<String> = []
        var declared: UInt64 = 0
        for entry in archive {
            let path = entry.path
            guard let components = Self.components(of: path) else { throw .escapesFolder(path) }
            if entry.type == .symlink {
                guard !components.isEmpty, entry.compressedSize <= UInt64(Self.maximumLinkTarget) else { throw .notAZip }
                links.insert(components.joined(separator: "/"))
            }
            // One entry is checked alone first, so a saturated ZIP64 size cannot overflow the sum.
            guard entry.uncompressedSize < UInt64(unzippedLimit) else { throw .tooLarge }
            declared += entry.uncompressedSize
            guard declared < UInt64(unzippedLimit) else { throw .tooLarge }
            guard declared <= UInt64(expansionLimit) else { throw .expandsTooMuch }
            entries.append((entry, components))
        }
        for (entry, components) in entries where components.count > 1 {
            // Writing `link/file` would go wherever `link` points.
            for end in 1..<components.count where links.contains(components[..<end].joined(separator: "/")) {
                throw .escapesFolder(entry.path)
            }
        }

        var written = 0
        var targets: [String: String] = [:]
        for (entry, components) in entries {
            switch entry.type {
            case .directory:
                guard !components.isEmpty else { continue }
                do {
                    try FileManager.default.createDirectory(at: Self.url(components, in: destination), withIntermediateDirectories: true)
                } catch {
                    throw .notAZip
                }
            case .file:
                guard !components.isEmpty else { throw .notAZip }
                try write(entry, to: Self.url(components, in: destination), reader: reader, written: &written, expansionLimit: expansionLimit)
            case .symlink:
                var target = Data()
                do {
                    try reader.read(entry) { data in
                        target.append(data)
                        if target.count > Self.maximumLinkTarget { throw Refusal.notAZip }
                    }
                } catch let refusal as Refusal {
                    throw refusal
                } catch {
                    throw .notAZip
                }
                guard let text = String(data: target, encoding: .utf8), !text.isEmpty, !text.contains("\0") else { throw .notAZip }
                targets[components.joined(separator: "/")] = text
            }
        }

        // Links last, once every target is known: each must resolve inside the folder.
        for (path, target) in targets.sorted(by: { $0.key < $1.key }) {
            guard Self.resolvesInside(link: path, links: targets) else { throw .escapesFolder(path) }
            let url = destination.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
            } catch {
                throw .notAZip
            }
        }
    }

    /// Writes one file entry, counting its bytes against the limits as they come.
    private func write(_ entry: Entry, to url: URL, reader: ZipEntryReader, written: inout Int, expansionLimit: Int) throws(Refusal) {
        let mode = Self.permissions(of: entry)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .notAZip
        }
        // A repeated entry replaces the earlier file, as unzip does; a link is never followed.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .notAZip }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var entryBytes: UInt64 = 0
        var total = written
        do {
            try reader.read(entry) { data in
                entryBytes += UInt64(data.count)
                total += data.count
                // More than the header declared is a lying header; the declared sizes were checked already.
                guard entryBytes <= entry.uncompressedSize else { throw Refusal.notAZip }
                guard total < unzippedLimit else { throw Refusal.tooLarge }
                guard total <= expansionLimit else { throw Refusal.expandsTooMuch }
                try handle.write(contentsOf: data)
            }
            guard entryBytes == entry.uncompressedSize else { throw Refusal.notAZip }
            guard fchmod(descriptor, mode_t(mode)) == 0 else { throw Refusal.notAZip }
            try handle.close()
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw .notAZip
        }
        written = total
    }

    /// The path's components, without `.` and empty ones; nil for an absolute path, a `..`
    /// anywhere, or a NUL.
    static func components(of path: String) -> [String]? {
        guard !path.hasPrefix("/"), !path.contains("\0") else { return nil }
        var components: [String] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            guard component != ".." else { return nil }
            components.append(String(component))
        }
        return components
    }

    /// Whether the link at `link` (a path in the folder) resolves inside the folder, following
    /// the package's links (`links`: path → target) as the kernel would. Paths that are not
    /// links are directories or files of the package, or nothing, which cannot lead out.
    static func resolvesInside(link: String, links: [String: String]) -> Bool {
        var resolved = link.split(separator: "/").map(String.init)
        var pending: [String] = []
        var hops = 0
        // The link itself is the first hop: continue from its folder with its target.
        func follow(_ target: String) -> Bool {
            hops += 1
            guard hops <= maximumLinkHops, !target.hasPrefix("/") else { return false }
            resolved.removeLast()
            pending.insert(contentsOf: target.split(separator: "/").map(String.init), at: 0)
            return true
        }
        guard let first = links[link], follow(first) else { return false }
        while !pending.isEmpty {
            let component = pending.removeFirst()
            switch component {
            case ".":
                continue
            case "..":
                guard !resolved.isEmpty else { return false }
                resolved.removeLast()
            default:
                resolved.append(component)
                if let target = links[resolved.joined(separator: "/")], !follow(target) { return false }
            }
        }
        return true
    }

    /// The entry's permission bits (ZIPFoundation's reading of its Unix mode, 0644 when it has
    /// none), without set-id and sticky bits.
    private static func permissions(of entry: Entry) -> UInt16 {
        let value = entry.fileAttributes[.posixPermissions]
        let mode = (value as? UInt16) ?? (value as? NSNumber)?.uint16Value ?? 0o644
        return mode & 0o777
    }

    private static func url(_ components: [String], in folder: URL) -> URL {
        components.reduce(folder) { $0.appendingPathComponent($1) }
    }
}
