package import Foundation

/// The inputs kept in the repository: `fuzz/corpus/<target>/` (what the fuzzer found
/// interesting, plus hand-written seeds) and `fuzz/crashes/<target>/` (every crash it found).
package enum FuzzCorpus {
    /// The files under `url`, or `url` itself when it is a file, sorted by path; dot files
    /// (`.gitkeep`) are skipped.
    package static func files(at url: URL) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [url] }
        guard let enumerator = FileManager.default.enumerator(
            at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var files: [URL] = []
        for case let file as URL in enumerator {
            if (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files.append(file)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
